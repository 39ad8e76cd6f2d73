import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { reference, text } from '../../schema/fields';
import { decideHold } from '../deciders/lifecycle';
import type { EntryKind, EntryOf } from './kind';

export const holdSchema = lazySchema(() => meta(z.strictObject({ reason: text(500), reference: real(reference) }), { id: 'Hold', description: 'Suspends transfers and payments' }));

export interface HoldDetails {
  reason: string;
}
export type HoldEntry = EntryOf<'hold', HoldDetails>;
export interface HoldCommand {
  type: 'hold';
  reason: string;
  reference: string;
}

/** The project is put on hold (暂停拨付): no transfers or payments until it is released. */
export const hold: EntryKind<'hold', HoldDetails, HoldCommand> = {
  type: 'hold',
  term: 'entry.hold',
  route: {
    path: '/projects/{projectId}/holds',
    summary: 'Put the project on hold',
    description: 'Admin or finance officer. Transfers and payments are refused (project-on-hold).',
    tags: ['Lifecycle'],
    body: holdSchema,
    toCommand: (b: Omit<HoldCommand, 'type'>) => ({ type: 'hold', ...b }),
  },
  roles: ['admin', 'finance-officer'],
  decide: (state, command, ctx) => decideHold(state, command, ctx),
  evolve: (s, e) => ({ ...s, status: 'on-hold', hold: { entryId: e.entryId, since: e.valueDate } }),
  sign: 0,
  reversible: false,
};

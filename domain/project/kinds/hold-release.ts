import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { memo, reference } from '../../schema/fields';
import { decideRelease } from '../deciders/lifecycle';
import type { EntryKind, EntryOf } from './kind';

export const releaseSchema = lazySchema(() => meta(z.strictObject({ reference: z.optional(real(reference)), memo: real(memo) }), { id: 'HoldRelease' }));

export type HoldReleaseDetails = Record<string, never>;
export type HoldReleaseEntry = EntryOf<'hold-release', HoldReleaseDetails>;
export interface HoldReleaseCommand {
  type: 'hold-release';
  holdEntryId: string;
  reference?: string | null;
  memo?: string | null;
}

/** The hold is lifted (恢复拨付): transfers and payments may go on. */
export const holdRelease: EntryKind<'hold-release', HoldReleaseDetails, HoldReleaseCommand> = {
  type: 'hold-release',
  term: 'entry.hold-release',
  route: {
    path: '/projects/{projectId}/holds/{entryId}/release',
    summary: 'Release a hold',
    description: 'Admin or finance officer.',
    tags: ['Lifecycle'],
    body: releaseSchema,
    bodyOptional: true,
    toCommand: (b: { reference?: string | null; memo?: string | null } | undefined, params) => ({ type: 'hold-release', holdEntryId: params.entryId!, reference: b?.reference ?? null, memo: b?.memo ?? null }),
  },
  roles: ['admin', 'finance-officer'],
  decide: (state, command, ctx) => decideRelease(state, command, ctx),
  evolve: (s) => ({ ...s, status: 'active', hold: null }),
  sign: 0,
  reversible: false,
};

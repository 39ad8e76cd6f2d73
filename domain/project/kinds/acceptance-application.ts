import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, memo, reference } from '../../schema/fields';
import type { BusinessDate } from '../../dates';
import { decideAcceptanceApplication } from '../deciders/lifecycle';
import type { EntryKind, EntryOf } from './kind';

export const acceptanceApplicationSchema = lazySchema(() =>
  meta(
    z.strictObject({ appliedOn: real(businessDate), reference: real(reference), memo: real(memo) }),
    { id: 'AcceptanceApplication', description: '验收结题申请 by the zone, from 90 days before endsOn' },
  ),
);

export type AcceptanceApplicationDetails = Record<string, never>;
export type AcceptanceApplicationEntry = EntryOf<'acceptance-application', AcceptanceApplicationDetails>;
export interface AcceptanceApplicationCommand {
  type: 'acceptance-application';
  appliedOn: BusinessDate;
  reference: string;
  memo?: string | null;
}

/** The zone applies for acceptance (验收结题申请), once, from 90 days before the period ends. */
export const acceptanceApplication: EntryKind<'acceptance-application', AcceptanceApplicationDetails, AcceptanceApplicationCommand> = {
  type: 'acceptance-application',
  term: 'entry.acceptance-application',
  route: {
    path: '/projects/{projectId}/acceptance-applications',
    summary: 'Apply for acceptance',
    description: 'Zone committee, on or after endsOn − 90 days.',
    tags: ['Lifecycle'],
    body: acceptanceApplicationSchema,
    toCommand: (b: Omit<AcceptanceApplicationCommand, 'type'>) => ({ type: 'acceptance-application', ...b }),
  },
  roles: ['zone-committee'],
  decide: (state, command, ctx) => decideAcceptanceApplication(state, command, ctx),
  evolve: (s, e) => ({ ...s, acceptance: { applicationEntryId: e.entryId, appliedOn: e.valueDate, result: null, decidedOn: null } }),
  sign: 0,
  reversible: false,
};

import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, fen, positiveFen, reference, text } from '../../schema/fields';
import { decideAdjustmentProposal } from '../deciders/proposals';
import type { AdjustmentChange } from '../types';
import type { EntryKind, EntryOf } from './kind';
import { trancheSchema } from './registration';

export const adjustmentSchema = lazySchema(() =>
  meta(
    z.strictObject({
      contract: z.optional(z.strictObject({ provinceGrantFen: z.optional(real(positiveFen)), zoneGrantFen: z.optional(real(fen)), endsOn: z.optional(real(businessDate)) })),
      schedule: z.optional(z.array(real(trancheSchema)).check(z.minLength(1), z.maxLength(100))),
      newInvestmentFen: z.optional(real(positiveFen)),
      reference: real(reference),
      reason: text(500),
    }),
    { id: 'AdjustmentProposal', description: 'A change of the contract (项目调整) or an extension of its end, for approval by an admin' },
  ),
);

export interface AdjustmentProposalDetails {
  change: AdjustmentChange;
  reason?: string;
}
export type AdjustmentProposalEntry = EntryOf<'adjustment-proposal', AdjustmentProposalDetails>;
export interface AdjustmentProposalCommand {
  type: 'adjustment-proposal';
  change: AdjustmentChange;
  reference: string;
  reason: string;
}

type AdjustmentBody = AdjustmentChange & { reference: string; reason: string };

/** A finance officer proposes a change of the contract (项目调整) or an extension of its end. */
export const adjustmentProposal: EntryKind<'adjustment-proposal', AdjustmentProposalDetails, AdjustmentProposalCommand> = {
  type: 'adjustment-proposal',
  term: 'entry.adjustment-proposal',
  route: {
    path: '/projects/{projectId}/adjustments',
    summary: 'Propose an adjustment or extension',
    description: 'Finance officer. Checked against every rule now and again on approval.',
    tags: ['Lifecycle'],
    body: adjustmentSchema,
    toCommand: (b: AdjustmentBody) => ({
      type: 'adjustment-proposal',
      change: { ...(b.contract ? { contract: b.contract } : {}), ...(b.schedule ? { schedule: b.schedule } : {}), ...(b.newInvestmentFen !== undefined ? { newInvestmentFen: b.newInvestmentFen } : {}) },
      reference: b.reference,
      reason: b.reason,
    }),
  },
  roles: ['finance-officer'],
  decide: (state, command, ctx) => decideAdjustmentProposal(state, command, ctx),
  evolve: (s, e) => {
    const others = s.proposals.filter((p) => p.kind !== 'adjustment');
    return { ...s, proposals: [...others, { kind: 'adjustment', entryId: e.entryId, proposedBy: e.actor.sub, proposedOn: e.valueDate, reference: e.reference, change: e.details.change }] };
  },
  sign: 0,
  reversible: false,
};

import { applyChange } from '../terms';
import { decideAdjustmentApproval } from '../deciders/proposals';
import type { AdjustmentChange } from '../types';
import { approvalCommand, approvalSchema, type ApprovalBody } from './approval';
import type { EntryKind, EntryOf } from './kind';

export interface AdjustmentApprovalDetails {
  change: AdjustmentChange;
}
export type AdjustmentApprovalEntry = EntryOf<'adjustment-approval', AdjustmentApprovalDetails>;
export interface AdjustmentApprovalCommand {
  type: 'adjustment-approval';
  proposalEntryId: string;
  reference?: string | null;
  memo?: string | null;
}

/** An admin other than the proposer approves the adjustment: the terms change from then on. */
export const adjustmentApproval: EntryKind<'adjustment-approval', AdjustmentApprovalDetails, AdjustmentApprovalCommand> = {
  type: 'adjustment-approval',
  term: 'entry.adjustment-approval',
  route: {
    path: '/projects/{projectId}/adjustments/{entryId}/approval',
    summary: 'Approve an adjustment',
    description: 'Admin, a different person (four-eyes).',
    tags: ['Lifecycle'],
    body: approvalSchema,
    bodyOptional: true,
    toCommand: (b: ApprovalBody, params) => approvalCommand('adjustment-approval', b, params),
  },
  roles: ['admin'],
  decide: (state, command, ctx) => decideAdjustmentApproval(state, command, ctx),
  evolve: (s, e) => ({ ...s, terms: applyChange(s.terms, e.details.change), proposals: s.proposals.filter((p) => p.entryId !== e.refersTo) }),
  sign: 0,
  reversible: false,
};

import type { Fen } from '../../money';
import { moveBook, recoveryDueFrom } from '../books';
import { decideTerminationApproval } from '../deciders/proposals';
import type { RecoveryDue } from '../types';
import { approvalCommand, approvalSchema, type ApprovalBody } from './approval';
import type { EntryKind, EntryOf } from './kind';

export interface TerminationApprovalDetails {
  recoveryDue: RecoveryDue | null;
  /** The province money pending at termination, voided: cancelled commitments, freeing the caps. */
  voidedFen: Fen;
}
export type TerminationApprovalEntry = EntryOf<'termination-approval', TerminationApprovalDetails>;
export interface TerminationApprovalCommand {
  type: 'termination-approval';
  proposalEntryId: string;
  reference?: string | null;
  memo?: string | null;
}

/** Another admin approves: the project is terminated, pending allocations are voided. */
export const terminationApproval: EntryKind<'termination-approval', TerminationApprovalDetails, TerminationApprovalCommand> = {
  type: 'termination-approval',
  term: 'entry.termination-approval',
  route: {
    path: '/projects/{projectId}/termination/{entryId}/approval',
    summary: 'Approve termination',
    description: 'Another admin. Pending allocations are voided; nothing more can be committed or passed on.',
    tags: ['Lifecycle'],
    body: approvalSchema,
    bodyOptional: true,
    toCommand: (b: ApprovalBody, params) => approvalCommand('termination-approval', b, params),
  },
  roles: ['admin'],
  decide: (state, command, ctx) => decideTerminationApproval(state, command, ctx),
  evolve: (s, e) => ({
    ...s,
    status: 'terminated',
    hold: null,
    proposals: [],
    openAllocations: [],
    province: moveBook(s.province, { decommittedFen: e.details.voidedFen }),
    recoveryDue: recoveryDueFrom(s, e.entryId, e.details.recoveryDue),
  }),
  sign: 0,
  reversible: false,
};

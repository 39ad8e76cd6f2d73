import type { CapRule } from '../../programs/program';
import type { Fen } from '../../money';
import { decideCapExceptionApproval } from '../deciders/proposals';
import { approvalCommand, approvalSchema, type ApprovalBody } from './approval';
import type { EntryKind, EntryOf } from './kind';

export interface CapExceptionApprovalDetails {
  rule: CapRule;
  limitFen: Fen;
}
export type CapExceptionApprovalEntry = EntryOf<'cap-exception-approval', CapExceptionApprovalDetails>;
export interface CapExceptionApprovalCommand {
  type: 'cap-exception-approval';
  proposalEntryId: string;
  reference?: string | null;
  memo?: string | null;
}

/** A second admin approves the exception: from then on that rule uses the raised limit here. */
export const capExceptionApproval: EntryKind<'cap-exception-approval', CapExceptionApprovalDetails, CapExceptionApprovalCommand> = {
  type: 'cap-exception-approval',
  term: 'entry.cap-exception-approval',
  route: {
    path: '/projects/{projectId}/cap-exceptions/{entryId}/approval',
    summary: 'Approve a cap exception',
    description: 'Admin, a different person than the proposer (four-eyes).',
    tags: ['Exceptions'],
    body: approvalSchema,
    bodyOptional: true,
    toCommand: (b: ApprovalBody, params) => approvalCommand('cap-exception-approval', b, params),
  },
  roles: ['admin'],
  decide: (state, command, ctx) => decideCapExceptionApproval(state, command, ctx),
  evolve: (s, e) => {
    const d = e.details;
    const proposal = s.proposals.find((p) => p.entryId === e.refersTo);
    return {
      ...s,
      proposals: s.proposals.filter((p) => p.entryId !== e.refersTo),
      exceptions: [
        ...s.exceptions.filter((x) => x.rule !== d.rule),
        { rule: d.rule, limitFen: d.limitFen, proposalEntryId: e.refersTo ?? '', approvalEntryId: e.entryId, reference: proposal?.reference ?? e.reference },
      ],
    };
  },
  sign: 0,
  reversible: false,
};

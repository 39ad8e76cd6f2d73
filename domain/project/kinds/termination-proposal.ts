import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, positiveFen, reference, text } from '../../schema/fields';
import type { BusinessDate } from '../../dates';
import type { Fen } from '../../money';
import { decideTerminationProposal } from '../deciders/proposals';
import type { RecoveryDue } from '../types';
import type { EntryKind, EntryOf } from './kind';

export const terminationSchema = lazySchema(() =>
  meta(
    z.strictObject({ reason: text(500), reference: real(reference), recoveryDueFen: z.optional(z.nullable(real(positiveFen))), recoveryDueOn: z.optional(z.nullable(real(businessDate))) }),
    { id: 'TerminationProposal' },
  ),
);

export interface TerminationProposalDetails {
  reason: string;
  recoveryDue: RecoveryDue | null;
}
export type TerminationProposalEntry = EntryOf<'termination-proposal', TerminationProposalDetails>;
export interface TerminationProposalCommand {
  type: 'termination-proposal';
  reason: string;
  reference: string;
  recoveryDueFen?: Fen | null;
  recoveryDueOn?: BusinessDate | null;
}

/** An admin proposes to terminate the project (终止), with any money due back. */
export const terminationProposal: EntryKind<'termination-proposal', TerminationProposalDetails, TerminationProposalCommand> = {
  type: 'termination-proposal',
  term: 'entry.termination-proposal',
  route: {
    path: '/projects/{projectId}/termination',
    summary: 'Propose termination',
    description: 'Admin.',
    tags: ['Lifecycle'],
    body: terminationSchema,
    toCommand: (b: Omit<TerminationProposalCommand, 'type'>) => ({ type: 'termination-proposal', ...b }),
  },
  roles: ['admin'],
  decide: (state, command, ctx) => decideTerminationProposal(state, command, ctx),
  evolve: (s, e) => {
    const others = s.proposals.filter((p) => p.kind !== 'termination');
    return { ...s, proposals: [...others, { kind: 'termination', entryId: e.entryId, proposedBy: e.actor.sub, proposedOn: e.valueDate, reference: e.reference, recoveryDue: e.details.recoveryDue }] };
  },
  sign: 0,
  reversible: false,
};

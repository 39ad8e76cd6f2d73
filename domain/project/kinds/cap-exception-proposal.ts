import * as z from 'zod/mini';
import { CAP_RULE, type CapRule } from '../../programs/program';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { positiveFen, reference, text } from '../../schema/fields';
import type { Fen } from '../../money';
import { decideCapExceptionProposal } from '../deciders/proposals';
import type { EntryKind, EntryOf } from './kind';

export const capExceptionSchema = lazySchema(() =>
  meta(
    z.strictObject({
      rule: meta(z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z-]+$/, 'a rule id')), { description: `The cap's rule id: ${Object.values(CAP_RULE).join(', ')}` }),
      limitFen: real(positiveFen),
      reference: real(reference),
      reason: text(500),
    }),
    { id: 'CapExceptionProposal', description: 'Proposes a raised limit for one in-principle (原则上) cap of this project; reference: the approval document' },
  ),
);

export interface CapExceptionProposalDetails {
  rule: CapRule;
  limitFen: Fen;
  reason?: string;
}
export type CapExceptionProposalEntry = EntryOf<'cap-exception-proposal', CapExceptionProposalDetails>;
export interface CapExceptionProposalCommand {
  type: 'cap-exception-proposal';
  rule: string;
  limitFen: Fen;
  reference: string;
  reason: string;
}

/** An admin proposes a raised limit for one in-principle (原则上) cap of this project. */
export const capExceptionProposal: EntryKind<'cap-exception-proposal', CapExceptionProposalDetails, CapExceptionProposalCommand> = {
  type: 'cap-exception-proposal',
  term: 'entry.cap-exception-proposal',
  route: {
    path: '/projects/{projectId}/cap-exceptions',
    summary: 'Propose an exception to an in-principle cap',
    description: 'Admin. A cap the program does not list in inPrinciple → 422 cap-not-exceptable.',
    tags: ['Exceptions'],
    body: capExceptionSchema,
    toCommand: (b: Omit<CapExceptionProposalCommand, 'type'>) => ({ type: 'cap-exception-proposal', ...b }),
  },
  roles: ['admin'],
  decide: (state, command, ctx) => decideCapExceptionProposal(state, command, ctx),
  evolve: (s, e) => {
    const d = e.details;
    const others = s.proposals.filter((p) => !(p.kind === 'cap-exception' && p.rule === d.rule));
    return { ...s, proposals: [...others, { kind: 'cap-exception', entryId: e.entryId, proposedBy: e.actor.sub, proposedOn: e.valueDate, reference: e.reference, rule: d.rule, limitFen: d.limitFen }] };
  },
  sign: 0,
  reversible: false,
};

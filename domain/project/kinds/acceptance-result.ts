import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, memo, positiveFen, reference } from '../../schema/fields';
import type { BusinessDate } from '../../dates';
import type { Fen } from '../../money';
import { recoveryDueFrom } from '../books';
import { decideAcceptanceResult } from '../deciders/lifecycle';
import type { RecoveryDue } from '../types';
import type { EntryKind, EntryOf } from './kind';

export const acceptanceResultSchema = lazySchema(() =>
  meta(
    z.strictObject({
      result: z.enum(['pass', 'fail']),
      decidedOn: real(businessDate),
      reference: real(reference),
      recoveryDueFen: z.optional(z.nullable(real(positiveFen))),
      recoveryDueOn: z.optional(z.nullable(real(businessDate))),
      memo: real(memo),
    }),
    { id: 'AcceptanceResult' },
  ),
);

export interface AcceptanceResultDetails {
  result: 'pass' | 'fail';
  recoveryDue: RecoveryDue | null;
}
export type AcceptanceResultEntry = EntryOf<'acceptance-result', AcceptanceResultDetails>;
export interface AcceptanceResultCommand {
  type: 'acceptance-result';
  result: 'pass' | 'fail';
  decidedOn: BusinessDate;
  reference: string;
  recoveryDueFen?: Fen | null;
  recoveryDueOn?: BusinessDate | null;
  memo?: string | null;
}

/** The acceptance result (验收结论) closes the project: closed-accepted (pass) or closed-failed (fail). */
export const acceptanceResult: EntryKind<'acceptance-result', AcceptanceResultDetails, AcceptanceResultCommand> = {
  type: 'acceptance-result',
  term: 'entry.acceptance-result',
  route: {
    path: '/projects/{projectId}/acceptance-results',
    summary: 'Record the acceptance result',
    description: 'Admin, or the city bureau of the project’s city. Closes the project.',
    tags: ['Lifecycle'],
    body: acceptanceResultSchema,
    toCommand: (b: Omit<AcceptanceResultCommand, 'type'>) => ({ type: 'acceptance-result', ...b }),
  },
  roles: ['admin', 'city-bureau'],
  decide: (state, command, ctx) => decideAcceptanceResult(state, command, ctx),
  evolve: (s, e) => {
    const d = e.details;
    return {
      ...s,
      status: d.result === 'pass' ? 'closed-accepted' : 'closed-failed',
      hold: null,
      proposals: [],
      acceptance: s.acceptance ? { ...s.acceptance, result: d.result, decidedOn: e.valueDate } : s.acceptance,
      recoveryDue: recoveryDueFrom(s, e.entryId, d.recoveryDue),
    };
  },
  sign: 0,
  reversible: false,
};

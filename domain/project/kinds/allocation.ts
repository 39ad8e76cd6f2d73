import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, indicatorNo, memo, positiveFen, reference } from '../../schema/fields';
import type { BusinessDate } from '../../dates';
import type { Fen } from '../../money';
import { moveBook } from '../books';
import { decideAllocation } from '../deciders/money';
import type { OpenAllocation } from '../types';
import type { EntryKind, EntryOf } from './kind';

export const allocationSchema = lazySchema(() =>
  meta(
    z.strictObject({ amountFen: real(positiveFen), valueDate: real(businessDate), reference: real(reference), memo: real(memo), indicatorNo: z.optional(real(indicatorNo)) }),
    {
      id: 'Allocation',
      description: 'Province money for the project (计划下达); pending a match inside the zone under a match rule. indicatorNo: the budget indicator it draws on, required when the program has budgetControl',
    },
  ),
);

export interface AllocationDetails {
  /** The plan document (计划下达文件) it was posted under, if any. */
  documentNo: string | null;
  /** v3: the budget indicator (预算指标) it draws on; absent in entries recorded before, null when none was named. */
  indicatorNo?: string | null;
}
export type AllocationEntry = EntryOf<'allocation', AllocationDetails>;
export interface AllocationCommand {
  type: 'allocation';
  amountFen: Fen;
  valueDate: BusinessDate;
  reference: string;
  memo?: string | null;
  documentNo?: string | null;
  indicatorNo?: string | null;
}

/** Province money committed to the project (计划下达): pending the zone's match inside the zone. */
export const allocation: EntryKind<'allocation', AllocationDetails, AllocationCommand> = {
  type: 'allocation',
  term: 'entry.allocation',
  route: {
    path: '/projects/{projectId}/allocations',
    summary: 'Allocate province money',
    description: 'Finance officer. Pending a zone match inside the zone under a match rule; checked against every cap (pending counts) and the contract grant, and under budgetControl against the budget indicator it names (drawn on in the same transaction).',
    tags: ['Ledger'],
    body: allocationSchema,
    toCommand: (b: { amountFen: Fen; valueDate: BusinessDate; reference: string; memo?: string | null; indicatorNo?: string }) => ({ type: 'allocation', ...b }),
  },
  roles: ['finance-officer'],
  decide: (state, command, ctx) => decideAllocation(state, command, ctx),
  evolve: (s, e) => {
    if (e.status === 'pending-match') {
      const open: OpenAllocation = { entryId: e.entryId, seq: e.seq, amountFen: e.amountFen ?? 0, pendingFen: e.amountFen ?? 0, valueDate: e.valueDate, postedBy: e.actor.sub };
      return { ...s, openAllocations: [...s.openAllocations, open] };
    }
    return { ...s, province: moveBook(s.province, { confirmedFen: e.amountFen ?? 0 }) };
  },
  sign: 1,
  reversible: true,
};

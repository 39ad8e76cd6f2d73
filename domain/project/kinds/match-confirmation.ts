import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, entryId, memo, positiveFen, reference } from '../../schema/fields';
import type { BusinessDate } from '../../dates';
import type { Fen } from '../../money';
import { moveBook, movePending } from '../books';
import { decideConfirmation } from '../deciders/money';
import type { EntryKind, EntryOf } from './kind';

export const matchConfirmationSchema = lazySchema(() =>
  meta(
    z.strictObject({
      allocationEntryId: meta(z.optional(z.nullable(real(entryId))), { description: 'The pending province allocation matched, in part or whole; omitted: zone money above the ratio (not under exact)' }),
      amountFen: real(positiveFen),
      valueDate: real(businessDate),
      reference: real(reference),
      memo: real(memo),
    }),
    { id: 'MatchConfirmation' },
  ),
);

export interface MatchConfirmationDetails {
  /** The province money of the allocation (refersTo) this confirmation matched. */
  provinceFen: Fen;
}
export type MatchConfirmationEntry = EntryOf<'match-confirmation', MatchConfirmationDetails>;
export interface MatchConfirmationCommand {
  type: 'match-confirmation';
  /** The pending province allocation matched; omitted: zone money above the ratio. */
  allocationEntryId?: string | null;
  amountFen: Fen;
  valueDate: BusinessDate;
  reference: string;
  memo?: string | null;
}

/** The zone's matching money (配套确认), for part or all of a pending allocation or above the ratio. */
export const matchConfirmation: EntryKind<'match-confirmation', MatchConfirmationDetails, MatchConfirmationCommand> = {
  type: 'match-confirmation',
  term: 'entry.match-confirmation',
  route: {
    path: '/projects/{projectId}/match-confirmations',
    summary: 'Confirm matching zone money',
    description: 'Zone committee of the project’s zone. Part or all of an allocation’s pending money; above the ratio under at-least.',
    tags: ['Ledger'],
    body: matchConfirmationSchema,
    toCommand: (b: Omit<MatchConfirmationCommand, 'type'>) => ({ type: 'match-confirmation', ...b }),
  },
  roles: ['zone-committee'],
  decide: (state, command, ctx) => decideConfirmation(state, command, ctx),
  evolve: (s, e) => {
    const { provinceFen } = e.details;
    const alloc = e.refersTo ? s.openAllocations.find((a) => a.entryId === e.refersTo) : undefined;
    return {
      ...s,
      province: moveBook(s.province, { confirmedFen: provinceFen }),
      zone: moveBook(s.zone, { confirmedFen: e.amountFen ?? 0 }),
      openAllocations: alloc && provinceFen > 0 ? movePending(s.openAllocations, { ...alloc, provinceFen }, -provinceFen) : s.openAllocations,
    };
  },
  sign: 1,
  reversible: true,
};

import * as z from 'zod/mini';
import { addFen, subFen } from '../../money';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { entryId, text } from '../../schema/fields';
import { addOnDate, moveBook, movePending, withoutAllocation } from '../books';
import { decideReversal } from '../deciders/reversal';
import type { ProjectState, Undo } from '../types';
import type { EntryKind, EntryOf } from './kind';

export const reversalSchema = lazySchema(() =>
  meta(
    z.strictObject({ entryId: real(entryId), reason: text(500) }),
    { id: 'Reversal', description: 'Error correction by a different person: the entry is treated as never having happened' },
  ),
);

export interface ReversalDetails {
  reason: string;
  /** A copy of what is taken back, so replay needs nothing else. */
  undo: Undo;
}
export type ReversalEntry = EntryOf<'reversal', ReversalDetails>;
export interface ReversalCommand {
  type: 'reversal';
  entryId: string;
  reason: string;
}

function applyUndo(s: ProjectState, u: Undo): ProjectState {
  switch (u.type) {
    case 'allocation':
      return { ...s, openAllocations: withoutAllocation(s.openAllocations, u.entryId), province: moveBook(s.province, { confirmedFen: -u.confirmedFen }) };
    case 'match-confirmation':
      return {
        ...s,
        province: moveBook(s.province, { confirmedFen: -u.provinceFen }),
        zone: moveBook(s.zone, { confirmedFen: -u.zoneFen }),
        openAllocations: u.allocation && u.provinceFen > 0 ? movePending(s.openAllocations, u.allocation, u.provinceFen) : s.openAllocations,
      };
    case 'transfer':
      return { ...s, province: moveBook(s.province, { transferredFen: -u.amountFen }), transfers: addOnDate(s.transfers, u.valueDate, -u.amountFen) };
    case 'disbursement': {
      let next: ProjectState = { ...s, [u.funder]: moveBook(s[u.funder], { disbursedFen: -u.amountFen }) };
      if (u.impliedTransfer) {
        next = { ...next, province: moveBook(next.province, { transferredFen: -u.impliedTransfer.amountFen }), transfers: addOnDate(next.transfers, u.impliedTransfer.valueDate, -u.impliedTransfer.amountFen) };
      }
      return next;
    }
    case 'recovery': {
      const due = s.recoveryDue && u.beforeDueFen ? { ...s.recoveryDue, recoveredBeforeFen: subFen(s.recoveryDue.recoveredBeforeFen, u.beforeDueFen) } : s.recoveryDue;
      return { ...s, [u.funder]: moveBook(s[u.funder], { recoveredFen: -u.amountFen }), recoveryDue: due };
    }
    case 'decommitment': {
      let open = s.openAllocations;
      for (const part of u.fromPending) open = movePending(open, part, part.provinceFen);
      const fromPending = u.fromPending.reduce((t, p) => addFen(t, p.provinceFen), 0);
      return {
        ...s,
        openAllocations: open,
        province: moveBook(s.province, { confirmedFen: u.provinceFromConfirmedFen, decommittedFen: -addFen(fromPending, u.provinceFromConfirmedFen) }),
        zone: moveBook(s.zone, { confirmedFen: u.zoneFen, decommittedFen: -u.zoneFen }),
      };
    }
  }
}

/** Error correction (冲正): the entry it names is treated as never having happened. */
export const reversal: EntryKind<'reversal', ReversalDetails, ReversalCommand> = {
  type: 'reversal',
  term: 'entry.reversal',
  route: {
    path: '/projects/{projectId}/reversals',
    summary: 'Reverse an entry (error correction)',
    description: 'By the role that posted the entry, a different person; only if every day of the history without it, and every obligation recorded since, still holds.',
    tags: ['Ledger'],
    body: reversalSchema,
    toCommand: (b: Omit<ReversalCommand, 'type'>) => ({ type: 'reversal', ...b }),
  },
  // By the role that posted the kind of entry reversed (catalogue: the roles of reversible kinds).
  roles: ['finance-officer', 'zone-committee'],
  rolesOn: (_command, _project, target) => (target ? [target.actor.role] : ['finance-officer', 'zone-committee']),
  decide: (state, command, ctx) => decideReversal(state, command, ctx),
  evolve: (s, e) => applyUndo(s, e.details.undo),
  sign: 'opposite-of-target',
  reversible: false,
};

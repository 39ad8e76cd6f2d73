import type { Fen } from '../../money';
import type { Command, DecideContext, ReversalTarget } from '../commands';
import { violation, type Decision, type Rejection } from '../outcome';
import { settle } from '../posting';
import type { AllocationPart, Entry, ProjectState, Undo } from '../types';
import { flowsOfHistory } from '../../budget/entries';

const REVERSIBLE = new Set(['allocation', 'match-confirmation', 'transfer', 'disbursement', 'recovery', 'decommitment']);

const notAllowed = (detail: string): Rejection => violation({ rule: 'reversal-not-allowed', detail });

/** The seq of an entry id `<projectId>.<seq>`. */
const seqIn = (entryId: string): number => Number(entryId.slice(entryId.lastIndexOf('.') + 1));

/** An allocation as a part that can be put back on the open list. */
export const allocationPart = (allocation: Entry, provinceFen: Fen): AllocationPart => ({
  entryId: allocation.entryId,
  seq: allocation.seq,
  amountFen: allocation.amountFen ?? 0,
  valueDate: allocation.valueDate,
  postedBy: allocation.actor.sub,
  provinceFen,
});

/**
 * The entry a reversal names, found in the history: whether a reversal of it is recorded (a
 * format-1 reversal of an allocation also took back the confirmation that matched it), and for a
 * confirmation the allocation it matched.
 */
export function reversalTargetIn(history: readonly Entry[], entryId: string): ReversalTarget | null {
  const entry = history.find((e) => e.entryId === entryId);
  if (!entry) return null;
  const undoneBy = new Set([entry.entryId]);
  if (entry.type === 'match-confirmation' && entry.refersTo && entry.format !== 2) undoneBy.add(entry.refersTo);
  const reversed = history.some((e) => e.seq > entry.seq && e.type === 'reversal' && e.refersTo !== null && undoneBy.has(e.refersTo) && (e.format === 2 ? e.refersTo === entryId : true));
  const allocation = entry.type === 'match-confirmation' && entry.refersTo ? history.find((e) => e.entryId === entry.refersTo) ?? null : null;
  return { entry, reversed, allocation };
}

/**
 * What reversing the target takes back. Format-1 entries (written before the money path) read
 * with their meaning then: a confirmation confirmed its whole allocation, and a province payment
 * inside the zone passed through the zone the same day.
 */
function undoOf(state: ProjectState, target: ReversalTarget, ctx: DecideContext): Undo | Rejection {
  const e = target.entry;
  const amount = e.amountFen ?? 0;
  switch (e.type) {
    case 'allocation': {
      if (e.status === 'confirmed') {
        // As for a pending one: a decommitment that took part of it is reversed first, or the
        // money it gave back (to the books and to the budget indicator) would be given back twice.
        const flows = ctx.budget?.flows ?? flowsOfHistory(ctx.history ?? []);
        const parts = flows.allocations.find((a) => a.entryId === e.entryId)?.decommitments ?? [];
        if (parts.length > 0) return notAllowed(`part of allocation ${e.entryId} has been decommitted (${[...new Set(parts.map((p) => p.entryId))].join(', ')}): reverse those entries first`);
        return { type: 'allocation', entryId: e.entryId, amountFen: amount, confirmedFen: amount };
      }
      const open = state.openAllocations.find((a) => a.entryId === e.entryId);
      if (!open && state.status === 'terminated') return notAllowed(`allocation ${e.entryId} was voided when the project was terminated`);
      if (!open || open.pendingFen !== amount) {
        return notAllowed(`part of allocation ${e.entryId} has been confirmed or decommitted: reverse those entries first`);
      }
      return { type: 'allocation', entryId: e.entryId, amountFen: amount, confirmedFen: 0 };
    }
    case 'match-confirmation': {
      const legacy = e.format !== 2;
      const allocation = e.refersTo ? target.allocation : null;
      if (e.refersTo && !allocation) return notAllowed(`the allocation ${e.refersTo} that ${e.entryId} matched is not readable`);
      const provinceFen = legacy ? (allocation?.amountFen ?? 0) : (e.details as { provinceFen: Fen }).provinceFen;
      return { type: 'match-confirmation', entryId: e.entryId, zoneFen: amount, provinceFen, allocation: allocation ? allocationPart(allocation, provinceFen) : null };
    }
    case 'transfer':
      return { type: 'transfer', entryId: e.entryId, amountFen: amount, valueDate: e.valueDate };
    case 'disbursement': {
      const funder = e.funder ?? 'province';
      const implied = e.format !== 2 && funder === 'province' && state.registration.insideZone;
      return { type: 'disbursement', entryId: e.entryId, funder, amountFen: amount, impliedTransfer: implied ? { valueDate: e.valueDate, amountFen: amount } : null };
    }
    case 'recovery': {
      // A recovery made before a recovery due was set counted as returned before it: without it
      // the due runs against what the owner returns from the due on (evolve's recoveredBeforeFen).
      const beforeDue = state.recoveryDue !== null && e.seq < seqIn(state.recoveryDue.entryId);
      return { type: 'recovery', entryId: e.entryId, funder: e.funder ?? 'province', amountFen: amount, ...(beforeDue ? { beforeDueFen: amount } : {}) };
    }
    case 'decommitment': {
      const d = e.details as { fromPending: AllocationPart[]; provinceFromConfirmedFen: Fen; zoneFen: Fen };
      return { type: 'decommitment', entryId: e.entryId, fromPending: d.fromPending, provinceFromConfirmedFen: d.provinceFromConfirmedFen, zoneFen: d.zoneFen };
    }
    default:
      return notAllowed(`a ${e.type} entry cannot be reversed`);
  }
}

/**
 * Error correction: the target is treated as never having happened, only if every invariant
 * still holds afterwards; by a different person than the one who posted it; never twice.
 */
export function decideReversal(state: ProjectState, cmd: Extract<Command, { type: 'reversal' }>, ctx: DecideContext): Decision {
  if (!ctx.history) throw new Error('a reversal is decided on the project\'s history (DecideContext.history)');
  const target = reversalTargetIn(ctx.history, cmd.entryId);
  const projectId = state.registration.projectId;
  if (!target || target.entry.projectId !== projectId || target.entry.seq > state.version) {
    return notAllowed(`project ${projectId} has no entry ${cmd.entryId}`);
  }
  const e = target.entry;
  if (!REVERSIBLE.has(e.type)) return notAllowed(`a ${e.type} entry cannot be reversed${e.type === 'reversal' ? '' : '; corrections of it are recorded as their own entries'}`);
  if (target.reversed) return notAllowed(`entry ${e.entryId} is already reversed`);
  if (e.actor.sub === ctx.actor.sub) {
    return violation({ rule: 'four-eyes', detail: `entry ${e.entryId} was posted by ${e.actor.sub}; a different person must reverse it` });
  }
  const undo = undoOf(state, target, ctx);
  if ('ok' in undo) return undo;
  return settle(state, {
    type: 'reversal',
    funder: e.funder,
    amountFen: e.amountFen,
    // Dated as its target (recordedAt says when): a view as of any day shows both or neither, so
    // an entry posted after the correction and dated before it never meets the target there.
    valueDate: e.valueDate,
    reference: null,
    memo: cmd.reason,
    refersTo: e.entryId,
    status: 'posted',
    details: { reason: cmd.reason, undo },
  }, ctx, { asReversal: true });
}

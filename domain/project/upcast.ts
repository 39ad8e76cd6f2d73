import type { Fen } from '../money';
import type { Entry, ProjectState, Registration, Undo } from './types';

/**
 * Format-1 entries (written before the money path was modelled) read in format 2, for `evolve`.
 * History is immutable: hashes are always checked on the entries as stored; only their meaning
 * is translated here. Then —
 * - a match confirmation confirmed its whole allocation;
 * - a province payment inside the zone was posted by the province directly: the money passed
 *   through the zone the same day, so it counts as transferred and paid;
 * - a reversal of a confirmed allocation took back its match with it.
 */
export function upcastHistory(entries: readonly Entry[]): Entry[] {
  const allocations = new Map<string, { amountFen: Fen; pending: boolean; matchedZoneFen: Fen }>();
  const confirmations = new Map<string, { zoneFen: Fen; allocationId: string | null }>();
  const payments = new Map<string, { funder: 'province' | 'zone'; amountFen: Fen; valueDate: string }>();
  let insideZone = true;
  return entries.map((e) => {
    if (e.format === 2) return e;
    const amount = e.amountFen ?? 0;
    switch (e.type) {
      case 'registration':
        insideZone = (e.details as { registration: Registration }).registration.insideZone;
        return e;
      case 'allocation':
        allocations.set(e.entryId, { amountFen: amount, pending: e.status === 'pending-match', matchedZoneFen: 0 });
        return { ...e, details: { documentNo: null } };
      case 'match-confirmation': {
        const alloc = e.refersTo ? allocations.get(e.refersTo) : undefined;
        confirmations.set(e.entryId, { zoneFen: amount, allocationId: e.refersTo });
        if (alloc) allocations.set(e.refersTo!, { ...alloc, pending: false, matchedZoneFen: amount });
        return { ...e, details: { provinceFen: alloc?.amountFen ?? 0 } };
      }
      case 'disbursement': {
        const funder = e.funder ?? 'province';
        payments.set(e.entryId, { funder, amountFen: amount, valueDate: e.valueDate });
        const d = e.details as { trancheId?: string | null };
        return { ...e, details: { trancheId: d.trancheId ?? null, afterPeriod: false, impliedTransfer: funder === 'province' && insideZone } };
      }
      case 'reversal': {
        const target = e.refersTo ?? '';
        const reason = (e.details as { reason?: string }).reason ?? e.memo ?? '';
        return { ...e, details: { reason, undo: legacyUndo(target, allocations, confirmations, payments, insideZone) } };
      }
      default:
        return e;
    }
  });
}

function legacyUndo(
  target: string,
  allocations: Map<string, { amountFen: Fen; pending: boolean; matchedZoneFen: Fen }>,
  confirmations: Map<string, { zoneFen: Fen; allocationId: string | null }>,
  payments: Map<string, { funder: 'province' | 'zone'; amountFen: Fen; valueDate: string }>,
  insideZone: boolean,
): Undo {
  const alloc = allocations.get(target);
  if (alloc) {
    if (alloc.pending) return { type: 'allocation', entryId: target, amountFen: alloc.amountFen, confirmedFen: 0 };
    // Confirmed: at once (no match needed), or by its match, which the reversal took back too.
    if (alloc.matchedZoneFen > 0) return { type: 'match-confirmation', entryId: target, zoneFen: alloc.matchedZoneFen, provinceFen: alloc.amountFen, allocation: null };
    return { type: 'allocation', entryId: target, amountFen: alloc.amountFen, confirmedFen: alloc.amountFen };
  }
  const conf = confirmations.get(target);
  if (conf) return { type: 'match-confirmation', entryId: target, zoneFen: conf.zoneFen, provinceFen: 0, allocation: null };
  const pay = payments.get(target);
  if (pay) {
    const implied = pay.funder === 'province' && insideZone;
    return { type: 'disbursement', entryId: target, funder: pay.funder, amountFen: pay.amountFen, impliedTransfer: implied ? { valueDate: pay.valueDate, amountFen: pay.amountFen } : null };
  }
  throw new Error(`format-1 reversal of unknown entry ${target}`);
}

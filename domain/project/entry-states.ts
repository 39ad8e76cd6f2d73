import { addFen, type Fen } from '../money';
import type { Entry } from './types';
import { upcastHistory } from './upcast';

/**
 * What an entry stands for now, after everything recorded since — what a person reading the
 * ledger asks about an entry (an entry's own `status` is what it was when posted, and never
 * changes: the chain is immutable).
 */
export type EntryState =
  /** An allocation whose province money all waits for the zone's match. */
  | 'pending-match'
  /** An allocation part of which is matched (or decommitted) and part still waits. */
  | 'partly-matched'
  /** Money in force: matched, confirmed at once, passed on or paid. */
  | 'confirmed'
  /** An allocation cancelled in full before it was matched (核减). */
  | 'decommitted'
  /** An allocation whose pending money a termination voided. */
  | 'voided'
  /** Taken back by a reversal: treated as never having happened. */
  | 'reversed'
  | 'proposed'
  | 'approved'
  /** A proposal replaced by a newer one of the same kind, or dropped when the project closed. */
  | 'superseded'
  /** Evidence followed by another file of the same entry that supersedes it (nothing is deleted). */
  | 'replaced'
  /** A hold still in force, or released. */
  | 'in-force'
  | 'released'
  /** Any other entry: as posted. */
  | 'posted'
  | 'registered';

export const ENTRY_STATES: readonly EntryState[] = [
  'pending-match', 'partly-matched', 'confirmed', 'decommitted', 'voided', 'reversed', 'proposed', 'approved', 'superseded', 'replaced', 'in-force', 'released', 'posted', 'registered',
];

interface AllocationFate {
  amountFen: Fen;
  matchedFen: Fen;
  decommittedFen: Fen;
  voided: boolean;
}

/** Closing a project drops its pending proposals and lifts its hold. */
function closed(openProposals: Set<string>, holds: Set<string>, released: Set<string>): void {
  openProposals.clear();
  for (const h of holds) released.add(h);
}

/** The current state of every entry of a history (seq order, any format). */
export function entryStates(history: readonly Entry[]): Map<string, EntryState> {
  const entries = upcastHistory(history);
  const reversed = new Set(entries.filter((e) => e.type === 'reversal').map((e) => e.refersTo));
  const inForce = entries.filter((e) => e.type !== 'reversal' && !reversed.has(e.entryId));
  const allocations = new Map<string, AllocationFate>();
  const approved = new Set<string>();
  const released = new Set<string>();
  const openProposals = new Set<string>();
  const holds = new Set<string>();
  for (const e of inForce) {
    switch (e.type) {
      case 'allocation':
        allocations.set(e.entryId, { amountFen: e.amountFen ?? 0, matchedFen: e.status === 'confirmed' ? (e.amountFen ?? 0) : 0, decommittedFen: 0, voided: false });
        break;
      case 'match-confirmation': {
        const a = e.refersTo ? allocations.get(e.refersTo) : undefined;
        if (a) a.matchedFen = addFen(a.matchedFen, e.details.provinceFen);
        break;
      }
      case 'decommitment':
        for (const part of e.details.fromPending) {
          const a = allocations.get(part.entryId);
          if (a) a.decommittedFen = addFen(a.decommittedFen, part.provinceFen);
        }
        break;
      case 'termination-approval':
        for (const a of allocations.values()) if (a.matchedFen + a.decommittedFen < a.amountFen) a.voided = true;
        closed(openProposals, holds, released);
        break;
      case 'acceptance-result':
        closed(openProposals, holds, released);
        break;
      case 'hold':
        holds.add(e.entryId);
        break;
      case 'cap-exception-proposal':
      case 'adjustment-proposal':
      case 'termination-proposal':
        openProposals.add(e.entryId);
        break;
      case 'cap-exception-approval':
      case 'adjustment-approval':
        if (e.refersTo) {
          approved.add(e.refersTo);
          openProposals.delete(e.refersTo);
        }
        break;
      case 'hold-release':
        if (e.refersTo) released.add(e.refersTo);
        break;
      default:
        break;
    }
    // An approval of a termination is recorded after it clears the proposals: it approves its own.
    if (e.type === 'termination-approval' && e.refersTo) approved.add(e.refersTo);
  }
  // A newer proposal of the same kind (and, for an exception, the same cap) replaces an older one.
  const latest = new Map<string, string>();
  for (const e of inForce) {
    if (e.type === 'cap-exception-proposal') latest.set(`cap:${e.details.rule}`, e.entryId);
    if (e.type === 'adjustment-proposal') latest.set('adjustment', e.entryId);
    if (e.type === 'termination-proposal') latest.set('termination', e.entryId);
  }
  const current = new Set(latest.values());
  const replaced = new Set(entries.flatMap((e) => (e.type === 'evidence' && e.details.supersedes ? [e.details.supersedes] : [])));

  const states = new Map<string, EntryState>();
  for (const e of entries) {
    if (reversed.has(e.entryId)) {
      states.set(e.entryId, 'reversed');
      continue;
    }
    switch (e.type) {
      case 'registration':
        states.set(e.entryId, 'registered');
        break;
      case 'allocation': {
        const a = allocations.get(e.entryId)!;
        const pending = a.amountFen - a.matchedFen - a.decommittedFen;
        if (a.voided && a.matchedFen === 0) states.set(e.entryId, 'voided');
        else if (a.voided || pending === 0) states.set(e.entryId, a.matchedFen === 0 && a.decommittedFen > 0 ? 'decommitted' : 'confirmed');
        else states.set(e.entryId, pending === a.amountFen ? 'pending-match' : 'partly-matched');
        break;
      }
      case 'cap-exception-proposal':
      case 'adjustment-proposal':
      case 'termination-proposal':
        states.set(e.entryId, approved.has(e.entryId) ? 'approved' : openProposals.has(e.entryId) && current.has(e.entryId) ? 'proposed' : 'superseded');
        break;
      case 'hold':
        states.set(e.entryId, released.has(e.entryId) ? 'released' : 'in-force');
        break;
      case 'match-confirmation':
        states.set(e.entryId, 'confirmed');
        break;
      case 'evidence':
        states.set(e.entryId, replaced.has(e.details.evidenceId) ? 'replaced' : 'posted');
        break;
      default:
        states.set(e.entryId, 'posted');
    }
  }
  return states;
}

import { addFen, subFen } from '../money';
import { compareDates, isBusinessDate, type BusinessDate } from '../dates';
import type { Command } from './commands';
import { flowViolation, negativeFigureViolation } from './checks';
import { evolve } from './evolve';
import type { RuleViolation } from './outcome';
import { position } from './position';
import type { AllocationPart, Entry, ProjectState, RecoveryDue } from './types';
import { upcastHistory } from './upcast';

/**
 * A project's past stays true. `GET /projects/{id}?asOf=D` shows the books at the end of day D:
 * the entries dated on or before D. An entry dated before later entries (a late-recorded payment)
 * and a correction (a reversal removes its target from every day from the target's date on)
 * change days that were already shown. Such a change is accepted only if the history after it
 * keeps, on every day it touches, what money can do — no figure below zero, nothing paid before
 * it reached the payer, nothing recovered before it was paid, the match rule on confirmed money —
 * and every lifecycle obligation recorded since (money voided by a termination, recoveries due)
 * is still what that history gives.
 *
 * Caps are not re-judged per past day: a cap is judged when money is committed, against the
 * limits in force then, and those are decided on a day of their own (an exception or adjustment
 * approved today for money committed earlier). The current books are held to every cap as always.
 *
 * Like the checks on the current books, a past day is refused only for a breach the change
 * creates or makes larger: a breach an older history already shows is not held against a new entry.
 */
/** The date a money command is dated at; null for commands that move no money. */
function moneyDateOf(command: Command): BusinessDate | null {
  switch (command.type) {
    case 'allocation':
    case 'match-confirmation':
    case 'transfer':
    case 'recovery':
    case 'decommitment':
      return command.valueDate;
    case 'disbursement':
      return command.paidOn;
    default:
      return null;
  }
}

/**
 * Whether deciding the command needs the project's history: a reversal always (it takes its
 * target out of every day from the target's date on); money dated before the latest value date,
 * since it changes days already shown. Money dated on or after it changes only days whose books
 * are the current books plus this entry, which the checks on the current books cover.
 */
export function historyNeeded(state: ProjectState | null, command: Command): boolean {
  if (!state) return false;
  if (command.type === 'reversal') return true;
  const date = moneyDateOf(command);
  return date !== null && isBusinessDate(date) && compareDates(date, state.lastValueDate) < 0;
}

/** A rule a past day or an obligation would break: the violation, and the day it is broken on. */
export interface PastViolation {
  violation: RuleViolation;
  brokenOn: BusinessDate;
}

/**
 * Whether appending `added` (a reversal, or money dated before the latest entry) keeps every day
 * it touches, and every obligation, true. `history` is the project's stored entries in seq order
 * (any format), up to the state the entry was decided on.
 */
export function historyViolation(history: readonly Entry[], added: Entry): PastViolation | null {
  const before = upcastHistory(history);
  if (added.type !== 'reversal') return dayViolation(shown(before), [...shown(before), added], added.valueDate);
  const target = before.find((e) => e.entryId === added.refersTo);
  if (!target) return null;
  // A reversal is dated as its target: from the target's date on, no day shows either.
  const kept = shown(before);
  return obligationViolation(before, target.entryId) ?? dayViolation(kept, kept.filter((e) => e.entryId !== target.entryId), target.valueDate);
}

// --- every day -------------------------------------------------------------------------------

interface DayState {
  day: BusinessDate;
  state: ProjectState;
}

/**
 * What the days show: the entries without the reversals dated as their targets (every reversal
 * since entries had format 2) and without those targets — a view as of any day has both or
 * neither, and they cancel. A format-1 reversal was dated the day it was recorded: the days
 * between its target and it show the target, so both stay.
 */
function shown(entries: readonly Entry[]): Entry[] {
  const cancelled = new Set(entries.filter((e) => e.type === 'reversal' && e.format === 2).map((e) => e.refersTo));
  return entries.filter((e) => !(e.type === 'reversal' && e.format === 2) && !cancelled.has(e.entryId));
}

/**
 * The books at the end of every day from `from` on, and at the end of the day before it. The
 * books are sums of the entries' effects, so folding what the days show in value-date order gives,
 * at each day's end, the books of the entries dated up to that day — what `?asOf=` shows (it
 * replays them in seq order; the property test holds the two equal) — from one fold instead of
 * one replay per day.
 */
function dayStates(entries: readonly Entry[], from: BusinessDate): { initial: ProjectState; days: DayState[] } {
  const [registration, ...rest] = entries;
  const ordered = rest.map((e, i) => ({ e, i })).sort((a, b) => compareDates(a.e.valueDate, b.e.valueDate) || a.i - b.i).map(({ e }) => e);
  let state = evolve(null, registration!);
  let initial = state;
  const days: DayState[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const e = ordered[i]!;
    state = evolve(state, e);
    const next = ordered[i + 1];
    if (next && next.valueDate === e.valueDate) continue;
    if (compareDates(e.valueDate, from) < 0) initial = state;
    else days.push({ day: e.valueDate, state });
  }
  return { initial, days };
}

/** Reads the books as of ascending days: the last snapshot on or before each day asked for. */
function cursorOver({ initial, days }: { initial: ProjectState; days: DayState[] }): (day: BusinessDate) => ProjectState {
  let i = -1;
  return (day) => {
    while (i + 1 < days.length && compareDates(days[i + 1]!.day, day) <= 0) i++;
    return i >= 0 ? days[i]!.state : initial;
  };
}

function dayViolation(before: readonly Entry[], after: readonly Entry[], from: BusinessDate): PastViolation | null {
  const b = dayStates(before, from);
  const a = dayStates(after, from);
  // Every day on which either history changes: a day the change emptied differs too.
  const days = [...new Set([...b.days, ...a.days].map((d) => d.day))].sort(compareDates);
  const [was, would] = [cursorOver(b), cursorOver(a)];
  for (const day of days) {
    const prior = was(day);
    const state = would(day);
    const v = negativeFigureViolation(prior, state) ?? flowViolation(prior, state);
    if (v) return { violation: v, brokenOn: day };
  }
  return null;
}

// --- obligations -----------------------------------------------------------------------------

const heldByOwner = (s: ProjectState) => subFen(addFen(s.province.disbursedFen, s.zone.disbursedFen), addFen(s.province.recoveredFen, s.zone.recoveredFen));

const pendingOf = (s: ProjectState, allocationId: string) => s.openAllocations.find((a) => a.entryId === allocationId)?.pendingFen ?? 0;

/**
 * What an entry recorded about the project as it stood when the entry was decided, where a
 * history without an earlier entry could make the record untrue: the money a termination voided
 * (all that was pending), a recovery due (no more than the owner held), the pending money a
 * confirmation or a decommitment took from an allocation.
 */
function obligationBroken(s: ProjectState, e: Entry): RuleViolation | null {
  switch (e.type) {
    case 'termination-approval':
    case 'acceptance-result': {
      const d = e.details as { voidedFen?: number; recoveryDue: RecoveryDue | null };
      if (e.type === 'termination-approval' && d.voidedFen !== position(s).provincePendingFen) {
        return {
          rule: 'project-closed',
          detail: `the termination ${e.entryId} of ${e.valueDate} voided ${d.voidedFen} fen of pending province money; the history would have ${position(s).provincePendingFen} fen pending then`,
        };
      }
      if (d.recoveryDue && d.recoveryDue.amountFen > heldByOwner(s)) {
        return {
          rule: 'insufficient-disbursed-funds',
          detail: `${e.entryId} of ${e.valueDate} set ${d.recoveryDue.amountFen} fen due for recovery; in the history the owner would have held only ${heldByOwner(s)} fen of what it was paid then`,
          limitFen: heldByOwner(s),
          attemptedFen: d.recoveryDue.amountFen,
        };
      }
      return null;
    }
    case 'match-confirmation': {
      const provinceFen = (e.details as { provinceFen: number }).provinceFen;
      if (e.refersTo === null || provinceFen === 0 || pendingOf(s, e.refersTo) >= provinceFen) return null;
      return { rule: 'match-not-pending', detail: `the confirmation ${e.entryId} matched ${provinceFen} fen of ${e.refersTo}; the history would have ${pendingOf(s, e.refersTo)} fen of it pending then` };
    }
    case 'decommitment': {
      const parts = (e.details as { fromPending: AllocationPart[] }).fromPending;
      const short = parts.find((p) => pendingOf(s, p.entryId) < p.provinceFen);
      if (!short) return null;
      return { rule: 'insufficient-confirmed-funds', detail: `the decommitment ${e.entryId} cancelled ${short.provinceFen} fen pending of ${short.entryId}; the history would have ${pendingOf(s, short.entryId)} fen of it pending then` };
    }
    default:
      return null;
  }
}

/** Each entry's record checked against the history as it stood just before it (seq order). */
function brokenObligations(entries: readonly Entry[]): Map<string, PastViolation> {
  const broken = new Map<string, PastViolation>();
  let state: ProjectState | null = null;
  for (const e of entries) {
    if (state) {
      const v = obligationBroken(state, e);
      if (v) broken.set(e.entryId, { violation: v, brokenOn: e.valueDate });
    }
    state = evolve(state, e);
  }
  return broken;
}

/**
 * The entries in force: a reversal says its target never happened, so both leave. Obligations
 * are about what the history in force gave when each was recorded.
 */
function inForce(entries: readonly Entry[]): Entry[] {
  const reversed = new Set(entries.filter((e) => e.type === 'reversal').map((e) => e.refersTo));
  return entries.filter((e) => e.type !== 'reversal' && !reversed.has(e.entryId));
}

/** An obligation the history in force keeps, and would not keep without `removedId`. */
function obligationViolation(history: readonly Entry[], removedId: string): PastViolation | null {
  const kept = inForce(history);
  const already = brokenObligations(kept);
  for (const [entryId, v] of brokenObligations(kept.filter((e) => e.entryId !== removedId))) if (!already.has(entryId)) return v;
  return null;
}

import { addDays, compareDates, daysBetween, type BusinessDate } from '../dates';
import { addFen, subFen, type Fen } from '../money';
import { evidenceGraceDaysOf } from '../programs/program';
import { awaitingOf } from '../project/evidence';
import { isPastGrace, paidFen, tracksSchedule, tranchesOf } from '../project/schedule';
import type { Funder, ProjectState } from '../project/types';

/**
 * Every alert kind: a project's, evaluated below; (v3) the budget's — about an indicator or a
 * zone's fiscal year, evaluated in domain/budget/alerts.ts and raised by the same sweep; and
 * reconciliation's (domain/reconciliation/alerts.ts), raised by the sweep from statements.
 */
export const ALERT_KINDS = [
  'disbursement-lag', 'match-overdue', 'disbursement-at-risk', 'funds-held-at-zone', 'acceptance-overdue', 'recovery-overdue', 'evidence-missing',
  'indicator-unallocated', 'execution-behind',
  'unreconciled-payment', 'unrecorded-payment',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type Severity = 'warning' | 'critical';
/** Who holds the money up: the province before it reaches the zone, the zone after. */
export type Responsible = 'province' | 'zone';

/** Something wrong with a project as of a date; stored alerts track these over time. */
export interface AlertCondition {
  kind: AlertKind;
  /** null for alerts about the project rather than one funder's money. */
  funder: Funder | null;
  trancheId: string | null;
  severity: Severity;
  gapFen: Fen;
  daysOverdue: number;
  responsible: Responsible | null;
  /** The project is on hold: payments are suspended by decision, not late by anyone's fault. */
  held: boolean;
}

export const AT_RISK_WINDOW_DAYS = 14;
const CRITICAL_DAYS = 90;

const grantOf = (state: ProjectState, funder: Funder): Fen =>
  funder === 'province' ? state.terms.contract.provinceGrantFen : state.terms.contract.zoneGrantFen;

/** Province money that reached the zone with a value date on or before D. */
export function transferredThrough(state: ProjectState, asOf: BusinessDate): Fen {
  let t = 0;
  for (const x of state.transfers) if (compareDates(x.valueDate, asOf) <= 0) t = addFen(t, x.amountFen);
  return t;
}

function severityOf(held: boolean, daysOverdue: number, gapFen: Fen, grantFen: Fen): Severity {
  if (held) return 'warning';
  return daysOverdue > CRITICAL_DAYS || 2 * gapFen >= grantFen ? 'critical' : 'warning';
}

/** `disbursement-lag` of one funder as of D (API.md, Alerts), naming who holds the money up. */
export function disbursementLag(state: ProjectState, funder: Funder, asOf: BusinessDate): AlertCondition | null {
  const tranches = tranchesOf(state, funder);
  const paid = paidFen(state, funder);
  let scheduledLate = 0;
  for (const t of tranches) if (isPastGrace(t, state.rules.graceDays, asOf)) scheduledLate = addFen(scheduledLate, t.amountFen);
  if (paid >= scheduledLate) return null;
  // The earliest tranche that cumulative payments do not fully cover.
  let covered = paid;
  let earliest = tranches[0]!;
  for (const t of tranches) {
    if (covered < t.amountFen) { earliest = t; break; }
    covered -= t.amountFen;
  }
  const gapFen = subFen(scheduledLate, paid);
  const daysOverdue = daysBetween(earliest.dueOn, asOf);
  const held = state.status === 'on-hold';
  let responsible: Responsible | null = funder;
  if (funder === 'province' && state.registration.insideZone) {
    responsible = transferredThrough(state, asOf) < scheduledLate ? 'province' : 'zone';
  }
  // On hold the zone may not pay: money that reached it is held by decision, not by its fault.
  return {
    kind: 'disbursement-lag', funder, trancheId: earliest.trancheId,
    severity: severityOf(held, daysOverdue, gapFen, grantOf(state, funder)), gapFen, daysOverdue,
    responsible: held && responsible === 'zone' ? null : responsible, held,
  };
}

/** Province allocations still pending a zone match more than `matchDeadlineDays` after their value date. */
export function matchOverdue(state: ProjectState, asOf: BusinessDate): AlertCondition | null {
  let gapFen = 0;
  let daysOverdue = -1;
  const m = state.rules.match;
  for (const a of state.openAllocations) {
    const late = daysBetween(a.valueDate, asOf) - state.rules.matchDeadlineDays;
    if (late <= 0) continue;
    const zone = m.kind === 'none' ? 0 : Number((BigInt(a.pendingFen) * BigInt(m.zone) + BigInt(m.province) - 1n) / BigInt(m.province));
    gapFen = addFen(gapFen, zone);
    daysOverdue = Math.max(daysOverdue, late);
  }
  if (daysOverdue < 0) return null;
  return { kind: 'match-overdue', funder: 'zone', trancheId: null, severity: daysOverdue > CRITICAL_DAYS ? 'critical' : 'warning', gapFen, daysOverdue, responsible: 'zone', held: false };
}

/**
 * Early warning: a tranche falls due within the next 14 days (D ≤ dueOn ≤ D + 14) and the funder's
 * confirmed-but-undisbursed money is less than what is still owed through that tranche.
 */
export function disbursementAtRisk(state: ProjectState, funder: Funder, asOf: BusinessDate): AlertCondition | null {
  const paid = paidFen(state, funder);
  const available = subFen(state[funder].confirmedFen, paid);
  const windowEnd = addDays(asOf, AT_RISK_WINDOW_DAYS);
  let scheduled = 0;
  let worst: AlertCondition | null = null;
  for (const t of tranchesOf(state, funder)) {
    scheduled = addFen(scheduled, t.amountFen);
    if (compareDates(t.dueOn, asOf) < 0 || compareDates(t.dueOn, windowEnd) > 0) continue;
    const owed = Math.max(0, subFen(scheduled, paid));
    const gapFen = owed - available;
    if (gapFen > 0 && (!worst || gapFen > worst.gapFen)) {
      worst = { kind: 'disbursement-at-risk', funder, trancheId: t.trancheId, severity: 'warning', gapFen, daysOverdue: 0, responsible: null, held: false };
    }
  }
  return worst;
}

/**
 * Province money transferred to the zone and not paid on more than `onwardPaymentDays` after the
 * transfer's value date; payments cover the oldest transfers first. `gapFen` is the money held past
 * that limit; `daysOverdue` counts from the oldest such transfer's limit.
 */
export function fundsHeldAtZone(state: ProjectState, asOf: BusinessDate): AlertCondition | null {
  if (!state.registration.insideZone) return null;
  const k = state.rules.onwardPaymentDays;
  let left = state.province.disbursedFen;
  let gapFen = 0;
  let oldestLimit: BusinessDate | null = null;
  for (const t of state.transfers) {
    const uncovered = Math.max(0, t.amountFen - left);
    left = Math.max(0, left - t.amountFen);
    const limit = addDays(t.valueDate, k);
    if (uncovered === 0 || compareDates(limit, asOf) >= 0) continue;
    gapFen = addFen(gapFen, uncovered);
    oldestLimit ??= limit;
  }
  if (gapFen === 0 || oldestLimit === null) return null;
  const daysOverdue = daysBetween(oldestLimit, asOf);
  const held = state.status === 'on-hold';
  return {
    kind: 'funds-held-at-zone', funder: 'province', trancheId: null,
    severity: severityOf(held, daysOverdue, gapFen, state.terms.contract.provinceGrantFen), gapFen, daysOverdue,
    responsible: held ? null : 'zone', held,
  };
}

/** No acceptance application `acceptanceApplicationDays` after `endsOn`. */
export function acceptanceOverdue(state: ProjectState, asOf: BusinessDate): AlertCondition | null {
  if (!tracksSchedule(state) || state.acceptance) return null;
  const due = addDays(state.terms.contract.endsOn, state.rules.acceptanceApplicationDays);
  const daysOverdue = daysBetween(due, asOf);
  if (daysOverdue <= 0) return null;
  return { kind: 'acceptance-overdue', funder: null, trancheId: null, severity: daysOverdue > CRITICAL_DAYS ? 'critical' : 'warning', gapFen: 0, daysOverdue, responsible: 'zone', held: state.status === 'on-hold' };
}

/** A recovery due (acceptance fail, termination) not recovered by its date. */
export function recoveryOverdue(state: ProjectState, asOf: BusinessDate): AlertCondition | null {
  const due = state.recoveryDue;
  if (!due) return null;
  const recovered = subFen(addFen(state.province.recoveredFen, state.zone.recoveredFen), due.recoveredBeforeFen);
  const gapFen = subFen(due.amountFen, Math.max(0, recovered));
  const daysOverdue = daysBetween(due.dueOn, asOf);
  if (gapFen <= 0 || daysOverdue <= 0) return null;
  return { kind: 'recovery-overdue', funder: null, trancheId: null, severity: daysOverdue > CRITICAL_DAYS || 2 * gapFen >= due.amountFen ? 'critical' : 'warning', gapFen, daysOverdue, responsible: null, held: false };
}

/**
 * Entries of the types the program requires evidence for (`evidenceRequired`) still without any
 * more than `evidenceGraceDays` after their value date. One alert per project: `gapFen` is the
 * money of those entries, `daysOverdue` counts from the oldest one's limit, and `responsible` is
 * who posted that one (the zone committee's payments: the zone; the finance officer's: the
 * province). Raised whatever the project's status: a closed project's payments still need receipts.
 */
export function evidenceMissing(state: ProjectState, asOf: BusinessDate): AlertCondition | null {
  const grace = evidenceGraceDaysOf(state.rules);
  const late = awaitingOf(state).filter((a) => compareDates(addDays(a.valueDate, grace), asOf) < 0);
  if (late.length === 0) return null;
  const oldest = late[0]!;
  const daysOverdue = daysBetween(addDays(oldest.valueDate, grace), asOf);
  const gapFen = late.reduce((t, a) => addFen(t, a.amountFen ?? 0), 0);
  const responsible: Responsible | null = oldest.role === 'zone-committee' ? 'zone' : oldest.role === 'finance-officer' ? 'province' : null;
  return { kind: 'evidence-missing', funder: null, trancheId: null, severity: daysOverdue > CRITICAL_DAYS ? 'critical' : 'warning', gapFen, daysOverdue, responsible, held: false };
}

/** Every condition that holds for the project as of D. */
export function evaluate(state: ProjectState, asOf: BusinessDate): AlertCondition[] {
  const out: (AlertCondition | null)[] = [];
  if (tracksSchedule(state)) {
    for (const funder of ['province', 'zone'] as const) {
      out.push(disbursementLag(state, funder, asOf));
      if (state.status === 'active') out.push(disbursementAtRisk(state, funder, asOf));
    }
    out.push(matchOverdue(state, asOf));
  }
  if (state.status !== 'terminated' && state.status !== 'closed-failed') out.push(fundsHeldAtZone(state, asOf));
  out.push(acceptanceOverdue(state, asOf), recoveryOverdue(state, asOf), evidenceMissing(state, asOf));
  return out.filter((c): c is AlertCondition => c !== null);
}

/**
 * The earliest date on which a sweep must look at the project: a tranche's at-risk window opening
 * (dueOn − 14) or grace period ending (dueOn + graceDays + 1) while it is not fully paid, a pending
 * match passing its deadline, transferred money passing its onward-payment limit, the acceptance
 * application or a recovery falling due, an entry's evidence passing its grace period, or the day
 * after an open alert was last seen (to update or resolve it). With `after` (a sweep that just ran for that date) only later dates count.
 * null when nothing can happen without a new entry.
 */
export function nextAttentionOn(state: ProjectState, after: BusinessDate | null, openAlerts: readonly { lastSeenOn: BusinessDate }[]): BusinessDate | null {
  const candidates: BusinessDate[] = openAlerts.map((a) => addDays(a.lastSeenOn, 1));
  if (tracksSchedule(state)) {
    for (const funder of ['province', 'zone'] as const) {
      let left = paidFen(state, funder);
      for (const t of tranchesOf(state, funder)) {
        const covered = Math.min(left, t.amountFen);
        left -= covered;
        if (covered === t.amountFen) continue;
        candidates.push(addDays(t.dueOn, -AT_RISK_WINDOW_DAYS), addDays(t.dueOn, state.rules.graceDays + 1));
      }
    }
    for (const a of state.openAllocations) candidates.push(addDays(a.valueDate, state.rules.matchDeadlineDays + 1));
    if (!state.acceptance) candidates.push(addDays(state.terms.contract.endsOn, state.rules.acceptanceApplicationDays + 1));
  }
  if (state.registration.insideZone && state.status !== 'terminated' && state.status !== 'closed-failed') {
    let left = state.province.disbursedFen;
    for (const t of state.transfers) {
      const uncovered = t.amountFen - left;
      left = Math.max(0, left - t.amountFen);
      if (uncovered > 0) candidates.push(addDays(t.valueDate, state.rules.onwardPaymentDays + 1));
    }
  }
  if (state.recoveryDue) candidates.push(addDays(state.recoveryDue.dueOn, 1));
  for (const a of awaitingOf(state)) candidates.push(addDays(a.valueDate, evidenceGraceDaysOf(state.rules) + 1));
  const eligible = candidates.filter((d) => after === null || compareDates(d, after) > 0).sort(compareDates);
  return eligible[0] ?? null;
}

import { addDays, compareDates, daysBetween, type BusinessDate } from '../dates';
import { addFen, subFen, type Fen } from '../money';
import { balances } from '../project/position';
import { isPastGrace, paidThrough, tranchesOf } from '../project/schedule';
import type { Funder, ProjectState } from '../project/types';

export type AlertKind = 'disbursement-lag' | 'match-overdue' | 'disbursement-at-risk';
export type Severity = 'warning' | 'critical';

/** Something wrong with a project as of a date; stored alerts track these over time. */
export interface AlertCondition {
  kind: AlertKind;
  funder: Funder;
  trancheId: string | null;
  severity: Severity;
  gapFen: Fen;
  daysOverdue: number;
}

export const AT_RISK_WINDOW_DAYS = 14;
const CRITICAL_DAYS = 90;

/** `disbursement-lag` of one funder as of D (API.md, Alerts). */
export function disbursementLag(state: ProjectState, funder: Funder, asOf: BusinessDate): AlertCondition | null {
  const tranches = tranchesOf(state, funder);
  const paid = paidThrough(state, funder, asOf);
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
  const grant = funder === 'province' ? state.registration.contract.provinceGrantFen : state.registration.contract.zoneGrantFen;
  const critical = daysOverdue > CRITICAL_DAYS || 2 * gapFen >= grant;
  return { kind: 'disbursement-lag', funder, trancheId: earliest.trancheId, severity: critical ? 'critical' : 'warning', gapFen, daysOverdue };
}

/** Province allocations still pending a zone match more than `matchDeadlineDays` after their value date. */
export function matchOverdue(state: ProjectState, asOf: BusinessDate): AlertCondition | null {
  let gapFen = 0;
  let daysOverdue = -1;
  for (const r of Object.values(state.records)) {
    if (r.kind !== 'allocation' || r.status !== 'pending-match') continue;
    const late = daysBetween(r.valueDate, asOf) - state.rules.matchDeadlineDays;
    if (late <= 0) continue;
    gapFen = addFen(gapFen, r.requiredZoneFen);
    daysOverdue = Math.max(daysOverdue, late);
  }
  if (daysOverdue < 0) return null;
  return { kind: 'match-overdue', funder: 'zone', trancheId: null, severity: daysOverdue > CRITICAL_DAYS ? 'critical' : 'warning', gapFen, daysOverdue };
}

/**
 * Early warning: a tranche falls due within the next 14 days (D ≤ dueOn ≤ D + 14) and the funder's
 * confirmed-but-undisbursed money is less than what is still owed through that tranche.
 */
export function disbursementAtRisk(state: ProjectState, funder: Funder, asOf: BusinessDate): AlertCondition | null {
  const paid = paidThrough(state, funder, asOf);
  // Money paid out after D was still available on D.
  const available = subFen(balances(state)[funder].confirmedFen, paid);
  const windowEnd = addDays(asOf, AT_RISK_WINDOW_DAYS);
  let scheduled = 0;
  let worst: AlertCondition | null = null;
  for (const t of tranchesOf(state, funder)) {
    scheduled = addFen(scheduled, t.amountFen);
    if (compareDates(t.dueOn, asOf) < 0 || compareDates(t.dueOn, windowEnd) > 0) continue;
    const owed = Math.max(0, subFen(scheduled, paid));
    const gapFen = owed - available;
    if (gapFen > 0 && (!worst || gapFen > worst.gapFen)) {
      worst = { kind: 'disbursement-at-risk', funder, trancheId: t.trancheId, severity: 'warning', gapFen, daysOverdue: 0 };
    }
  }
  return worst;
}

/** Every condition that holds for the project as of D. */
export function evaluate(state: ProjectState, asOf: BusinessDate): AlertCondition[] {
  const out: AlertCondition[] = [];
  for (const funder of ['province', 'zone'] as const) {
    const lag = disbursementLag(state, funder, asOf);
    if (lag) out.push(lag);
    const risk = disbursementAtRisk(state, funder, asOf);
    if (risk) out.push(risk);
  }
  const match = matchOverdue(state, asOf);
  if (match) out.push(match);
  return out;
}

/**
 * The earliest date on which a sweep must look at the project: a tranche's at-risk window
 * opening (dueOn − 14) or grace period ending (dueOn + graceDays + 1) while it is not fully
 * paid, a pending match passing its deadline (valueDate + matchDeadlineDays + 1), or the day
 * after an open alert was last seen (to update or resolve it). With `after` (a sweep that just
 * ran for that date) only later dates count. null when nothing can happen without a new entry.
 */
export function nextAttentionOn(state: ProjectState, after: BusinessDate | null, openAlerts: readonly { lastSeenOn: BusinessDate }[]): BusinessDate | null {
  const candidates: BusinessDate[] = openAlerts.map((a) => addDays(a.lastSeenOn, 1));
  for (const funder of ['province', 'zone'] as const) {
    let left = paidThrough(state, funder, '9999-12-31');
    for (const t of tranchesOf(state, funder)) {
      const covered = Math.min(left, t.amountFen);
      left -= covered;
      if (covered === t.amountFen) continue;
      candidates.push(addDays(t.dueOn, -AT_RISK_WINDOW_DAYS), addDays(t.dueOn, state.rules.graceDays + 1));
    }
  }
  for (const r of Object.values(state.records)) {
    if (r.kind === 'allocation' && r.status === 'pending-match') candidates.push(addDays(r.valueDate, state.rules.matchDeadlineDays + 1));
  }
  const eligible = candidates.filter((d) => after === null || compareDates(d, after) > 0).sort(compareDates);
  return eligible[0] ?? null;
}

import { addDays, type BusinessDate } from '../../domain/dates';
import type { OpenAlert } from '../../domain/alerts/reconcile';
import { addFen, subFen } from '../../domain/money';
import { balances, limits, type ClusterUsage } from '../../domain/project/position';
import { isLagging, scheduleStatus } from '../../domain/project/schedule';
import type { Entry, ProjectState } from '../../domain/project/types';
import { awaitingEvidenceView, projectHeader } from '../../domain/project/summary';

/** An open alert as views show it: a stored alert from before `responsible`/`held` reads as neither. */
export const alertView = (a: OpenAlert) => ({ ...a, responsible: a.responsible ?? null, held: a.held ?? false });

/** GET /projects/{id}: the contract (as it stands after approved adjustments) plus its position as of a date. */
export function projectView(state: ProjectState, city: string | null, asOf: BusinessDate, openAlerts: readonly OpenAlert[], cluster?: ClusterUsage | null) {
  const r = state.registration;
  const due = state.recoveryDue;
  const recoveredSince = due ? Math.max(0, subFen(addFen(state.province.recoveredFen, state.zone.recoveredFen), due.recoveredBeforeFen)) : 0;
  return {
    ...projectHeader(state, city),
    registeredContract: r.contract,
    funderNames: state.rules.funderNames,
    ruleDigest: state.ruleDigest,
    asOf,
    status: state.status,
    balances: balances(state),
    limits: limits(state, cluster ?? null),
    schedule: scheduleStatus(state, asOf),
    lagging: isLagging(state, asOf),
    openAlerts: openAlerts.map(alertView),
    pendingAllocations: state.openAllocations.map((a) => ({
      entryId: a.entryId, amountFen: a.amountFen, pendingFen: a.pendingFen, valueDate: a.valueDate, matchDueOn: addDays(a.valueDate, state.rules.matchDeadlineDays),
    })),
    proposals: state.proposals,
    exceptions: state.exceptions,
    hold: state.hold,
    acceptance: state.acceptance,
    inspections: state.inspections,
    recoveryDue: due ? { amountFen: due.amountFen, dueOn: due.dueOn, entryId: due.entryId, recoveredFen: Math.min(recoveredSince, due.amountFen), outstandingFen: Math.max(0, subFen(due.amountFen, recoveredSince)) } : null,
    awaitingEvidence: awaitingEvidenceView(state),
    version: state.version,
    headHash: state.headHash,
  };
}

/**
 * An entry as the history shows it: exactly as stored, so that anyone can re-hash it
 * (hash = sha256(prevHash + canonical JSON of the entry without its hash)). `format` is present on
 * format-2 entries only, as stored; a payment's lateness is `details.afterPeriod`.
 */
export const entryView = (e: Entry): Omit<Entry, 'details'> & { details: Record<string, unknown> } => ({ ...e, details: e.details as Record<string, unknown> });

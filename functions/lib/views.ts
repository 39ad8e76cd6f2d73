import { addDays, type BusinessDate } from '../../domain/dates';
import type { OpenAlert } from '../../domain/alerts/reconcile';
import { addFen, subFen } from '../../domain/money';
import { balances, limits, type ClusterUsage } from '../../domain/project/position';
import { isLagging, scheduleStatus } from '../../domain/project/schedule';
import type { Entry, ProjectState } from '../../domain/project/types';

/** An open alert as views show it: a stored alert from before `responsible`/`held` reads as neither. */
export const alertView = (a: OpenAlert) => ({ ...a, responsible: a.responsible ?? null, held: a.held ?? false });

/** GET /projects/{id}: the contract (as it stands after approved adjustments) plus its position as of a date. */
export function projectView(state: ProjectState, city: string | null, asOf: BusinessDate, openAlerts: readonly OpenAlert[], cluster?: ClusterUsage | null) {
  const r = state.registration;
  const due = state.recoveryDue;
  const recoveredSince = due ? Math.max(0, subFen(addFen(state.province.recoveredFen, state.zone.recoveredFen), due.recoveredBeforeFen)) : 0;
  return {
    projectId: r.projectId,
    programCode: r.programCode,
    clusterId: r.clusterId,
    zoneId: r.zoneId,
    city,
    insideZone: r.insideZone,
    title: r.title,
    owner: r.owner,
    newInvestmentFen: state.terms.newInvestmentFen,
    contract: state.terms.contract,
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
    version: state.version,
    headHash: state.headHash,
  };
}

/** An entry as the history shows it (API.md field list, `afterPeriod` on payments, `details` for replay and audit). */
export const entryView = (e: Entry) => ({
  seq: e.seq,
  entryId: e.entryId,
  projectId: e.projectId,
  format: e.format === 2 ? 2 : 1,
  type: e.type,
  funder: e.funder,
  amountFen: e.amountFen,
  valueDate: e.valueDate,
  recordedAt: e.recordedAt,
  actor: e.actor,
  reference: e.reference,
  memo: e.memo,
  refersTo: e.refersTo,
  status: e.status,
  afterPeriod: e.type === 'disbursement' ? ((e.details as { afterPeriod?: boolean }).afterPeriod ?? false) : null,
  ruleDigest: e.ruleDigest,
  details: e.details as Record<string, unknown>,
  prevHash: e.prevHash,
  hash: e.hash,
});

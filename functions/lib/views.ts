import type { BusinessDate } from '../../domain/dates';
import { balances, limits, type ClusterUsage } from '../../domain/project/position';
import { isLagging, scheduleStatus } from '../../domain/project/schedule';
import type { Entry, ProjectState } from '../../domain/project/types';
import type { StoredAlertSummary } from './storage/alert-items';

/** GET /projects/{id}: the registration plus its position as of a date. */
export function projectView(state: ProjectState, asOf: BusinessDate, openAlerts: StoredAlertSummary[], cluster?: ClusterUsage | null) {
  return {
    ...state.registration,
    ruleDigest: state.ruleDigest,
    asOf,
    balances: balances(state),
    limits: limits(state, cluster ?? undefined),
    schedule: scheduleStatus(state, asOf),
    lagging: isLagging(state, asOf),
    openAlerts,
    version: state.version,
    headHash: state.headHash,
  };
}

/** GET /projects: one line per project. */
export function projectSummary(state: ProjectState, asOf: BusinessDate, openAlertCount: number) {
  const r = state.registration;
  return {
    projectId: r.projectId,
    programCode: r.programCode,
    clusterId: r.clusterId,
    zoneId: r.zoneId,
    insideZone: r.insideZone,
    title: r.title,
    owner: r.owner,
    newInvestmentFen: r.newInvestmentFen,
    contract: r.contract,
    balances: balances(state),
    lagging: isLagging(state, asOf),
    openAlertCount,
    version: state.version,
    headHash: state.headHash,
  };
}

/** An entry as the history shows it (API.md field list; `details` kept for replay and audit). */
export const entryView = (e: Entry) => ({
  seq: e.seq,
  entryId: e.entryId,
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
  ruleDigest: e.ruleDigest,
  details: e.details,
  projectId: e.projectId,
  prevHash: e.prevHash,
  hash: e.hash,
});

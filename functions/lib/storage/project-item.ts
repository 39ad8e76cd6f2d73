import type { OpenAlert } from '../../../domain/alerts/reconcile';
import type { ProvinceFlows } from '../../../domain/budget/flows';
import { contributionOf, type Contribution } from '../../../domain/portfolio/contribution';
import { balances } from '../../../domain/project/position';
import type { Entry, Funder, ProjectState } from '../../../domain/project/types';
import { paidFen, tranchesOf } from '../../../domain/project/schedule';
import { addDays } from '../../../domain/dates';
import { awaitingOf } from '../../../domain/project/evidence';
import { evidenceGraceDaysOf } from '../../../domain/programs/program';
import { ATTENTION_PK, LAGGING_PK, TYPE, indexKeys, keys } from './keys';

/** The project state item as the storage keeps it. */
export interface StoredProject {
  state: ProjectState;
  version: number;
  /** The city of the project's zone (zones do not move), for city-bureau scope and rollups. */
  city: string | null;
  /** Open alerts as the last sweep left them (maintained by the sweep, not by ledger writes). */
  openAlerts: OpenAlert[];
  /** What this project adds to its rollups now; null for an item written before rollups existed. */
  contribution: Contribution | null;
  /** The item still holds a format-1 state: the next write replaces it whole. */
  legacy: boolean;
  /**
   * The project's province flows as the budget follows them (domain/budget/flows.ts); null for an
   * item written before v3, whose first write builds them once from its history.
   */
  flows: ProvinceFlows | null;
}

export const isLagAlert = (a: Pick<OpenAlert, 'kind'>) => a.kind === 'disbursement-lag';
export const isHeldAlert = (a: Pick<OpenAlert, 'kind'>) => a.kind === 'funds-held-at-zone';

export const flagsOf = (openAlerts: readonly OpenAlert[]) => ({ lagging: openAlerts.some(isLagAlert), held: openAlerts.some(isHeldAlert) });

/** The first tranche of each funder that payments do not fully cover: what falls due next. */
export function nextDue(state: ProjectState) {
  const out: { funder: Funder; trancheId: string; dueOn: string; owedFen: number }[] = [];
  for (const funder of ['province', 'zone'] as const) {
    let left = paidFen(state, funder);
    for (const t of tranchesOf(state, funder)) {
      const covered = Math.min(left, t.amountFen);
      left -= covered;
      if (covered < t.amountFen) {
        out.push({ funder, trancheId: t.trancheId, dueOn: t.dueOn, owedFen: t.amountFen - covered });
        break;
      }
    }
  }
  return out;
}

/** The entries still waiting for the evidence the program requires, with the day their grace ends (view and summary). */
export function awaitingEvidenceView(state: ProjectState) {
  const grace = evidenceGraceDaysOf(state.rules);
  return awaitingOf(state).map((a) => ({ entryId: a.entryId, type: a.type, funder: a.funder, amountFen: a.amountFen, valueDate: a.valueDate, dueOn: addDays(a.valueDate, grace), role: a.role }));
}

/** Who, where and what contract: the head of a project in a list line and in the full view alike. */
export function projectHeader(state: ProjectState, city: string | null) {
  const r = state.registration;
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
  };
}

/** One line of GET /projects: what a list page shows without reading the project's state. */
export function projectSummary(state: ProjectState, city: string | null, openAlerts: readonly OpenAlert[], lastEntry?: Entry) {
  return {
    ...projectHeader(state, city),
    status: state.status,
    balances: balances(state),
    lagging: openAlerts.some(isLagAlert),
    openAlertCount: openAlerts.length,
    nextDue: nextDue(state),
    proposals: state.proposals.map((p) => ({ kind: p.kind, entryId: p.entryId, proposedBy: p.proposedBy, proposedOn: p.proposedOn })),
    acceptance: state.acceptance,
    inspections: state.inspections,
    lastEntry: lastEntry ? { entryId: lastEntry.entryId, type: lastEntry.type, valueDate: lastEntry.valueDate, recordedAt: lastEntry.recordedAt, actor: lastEntry.actor } : null,
    awaitingEvidence: awaitingEvidenceView(state),
    version: state.version,
    headHash: state.headHash,
  };
}
export type ProjectSummary = ReturnType<typeof projectSummary>;

/** Summary fields a ledger write owns; `lagging` and `openAlertCount` belong to the sweep. */
export const LEDGER_SUMMARY_FIELDS = ['newInvestmentFen', 'contract', 'status', 'balances', 'nextDue', 'proposals', 'acceptance', 'inspections', 'lastEntry', 'awaitingEvidence', 'version', 'headHash'] as const;

/** Index keys of the state item: every list filter is a key condition on one of them. */
export function listKeys(state: ProjectState, city: string | null) {
  const r = state.registration;
  const sk = indexKeys.projectInList(state.status, r.projectId);
  return {
    gsi1pk: indexKeys.zone(r.zoneId), gsi1sk: sk,
    gsi2pk: TYPE.project, gsi2sk: sk,
    progPk: indexKeys.program(r.programCode), progSk: sk,
    clusPk: indexKeys.cluster(r.clusterId), clusSk: sk,
    ...(city ? { cityPk: indexKeys.city(city), citySk: sk } : {}),
  };
}

export const attentionKeys = (projectId: string, attentionOn: string | null) =>
  attentionOn ? { attnPk: ATTENTION_PK, attnSk: indexKeys.attention(attentionOn, projectId) } : null;

export const laggingKeys = (state: ProjectState, city: string | null, lagging: boolean) =>
  lagging ? { lagPk: LAGGING_PK, lagSk: indexKeys.lagging(city ?? '', state.registration.zoneId, state.registration.projectId) } : null;

/** The whole item a registration creates. */
export function newProjectItem(state: ProjectState, city: string | null, attentionOn: string | null, lastEntry?: Entry, flows?: ProvinceFlows) {
  const projectId = state.registration.projectId;
  return {
    ...keys.projectState(projectId),
    projectId,
    zoneId: state.registration.zoneId,
    programCode: state.registration.programCode,
    clusterId: state.registration.clusterId,
    ...(city ? { city } : {}),
    ...listKeys(state, city),
    ...(attentionKeys(projectId, attentionOn) ?? {}),
    state,
    version: state.version,
    headHash: state.headHash,
    openAlerts: [],
    summary: projectSummary(state, city, [], lastEntry),
    contribution: contributionOf(state, { lagging: false, held: false }),
    ...(flows ? { budget: flows } : {}),
  };
}

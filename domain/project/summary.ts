/**
 * What a project's state item shows without its state: the list line (GET /projects), the head of
 * the full view, what falls due next, what still waits for evidence, and the flags its open alerts
 * imply. Pure projections of the state, computed by the use cases before storage writes them
 * (storage writes the items it is given).
 */
import type { OpenAlert } from '../alerts/reconcile';
import { addDays } from '../dates';
import { contributionOf, type Contribution } from '../portfolio/contribution';
import { evidenceGraceDaysOf } from '../programs/program';
import { awaitingOf } from './evidence';
import { balances } from './position';
import { paidFen, tranchesOf } from './schedule';
import type { Entry, Funder, ProjectState } from './types';

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

/** Summary fields a ledger write owns; `lagging` and `openAlertCount` belong to the sweep's alerts. */
export const LEDGER_SUMMARY_FIELDS = ['newInvestmentFen', 'contract', 'status', 'balances', 'nextDue', 'proposals', 'acceptance', 'inspections', 'lastEntry', 'awaitingEvidence', 'version', 'headHash'] as const;


/** What the project adds to its portfolio rollups, given the alerts left open. */
export const contributionWith = (state: ProjectState, openAlerts: readonly OpenAlert[]): Contribution => contributionOf(state, flagsOf(openAlerts));

/** Everything a write of the state item stores beside the state: its list line and its rollup contribution. */
export interface Projection {
  summary: ProjectSummary;
  contribution: Contribution;
}

export const projectionOf = (state: ProjectState, city: string | null, openAlerts: readonly OpenAlert[], lastEntry?: Entry): Projection => ({
  summary: projectSummary(state, city, openAlerts, lastEntry),
  contribution: contributionWith(state, openAlerts),
});

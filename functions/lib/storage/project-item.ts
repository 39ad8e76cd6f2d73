import type { OpenAlert } from '../../../domain/alerts/reconcile';
import type { ProvinceFlows } from '../../../domain/budget/flows';
import type { Contribution } from '../../../domain/portfolio/contribution';
import type { Projection } from '../../../domain/project/summary';
import type { ProjectState } from '../../../domain/project/types';
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

/** The whole item a registration creates, with the projections computed before (domain/project/summary.ts). */
export function newProjectItem(state: ProjectState, city: string | null, attentionOn: string | null, projection: Projection, flows?: ProvinceFlows) {
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
    summary: projection.summary,
    contribution: projection.contribution,
    ...(flows ? { budget: flows } : {}),
  };
}

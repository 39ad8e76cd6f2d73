import type { StartKeyShape } from './cursor';
import { ID_PATTERN } from './schemas/common';
import { ALERT_PREFIX, BUDGET_ALERT_PREFIX, ENTRY_PREFIX, TYPE, indexKeys, keys, projectPk } from './storage/keys';
import type { AlertQuery } from './storage/alert-store';
import { STATEMENT_PREFIX } from './storage/reconciliation-keys';
import type { ClusterQuery } from './storage/catalog-store';
import type { Plan } from './storage/project-queries';
import { INDEX } from './storage/table-definition';

/**
 * The start keys each listing issues (functions/lib/cursor.ts checks a cursor against them): the
 * index and partition its query reads, and the table key of the one item family it lists.
 */
const PROJECT_PREFIX = projectPk('');
const DOCUMENT_PREFIX = keys.document('').pk;
const CLUSTER_PREFIX = keys.cluster('').pk;
const STATE_SK = keys.projectState('').sk;
const META_SK = keys.document('').sk;
const ENTRY_SK = new RegExp(`^${ENTRY_PREFIX}(\\d{10})$`);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#/;

const idIn = (pk: string, prefix: string): string | null => {
  const id = pk.slice(prefix.length);
  return pk.startsWith(prefix) && id.length <= 64 && ID_PATTERN.test(id) ? id : null;
};
const isProjectPk = (pk: string) => idIn(pk, PROJECT_PREFIX) !== null;

/** GET /projects: the plan's index and partition; every list index's sort key ends with the project id. */
export const projectListShape = (plan: Plan): StartKeyShape => ({
  index: plan.index,
  partition: plan.values[':pk']!,
  sortPrefix: plan.values[':prefix'] ?? '',
  pk: isProjectPk,
  sk: (sk) => sk === STATE_SK,
  sameItem: (indexSort, pk) => indexSort.endsWith(`#${idIn(pk, PROJECT_PREFIX)}`),
});

/** GET /activity: entries in the type index, sorted by `<recordedAt>#<entryId>`. */
export const activityShape = (): StartKeyShape => ({
  index: INDEX.byType,
  partition: TYPE.entry,
  sortPrefix: '',
  pk: isProjectPk,
  sk: (sk) => ENTRY_SK.test(sk),
  sameItem: (indexSort, pk, sk) => INSTANT.test(indexSort) && indexSort.endsWith(`#${idIn(pk, PROJECT_PREFIX)}.${Number(ENTRY_SK.exec(sk)![1])}`),
});

/** GET /allocation-documents: documents in the type index, sorted by `<createdAt>#<documentNo>`. */
export const documentListShape = (): StartKeyShape => ({
  index: INDEX.byType,
  partition: TYPE.document,
  sortPrefix: '',
  pk: (pk) => pk.startsWith(DOCUMENT_PREFIX) && pk.length > DOCUMENT_PREFIX.length,
  sk: (sk) => sk === META_SK,
  sameItem: (indexSort, pk) => INSTANT.test(indexSort) && indexSort.endsWith(`#${pk.slice(DOCUMENT_PREFIX.length)}`),
});

/** GET /alerts: the query's index (none: the project's own partition) and partition. */
export const alertListShape = (q: AlertQuery): StartKeyShape => ({
  ...(q.IndexName ? { index: q.IndexName } : {}),
  partition: q.values[':pk'],
  sortPrefix: q.values[':alert'] ?? '',
  // A project's alerts, a statement line's (unrecorded-payment), and the budget's (no project), the
  // last two listed with the others, never in a project's own partition.
  pk: (pk) => isProjectPk(pk) || (q.IndexName !== undefined && (pk.startsWith(STATEMENT_PREFIX) || (pk.startsWith(BUDGET_ALERT_PREFIX) && pk.length > BUDGET_ALERT_PREFIX.length))),
  sk: (sk) => sk.startsWith(ALERT_PREFIX),
});

const INDICATOR_PREFIX = keys.indicator('').pk;

/**
 * GET /budget-indicators: the type index (by fiscal year, then program), or a program's partition
 * of the byZone index (`programCode` alone); both sort keys end with the indicator's number.
 */
export const indicatorListShape = (f: { fiscalYear?: number; programCode?: string }): StartKeyShape => {
  const byProgram = f.fiscalYear === undefined && f.programCode !== undefined;
  return {
    index: byProgram ? INDEX.byZone : INDEX.byType,
    partition: byProgram ? indexKeys.indicatorsOfProgram(f.programCode!) : TYPE.indicator,
    sortPrefix: f.fiscalYear !== undefined ? indexKeys.indicatorListPrefix(f.fiscalYear, f.programCode) : '',
    pk: (pk) => pk.startsWith(INDICATOR_PREFIX) && pk.length > INDICATOR_PREFIX.length,
    sk: (sk) => sk === 'META',
    sameItem: (indexSort, pk) => indexSort.endsWith(`#${pk.slice(INDICATOR_PREFIX.length)}`),
  };
};

/**
 * GET /clusters: the query's index and partition; the sort key ends with the cluster's id (the type
 * index's is the id itself).
 */
export const clusterListShape = (q: ClusterQuery): StartKeyShape => ({
  index: q.index,
  partition: q.partition,
  sortPrefix: q.sortPrefix,
  pk: (pk) => idIn(pk, CLUSTER_PREFIX) !== null,
  sk: (sk) => sk === META_SK,
  sameItem: (indexSort, pk) => {
    const id = idIn(pk, CLUSTER_PREFIX);
    return id !== null && (indexSort === id || indexSort.endsWith(`#${id}`));
  },
});

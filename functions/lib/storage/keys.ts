/**
 * Every key of the single table, and every index key attribute value, is spelled here and only
 * here (layout in table-definition.ts).
 *
 * `#` separates the parts of a key, and key conditions match prefixes ("<city>#" for a city's
 * lagging projects). So every part that comes from outside (an id, a city name, a document number,
 * a status) goes through keyPart(): no part can then contain the separator, and one value can never
 * be a prefix of another value plus a separator (city "X" against city "X#东区").
 */
const SEQ_DIGITS = 10;
const seqPart = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');

/**
 * A part of a key: `%` and `#` percent-encoded, everything else as it is. Injective (`%` always
 * starts an escape) and free of `#`. Ids (`A-Za-z0-9_-`), Idempotency-Keys and document numbers
 * cannot hold either character, and city names never did in stored data: all of them encode to
 * themselves, so stored keys keep their spelling.
 */
export const keyPart = (text: string): string => text.replace(/[%#]/g, (c) => (c === '%' ? '%25' : '%23'));
const k = keyPart;

export const ENTRY_PREFIX = 'ENTRY#';
export const IDEMPOTENCY_PREFIX = 'IDEMP#';
export const ALERT_PREFIX = 'ALERT#';
export const BUDGET_ALERT_PREFIX = 'BUDGET-ALERT#';
/**
 * Open budget alerts in the open-alert partition of the attention index (counted with the others):
 * their sort keys start with this, which no project alert id can (ids are `A-Za-z0-9_-`).
 */
export const OPEN_BUDGET_ALERT_PREFIX = '~budget#';

export const EVIDENCE_PREFIX = 'EVIDENCE#';

export const keys = {
  program: (code: string) => ({ pk: `PROGRAM#${k(code)}`, sk: 'META' }),
  zone: (zoneId: string) => ({ pk: `ZONE#${k(zoneId)}`, sk: 'META' }),
  zoneClusters: (zoneId: string, programCode: string) => ({ pk: `ZONE#${k(zoneId)}`, sk: `CLUSTERS#${k(programCode)}` }),
  cluster: (clusterId: string) => ({ pk: `CLUSTER#${k(clusterId)}`, sk: 'META' }),
  enterprise: (creditCode: string, programCode: string) => ({ pk: `ENTERPRISE#${k(creditCode)}`, sk: `PROGRAM#${k(programCode)}` }),
  projectState: (projectId: string) => ({ pk: projectPk(projectId), sk: 'STATE' }),
  entry: (projectId: string, seq: number) => ({ pk: projectPk(projectId), sk: `${ENTRY_PREFIX}${seqPart(seq)}` }),
  /** Marks an entry as reversed; its conditional put is what makes "never twice" atomic. */
  reversalOf: (projectId: string, targetSeq: number) => ({ pk: projectPk(projectId), sk: `REVERSED#${seqPart(targetSeq)}` }),
  idempotency: (projectId: string, key: string) => ({ pk: projectPk(projectId), sk: `${IDEMPOTENCY_PREFIX}${k(key)}` }),
  /** A declared evidence file: pending (with a TTL) until its completion records it in the entry's transaction. */
  evidence: (projectId: string, evidenceId: string) => ({ pk: projectPk(projectId), sk: `${EVIDENCE_PREFIX}${k(evidenceId)}` }),
  alert: (projectId: string, kind: string, funder: string | null, raisedOn: string) => ({ pk: projectPk(projectId), sk: `${ALERT_PREFIX}${k(kind)}#${k(funder ?? 'project')}#${k(raisedOn)}` }),
  outbox: (id: string) => ({ pk: `OUTBOX#${k(id)}`, sk: 'EVENT' }),
  document: (documentNo: string) => ({ pk: `DOCUMENT#${k(documentNo)}`, sk: 'META' }),
  rollup: (dimension: string, group: string, shard: number) => ({ pk: `ROLLUP#${k(dimension)}`, sk: `${k(group)}#${String(shard).padStart(2, '0')}` }),
  /** A budget alert (indicator-unallocated, execution-behind): about an indicator or a zone's fiscal year, not a project. */
  budgetAlert: (alertId: string) => ({ pk: `${BUDGET_ALERT_PREFIX}${k(alertId)}`, sk: `${ALERT_PREFIX}BUDGET` }),
  /** A budget indicator (预算指标), keyed by its number. */
  indicator: (indicatorNo: string) => ({ pk: `INDICATOR#${k(indicatorNo)}`, sk: 'META' }),
  /** Execution rollup: a (zone, program)'s day buckets of one month (`YYYY-MM`) of one fiscal year (domain/budget/execution.ts). */
  executionMonth: (fiscalYear: number, month: string, zoneId: string, programCode: string) =>
    ({ pk: executionPk(fiscalYear), sk: `${executionMonthPrefix(month)}${k(zoneId)}#${k(programCode)}` }),
};

const yearPart = (fiscalYear: number) => String(fiscalYear).padStart(4, '0');
/** One partition per fiscal year: the report reads the items of its months up to the day asked for. */
export const executionPk = (fiscalYear: number) => `EXEC#${yearPart(fiscalYear)}`;
/**
 * Every execution rollup item of a month starts so (`RD#2026-03#`). Two releases before this one
 * wrote running totals split 16 ways, with `#<shard>` after the program; the report sums every
 * item of a month and place, so those count as they are. Its `RM#` items (month running totals)
 * are no longer read.
 */
const EXECUTION_ROLLUP_PREFIX = 'RD#';
export const executionMonthPrefix = (month: string) => `${EXECUTION_ROLLUP_PREFIX}${k(month)}#`;
/** The month (`YYYY-MM`, which keyPart leaves as it is) an execution rollup item's sort key names. */
export const monthOfExecutionKey = (sk: string): string => sk.slice(EXECUTION_ROLLUP_PREFIX.length, EXECUTION_ROLLUP_PREFIX.length + 7);
/** The key range of every execution rollup item of the months up to `month`: `$` is the character after `#`, in bytes as DynamoDB sorts. */
export const executionMonthsThrough = (month: string) => ({ from: EXECUTION_ROLLUP_PREFIX, to: `${EXECUTION_ROLLUP_PREFIX}${k(month)}$` });
/**
 * The days items of the first release (`D#<month>#…`): a bucket per day with what moved on it.
 * Only read to be folded into the items of their months once (execution-fold.ts); nothing writes
 * them. Their months items (`M#…`) hold nothing the days items do not, and are left alone.
 */
export const LEGACY_EXECUTION_DAYS_PREFIX = 'D#';

export const projectPk = (projectId: string) => `PROJECT#${k(projectId)}`;
export const entrySk = (seq: number) => keys.entry('', seq).sk;
export const rollupPk = (dimension: string) => keys.rollup(dimension, '', 0).pk;

/** Partition values of the indexes (table-definition.ts says which attribute each lives in). */
export const TYPE = { program: 'TYPE#PROGRAM', zone: 'TYPE#ZONE', cluster: 'TYPE#CLUSTER', project: 'TYPE#PROJECT', alert: 'TYPE#ALERT', document: 'TYPE#DOCUMENT', entry: 'TYPE#ENTRY', indicator: 'TYPE#INDICATOR' };
export const ATTENTION_PK = 'ATTENTION';
export const OPEN_ALERT_PK = 'OPEN-ALERT';
export const PENDING_OUTBOX_PK = 'OUTBOX#PENDING';
export const LAGGING_PK = 'LAGGING';

export const indexKeys = {
  zone: (zoneId: string) => `ZONE#${k(zoneId)}`,
  city: (city: string) => `CITY#${k(city)}`,
  program: (code: string) => `PROGRAM#${k(code)}`,
  cluster: (clusterId: string) => `CLUSTER#${k(clusterId)}`,
  /** Sort key of a project in a list index: status first, so `status=` is a key condition too. */
  projectInList: (status: string, projectId: string) => `PROJECT#${k(status)}#${k(projectId)}`,
  projectPrefix: (status?: string) => (status ? `PROJECT#${k(status)}#` : 'PROJECT#'),
  alertInList: (projectId: string, kind: string, funder: string | null, raisedOn: string) => `${ALERT_PREFIX}${k(projectId)}#${k(kind)}#${k(funder ?? 'project')}#${k(raisedOn)}`,
  /** A budget alert in the zone and city lists (under ALERT#, like a project's): its subject for the project. */
  budgetAlertInList: (subject: string, kind: string, raisedOn: string) => `${ALERT_PREFIX}${k(subject)}#${k(kind)}#budget#${k(raisedOn)}`,
  attention: (date: string, projectId: string) => `${k(date)}#${k(projectId)}`,
  /** Upper bound of the attention dates on or before `date` (every encoded id sorts below U+FFFF). */
  attentionUpTo: (date: string) => `${k(date)}#\uffff`,
  /** Entries in the activity partition of the type index: newest first by recording time. */
  activity: (recordedAt: string, entryId: string) => `${k(recordedAt)}#${k(entryId)}`,
  /** A cluster in its zone's partition of the zone index, by program: `programCode=` is a key prefix too. */
  clusterInZone: (programCode: string, clusterId: string) => `CLUSTER#${k(programCode)}#${k(clusterId)}`,
  clusterInZonePrefix: (programCode?: string) => (programCode ? `CLUSTER#${k(programCode)}#` : 'CLUSTER#'),
  /** A cluster in its program's partition of the program index. */
  clusterInProgram: (clusterId: string) => `CLUSTER#${k(clusterId)}`,
  /** Plan documents in the type index: newest first by creation time. */
  documentInList: (createdAt: string, documentNo: string) => `${k(createdAt)}#${k(documentNo)}`,
  /** Lagging projects, grouped by city then zone so both scopes are key prefixes. */
  lagging: (city: string, zoneId: string, projectId: string) => `${k(city)}#${k(zoneId)}#${k(projectId)}`,
  laggingPrefix: (city?: string, zoneId?: string) => (city ? (zoneId ? `${k(city)}#${k(zoneId)}#` : `${k(city)}#`) : ''),
  /**
   * Indicators in the type index: newest fiscal year first (9999 − year, four digits), then
   * program, then number, so `fiscalYear=` and `fiscalYear=&programCode=` are key prefixes.
   */
  indicatorInList: (fiscalYear: number, programCode: string, indicatorNo: string) => `${newestYearFirst(fiscalYear)}#${k(programCode)}#${k(indicatorNo)}`,
  indicatorListPrefix: (fiscalYear: number, programCode?: string) => `${newestYearFirst(fiscalYear)}#${programCode !== undefined ? `${k(programCode)}#` : ''}`,
  /** A program's indicators, in the byZone index's partitions (projection ALL): `programCode=` alone is a key condition too. */
  indicatorsOfProgram: (programCode: string) => `INDICATORS#${k(programCode)}`,
  indicatorInProgram: (fiscalYear: number, indicatorNo: string) => `${newestYearFirst(fiscalYear)}#${k(indicatorNo)}`,
};

const newestYearFirst = (fiscalYear: number) => String(9999 - fiscalYear).padStart(4, '0');

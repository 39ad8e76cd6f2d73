/**
 * Every key of the single table, and every index key attribute value, is spelled here and only
 * here (layout in table-definition.ts).
 */
const SEQ_DIGITS = 10;
const seqPart = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');

export const ENTRY_PREFIX = 'ENTRY#';
export const IDEMPOTENCY_PREFIX = 'IDEMP#';
export const ALERT_PREFIX = 'ALERT#';

export const keys = {
  program: (code: string) => ({ pk: `PROGRAM#${code}`, sk: 'META' }),
  zone: (zoneId: string) => ({ pk: `ZONE#${zoneId}`, sk: 'META' }),
  zoneClusters: (zoneId: string, programCode: string) => ({ pk: `ZONE#${zoneId}`, sk: `CLUSTERS#${programCode}` }),
  cluster: (clusterId: string) => ({ pk: `CLUSTER#${clusterId}`, sk: 'META' }),
  enterprise: (creditCode: string, programCode: string) => ({ pk: `ENTERPRISE#${creditCode}`, sk: `PROGRAM#${programCode}` }),
  projectState: (projectId: string) => ({ pk: projectPk(projectId), sk: 'STATE' }),
  entry: (projectId: string, seq: number) => ({ pk: projectPk(projectId), sk: `${ENTRY_PREFIX}${seqPart(seq)}` }),
  /** Marks an entry as reversed; its conditional put is what makes "never twice" atomic. */
  reversalOf: (projectId: string, targetSeq: number) => ({ pk: projectPk(projectId), sk: `REVERSED#${seqPart(targetSeq)}` }),
  idempotency: (projectId: string, key: string) => ({ pk: projectPk(projectId), sk: `${IDEMPOTENCY_PREFIX}${key}` }),
  alert: (projectId: string, kind: string, funder: string | null, raisedOn: string) => ({ pk: projectPk(projectId), sk: `${ALERT_PREFIX}${kind}#${funder ?? 'project'}#${raisedOn}` }),
  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'EVENT' }),
  document: (documentNo: string) => ({ pk: `DOCUMENT#${documentNo}`, sk: 'META' }),
  rollup: (dimension: string, group: string, shard: number) => ({ pk: `ROLLUP#${dimension}`, sk: `${group}#${String(shard).padStart(2, '0')}` }),
};

export const projectPk = (projectId: string) => `PROJECT#${projectId}`;
export const entrySk = (seq: number) => keys.entry('', seq).sk;
export const rollupPk = (dimension: string) => keys.rollup(dimension, '', 0).pk;

/** Partition values of the indexes (table-definition.ts says which attribute each lives in). */
export const TYPE = { program: 'TYPE#PROGRAM', zone: 'TYPE#ZONE', cluster: 'TYPE#CLUSTER', project: 'TYPE#PROJECT', alert: 'TYPE#ALERT', document: 'TYPE#DOCUMENT', entry: 'TYPE#ENTRY' };
export const ATTENTION_PK = 'ATTENTION';
export const OPEN_ALERT_PK = 'OPEN-ALERT';
export const PENDING_OUTBOX_PK = 'OUTBOX#PENDING';
export const LAGGING_PK = 'LAGGING';

export const indexKeys = {
  zone: (zoneId: string) => `ZONE#${zoneId}`,
  city: (city: string) => `CITY#${city}`,
  program: (code: string) => `PROGRAM#${code}`,
  cluster: (clusterId: string) => `CLUSTER#${clusterId}`,
  /** Sort key of a project in a list index: status first, so `status=` is a key condition too. */
  projectInList: (status: string, projectId: string) => `PROJECT#${status}#${projectId}`,
  projectPrefix: (status?: string) => (status ? `PROJECT#${status}#` : 'PROJECT#'),
  alertInList: (projectId: string, kind: string, funder: string | null, raisedOn: string) => `${ALERT_PREFIX}${projectId}#${kind}#${funder ?? 'project'}#${raisedOn}`,
  attention: (date: string, projectId: string) => `${date}#${projectId}`,
  /** Lagging projects, grouped by city then zone so both scopes are key prefixes. */
  lagging: (city: string, zoneId: string, projectId: string) => `${city}#${zoneId}#${projectId}`,
  laggingPrefix: (city?: string, zoneId?: string) => (city ? (zoneId ? `${city}#${zoneId}#` : `${city}#`) : ''),
};

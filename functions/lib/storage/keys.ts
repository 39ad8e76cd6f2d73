/** Key builders for the single table (layout documented in table-definition.ts). */
const SEQ_DIGITS = 10;

export const keys = {
  program: (code: string) => ({ pk: `PROGRAM#${code}`, sk: 'META' }),
  zone: (zoneId: string) => ({ pk: `ZONE#${zoneId}`, sk: 'META' }),
  zoneClusters: (zoneId: string, programCode: string) => ({ pk: `ZONE#${zoneId}`, sk: `CLUSTERS#${programCode}` }),
  cluster: (clusterId: string) => ({ pk: `CLUSTER#${clusterId}`, sk: 'META' }),
  enterprise: (creditCode: string, programCode: string) => ({ pk: `ENTERPRISE#${creditCode}`, sk: `PROGRAM#${programCode}` }),
  projectState: (projectId: string) => ({ pk: `PROJECT#${projectId}`, sk: 'STATE' }),
  entry: (projectId: string, seq: number) => ({ pk: `PROJECT#${projectId}`, sk: entrySk(seq) }),
  idempotency: (projectId: string, key: string) => ({ pk: `PROJECT#${projectId}`, sk: `IDEMP#${key}` }),
  alert: (projectId: string, kind: string, funder: string) => ({ pk: `PROJECT#${projectId}`, sk: `ALERT#${kind}#${funder}` }),
  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'EVENT' }),
};

export const projectPk = (projectId: string) => `PROJECT#${projectId}`;
export const entrySk = (seq: number) => `ENTRY#${String(seq).padStart(SEQ_DIGITS, '0')}`;
export const ENTRY_PREFIX = 'ENTRY#';
export const ALERT_PREFIX = 'ALERT#';
export const TYPE = { program: 'TYPE#PROGRAM', zone: 'TYPE#ZONE', cluster: 'TYPE#CLUSTER', project: 'TYPE#PROJECT', alert: 'TYPE#ALERT' };
export const ATTENTION_PK = 'ATTENTION';
export const OPEN_ALERT_PK = 'OPEN-ALERT';

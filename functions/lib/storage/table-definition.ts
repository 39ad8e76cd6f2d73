/**
 * The single FundLedger table, described once as plain data so that the local stack
 * (CreateTable against DynamoDB Local) and the CDK stack build exactly the same thing.
 *
 * Item families (pk / sk; keys are built in keys.ts only, every part from outside through keyPart:
 *   `%` and `#` percent-encoded, so `#` always separates parts):
 *   PROGRAM#<code>  / META                 program rule set (+ projectCount: immutable once > 0)
 *   ZONE#<zoneId>   / META                 high-tech zone (with its city)
 *   ZONE#<zoneId>   / CLUSTERS#<program>   clusters-per-zone counter
 *   CLUSTER#<id>    / META                 cluster + shared counters (allocated per funder, project count)
 *   ENTERPRISE#<creditCode> / PROGRAM#<code>  enterprise quota counter
 *   PROJECT#<id>    / STATE                bounded project state, guarded by `version`; list summary
 *   PROJECT#<id>    / ENTRY#<seq, 10 digits>  ledger entries (append-only, hash-chained)
 *   PROJECT#<id>    / REVERSED#<seq>       marker: that entry is reversed (conditional put: never twice)
 *   PROJECT#<id>    / IDEMP#<key>          remembered answers for Idempotency-Key (TTL: expiresAt)
 *   PROJECT#<id>    / EVIDENCE#<evidenceId>  a declared evidence file: pending (TTL: expiresAt) until its
 *                                          completion records it (entryId, S3 versionId), in the entry's transaction
 *   PROJECT#<id>    / ALERT#<kind>#<funder>#<raisedOn>   alerts, open and resolved
 *   OUTBOX#<id>     / EVENT                alert notifications waiting to be published
 *   DOCUMENT#<no>   / META                 plan documents (计划下达文件) and their line outcomes
 *   ROLLUP#cluster  / <clusterId>#<shard>  portfolio sums per cluster (with its program, zone, city);
 *                                          reports regroup them. ROLLUP#program|zone|city items of
 *                                          tables written before are no longer written nor read.
 *   INDICATOR#<no>  / META                 budget indicator (预算指标): amount, allocated and remainingFen
 *                                          (allocations draw on remainingFen with it as their condition),
 *                                          transferred, paid, status, the carry-over chain
 *   EXEC#<fiscalYear> / RD#<YYYY-MM>#<zone>#<program>  execution rollup: a month's day buckets (da|dt|dp<DD>),
 *                                          what moved on each day (docs/api.md, Keys and rollups);
 *                                          D#, M#, RM#, sharded RD# items, a|t|p<DD> running totals: earlier releases (keys.ts)
 *
 * Indexes (list indexes put the status first in the sort key, so `status=` is a key condition):
 *   byZone     gsi1pk = ZONE#<zoneId>       gsi1sk = PROJECT#<status>#<id> | ALERT#<projectId>#… |
 *                                          CLUSTER#<programCode>#<clusterId>
 *              gsi1pk = INDICATORS#<program>  gsi1sk = <9999 − year>#<no>: a program's indicators
 *   byType     gsi2pk = TYPE#…              gsi2sk = <status>#<id> (projects) | <id>
 *                                          | <9999 − year>#<program>#<no> (indicators, newest year first)
 *   attention  attnPk = ATTENTION (sparse)  attnSk = <YYYY-MM-DD>#<projectId>: the daily sweep
 *              reads "attnSk <= D" and never scans; attnPk = OPEN-ALERT counts open alerts.
 *   byCity     cityPk = CITY#<city>         citySk = PROJECT#<status>#<id> | ALERT#…
 *   byProgram  progPk = PROGRAM#<code>      progSk = PROJECT#<status>#<id> | CLUSTER#<clusterId> (keys
 *                                          only: a cluster page reads its items by key after)
 *   byCluster  clusPk = CLUSTER#<id>        clusSk = PROJECT#<status>#<id>
 *   lagging    lagPk = LAGGING (sparse)     lagSk = <city>#<zoneId>#<projectId>: projects with open lag alerts
 */
export const TABLE_NAME_ENV = 'TABLE_NAME';
export const DEFAULT_TABLE_NAME = 'FundLedger';

export const INDEX = {
  byZone: 'byZone',
  byType: 'byType',
  attention: 'attention',
  byCity: 'byCity',
  byProgram: 'byProgram',
  byCluster: 'byCluster',
  lagging: 'lagging',
} as const;

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** Attributes besides the keys the index carries; undefined: all of them. */
  include?: string[];
}

/** What a list page needs of a project or an alert. */
const LIST_ATTRIBUTES = ['summary', 'alert'];

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { indexName: INDEX.byZone, partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: INDEX.byType, partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: INDEX.attention, partitionKey: 'attnPk', sortKey: 'attnSk' },
    { indexName: INDEX.byCity, partitionKey: 'cityPk', sortKey: 'citySk', include: LIST_ATTRIBUTES },
    { indexName: INDEX.byProgram, partitionKey: 'progPk', sortKey: 'progSk', include: LIST_ATTRIBUTES },
    { indexName: INDEX.byCluster, partitionKey: 'clusPk', sortKey: 'clusSk', include: LIST_ATTRIBUTES },
    { indexName: INDEX.lagging, partitionKey: 'lagPk', sortKey: 'lagSk', include: LIST_ATTRIBUTES },
  ] satisfies IndexDefinition[],
  /** New images feed the alert outbox publisher. */
  streamViewType: 'NEW_IMAGE' as const,
  /** DynamoDB TTL: idempotency records expire (epoch seconds). Ledger data never carries it. */
  ttlAttribute: 'expiresAt',
} as const;

/** All key attributes are strings. */
export function keyAttributeNames(): string[] {
  const names: string[] = [tableDefinition.partitionKey, tableDefinition.sortKey];
  for (const index of tableDefinition.indexes) names.push(index.partitionKey, index.sortKey);
  return names;
}

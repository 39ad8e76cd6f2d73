/**
 * The single FundLedger table, described once as plain data so that the local stack
 * (CreateTable against DynamoDB Local) and the CDK stack build exactly the same thing.
 *
 * Item families (pk / sk):
 *   PROGRAM#<code>  / META                 program rule set (+ projectCount: immutable once > 0)
 *   ZONE#<zoneId>   / META                 high-tech zone
 *   CLUSTER#<id>    / META                 cluster + shared counters (headroom per funder, project count)
 *   ENTERPRISE#<creditCode> / PROGRAM#<code>  enterprise quota counter
 *   PROJECT#<id>    / STATE                project state snapshot, guarded by `version`
 *   PROJECT#<id>    / ENTRY#<seq, 10 digits>  ledger entries (append-only, hash-chained)
 *   PROJECT#<id>    / IDEMP#<key>          remembered responses for Idempotency-Key
 *   PROJECT#<id>    / ALERT#<kind>#<funder>   alerts (one per project, kind, funder)
 *   OUTBOX#<id>     / EVENT                alert notifications waiting to be published
 *
 * Indexes:
 *   byZone     gsi1pk = ZONE#<zoneId>,  gsi1sk = PROJECT#<id> | ALERT#<projectId>#<kind>#<funder>
 *   byType     gsi2pk = TYPE#PROJECT | TYPE#ALERT, gsi2sk = <id>       (listing everything of one kind)
 *   attention  attnPk = ATTENTION (sparse), attnSk = <YYYY-MM-DD>#<projectId>
 *              only projects that will need attention carry these attributes, so the daily
 *              sweep queries "attnSk <= D" and never scans the table.
 *              attnPk = OPEN-ALERT, attnSk = <alertId>: open alerts only, to count them.
 */
export const TABLE_NAME_ENV = 'TABLE_NAME';
export const DEFAULT_TABLE_NAME = 'FundLedger';

export const INDEX = {
  byZone: 'byZone',
  byType: 'byType',
  attention: 'attention',
} as const;

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { indexName: INDEX.byZone, partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: INDEX.byType, partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: INDEX.attention, partitionKey: 'attnPk', sortKey: 'attnSk' },
  ] satisfies IndexDefinition[],
  /** New images feed the alert outbox publisher. */
  streamViewType: 'NEW_IMAGE' as const,
} as const;

/** All key attributes are strings. */
export function keyAttributeNames(): string[] {
  const names: string[] = [tableDefinition.partitionKey, tableDefinition.sortKey];
  for (const index of tableDefinition.indexes) names.push(index.partitionKey, index.sortKey);
  return names;
}

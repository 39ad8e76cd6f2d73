/**
 * Per-handler sizing and DynamoDB permissions, as data. The stack builds one Lambda per entry
 * and the stack tests read the same table, so "what may this function do" is written once.
 *
 * Every name in allHandlerNames() (functions/routes.ts) must have an entry here and vice versa;
 * the stack throws at synth time otherwise, so a new handler cannot ship without a decision
 * about its permissions.
 */

import { TABLE_NAME_ENV } from '../functions/lib/storage/table-definition';
import { EVIDENCE_BUCKET_ENV } from '../functions/lib/evidence/configured-store';
import type { ShippedModule } from './bundling';

/** DynamoDB actions, spelled out (never `dynamodb:*`, never DeleteItem). */
export const DDB = {
  GetItem: 'dynamodb:GetItem',
  BatchGetItem: 'dynamodb:BatchGetItem',
  Query: 'dynamodb:Query',
  PutItem: 'dynamodb:PutItem',
  UpdateItem: 'dynamodb:UpdateItem',
  ConditionCheckItem: 'dynamodb:ConditionCheckItem',
} as const;

export type DynamoAction = (typeof DDB)[keyof typeof DDB];

export interface HandlerConfig {
  /** 'api' handlers sit behind API Gateway (timeout must stay well under its 30 s limit). */
  kind: 'api' | 'background';
  memoryMb: number;
  timeoutSeconds: number;
  /**
   * Item-level actions on the table. TransactWriteItems / TransactGetItems need no action of
   * their own: IAM authorizes each contained Put/Update/ConditionCheck/Get individually.
   * Query is granted on the base table and on each GSI; the other actions on the base table only.
   */
  tableActions: DynamoAction[];
  /** Gets ALERT_TOPIC_ARN and EVENT_BUS_NAME, sns:Publish on the alert topic, events:PutEvents. */
  publishesAlerts?: boolean;
  /**
   * The digest bucket (S3 Object Lock, compliance mode), with env DIGEST_BUCKET.
   * 'write': s3:PutObject (and s3:ListBucket, to number a day's digests). Never a delete and never
   * a retention change, so a digest, once written, stays for the whole retention period.
   * 'read': s3:GetObject and s3:ListBucket.
   */
  digests?: 'write' | 'read';
  /**
   * The exports bucket (large Excel exports, deleted after a day), with env EXPORT_BUCKET:
   * s3:PutObject to store a workbook and s3:GetObject, so that the presigned GET URLs this role
   * signs can be used.
   */
  exports?: boolean;
  /**
   * The evidence bucket (infra/constructs/evidence-bucket.ts), with env EVIDENCE_BUCKET.
   * 'write': on staging/ PutObject (the presigned upload carries this role's authority), GetObject
   * (the check) and DeleteObject (a refused or copied upload); on recorded/ PutObject only as a
   * copy out of staging/, and GetObject (a completion retried reads what it recorded).
   * 'read': GetObject on recorded/ only (downloads and /verify). Both: ListBucket (a missing key
   * is then 404, not 403) and the bucket key through S3 only.
   */
  evidence?: 'write' | 'read';
  /**
   * Statement files in the evidence bucket (statements/<statementId>), with env EVIDENCE_BUCKET.
   * 'write': PutObject (the presigned upload carries this role's authority) and GetObject (the
   * file is read on completion); 'read': GetObject (the background job reads it again). Both: the
   * bucket key through S3 only. A 'write' function starts jobs through the table's stream
   * (STATEMENT_JOBS=stream).
   */
  statements?: 'write' | 'read';
  /**
   * Packages installed as node_modules next to this handler's bundle instead of bundled into it
   * (see NODE_MODULES_SHIPPED in infra/bundling.ts): exactly those its code imports. test/infra
   * checks the list against the bundle's imports.
   */
  nodeModules?: ShippedModule[];
}

const READ_WRITE: DynamoAction[] = [
  DDB.GetItem,
  DDB.BatchGetItem,
  DDB.Query,
  DDB.PutItem,
  DDB.UpdateItem,
  DDB.ConditionCheckItem,
];

/** API handlers: 512 MB (CPU scales with memory; JSON + hashing is CPU-bound), 10 s timeout. */
const api = (tableActions: DynamoAction[]): HandlerConfig => ({
  kind: 'api',
  memoryMb: 512,
  timeoutSeconds: 10,
  tableActions,
});

/**
 * HTTP routes are split between functions by read and write (functions/routes.ts), not by route
 * group:
 * - A console session mostly clicks through pages of GETs. With one read function, the first page
 *   warms the function that serves all the others, instead of a cold start for each route group.
 * - Least privilege follows the same line. Every GET runs under a role that cannot write a single
 *   item, and the write role is the only API role that can post ledger entries. Splitting by route
 *   group would give each group's GETs the group's write permissions as well.
 */
export const handlerConfig: Record<string, HandlerConfig> = {
  // /health and /openapi.json: no table access at all.
  public: api([]),
  // Every authenticated GET: reads only. It reads digests (GET /digests/..., verify) and writes
  // Excel exports too big for a response body to the exports bucket, then answers with a presigned URL.
  // exceljs: GET .../history.xlsx, /reports/portfolio.xlsx, /imports/projects/template.xlsx;
  // S3 and the presigner: digests, and workbooks too big for a response body.
  read: {
    ...api([DDB.GetItem, DDB.BatchGetItem, DDB.Query]),
    digests: 'read',
    exports: true,
    evidence: 'read',
    nodeModules: ['exceljs', '@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner'],
  },
  // Every POST: ledger events (TransactWriteItems of Put/Update/ConditionCheck), admin writes, the
  // sweep on demand, which publishes what the stream relay left pending, and POST /digests.
  // exceljs: POST /imports/projects (a filled registration workbook); S3: POST /digests and
  // evidence (the presigner signs upload URLs); SNS and EventBridge: notifications the sweep on
  // demand publishes.
  write: {
    ...api(READ_WRITE),
    publishesAlerts: true,
    digests: 'write',
    evidence: 'write',
    statements: 'write',
    nodeModules: ['exceljs', 'saxes', '@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner', '@aws-sdk/client-sns', '@aws-sdk/client-eventbridge'],
  },

  // Daily sweep walks the sparse `attention` index; more memory = more CPU for a bounded run.
  'sweep-scheduled': {
    kind: 'background',
    memoryMb: 1024,
    timeoutSeconds: 300,
    tableActions: READ_WRITE,
    // Publishes notifications the stream relay failed to send (they stay pending until sent).
    publishesAlerts: true,
    // Writes the daily digest.
    digests: 'write',
    nodeModules: ['@aws-sdk/client-s3', '@aws-sdk/client-sns', '@aws-sdk/client-eventbridge'],
  },
  // Outbox publisher: reads the stream (granted by the event source mapping), marks items sent.
  'publish-alerts': {
    kind: 'background',
    memoryMb: 512,
    timeoutSeconds: 60,
    tableActions: [DDB.GetItem, DDB.UpdateItem],
    publishesAlerts: true,
    nodeModules: ['@aws-sdk/client-sns', '@aws-sdk/client-eventbridge'],
  },
  // Statement jobs fed by the table's stream (inserts of STATEMENT-JOB# items): reads the uploaded
  // file, looks each line's keys up, claims matches and writes the lines. A 10,000-line statement
  // takes about a minute; 15 minutes is Lambda's limit and room for a loaded table.
  'reconcile-statements': {
    kind: 'background',
    memoryMb: 1024,
    timeoutSeconds: 900,
    tableActions: [DDB.GetItem, DDB.BatchGetItem, DDB.Query, DDB.PutItem, DDB.UpdateItem],
    statements: 'read',
    nodeModules: ['exceljs', '@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner'],
  },
  // Custom-resource handler writing the seed programs on create/update (idempotent), the index keys
  // of clusters written before clusters were listed by zone and program (Query: the clusters
  // through the type index), and, once per table, the reconciliation items of transfers and
  // payments recorded before this release (Query: every entry through the type index; each
  // movement a TransactWriteItems of Puts). Lambda's longest timeout: that read grows with the
  // ledger, and a run cut short is taken up by the next deploy.
  'seed-programs': {
    kind: 'background',
    memoryMb: 512,
    timeoutSeconds: 900,
    tableActions: [DDB.GetItem, DDB.Query, DDB.PutItem, DDB.UpdateItem, DDB.ConditionCheckItem],
  },
};

/** Throws if the handler list and this table disagree. */
export function assertHandlerConfigComplete(names: readonly string[]): void {
  const missing = names.filter((n) => !(n in handlerConfig));
  const extra = Object.keys(handlerConfig).filter((n) => !names.includes(n));
  if (missing.length || extra.length) {
    throw new Error(
      `infra/handler-config.ts is out of step with functions/routes.ts: ` +
        `missing ${JSON.stringify(missing)}, unknown ${JSON.stringify(extra)}`,
    );
  }
}

export const DIGEST_BUCKET_ENV = 'DIGEST_BUCKET';
export const EXPORT_BUCKET_ENV = 'EXPORT_BUCKET';

/** What a function's environment points at: the stack's resources, or their local stand-ins. */
export interface FunctionResources {
  tableName: string;
  /** Absent locally: notifications are then logged, not published. */
  alertTopicArn?: string;
  eventBusName?: string;
  /** Absent locally: digests go to an append-only file (DIGEST_DIR). */
  digestBucket?: string;
  /** Absent locally: every export is answered inline. */
  exportBucket?: string;
  /**
   * Absent locally: evidence files live under EVIDENCE_DIR behind the local server. The stack sets
   * it once the bucket exists (HandlerFunctions.useEvidenceBucket: its CORS names the console).
   */
  evidenceBucket?: string;
}

/**
 * The environment variables a function is deployed with, by its entry above. The stack
 * (infra/constructs/handler-functions.ts) and the local Lambda emulator (local/lambda-handlers.ts)
 * both take it from here, so `npm start -- --bundles` runs each bundle with the settings it gets
 * on AWS and nothing else. A resource that is not given is left out.
 */
export function functionEnvironment(name: string, resources: FunctionResources): Record<string, string> {
  const config = handlerConfig[name];
  if (!config) throw new Error(`no handler-config entry for ${name}`);
  const environment: Record<string, string> = {
    [TABLE_NAME_ENV]: resources.tableName,
    POWERTOOLS_SERVICE_NAME: 'fundledger',
    POWERTOOLS_METRICS_NAMESPACE: 'FundLedger',
  };
  if (config.publishesAlerts && resources.alertTopicArn) {
    environment.ALERT_TOPIC_ARN = resources.alertTopicArn;
    environment.EVENT_BUS_NAME = resources.eventBusName ?? 'default';
  }
  if (config.digests && resources.digestBucket) environment[DIGEST_BUCKET_ENV] = resources.digestBucket;
  if (config.exports && resources.exportBucket) environment[EXPORT_BUCKET_ENV] = resources.exportBucket;
  if (config.evidence && resources.evidenceBucket) environment[EVIDENCE_BUCKET_ENV] = resources.evidenceBucket;
  return environment;
}

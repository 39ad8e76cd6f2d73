/**
 * Per-handler sizing and DynamoDB permissions, as data. The stack builds one Lambda per entry
 * and the stack tests read the same table, so "what may this function do" is written once.
 *
 * Every name in allHandlerNames() (functions/routes.ts) must have an entry here and vice versa;
 * the stack throws at synth time otherwise, so a new handler cannot ship without a decision
 * about its permissions.
 */

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

export const handlerConfig: Record<string, HandlerConfig> = {
  // /health and /openapi.json: no table access at all.
  public: api([]),
  // Every authenticated GET: reads only.
  read: api([DDB.GetItem, DDB.BatchGetItem, DDB.Query]),
  // Every POST: ledger events (TransactWriteItems of Put/Update/ConditionCheck), admin writes, the
  // sweep on demand, which publishes what the stream relay left pending.
  write: { ...api(READ_WRITE), publishesAlerts: true },

  // Daily sweep walks the sparse `attention` index; more memory = more CPU for a bounded run.
  'sweep-scheduled': {
    kind: 'background',
    memoryMb: 1024,
    timeoutSeconds: 300,
    tableActions: READ_WRITE,
    // Publishes notifications the stream relay failed to send (they stay pending until sent).
    publishesAlerts: true,
  },
  // Outbox publisher: reads the stream (granted by the event source mapping), marks items sent.
  'publish-alerts': {
    kind: 'background',
    memoryMb: 512,
    timeoutSeconds: 60,
    tableActions: [DDB.GetItem, DDB.UpdateItem],
    publishesAlerts: true,
  },
  // Custom-resource handler writing the seed programs on create/update (idempotent).
  'seed-programs': {
    kind: 'background',
    memoryMb: 256,
    timeoutSeconds: 120,
    tableActions: [DDB.GetItem, DDB.PutItem, DDB.UpdateItem, DDB.ConditionCheckItem],
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

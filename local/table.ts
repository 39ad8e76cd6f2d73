/**
 * Creates the FundLedger table in DynamoDB Local from the shared `tableDefinition`, so local runs,
 * integration tests and the CDK stack all use the same keys and indexes.
 */
import {
  CreateTableCommand,
  UpdateTimeToLiveCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { keyAttributeNames, tableDefinition } from '../functions/lib/storage/table-definition';

type Sender = Pick<DynamoDBClient, 'send'>;

/**
 * The table as DynamoDB Local gets it: the CDK table's keys and indexes, without its stream.
 * Nothing local reads a stream, and DynamoDB Local pays for one on every request: each call
 * looks up the table's stream shard with a scan of the stream records of every table in the
 * database (`SELECT MIN(SequenceNumber) FROM us WHERE ShardID = ?`, no index), so every request
 * slowed with all that had been written before it (README, *DynamoDB Local and streams*).
 */
export function createTableInput(tableName: string, withStream = false): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributeNames().map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableDefinition.indexes.map((index: { indexName: string; partitionKey: string; sortKey: string; include?: readonly string[] }) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] } : { ProjectionType: 'ALL' },
    })),
    ...(withStream
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamViewType } }
      : {}),
  };
}

async function describeStatus(client: Sender, tableName: string): Promise<string | undefined> {
  return (await describe(client, tableName))?.status;
}

async function describe(client: Sender, tableName: string): Promise<{ status: string; streamEnabled: boolean } | undefined> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return { status: out.Table?.TableStatus ?? 'UNKNOWN', streamEnabled: out.Table?.StreamSpecification?.StreamEnabled === true };
  } catch (err) {
    if (err instanceof ResourceNotFoundException || (err as Error).name === 'ResourceNotFoundException') {
      return undefined;
    }
    throw err;
  }
}

/** Creates the table if it does not exist (with its TTL attribute), then waits until it is ACTIVE (up to 30 s). */
export async function ensureTable(client: Sender, tableName: string): Promise<void> {
  if ((await describeStatus(client, tableName)) === undefined) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (err) {
      const name = (err as Error).name;
      if (err instanceof ResourceInUseException || name === 'ResourceInUseException') {
        // created concurrently: fine
      } else {
        throw err;
      }
    }
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    const table = await describe(client, tableName);
    const status = table?.status;
    if (status === 'ACTIVE' && table?.streamEnabled) {
      // A data directory from before local tables went without one (createTableInput).
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }));
      continue;
    }
    if (status === 'ACTIVE') {
      await enableTtl(client, tableName);
      return;
    }
    if (Date.now() > deadline) throw new Error(`table ${tableName} not ACTIVE after 30 s (status ${status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Idempotency records expire; ledger items never carry the attribute. Idempotent: enabling twice is refused, which is fine. */
async function enableTtl(client: Sender, tableName: string): Promise<void> {
  try {
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true } }));
  } catch (err) {
    if ((err as Error).name === 'ValidationException' && /already enabled/i.test((err as Error).message)) return;
    throw err;
  }
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_TABLE_NAME, TABLE_NAME_ENV } from './table-definition';

let cached: DynamoDBDocumentClient | undefined;

/**
 * One configured client per Lambda container, created on first use (not at import, so a process
 * that configures DYNAMODB_ENDPOINT after importing the store still gets it) and then reused
 * across invocations. DYNAMODB_ENDPOINT points the same code at DynamoDB Local.
 */
function documentClient(): DynamoDBDocumentClient {
  if (!cached) {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    const client = new DynamoDBClient({
      ...(endpoint ? { endpoint } : {}),
      // The SDK's own retries absorb throttling; what is left becomes a 503 with Retry-After.
      maxAttempts: 4,
    });
    cached = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return cached;
}

export const doc = {
  send: ((command: Parameters<DynamoDBDocumentClient['send']>[0]) => documentClient().send(command)) as DynamoDBDocumentClient['send'],
};

export const tableName = (): string => process.env[TABLE_NAME_ENV] ?? DEFAULT_TABLE_NAME;

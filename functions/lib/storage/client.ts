import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_TABLE_NAME, TABLE_NAME_ENV } from './table-definition';

/**
 * One configured client per Lambda container, created at module scope so connections are
 * reused across invocations. DYNAMODB_ENDPOINT points the same code at DynamoDB Local.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT;

export const dynamo = new DynamoDBClient({
  ...(endpoint ? { endpoint } : {}),
  // The SDK's own retries absorb throttling; what is left becomes a 503 with Retry-After.
  maxAttempts: 4,
});

export const doc = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

export const tableName = (): string => process.env[TABLE_NAME_ENV] ?? DEFAULT_TABLE_NAME;

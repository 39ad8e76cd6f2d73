import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { badRequest } from './http/problems';
import { keyAttributeNames } from './storage/table-definition';

/** Opaque pagination cursors: base64url JSON, validated on the way back in. */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

const badCursor = () => badRequest([{ path: 'query.cursor', message: 'not a cursor this endpoint issued' }]);

export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (check(value)) return value;
  } catch {
    /* reported below */
  }
  throw badCursor();
}

const KEY_ATTRIBUTES = new Set(keyAttributeNames());

/** A DynamoDB LastEvaluatedKey of the table or its list indexes: string key attributes only. */
const isStartKey = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) &&
  Object.entries(v).every(([k, x]) => KEY_ATTRIBUTES.has(k) && typeof x === 'string') &&
  'pk' in v && 'sk' in v;

/**
 * Runs one page of a list query from a cursor. A well-formed key that DynamoDB still refuses
 * (one issued by another listing) is the client's error, not ours: 400, not 500.
 */
export async function pageFromCursor<T>(cursor: string | undefined, run: (start?: Record<string, string>) => Promise<T>): Promise<T> {
  const start = decodeCursor(cursor, isStartKey);
  try {
    return await run(start);
  } catch (err) {
    if (start && err instanceof DynamoDBServiceException && err.name === 'ValidationException') throw badCursor();
    throw err;
  }
}

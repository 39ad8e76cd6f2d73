import { badRequest } from './http/problems';

/** Opaque pagination cursors: base64url JSON, validated on the way back in. */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (check(value)) return value;
  } catch {
    /* reported below */
  }
  throw badRequest([{ path: 'query.cursor', message: 'not a cursor this endpoint issued' }]);
}

import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { canonicalJson, sha256Hex } from '../../domain/canonical-json';
import { badRequest } from './http/problems';
import { tableDefinition } from './storage/table-definition';

/**
 * Opaque pagination cursors: base64url JSON `{ l, q, k }` — the listing that issued it (`l`), a
 * fingerprint of what that page was asked for (`q`: the filters and the caller's scope), and where
 * the next page starts (`k`). On the way back in, a cursor must name this listing and these
 * filters, and its `k` must have exactly the shape this listing issues — for a DynamoDB start key,
 * the attributes of the index queried, its partition value, its sort-key prefix and the item
 * family's table key. Anything else is a 400 before DynamoDB sees it.
 *
 * The cursors are not signed: the stack has no server key to sign them with. A client can still
 * write a cursor that passes, but only one that starts the same listing, with its own filters and
 * in the partition its scope allows, at some other position in it — which it could reach by paging.
 */
export interface Listing {
  /** Which listing: 'projects', 'history', 'activity', 'alerts', 'documents'. */
  tag: string;
  /** What the pages depend on besides the position: filters, scope, the project. */
  filter: unknown;
}

const fingerprint = (l: Listing) => sha256Hex(canonicalJson({ tag: l.tag, filter: l.filter ?? null })).slice(0, 22);

export const encodeCursor = (listing: Listing, position: unknown): string =>
  Buffer.from(JSON.stringify({ l: listing.tag, q: fingerprint(listing), k: position }), 'utf8').toString('base64url');

const badCursor = () => badRequest([{ path: 'query.cursor', message: 'not a cursor this listing issued for these filters' }]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The position inside a cursor this listing issued for these filters, or a 400. */
export function decodeCursor<T>(cursor: string | undefined, listing: Listing, check: (k: unknown) => k is T): T | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!isPlainObject(value) || Object.keys(value).length !== 3 || value.l !== listing.tag || value.q !== fingerprint(listing) || !check(value.k)) throw badCursor();
  return value.k;
}

/** What a listing's DynamoDB start keys look like (see startKeyCheck). */
export interface StartKeyShape {
  /** The index queried; absent: the table itself. */
  index?: string;
  /** The partition key value of the query. */
  partition: string;
  /** Every sort key of the query begins with this ('' for none). */
  sortPrefix: string;
  /** The item family's table key (for an index query; for the table itself they are the keys above). */
  pk: (pk: string) => boolean;
  sk: (sk: string) => boolean;
  /** The index's sort key and the table key name the same item. */
  sameItem?: (indexSort: string, pk: string, sk: string) => boolean;
}

/** DynamoDB's limits on key values: 2,048 bytes for a partition key, 1,024 for a sort key. */
const MAX_KEY_CHARS = 1024;

export function startKeyCheck(shape: StartKeyShape): (k: unknown) => k is Record<string, string> {
  const idx = shape.index === undefined ? undefined : tableDefinition.indexes.find((i) => i.indexName === shape.index);
  if (shape.index !== undefined && !idx) throw new Error(`no index ${shape.index}`);
  const partitionName = idx?.partitionKey ?? tableDefinition.partitionKey;
  const sortName = idx?.sortKey ?? tableDefinition.sortKey;
  const names = [...new Set([tableDefinition.partitionKey, tableDefinition.sortKey, partitionName, sortName])].sort();
  return (k: unknown): k is Record<string, string> => {
    if (!isPlainObject(k)) return false;
    const present = Object.keys(k).sort();
    if (present.length !== names.length || present.some((n, i) => n !== names[i])) return false;
    if (!Object.values(k).every((v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_KEY_CHARS)) return false;
    const key = k as Record<string, string>;
    return key[partitionName] === shape.partition && key[sortName]!.startsWith(shape.sortPrefix) &&
      shape.pk(key[tableDefinition.partitionKey]!) && shape.sk(key[tableDefinition.sortKey]!) &&
      (shape.sameItem?.(key[sortName]!, key[tableDefinition.partitionKey]!, key[tableDefinition.sortKey]!) ?? true);
  };
}

/**
 * Runs one page of a list query from a cursor of this listing, and makes the next cursor. A start
 * key DynamoDB still refuses is the client's error, not ours: 400, not 500.
 */
export async function pageFromCursor<T extends { next: Record<string, unknown> | undefined }>(
  cursor: string | undefined,
  listing: Listing,
  shape: StartKeyShape,
  run: (start?: Record<string, string>) => Promise<T>,
): Promise<T & { nextCursor: string | null }> {
  const start = decodeCursor(cursor, listing, startKeyCheck(shape));
  let page: T;
  try {
    page = await run(start);
  } catch (err) {
    if (start && err instanceof DynamoDBServiceException && err.name === 'ValidationException') throw badCursor();
    throw err;
  }
  return { ...page, nextCursor: page.next ? encodeCursor(listing, page.next) : null };
}

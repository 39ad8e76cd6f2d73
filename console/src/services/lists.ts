/**
 * Reading every page of a cursor-paged list (GET /projects, GET /alerts) for counts and totals,
 * up to a bound: past it the caller gets `complete: false` and says "at least".
 */
import type { ZodMiniType as ZodType } from 'zod/mini';
import type { ApiClient, Query } from './api';

export interface AllPages<T> {
  items: T[];
  complete: boolean;
}

export async function readAllPages<P extends { nextCursor: string | null }, T>(
  api: ApiClient,
  path: string,
  schema: ZodType<P>,
  pick: (page: P) => T[],
  { query = {}, maxPages = 10, signal }: { query?: Query; maxPages?: number; signal?: AbortSignal } = {},
): Promise<AllPages<T>> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const answer: P = await api.get(path, schema, { query: { ...query, limit: 500, ...(cursor ? { cursor } : {}) }, ...(signal ? { signal } : {}) });
    items.push(...pick(answer));
    cursor = answer.nextCursor;
    if (!cursor) return { items, complete: true };
  }
  return { items, complete: false };
}

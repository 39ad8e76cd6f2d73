/**
 * Cursor-paged lists of the API (`{ <items>, nextCursor }`): page by page as a person reads
 * (useCursorPages, "load more"), or every page up to a bound for counts and totals (readAllPages;
 * past the bound the caller gets `complete: false` and says "at least").
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ZodMiniType as ZodType } from 'zod/mini';
import { useApi, type ApiClient, type Query } from './api';
import { ALL_PAGES_SIZE, pageQuery } from './reads';

type Paged = { nextCursor: string | null };

export interface AllPages<T> {
  items: T[];
  complete: boolean;
}

export async function readAllPages<P extends Paged, T>(
  api: ApiClient,
  path: string,
  schema: ZodType<P>,
  pick: (page: P) => T[],
  { query = {}, maxPages = 10, signal }: { query?: Query; maxPages?: number; signal?: AbortSignal } = {},
): Promise<AllPages<T>> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const answer: P = await api.get(path, schema, { query: pageQuery(query, ALL_PAGES_SIZE, cursor), ...(signal ? { signal } : {}) });
    items.push(...pick(answer));
    cursor = answer.nextCursor;
    if (!cursor) return { items, complete: true };
  }
  return { items, complete: false };
}

/** Every page of a list (up to readAllPages' bound), cached under its path and query. */
export function useAllPages<P extends Paged, T>(path: string, schema: ZodType<P>, pick: (page: P) => T[], query: Query = {}) {
  const api = useApi();
  return useQuery({
    queryKey: ['all', path, query],
    queryFn: ({ signal }) => readAllPages(api, path, schema, pick, { query, signal }),
  });
}

export interface CursorPages<T> {
  items: T[];
  /** The first page is being read (nothing to show yet, or a new query). */
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  reload(): void;
}

/**
 * A list read page by page with the API's cursor (`nextCursor` → `cursor`): the first page when
 * the query changes, the next on loadMore(). The query is part of the cache key (by value).
 * `keepWhileLoading`: a changed filter keeps the old rows on screen (greyed by `loading`) until
 * the new ones arrive — right for a filtered list, wrong where the path names another thing.
 */
export function useCursorPages<P extends Paged, T>(
  path: string,
  schema: ZodType<P>,
  pick: (page: P) => T[],
  query: Query,
  { pageSize = 50, keepWhileLoading = true }: { pageSize?: number; keepWhileLoading?: boolean } = {},
): CursorPages<T> {
  const api = useApi();
  const list = useInfiniteQuery({
    queryKey: ['pages', path, query, pageSize],
    queryFn: ({ pageParam, signal }) => api.get(path, schema, { query: pageQuery(query, pageSize, pageParam), signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    ...(keepWhileLoading ? { placeholderData: keepPreviousData } : {}),
  });
  return {
    items: list.data?.pages.flatMap(pick) ?? [],
    loading: list.isPending || (list.isFetching && !list.isFetchingNextPage),
    error: list.error,
    hasMore: list.hasNextPage,
    loadingMore: list.isFetchingNextPage,
    loadMore: () => void list.fetchNextPage(),
    reload: () => void list.refetch(),
  };
}

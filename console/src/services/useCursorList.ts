import { useCallback, useEffect, useRef, useState } from 'react';
import type { ZodMiniType as ZodType } from 'zod/mini';
import { useApi, type Query } from './api';

export interface CursorList<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

/**
 * A cursor-paged list (`{ <items>, nextCursor }`): the first page when the query changes, the next
 * one on loadMore(). The query is compared by value, so pages can pass a fresh object each render.
 */
export function useCursorList<P extends { nextCursor: string | null }, T>(
  path: string,
  schema: ZodType<P>,
  pick: (page: P) => T[],
  query: Query,
  pageSize = 50,
): CursorList<T> {
  const api = useApi();
  const key = `${path}?${JSON.stringify(query)}`;
  const [state, setState] = useState<{ key: string; items: T[]; cursor: string | null; loading: boolean; error: unknown }>({
    key,
    items: [],
    cursor: null,
    loading: true,
    error: undefined,
  });
  const [round, setRound] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const queryRef = useRef(query);
  queryRef.current = query;
  const pickRef = useRef(pick);
  pickRef.current = pick;

  const fetchPage = useCallback(
    (cursor: string | null, append: boolean) => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      setState((s) => ({ ...s, key, loading: true, error: undefined, ...(append ? {} : { items: [], cursor: null }) }));
      api
        .get(path, schema, { query: { ...queryRef.current, limit: pageSize, ...(cursor ? { cursor } : {}) }, signal: c.signal })
        .then(
          (page) => {
            if (c.signal.aborted) return;
            setState((s) => ({ key, items: append ? [...s.items, ...pickRef.current(page)] : pickRef.current(page), cursor: page.nextCursor, loading: false, error: undefined }));
          },
          (error: unknown) => {
            if (!c.signal.aborted) setState((s) => ({ ...s, loading: false, error }));
          },
        );
    },
    [api, key, path, schema, pageSize],
  );

  useEffect(() => {
    fetchPage(null, false);
    return () => controller.current?.abort();
  }, [fetchPage, round]);

  const fresh = state.key === key;
  return {
    items: fresh ? state.items : [],
    loading: fresh ? state.loading : true,
    error: fresh ? state.error : undefined,
    hasMore: fresh && state.cursor !== null,
    loadMore: () => {
      if (state.cursor && !state.loading) fetchPage(state.cursor, true);
    },
    reload: () => setRound((r) => r + 1),
  };
}

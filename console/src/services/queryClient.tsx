/**
 * Server state: one TanStack Query cache per signed-in person. A new identity gets a new, empty
 * cache, so nothing one person read can show on another's screen; signing out drops it.
 *
 * Kept free of the API's schemas (zod): this module is in the initial bundle, the schemas are not.
 */
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { useAuth } from '../auth/context';
import { ApiError } from './api';

/** A refusal (4xx) will be refused again: only a network failure or a 5xx is worth one more try. */
function retryable(failures: number, error: unknown): boolean {
  if (failures >= 1) return false;
  return !(error instanceof ApiError) || error.kind === 'network' || error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pages read on mount and when their inputs change; a page visited again within 30 s
        // shows what it read, and a write updates the cache itself (services/project.ts).
        staleTime: 30_000,
        retry: retryable,
      },
      mutations: { retry: false },
    },
  });
}

export function ServerStateProvider({ children }: { children: ReactNode }) {
  const { identity } = useAuth();
  const sub = identity?.sub ?? null;
  // One cache per person: a change of `sub` starts an empty one.
  const client = useMemo(() => createQueryClient(), [sub]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/**
 * After a write whose answer does not say what else changed (a plan document, an import): every
 * read but the catalog is stale, read again where it is shown.
 */
export function useStaleAfterWrite(): () => void {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'catalog' });
}

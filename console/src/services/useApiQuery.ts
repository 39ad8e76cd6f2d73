import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { useApi, type ApiClient } from './api';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Runs a read through the API client when the page mounts and whenever `deps` change; a newer
 * run supersedes an older one (its answer is dropped and its request aborted).
 */
export function useApiQuery<T>(load: (api: ApiClient, signal: AbortSignal) => Promise<T>, deps: DependencyList): QueryState<T> {
  const api = useApi();
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    load(api, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ data: undefined, error, loading: false });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, round, ...deps]);

  return { ...state, reload };
}

/** What the overview reads: every project and open alert in the person's scope, and the pending matches behind them. */
import { useQuery } from '@tanstack/react-query';
import { compareDates } from '../../../../domain/dates';
import { apiPath, useApi, type ApiClient } from '../../services/api';
import { useAllPages } from '../../services/lists';
import { alertListOut, projectListOut, projectView, type ProjectSummary } from '../../services/schemas';

export function useScopeProjects(query: Record<string, string> = {}) {
  return useAllPages('/projects', projectListOut, (p) => p.projects, query);
}

export function useOpenAlerts() {
  return useAllPages('/alerts', alertListOut, (p) => p.alerts, { status: 'open' });
}

export interface PendingMatch {
  projectId: string;
  title: string;
  entryId: string;
  pendingFen: number;
  valueDate: string;
  matchDueOn: string;
}

async function pendingMatches(api: ApiClient, projects: ProjectSummary[], signal: AbortSignal): Promise<PendingMatch[]> {
  const waiting = projects.filter((p) => p.balances.province.pendingFen > 0);
  const views = await Promise.all(waiting.map((p) => api.get(apiPath`/projects/${p.projectId}`, projectView, { signal })));
  return views
    .flatMap((v) => v.pendingAllocations.map((a) => ({ projectId: v.projectId, title: v.title, entryId: a.entryId, pendingFen: a.pendingFen, valueDate: a.valueDate, matchDueOn: a.matchDueOn })))
    .sort((a, b) => compareDates(a.matchDueOn, b.matchDueOn));
}

export function usePendingMatches(projects: ProjectSummary[]) {
  const api = useApi();
  const waiting = projects.filter((p) => p.balances.province.pendingFen > 0).map((p) => p.projectId);
  return useQuery({ queryKey: ['pending-matches', waiting], queryFn: ({ signal }) => pendingMatches(api, projects, signal) });
}

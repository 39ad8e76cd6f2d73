/**
 * One project's server state: the project view (GET /projects/{id}, optionally as of a date) and
 * its history (GET …/history, page by page). A write's answer `{ entry, project }` is the
 * project after the write: it replaces the cached view as it is (no second read), and the entry
 * joins the cached history when it is the next one; anything the write may have changed
 * elsewhere (lists, alerts, the portfolio) is marked stale and read again where it is shown.
 */
import { useQueryClient, useQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useApi } from './api';
import { useCursorPages } from './lists';
import { historyPath, historyQuery, HISTORY_PAGE_SIZE, projectRead } from './reads';
import { historyOut, projectView, type Entry, type LedgerEventResult, type ProjectView } from './schemas';

type HistoryPage = { entries: Entry[]; nextCursor: string | null };

const projectKey = (projectId: string, asOf: string | undefined) => ['project', projectId, asOf ?? null] as const;
const historyKey = (projectId: string) => ['pages', historyPath(projectId), historyQuery(undefined), HISTORY_PAGE_SIZE] as const;

export function useProject(projectId: string, asOf: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: projectKey(projectId, asOf),
    queryFn: ({ signal }) => {
      const { path, query } = projectRead(projectId, asOf);
      return api.get(path, projectView, { signal, query });
    },
    // Another date of the same project keeps the page on screen until it arrives; another project does not.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === projectId ? previous : undefined),
  });
}

export function useHistory(projectId: string, asOf: string | undefined) {
  // Another project's entries never stand in for this one's while they load.
  return useCursorPages(historyPath(projectId), historyOut, (p) => p.entries.map((e) => ({ ...e, state: p.states[e.entryId] })), historyQuery(asOf), { pageSize: HISTORY_PAGE_SIZE, keepWhileLoading: false });
}

/** The entry appended to the last page when it follows it; false when it cannot be placed. */
function appendEntry(history: InfiniteData<HistoryPage, string | null> | undefined, entry: Entry): InfiniteData<HistoryPage, string | null> | false {
  const last = history?.pages.at(-1);
  if (!history || !last || last.nextCursor !== null) return false; // not read to the end: it shows when it is
  const lastSeq = last.entries.at(-1)?.seq ?? history.pages.flatMap((p) => p.entries).at(-1)?.seq ?? 0;
  if (entry.seq !== lastSeq + 1) return false;
  return { ...history, pages: [...history.pages.slice(0, -1), { ...last, entries: [...last.entries, entry] }] };
}

export function recordWrite(client: QueryClient, result: LedgerEventResult): void {
  const { projectId } = result.project;
  client.setQueryData<ProjectView>(projectKey(projectId, undefined), result.project);
  const appended = appendEntry(client.getQueryData(historyKey(projectId)), result.entry);
  if (appended) client.setQueryData(historyKey(projectId), appended);
  // The write changes what earlier entries stand for (an allocation matched, a proposal approved):
  // the history's `states` are read again either way.
  void client.invalidateQueries({ queryKey: historyKey(projectId) });
  // Everything else that may include this project (its views of the past, other projects of its
  // cluster, lists, alerts, the portfolio) is read again when shown; nothing on this page is.
  const current = [projectKey(projectId, undefined), historyKey(projectId), ['catalog']];
  void client.invalidateQueries({ predicate: (q) => !current.some((key) => sameKey(q.queryKey, key)) });
}

const sameKey = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b);

/** What a project write does with its answer (see the module comment). */
export function useRecordWrite(): (result: LedgerEventResult) => void {
  const client = useQueryClient();
  return (result) => recordWrite(client, result);
}

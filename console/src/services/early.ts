/**
 * Reads started at boot, before React has rendered anything: the catalog every page names things
 * with, and a project page's own first reads (the project, its history's first page, its
 * reconciliation). On a reload they then run while the script evaluates, the page's chunk loads
 * and the shell renders, instead of after. The API client takes such a read when a query asks
 * for the same URL with the same token (services/api.ts); each is taken at most once, and only
 * soon after boot, so nothing stale is ever shown.
 */
import { withQuery, type Query } from './api';
import { catalogReads, historyPath, historyQuery, HISTORY_PAGE_SIZE, pageQuery, projectOfPath, projectRead, reconciliationRead, readsReconciliation, type Read } from './reads';

interface EarlyRead {
  token: string;
  startedAt: number;
  response: Promise<Response>;
}

/** A read not taken by then is left to the query (it asks again): the data could have changed. */
const FRESH_MS = 5_000;
const started = new Map<string, EarlyRead>();

/** The reads the page at `pathname` + `search` starts with, for a person with `roles`. */
export function earlyReadsFor(pathname: string, search: string, roles: readonly string[]): Read[] {
  const reads: Read[] = [...catalogReads];
  const projectId = projectOfPath(pathname);
  if (projectId !== null) {
    const asOf = new URLSearchParams(search).get('asOf') ?? undefined;
    reads.push(projectRead(projectId, asOf), { path: historyPath(projectId), query: pageQuery(historyQuery(asOf), HISTORY_PAGE_SIZE, null) });
    if (readsReconciliation(roles)) reads.push(reconciliationRead(projectId));
  }
  return reads;
}

export function startEarlyReads(baseUrl: string, token: string, reads: readonly Read[], now = Date.now()): void {
  for (const { path, query } of reads) {
    const url = baseUrl + withQuery(path, query as Query);
    const response = fetch(url, { headers: { accept: 'application/json', authorization: `Bearer ${token}` }, credentials: 'omit' });
    response.catch(() => undefined); // a failure is the query's to report, when it takes the read
    started.set(url, { token, startedAt: now, response });
  }
}

/** The read started at boot for this URL and token, once; undefined when there is none (or it is too old). */
export function takeEarlyRead(url: string, token: string | null, now = Date.now()): Promise<Response> | undefined {
  const early = started.get(url);
  if (!early) return undefined;
  started.delete(url);
  return early.token === token && now - early.startedAt <= FRESH_MS ? early.response : undefined;
}

/**
 * The URLs of the reads a page starts with, built in one place for the hooks that make them
 * (services/project.ts, reconciliation.ts, catalog.ts) and for the reads started at boot
 * (services/early.ts), so that the two can never ask for different URLs. No schemas here: this
 * module is in the initial bundle.
 */
import { apiPath, type Query } from './api';

export interface Read {
  path: string;
  query: Query;
}

/** The history is read in pages of this size (the project page's first page is its first read). */
export const HISTORY_PAGE_SIZE = 200;
/** Lists read to the end (the catalog's clusters) ask for the API's largest page. */
export const ALL_PAGES_SIZE = 500;

export const projectRead = (projectId: string, asOf: string | undefined): Read => ({ path: apiPath`/projects/${projectId}`, query: { asOf } });
export const historyPath = (projectId: string): string => apiPath`/projects/${projectId}/history`;
export const historyQuery = (asOf: string | undefined): Query => (asOf ? { to: asOf } : {});
/** A cursor listing's page: the listing's own query, then its size and cursor (services/lists.ts). */
export const pageQuery = (query: Query, limit: number, cursor: string | null): Query => ({ ...query, limit, ...(cursor ? { cursor } : {}) });
export const reconciliationRead = (projectId: string): Read => ({ path: '/reconciliation', query: { projectId } });
export const CATALOG_PATHS = { zones: '/zones', programs: '/programs', clusters: '/clusters' } as const;
/** The catalog (services/catalog.ts): zones and programs in one answer each, clusters read to the end. */
export const catalogReads: readonly Read[] = [
  { path: CATALOG_PATHS.zones, query: {} },
  { path: CATALOG_PATHS.programs, query: {} },
  { path: CATALOG_PATHS.clusters, query: pageQuery({}, ALL_PAGES_SIZE, null) },
];
/** The project a console address is the page of (/projects/{id}), or null. */
export function projectOfPath(pathname: string): string | null {
  const match = /^\/projects\/([^/]+)$/.exec(pathname);
  if (!match || match[1] === 'new') return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null; // not an address the console made: the page says it is not found
  }
}

/** City bureaus hold no account: no reconciliation is theirs to read. */
export const readsReconciliation = (roles: readonly string[]): boolean => roles.some((r) => r !== 'city-bureau');

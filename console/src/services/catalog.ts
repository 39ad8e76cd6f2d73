/**
 * Programs, zones and clusters: read once per signed-in session (they change rarely, and only by
 * an admin), shared by every page that needs a name or a dropdown.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi, type ApiClient } from './api';
import { readAllPages } from './lists';
import { CATALOG_PATHS } from './reads';
import { clusterListOut, programListOut, zoneListOut, type Cluster, type Program, type Zone } from './schemas';

export interface Catalog {
  zones: Zone[];
  programs: Program[];
  clusters: Cluster[];
}

async function loadCatalog(api: ApiClient, signal: AbortSignal): Promise<Catalog> {
  const [z, p, c] = await Promise.all([
    api.get(CATALOG_PATHS.zones, zoneListOut, { signal }),
    api.get(CATALOG_PATHS.programs, programListOut, { signal }),
    readAllPages(api, CATALOG_PATHS.clusters, clusterListOut, (page) => page.clusters, { signal }),
  ]);
  return { zones: z.zones, programs: p.programs, clusters: c.items };
}

/** The catalog, or null while it loads (or when it could not be read: names then fall back to ids). */
export function useCatalog(): Catalog | null {
  const api = useApi();
  const catalog = useQuery({ queryKey: ['catalog'], queryFn: ({ signal }) => loadCatalog(api, signal), staleTime: Infinity });
  return catalog.data ?? null;
}

export const zoneName = (catalog: Catalog | null, zoneId: string): string => catalog?.zones.find((z) => z.zoneId === zoneId)?.name ?? zoneId;
export const programName = (catalog: Catalog | null, code: string): string => catalog?.programs.find((p) => p.code === code)?.name ?? code;
export const clusterName = (catalog: Catalog | null, clusterId: string): string => catalog?.clusters.find((c) => c.clusterId === clusterId)?.name ?? clusterId;
export const programOf = (catalog: Catalog | null, code: string): Program | undefined => catalog?.programs.find((p) => p.code === code);

/** Names of zones, programs and clusters by their codes (the code itself until the catalog arrives). */
export interface CatalogNames {
  zone(zoneId: string): string;
  program(code: string): string;
  cluster(clusterId: string): string;
}

export function useCatalogNames(): CatalogNames {
  const catalog = useCatalog();
  return useMemo(
    () => ({ zone: (id) => zoneName(catalog, id), program: (code) => programName(catalog, code), cluster: (id) => clusterName(catalog, id) }),
    [catalog],
  );
}

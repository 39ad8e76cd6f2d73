/**
 * Programs, zones and clusters: read once per signed-in session (they change rarely, and only by
 * an admin), shared by every page that needs a name or a dropdown.
 */
import { useEffect, useState } from 'react';
import type { ApiClient } from './api';
import { useApi } from './api';
import { clusterListOut, programListOut, zoneListOut, type Cluster, type Program, type Zone } from './schemas';

export interface Catalog {
  zones: Zone[];
  programs: Program[];
  clusters: Cluster[];
}

const cache = new WeakMap<ApiClient, Promise<Catalog>>();

export function loadCatalog(api: ApiClient): Promise<Catalog> {
  let pending = cache.get(api);
  if (!pending) {
    pending = Promise.all([api.get('/zones', zoneListOut), api.get('/programs', programListOut), api.get('/clusters', clusterListOut)]).then(
      ([z, p, c]) => ({ zones: z.zones, programs: p.programs, clusters: c.clusters }),
    );
    pending.catch(() => cache.delete(api)); // a failure is not remembered
    cache.set(api, pending);
  }
  return pending;
}

/** The catalog, or null while it loads (or when it could not be read: names then fall back to ids). */
export function useCatalog(): Catalog | null {
  const api = useApi();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  useEffect(() => {
    let live = true;
    loadCatalog(api).then(
      (c) => live && setCatalog(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return catalog;
}

export const zoneName = (catalog: Catalog | null, zoneId: string): string => catalog?.zones.find((z) => z.zoneId === zoneId)?.name ?? zoneId;
export const programOf = (catalog: Catalog | null, code: string): Program | undefined => catalog?.programs.find((p) => p.code === code);

/**
 * The program office's server state: programs, zones and clusters (reference data every role
 * reads), the alert sweep and the daily digests (admin runs them). Reads are queries, cluster
 * lists page with the API's cursors; each write is a mutation whose answer goes into the cache it
 * changes, and what it cannot know about (the shared catalog, lists) is read again when shown.
 * No write here sends an Idempotency-Key (API.md: ignored on these routes; a zone or cluster id
 * sent twice is a 409, the same program code replaces, a day's sweep run twice changes nothing,
 * a digest made again is one more):
 * the pages' forms (useWriteForm) send through these mutations and leave the key aside.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type * as z from 'zod/mini';
import { apiPath, useApi } from './api';
import { useCursorPages } from './lists';
import { useStaleAfterWrite } from './queryClient';
import {
  clusterListOut,
  clusterOut,
  digestOut,
  programListOut,
  programOut,
  storedProgramOut,
  sweepOut,
  zoneListOut,
  zoneSchema,
  type clusterCloseSchema,
  type clusterSchema,
  type Cluster,
  type Digest,
  type Program,
  type programSchema,
  type sweepSchema,
  type Zone,
} from './schemas';

export type ProgramInput = z.infer<typeof programSchema>;
export type ZoneInput = z.infer<typeof zoneSchema>;
export type ClusterInput = z.infer<typeof clusterSchema>;
export type ClusterClose = z.infer<typeof clusterCloseSchema>;
export type SweepInput = z.infer<typeof sweepSchema>;

export const adminKeys = {
  programs: ['programs'] as const,
  program: (code: string) => ['program', code] as const,
  zones: ['zones'] as const,
  cluster: (clusterId: string) => ['cluster', clusterId] as const,
  /** A digest by date (the latest of that day) or by id. */
  digest: (ref: string) => ['digest', ref] as const,
};

/** The catalog every page reads names from (services/catalog.ts) is stale after any catalog write. */
const catalogIsStale = (client: QueryClient) => void client.invalidateQueries({ queryKey: ['catalog'] });

// --- reads ------------------------------------------------------------------------------------

export function usePrograms() {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.programs, queryFn: ({ signal }) => api.get('/programs', programListOut, { signal }) });
}

export function useProgram(code: string) {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.program(code), queryFn: ({ signal }) => api.get(apiPath`/programs/${code}`, storedProgramOut, { signal }) });
}

export function useZones() {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.zones, queryFn: ({ signal }) => api.get('/zones', zoneListOut, { signal }) });
}

export interface ClusterFilter {
  zoneId?: string | undefined;
  programCode?: string | undefined;
}

/** Clusters page by page, by the API's key conditions (zone, program). */
export function useClusterPages(filter: ClusterFilter) {
  return useCursorPages('/clusters', clusterListOut, (page) => page.clusters, { zoneId: filter.zoneId, programCode: filter.programCode }, { pageSize: 50 });
}

export function useCluster(clusterId: string) {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.cluster(clusterId), queryFn: ({ signal }) => api.get(apiPath`/clusters/${clusterId}`, clusterOut, { signal }) });
}

/** A day's latest digest (or one by id); a 404 means there is none yet. */
export function useDigest(ref: string) {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.digest(ref), queryFn: ({ signal }) => api.get(apiPath`/digests/${ref}`, digestOut, { signal }) });
}

// --- writes -----------------------------------------------------------------------------------

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));

/** POST /programs: created (201) or replaced (200); 409 once a project uses it. */
export function useSaveProgram() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgramInput) => api.post('/programs', body, { schema: programOut }),
    onSuccess: (program: Program) => {
      client.setQueryData<{ programs: Program[] }>(adminKeys.programs, (old) =>
        old ? { programs: [...old.programs.filter((p) => p.code !== program.code), program].sort(byKey((p) => p.code)) } : old,
      );
      // The stored program carries its digest and project count, which the answer does not.
      void client.invalidateQueries({ queryKey: adminKeys.program(program.code) });
      catalogIsStale(client);
    },
  });
}

export function useCreateZone() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ZoneInput) => api.post('/zones', body, { schema: zoneSchema }),
    onSuccess: (zone: Zone) => {
      client.setQueryData<{ zones: Zone[] }>(adminKeys.zones, (old) => (old ? { zones: [...old.zones, zone].sort(byKey((z) => z.zoneId)) } : old));
      catalogIsStale(client);
    },
  });
}

/** A cluster's answer (create, close) is the cluster as GET /clusters/{id} reads it. */
function recordCluster(client: QueryClient, cluster: Cluster) {
  client.setQueryData(adminKeys.cluster(cluster.clusterId), cluster);
  void client.invalidateQueries({ queryKey: ['pages', '/clusters'] });
  catalogIsStale(client);
}

export function useCreateCluster() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ClusterInput) => api.post('/clusters', body, { schema: clusterOut }),
    onSuccess: (cluster: Cluster) => recordCluster(client, cluster),
  });
}

export function useCloseCluster(clusterId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ClusterClose) => api.post(apiPath`/clusters/${clusterId}/close`, body, { schema: clusterOut }),
    onSuccess: (cluster: Cluster) => recordCluster(client, cluster),
  });
}

/** POST /alerts/sweep: alerts, and the projects that show them, are read again where shown. */
export function useSweep() {
  const api = useApi();
  const staleAfterWrite = useStaleAfterWrite();
  return useMutation({
    mutationFn: (body: SweepInput) => api.post('/alerts/sweep', body, { schema: sweepOut }),
    onSuccess: () => staleAfterWrite(),
  });
}

/** POST /digests: the new digest is its day's latest; the day's other digests now list it too. */
export function useMakeDigest() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    // No body: the digest covers every project's head at the moment it is made.
    mutationFn: (_none: undefined) => api.post('/digests', undefined, { schema: digestOut }),
    onSuccess: (digest: Digest) => {
      void client.invalidateQueries({ queryKey: ['digest'] });
      client.setQueryData(adminKeys.digest(digest.date), digest);
      client.setQueryData(adminKeys.digest(digest.digestId), digest);
    },
  });
}

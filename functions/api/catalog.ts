import type * as z from 'zod/mini';
import { normalizeProgram, type Program } from '../../domain/programs/program';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { badRequest, conflict, notFound, ruleViolated } from '../lib/http/problems';
import { requireRole } from '../lib/authorize';
import type { clusterCloseSchema, clusterListQuery, clusterSchema, programSchema, zoneSchema } from '../lib/schemas';
import { pageFromCursor } from '../lib/cursor';
import { clusterListShape } from '../lib/cursor-shapes';
import {
  closeCluster, clusterQuery, createCluster, createZone, getCluster, getProgram, getZone, listClusterPage, listPrograms, listZones, putProgram,
  type StoredCluster,
} from '../lib/storage/catalog-store';

/** Programs, zones and clusters: the reference data projects are registered against. */
async function postProgram(req: Req<unknown, unknown, z.infer<typeof programSchema>>): Promise<Reply> {
  requireRole(req.principal, 'admin');
  const program = normalizeProgram(req.body as Program);
  const outcome = await putProgram(program);
  if (outcome === 'in-use') throw conflict(`Program ${program.code} is used by registered projects: only its settings (budgetControl, basis) can change.`);
  return { status: outcome === 'created' ? 201 : 200, body: program };
}

async function getPrograms(): Promise<Reply> {
  const programs = await listPrograms();
  return { status: 200, body: { programs: programs.sort((a, b) => a.code.localeCompare(b.code)) } };
}

async function getOneProgram(req: Req<{ code: string }>): Promise<Reply> {
  // Fresh: a program in use may have had its settings changed (budgetControl) by another container.
  const stored = await getProgram(req.params.code, { fresh: true });
  if (!stored) throw notFound(`No program ${req.params.code}.`);
  return { status: 200, body: { ...stored.program, ruleDigest: stored.ruleDigest, projectCount: stored.projectCount } };
}

async function postZone(req: Req<unknown, unknown, z.infer<typeof zoneSchema>>): Promise<Reply> {
  requireRole(req.principal, 'admin');
  if ((await createZone(req.body)) === 'exists') throw conflict(`Zone ${req.body.zoneId} already exists.`);
  return { status: 201, body: req.body };
}

async function getZones(): Promise<Reply> {
  const zones = await listZones();
  return { status: 200, body: { zones: zones.sort((a, b) => a.zoneId.localeCompare(b.zoneId)) } };
}

type ProgramOf = (code: string) => Promise<Program | undefined>;
const readProgram: ProgramOf = async (code) => (await getProgram(code))?.program;

/** A cluster with its usage against the caps of its program. */
async function clusterView(cluster: StoredCluster, programOf: ProgramOf = readProgram) {
  const program = await programOf(cluster.programCode);
  const caps = program?.caps;
  const line = (allocatedFen: number, limitFen: number | null) => ({ allocatedFen, limitFen, headroomFen: limitFen === null ? null : Math.max(0, limitFen - allocatedFen) });
  const { provinceAllocatedFen, zoneAllocatedFen, projectCount, ...rest } = cluster;
  return {
    ...rest,
    usage: {
      province: line(provinceAllocatedFen, caps?.provincePerClusterFen ?? null),
      zone: line(zoneAllocatedFen, caps?.zonePerClusterFen ?? null),
      projects: { count: projectCount, limit: program?.quotas.projectsPerCluster ?? null },
    },
  };
}

async function postCluster(req: Req<unknown, unknown, z.infer<typeof clusterSchema>>): Promise<Reply> {
  requireRole(req.principal, 'admin');
  const cluster = req.body;
  const [program, zone] = await Promise.all([getProgram(cluster.programCode), getZone(cluster.zoneId)]);
  if (!program) throw badRequest([{ path: 'programCode', message: `unknown program ${cluster.programCode}` }]);
  if (!zone) throw badRequest([{ path: 'zoneId', message: `unknown zone ${cluster.zoneId}` }]);
  const quota = program.program.quotas.clustersPerZone;
  const outcome = await createCluster(cluster, quota);
  if (outcome === 'exists') throw conflict(`Cluster ${cluster.clusterId} already exists.`);
  if (outcome === 'zone-quota') {
    throw ruleViolated({ rule: 'cluster-quota', detail: `zone ${cluster.zoneId} already has ${quota} open cluster(s) under ${cluster.programCode}` });
  }
  return { status: 201, body: await clusterView((await getCluster(cluster.clusterId))!) };
}

/**
 * GET /clusters: every role reads (API.md). A page of one key condition: all clusters by id, a
 * zone's by program then id, a program's by id.
 */
async function getClusters(req: Req<unknown, z.infer<typeof clusterListQuery>>): Promise<Reply> {
  const { zoneId, programCode, cursor, limit } = req.query;
  const filter = { ...(zoneId !== undefined ? { zoneId } : {}), ...(programCode !== undefined ? { programCode } : {}) };
  const page = await pageFromCursor(cursor, { tag: 'clusters', filter }, clusterListShape(clusterQuery(filter)), (start) => listClusterPage(filter, limit, start));
  // A page's clusters share few programs: each is read once.
  const programs = new Map<string, Promise<Program | undefined>>();
  const programOf: ProgramOf = (code) => {
    if (!programs.has(code)) programs.set(code, readProgram(code));
    return programs.get(code)!;
  };
  const clusters = await Promise.all(page.clusters.map((c) => clusterView(c, programOf)));
  return { status: 200, body: { clusters, nextCursor: page.nextCursor } };
}

async function getOneCluster(req: Req<{ clusterId: string }>): Promise<Reply> {
  const cluster = await getCluster(req.params.clusterId);
  if (!cluster) throw notFound(`No cluster ${req.params.clusterId}.`);
  return { status: 200, body: await clusterView(cluster) };
}

async function postClusterClose(req: Req<{ clusterId: string }, unknown, z.infer<typeof clusterCloseSchema>>): Promise<Reply> {
  requireRole(req.principal, 'admin');
  const cluster = await getCluster(req.params.clusterId);
  if (!cluster) throw notFound(`No cluster ${req.params.clusterId}.`);
  if ((await closeCluster(cluster, req.body.closedOn, req.body.reference)) === 'already-closed') {
    throw conflict(`Cluster ${cluster.clusterId} closed its cycle on ${cluster.closedOn}.`);
  }
  return { status: 200, body: await clusterView((await getCluster(cluster.clusterId))!) };
}

export const catalogReads: Record<string, RouteImpl> = {
  'GET /programs': getPrograms,
  'GET /programs/{code}': getOneProgram,
  'GET /zones': getZones,
  'GET /clusters': getClusters,
  'GET /clusters/{clusterId}': getOneCluster,
};

export const catalogWrites: Record<string, RouteImpl> = {
  'POST /programs': postProgram,
  'POST /zones': postZone,
  'POST /clusters': postCluster,
  'POST /clusters/{clusterId}/close': postClusterClose,
};


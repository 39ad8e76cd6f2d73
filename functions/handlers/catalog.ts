import { apiHandler, type RouteRequest } from '../lib/http/handler';
import { json, parse } from '../lib/http/middleware';
import { badRequest, conflict, notFound, ruleViolated } from '../lib/http/problems';
import { requireRole } from '../lib/authorize';
import { clusterSchema, programSchema, zoneSchema } from '../lib/schemas';
import { createCluster, createZone, getCluster, getProgram, getZone, listPrograms, listZones, putProgram } from '../lib/storage/catalog-store';
import type { Program } from '../../domain/programs/program';

/** Programs, zones and clusters: the reference data projects are registered against. */
async function postProgram({ ctx }: RouteRequest) {
  requireRole(ctx.principal!, 'admin');
  const program = parse(programSchema, ctx.body) as Program;
  const outcome = await putProgram(program);
  if (outcome === 'in-use') throw conflict(`Program ${program.code} is used by registered projects and cannot change.`);
  return json(outcome === 'created' ? 201 : 200, program);
}

async function getPrograms() {
  const programs = await listPrograms();
  return json(200, { programs: programs.sort((a, b) => a.code.localeCompare(b.code)) });
}

async function getOneProgram({ params }: RouteRequest) {
  const stored = await getProgram(params.code!);
  if (!stored) throw notFound(`No program ${params.code}.`);
  return json(200, { ...stored.program, ruleDigest: stored.ruleDigest, projectCount: stored.projectCount });
}

async function postZone({ ctx }: RouteRequest) {
  requireRole(ctx.principal!, 'admin');
  const zone = parse(zoneSchema, ctx.body);
  if ((await createZone(zone)) === 'exists') throw conflict(`Zone ${zone.zoneId} already exists.`);
  return json(201, zone);
}

async function getZones() {
  const zones = await listZones();
  return json(200, { zones: zones.sort((a, b) => a.zoneId.localeCompare(b.zoneId)) });
}

async function postCluster({ ctx }: RouteRequest) {
  requireRole(ctx.principal!, 'admin');
  const cluster = parse(clusterSchema, ctx.body);
  const [program, zone] = await Promise.all([getProgram(cluster.programCode), getZone(cluster.zoneId)]);
  if (!program) throw badRequest([{ path: 'programCode', message: `unknown program ${cluster.programCode}` }]);
  if (!zone) throw badRequest([{ path: 'zoneId', message: `unknown zone ${cluster.zoneId}` }]);
  const quota = program.program.quotas.clustersPerZone;
  const outcome = await createCluster(cluster, quota);
  if (outcome === 'exists') throw conflict(`Cluster ${cluster.clusterId} already exists.`);
  if (outcome === 'zone-quota') {
    throw ruleViolated({ rule: 'cluster-quota', detail: `zone ${cluster.zoneId} already has ${quota} cluster(s) under ${cluster.programCode}` });
  }
  return json(201, cluster);
}

async function getOneCluster({ params }: RouteRequest) {
  const cluster = await getCluster(params.clusterId!);
  if (!cluster) throw notFound(`No cluster ${params.clusterId}.`);
  const program = await getProgram(cluster.programCode);
  const caps = program?.program.caps;
  const quotas = program?.program.quotas;
  const cap = caps?.provincePerClusterFen ?? null;
  const { provinceAllocatedFen, zoneAllocatedFen, projectCount, ...rest } = cluster;
  return json(200, {
    ...rest,
    usage: {
      province: { allocatedFen: provinceAllocatedFen, limitFen: cap, headroomFen: cap === null ? null : Math.max(0, cap - provinceAllocatedFen) },
      zone: { allocatedFen: zoneAllocatedFen, limitFen: null, headroomFen: null },
      projects: { count: projectCount, limit: quotas?.projectsPerCluster ?? null },
    },
  });
}

export const handler = apiHandler({
  'POST /programs': postProgram,
  'GET /programs': getPrograms,
  'GET /programs/{code}': getOneProgram,
  'POST /zones': postZone,
  'GET /zones': getZones,
  'POST /clusters': postCluster,
  'GET /clusters/{clusterId}': getOneCluster,
});

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { canonicalJson, sha256Hex } from '../../../domain/canonical-json';
import { metrics } from '../observability';
import { chinaDate } from '../../../domain/dates';
import { nextAttentionOn } from '../../../domain/alerts/conditions';
import type { Command } from '../../../domain/project/commands';
import { commandFunder, decide } from '../../../domain/project/decide';
import { clusterDelta } from '../../../domain/project/effects';
import { evolve } from '../../../domain/project/evolve';
import type { ClusterUsage } from '../../../domain/project/position';
import type { Funder, Role } from '../../../domain/project/types';
import type { Program } from '../../../domain/programs/program';
import { actingRole, requireFunderOwner, requireRole } from '../authorize';
import { badRequest, conflict, notFound, ruleViolated, unavailable, forbidden } from '../http/problems';
import type { Principal } from '../http/principal';
import { json, type ApiResult } from '../http/middleware';
import {
  appendEntry, getClusterUsage, getEnterpriseProjectCount, getIdempotencyRecord, getProject, rememberResponse,
  type IdempotencyWrite, type StoredProject,
} from '../storage/ledger-store';
import { getProgram } from '../storage/catalog-store';
import { entryView, projectView } from '../views';

/** Bounded re-read and re-decide when another writer got there first. */
const MAX_ATTEMPTS = 12;
const backoff = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));

export interface PostEntryRequest {
  projectId: string;
  command: Command;
  principal: Principal;
  idempotencyKey: string | null;
  /** What identifies "the same request" for Idempotency-Key: route and parsed body. */
  fingerprint: unknown;
  now: Date;
}

/**
 * load → authorize → decide → persist for one ledger command, retried on a lost race.
 * Returns the HTTP answer, which the idempotency record remembers (201 and 422 alike).
 */
export async function postEntry(req: PostEntryRequest): Promise<ApiResult> {
  const requestHash = sha256Hex(canonicalJson(req.fingerprint));
  const nowIso = req.now.toISOString();
  const today = chinaDate(req.now);

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await backoff(attempt);
    const loaded = await load(req);
    const { stored, program, cluster } = loaded;
    const actor = { sub: req.principal.sub, role: actingRole(req.principal, loaded.funder ?? 'province') };
    const decision = decide(stored?.state ?? null, req.command, {
      actor,
      now: nowIso,
      cluster,
      program,
      enterpriseProjectCount: loaded.enterpriseProjectCount,
    });

    if (!decision.ok) {
      if ('invalid' in decision) throw badRequest(decision.invalid);
      metrics.addDimensions({ rule: decision.violation.rule });
      metrics.addMetric('RuleRejected', MetricUnit.Count, 1);
      const problem = ruleViolated(decision.violation);
      const answer = { status: 422, body: problem.body() };
      if (req.idempotencyKey) {
        const taken = await rememberResponse(req.projectId, { key: req.idempotencyKey, requestHash, ...answer });
        if (taken === 'taken') return replay(req, requestHash);
      }
      return { statusCode: 422, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(answer.body) };
    }

    const entry = decision.entry;
    const after = evolve(stored?.state ?? null, entry);
    const openAlerts = stored?.openAlerts ?? [];
    const body = { entry: entryView(entry), project: projectView(after, today, openAlerts, null) };
    const idempotency: IdempotencyWrite | undefined = req.idempotencyKey
      ? { key: req.idempotencyKey, requestHash, status: 201, body }
      : undefined;
    const reg = after.registration;
    const outcome = await appendEntry({
      before: stored,
      after,
      entry,
      cluster: {
        clusterId: reg.clusterId,
        delta: clusterDelta(stored?.state ?? null, after, entry),
        provinceCapFen: after.rules.caps.provincePerClusterFen,
        projectQuota: after.rules.quotas.projectsPerCluster,
      },
      ...(entry.type === 'registration'
        ? {
            enterprise: { creditCode: reg.owner.creditCode, programCode: reg.programCode, quota: after.rules.quotas.projectsPerEnterprise },
            program: { code: reg.programCode, ruleDigest: after.ruleDigest },
          }
        : {}),
      idempotency,
      attentionOn: nextAttentionOn(after, null, openAlerts),
    });
    switch (outcome.kind) {
      case 'appended':
        metrics.addMetric('EntryPosted', MetricUnit.Count, 1);
        if (attempt > 0) metrics.addMetric('LostRaceRetries', MetricUnit.Count, attempt);
        return json(201, body, { location: `/projects/${reg.projectId}/history` });
      case 'idempotency-key-taken':
        return replay(req, requestHash);
      case 'project-exists':
        throw conflict(`Project ${reg.projectId} is already registered.`);
      case 'stale':
        continue;
    }
  }
  throw unavailable('Too many concurrent updates to this project; nothing was written. Retry.', 1);
}

interface Loaded {
  stored: StoredProject | null;
  program: Program | null;
  cluster: ClusterUsage | null;
  enterpriseProjectCount: number;
  /** Whose money the command moves; null for a reversal of nothing reversible. */
  funder: Funder | null;
}

async function load(req: PostEntryRequest): Promise<Loaded> {
  const cmd = req.command;
  if (cmd.kind === 'register') {
    requireRole(req.principal, 'finance-officer');
    const reg = cmd.registration;
    const [program, cluster, enterpriseProjectCount] = await Promise.all([
      getProgram(reg.programCode),
      getClusterUsage(reg.clusterId),
      getEnterpriseProjectCount(reg.owner.creditCode, reg.programCode),
    ]);
    return { stored: null, program: program?.program ?? null, cluster, enterpriseProjectCount, funder: 'province' };
  }
  // The role first, so that a caller without it learns nothing about which projects exist.
  requireRole(req.principal, ...rolesFor(cmd));
  const stored = await getProject(req.projectId);
  if (!stored) throw notFound(`No project ${req.projectId}.`);
  const funder = commandFunder(stored.state, cmd);
  if (funder === null) {
    // Nothing reversible under that id: only an owner of either funder learns that.
    if (!req.principal.roles.some((r) => r === 'finance-officer' || (r === 'zone-committee' && req.principal.zoneId === stored.state.registration.zoneId))) throw forbidden(`This needs the role finance-officer or the zone committee of ${stored.state.registration.zoneId}.`);
  } else {
    requireFunderOwner(req.principal, stored.state, funder);
  }
  // The cluster's counters matter only where a cluster cap applies to new province money.
  const cluster = cmd.kind === 'allocate' && stored.state.rules.caps.provincePerClusterFen !== null
    ? await getClusterUsage(stored.state.registration.clusterId)
    : null;
  return { stored, program: null, cluster, enterpriseProjectCount: 0, funder };
}

/** Roles that can issue a command at all, before the project (and so the funder) is known. */
function rolesFor(cmd: Exclude<Command, { kind: 'register' }>): Role[] {
  switch (cmd.kind) {
    case 'allocate':
      return ['finance-officer'];
    case 'confirm-match':
      return ['zone-committee'];
    case 'disburse':
      return [cmd.funder === 'province' ? 'finance-officer' : 'zone-committee'];
    case 'reverse':
      return ['finance-officer', 'zone-committee'];
  }
}

async function replay(req: PostEntryRequest, requestHash: string): Promise<ApiResult> {
  const rec = await getIdempotencyRecord(req.projectId, req.idempotencyKey!);
  if (!rec) throw unavailable('The idempotency record is not readable yet; retry.', 1);
  if (rec.requestHash !== requestHash) {
    throw conflict(`Idempotency-Key ${req.idempotencyKey} was already used with a different request.`, 'idempotency-key-reuse');
  }
  return {
    statusCode: rec.status,
    headers: { 'content-type': rec.status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8', 'idempotent-replayed': 'true' },
    body: JSON.stringify(rec.body),
  };
}


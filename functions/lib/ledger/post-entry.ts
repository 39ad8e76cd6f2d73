import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { canonicalJson, sha256Hex } from '../../../domain/canonical-json';
import { chinaDate } from '../../../domain/dates';
import type { Command, DecideContext, ReversalTarget } from '../../../domain/project/commands';
import { decide } from '../../../domain/project/decide';
import type { Rejection } from '../../../domain/project/outcome';
import type { ClusterUsage } from '../../../domain/project/position';
import type { Actor, Entry } from '../../../domain/project/types';
import type { Program } from '../../../domain/programs/program';
import { metrics } from '../observability';
import { badRequest, conflict, ruleViolated, unavailable } from '../http/problems';
import type { Principal, ProjectScope } from '../http/principal';
import { requireReadable } from '../authorize';
import { actorFor, requireAnyRole } from './command-roles';
import { planAppend } from './plan';
import { replayAnswer, type Answer } from './answers';
import type { LedgerStore, StoredProject } from '../storage/ledger-store';
import type { IdempotencyRecord } from '../storage/transaction-items';
import { entryView, projectView } from '../views';

/**
 * Bounded re-read and re-decide when another writer got there first, within a time budget; each
 * retry waits a jittered, growing delay, so writers that met on one item do not meet again at once.
 * One object, so the benchmark can count the waits (and compare with none).
 */
export const lostRaceRetry = {
  maxAttempts: 12,
  budgetMs: 6000,
  delayMs: (attempt: number): number => Math.random() * Math.min(200, 5 * 2 ** attempt),
};
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, lostRaceRetry.delayMs(attempt)));

export interface PostEntryRequest {
  projectId: string;
  command: Command;
  principal: Principal;
  idempotencyKey: string | null;
  /** What identifies "the same request" for Idempotency-Key: route and parsed body. */
  fingerprint: unknown;
  now: Date;
}

interface Loaded {
  stored: StoredProject | null;
  program: Program | null;
  cluster: ClusterUsage | null;
  enterpriseProjectCount: number;
  city: string | null;
  target: ReversalTarget | null;
}

/**
 * load → authorize → decide → plan → append for one ledger command, re-read and re-decided when
 * it lost a race. Answers 201 with the entry and the project, or the rejection (a 422 is
 * remembered under the Idempotency-Key like a 201, so a retry can never turn it into a success).
 */
export async function postEntry(store: LedgerStore, req: PostEntryRequest): Promise<Answer> {
  requireAnyRole(req.principal, req.command);
  const requestHash = sha256Hex(canonicalJson(req.fingerprint));
  const started = Date.now();
  let readCluster = req.command.kind === 'register';

  for (let attempt = 0; attempt < lostRaceRetry.maxAttempts && Date.now() - started < lostRaceRetry.budgetMs; attempt++) {
    if (attempt > 0) await backoff(attempt);
    const loaded = await load(store, req, readCluster);
    const actor = authorize(req, loaded);
    // A second registration of an id is a conflict, whatever the programme's quotas would say of
    // it; a retry of the first (same Idempotency-Key) gets the first answer.
    if (req.command.kind === 'register' && loaded.stored) return registeredAlready(store, req, requestHash);
    const ctx: DecideContext = {
      actor,
      now: req.now.toISOString(),
      cluster: loaded.cluster,
      program: loaded.program,
      enterpriseProjectCount: loaded.enterpriseProjectCount,
      target: loaded.target,
    };
    const decision = decide(loaded.stored?.state ?? null, req.command, ctx);
    if (!decision.ok) return reject(store, req, decision, requestHash);

    const { entry, after } = decision;
    const today = chinaDate(req.now);
    const body = { entry: entryView(entry), project: projectView(after, loaded.stored?.city ?? loaded.city, today, loaded.stored?.openAlerts ?? [], loaded.cluster) };
    const idempotency: IdempotencyRecord | null = req.idempotencyKey ? { key: req.idempotencyKey, requestHash, status: 201, body } : null;
    const items = planAppend({
      before: loaded.stored,
      after,
      entry,
      city: loaded.stored?.city ?? loaded.city,
      reversedSeq: loaded.target && req.command.kind === 'reverse' ? loaded.target.entry.seq : null,
      idempotency,
      now: req.now,
    });
    const outcome = await store.append(items, { registering: req.command.kind === 'register' });
    switch (outcome.kind) {
      case 'appended':
        metrics.addMetric('EntryPosted', MetricUnit.Count, 1);
        if (attempt > 0) metrics.addMetric('LostRaceRetries', MetricUnit.Count, attempt);
        return { status: 201, body, headers: { location: `/projects/${entry.projectId}/history` } };
      case 'idempotency-key-taken':
        return replayAnswer(outcome.record, requestHash);
      case 'project-exists':
        throw conflict(`Project ${after.registration.projectId} is already registered.`);
      case 'lost-race':
        readCluster ||= outcome.cluster;
        continue;
    }
  }
  metrics.addMetric('LostRaceExhausted', MetricUnit.Count, 1);
  throw unavailable('Too many concurrent updates to this project; nothing was written. Retry.', 1);
}

/** The seq of `<projectId>.<seq>`, or null for anything else (no lookup keyed by raw input). */
export function seqOf(projectId: string, entryId: string): number | null {
  const prefix = `${projectId}.`;
  if (!entryId.startsWith(prefix)) return null;
  const digits = entryId.slice(prefix.length);
  if (!/^[1-9][0-9]{0,9}$/.test(digits)) return null;
  return Number(digits);
}

async function load(store: LedgerStore, req: PostEntryRequest, readCluster: boolean): Promise<Loaded> {
  const cmd = req.command;
  if (cmd.kind === 'register') {
    const reg = cmd.registration;
    const [existing, program, cluster, zone, enterpriseProjectCount] = await Promise.all([
      store.getProject(req.projectId),
      store.getProgram(reg.programCode),
      store.getClusterUsage(reg.clusterId),
      store.getZone(reg.zoneId),
      store.getEnterpriseProjectCount(reg.owner.creditCode, reg.programCode),
    ]);
    return { stored: existing, program: program?.program ?? null, cluster, enterpriseProjectCount, city: zone?.city ?? null, target: null };
  }
  // Independent reads in parallel: the state, and a reversal's target with its marker.
  const targetSeq = cmd.kind === 'reverse' ? seqOf(req.projectId, cmd.entryId) : null;
  const [stored, found] = await Promise.all([
    store.getProject(req.projectId),
    targetSeq === null ? Promise.resolve(null) : store.getEntryWithReversal(req.projectId, targetSeq),
  ]);
  let target: ReversalTarget | null = null;
  if (found) {
    const allocationSeq = found.entry.type === 'match-confirmation' && found.entry.refersTo ? seqOf(req.projectId, found.entry.refersTo) : null;
    const allocation: Entry | null = allocationSeq === null ? null : await store.getEntry(req.projectId, allocationSeq);
    target = { entry: found.entry, reversed: found.reversed, allocation };
  }
  const cluster = readCluster && stored ? await store.getClusterUsage(stored.state.registration.clusterId) : null;
  return { stored, program: null, cluster, enterpriseProjectCount: 0, city: stored?.city ?? null, target };
}

function authorize(req: PostEntryRequest, loaded: Loaded): Actor {
  if (req.command.kind === 'register') {
    return actorFor(req.principal, req.command, { zoneId: req.command.registration.zoneId, city: loaded.city });
  }
  const scope: ProjectScope | null = loaded.stored ? { zoneId: loaded.stored.state.registration.zoneId, city: loaded.stored.city } : null;
  requireReadable(req.principal, req.projectId, scope);
  return actorFor(req.principal, req.command, scope, loaded.stored!.state, loaded.target?.entry ?? null);
}

/**
 * The answer already given to this Idempotency-Key, if any. Asked only on the way to a 400 or 409:
 * a retry of a request that succeeded finds the state it changed ("already applied", "already
 * registered") and must get its first answer back, not an error about its own effect.
 */
async function answeredBefore(store: LedgerStore, req: PostEntryRequest, requestHash: string): Promise<Answer | null> {
  const answer = req.idempotencyKey ? await store.getAnswer(req.projectId, req.idempotencyKey, req.now) : null;
  return answer ? replayAnswer(answer, requestHash) : null;
}

async function registeredAlready(store: LedgerStore, req: PostEntryRequest, requestHash: string): Promise<Answer> {
  const earlier = await answeredBefore(store, req, requestHash);
  if (earlier) return earlier;
  throw conflict(`Project ${req.projectId} is already registered.`);
}

async function reject(store: LedgerStore, req: PostEntryRequest, decision: Rejection, requestHash: string): Promise<Answer> {
  if ('invalid' in decision || 'conflict' in decision) {
    const earlier = await answeredBefore(store, req, requestHash);
    if (earlier) return earlier;
    throw 'invalid' in decision ? badRequest(decision.invalid) : conflict(decision.conflict);
  }
  metrics.addDimensions({ rule: decision.violation.rule });
  metrics.addMetric('RuleRejected', MetricUnit.Count, 1);
  const problem = ruleViolated(decision.violation);
  const answer: Answer = { status: 422, body: problem.body(), problem: true };
  if (!req.idempotencyKey) return answer;
  const stored = await store.rememberAnswer(req.projectId, { key: req.idempotencyKey, requestHash, status: 422, body: answer.body }, req.now);
  return stored.stored ? answer : replayAnswer(stored.record, requestHash);
}


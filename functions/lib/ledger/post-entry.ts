import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { alertsAfterWrite } from '../../../domain/alerts/after-write';
import { canonicalJson, sha256Hex } from '../../../domain/canonical-json';
import { chinaDate } from '../../../domain/dates';
import type { BudgetContext, Command, DecideContext } from '../../../domain/project/commands';
import { flowsOfHistory } from '../../../domain/budget/entries';
import { emptyFlows, type ProvinceFlows } from '../../../domain/budget/flows';
import type { Indicator } from '../../../domain/budget/indicator';
import { budgetEffect, drawViolation, flowsRecordLimit, unreadDraws, type BudgetEffect } from '../../../domain/budget/posting';
import { decide } from '../../../domain/project/decide';
import { reversalTargetIn } from '../../../domain/project/deciders/reversal';
import type { EvidenceContext, EvidenceDeclared } from '../../../domain/project/evidence';
import { historyNeeded } from '../../../domain/project/history-check';
import type { Decision, Rejection } from '../../../domain/project/outcome';
import type { ClusterUsage } from '../../../domain/project/position';
import type { Actor, Entry } from '../../../domain/project/types';
import type { Program } from '../../../domain/programs/program';
import { metrics } from '../observability';
import { canRead, type Principal, type ProjectScope } from '../http/principal';
import { actorFor, lacksEveryRole } from './command-roles';
import { planAppend } from './plan';
import { replayed, type PostOutcome, type Remembered } from './outcomes';
import type { LedgerStore, StoredProject } from '../storage/ledger-store';
import type { IdempotencyRecord, TxItem } from '../storage/transaction-items';
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
  /**
   * Evidence completions: the stored file checked against its declaration (size, SHA-256, type)
   * and, when it matches, recorded (functions/lib/evidence/complete-upload.ts). Asked once, after
   * the caller is authorized and before the entry is decided.
   */
  checkUpload?: (projectId: string, declared: EvidenceDeclared) => Promise<UploadCheck>;
  /**
   * The indicator the allocation names, already read by the caller (a plan document reads it once
   * for all its lines when none of them can draw on it): decided on, not left to the condition.
   */
  namedIndicatorRead?: Indicator | null;
}

/** What the stored file of an evidence completion comes to. */
export type UploadCheck = { kind: 'recorded'; versionId: string | null } | { kind: 'not-uploaded' } | { kind: 'mismatch'; detail: string };

interface Loaded {
  stored: StoredProject | null;
  program: Program | null;
  cluster: ClusterUsage | null;
  enterpriseProjectCount: number;
  city: string | null;
  /** The project's entries, read when the decision changes days already shown (historyNeeded). */
  history: Entry[] | null;
  budget: BudgetContext;
  /** Evidence completions: the declaration, the entry it documents, what it supersedes. */
  evidence: EvidenceContext | null;
}

/** DynamoDB's limit on the items of one TransactWriteItems. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * load → authorize → decide → plan → append for one ledger command, re-read and re-decided when
 * it lost a race. Comes to an outcome (posted, rejected, replayed, refused); a rejection is
 * remembered under the Idempotency-Key like a posting, so a retry can never turn it into one.
 */
export async function postEntry(store: LedgerStore, req: PostEntryRequest): Promise<PostOutcome> {
  const lacking = lacksEveryRole(req.principal, req.command);
  if (lacking) return { kind: 'forbidden', detail: lacking };
  const requestHash = sha256Hex(canonicalJson(req.fingerprint));
  const started = Date.now();
  let readCluster = req.command.type === 'registration';
  // The indicator an allocation names is left to the write's condition until a refusal needs its rule.
  let readIndicator = false;
  let upload: UploadCheck | null = null;

  for (let attempt = 0; attempt < lostRaceRetry.maxAttempts && Date.now() - started < lostRaceRetry.budgetMs; attempt++) {
    if (attempt > 0) await backoff(attempt);
    let loaded = await load(store, req, readCluster, readIndicator);
    // The history and the state are two reads: a write between them is a lost race like any other.
    if (loaded === 'moved-on') continue;
    const actor = authorize(req, loaded);
    if ('kind' in actor) return actor;
    // A second registration of an id is a conflict, whatever the programme's quotas would say of
    // it; a retry of the first (same Idempotency-Key) gets the first answer.
    if (req.command.type === 'registration' && loaded.stored) return (await answeredBefore(store, req, requestHash)) ?? { kind: 'conflict', detail: `Project ${req.projectId} is already registered.` };
    // Evidence: the stored file is checked (and, matching, recorded) once the caller is authorized.
    if (loaded.evidence && !loaded.evidence.recordedAs) upload ??= await checkUpload(req, loaded.evidence.declaration);
    const evidence = loaded.evidence && { ...loaded.evidence, upload: upload && (upload.kind === 'recorded' ? { kind: 'matches' as const } : upload) };
    const decideOn = (l: Loaded) => decideAndPlan(store, req, l, actor, evidence, upload, requestHash);
    let planned = await decideOn(loaded);
    // A refusal names its rules in the contract's order, the indicator's among them: with the
    // indicator left to the condition, read it and decide again (nothing else is read again).
    if (!planned.ok && leftToCondition(loaded)) {
      loaded = await withIndicatorsRead(store, loaded);
      planned = await decideOn(loaded);
    }
    if (!planned.ok) return reject(store, req, planned, requestHash);

    const appended = await store.append(planned.items, { registering: req.command.type === 'registration' });
    switch (appended.kind) {
      case 'appended':
        metrics.addMetric('EntryPosted', MetricUnit.Count, 1);
        if (attempt > 0) metrics.addMetric('LostRaceRetries', MetricUnit.Count, attempt);
        return { ...planned.posted, replayed: false };
      case 'idempotency-key-taken':
        return replayed(appended.record, requestHash);
      case 'project-exists':
        return { kind: 'conflict', detail: `Project ${req.projectId} is already registered.` };
      case 'lost-race':
        readCluster ||= appended.cluster;
        readIndicator ||= appended.indicator !== undefined;
        // Refused by the indicator's condition alone: read it and decide again now, so that the
        // refusal is answered (and remembered) in this attempt, not after a retry the attempts or
        // the time budget might not leave. Money given back since lets it through: then retry.
        if (appended.indicator === 'alone' && leftToCondition(loaded)) {
          const again = await decideOn(await withIndicatorsRead(store, loaded));
          if (!again.ok) return reject(store, req, again, requestHash);
        }
        continue;
    }
  }
  metrics.addMetric('LostRaceExhausted', MetricUnit.Count, 1);
  return { kind: 'busy', detail: 'Too many concurrent updates to this project; nothing was written. Retry.' };
}

/** The seq of `<projectId>.<seq>`, or null for anything else (no lookup keyed by raw input). */
export function seqOf(projectId: string, entryId: string): number | null {
  const prefix = `${projectId}.`;
  if (!entryId.startsWith(prefix)) return null;
  const digits = entryId.slice(prefix.length);
  if (!/^[1-9][0-9]{0,9}$/.test(digits)) return null;
  return Number(digits);
}

type Decided = (Exclude<Decision, Rejection> & { budget: BudgetEffect }) | Rejection;
type Planned = { ok: true; posted: Remembered; items: TxItem[] } | Rejection;

/** Some indicator of the command's is held by the write's condition alone (not read). */
const leftToCondition = (loaded: Loaded): boolean => (loaded.budget.checkedOnWrite?.size ?? 0) > 0;

/** The decision, and the transaction that records it (or the refusal of one too large for DynamoDB). */
async function decideAndPlan(store: LedgerStore, req: PostEntryRequest, loaded: Loaded, actor: Actor, evidence: DecideContext['evidence'], upload: UploadCheck | null, requestHash: string): Promise<Planned> {
  const decided = await decideWithBudget(store, req, loaded, actor, evidence);
  if (!decided.ok) return decided;
  const { entry, after, budget } = decided;
  const today = chinaDate(req.now);
  // An alert whose cause this entry removes is resolved with it, not at the next sweep.
  const alerts = loaded.stored ? alertsAfterWrite(req.projectId, loaded.stored.openAlerts, loaded.stored.state, after, today) : { changes: [], open: [] };
  const posted: Remembered = {
    kind: 'posted',
    entry: entryView(entry),
    project: projectView(after, loaded.stored?.city ?? loaded.city, today, alerts.open, loaded.cluster),
  };
  const idempotency: IdempotencyRecord | null = req.idempotencyKey ? { key: req.idempotencyKey, requestHash, outcome: posted } : null;
  const items = planAppend({
    before: loaded.stored,
    after,
    entry,
    city: loaded.stored?.city ?? loaded.city,
    reversedSeq: entry.type === 'reversal' && entry.refersTo ? seqOf(req.projectId, entry.refersTo) : null,
    evidenceVersionId: entry.type === 'evidence' && upload?.kind === 'recorded' ? upload.versionId : null,
    idempotency,
    alerts: { ...alerts, asOf: today },
    now: req.now,
    budget,
  });
  if (items.length > MAX_TRANSACTION_ITEMS) {
    return { ok: false, violation: { rule: 'record-limit', detail: `this entry would change ${items.length} items in one transaction, more than the ${MAX_TRANSACTION_ITEMS} DynamoDB allows (the execution figures of too many months at once)` } };
  }
  return { ok: true, posted, items };
}

/**
 * The entry decided, then what it does to the budget, every draw held to its indicator (a reversed
 * decommitment draws again, on indicators only now known to be needed: read here), and the flows'
 * bounds.
 */
async function decideWithBudget(store: LedgerStore, req: PostEntryRequest, loaded: Loaded, actor: Actor, evidence: DecideContext['evidence']): Promise<Decided> {
  const ctx: DecideContext = {
    actor,
    now: req.now.toISOString(),
    cluster: loaded.cluster,
    program: loaded.program,
    enterpriseProjectCount: loaded.enterpriseProjectCount,
    history: loaded.history,
    budget: loaded.budget,
    evidence,
  };
  const decision = decide(loaded.stored?.state ?? null, req.command, ctx);
  if (!decision.ok) return decision;
  const budget = budgetEffect(loaded.budget.flows, decision.entry);
  const indicators = await withIndicators(store, loaded.budget.indicators, unreadDraws(budget.indicatorChanges, loaded.budget.indicators, loaded.budget.checkedOnWrite));
  const overBudget = drawViolation(budget.indicatorChanges, indicators, decision.entry, loaded.budget.checkedOnWrite) ?? flowsRecordLimit(loaded.budget.flows, budget.flows);
  return overBudget ? { ok: false, violation: overBudget } : { ...decision, budget };
}

/** The indicators read so far, and these numbers read beside them (at once). */
async function withIndicators(store: LedgerStore, read: ReadonlyMap<string, Indicator | null>, numbers: Iterable<string>): Promise<Map<string, Indicator | null>> {
  const indicators = new Map(read);
  await Promise.all([...numbers].map(async (no) => indicators.set(no, await store.getIndicator(no))));
  return indicators;
}

/** What was loaded, with the indicators left to the write's condition read. */
async function withIndicatorsRead(store: LedgerStore, loaded: Loaded): Promise<Loaded> {
  const { budget } = loaded;
  const indicators = await withIndicators(store, budget.indicators, budget.checkedOnWrite ?? []);
  return { ...loaded, budget: { budgetControl: budget.budgetControl, indicators, flows: budget.flows } };
}

async function load(store: LedgerStore, req: PostEntryRequest, readCluster: boolean, readIndicator: boolean): Promise<Loaded | 'moved-on'> {
  const cmd = req.command;
  if (cmd.type === 'registration') {
    const reg = cmd.registration;
    const [existing, program, cluster, zone, enterpriseProjectCount] = await Promise.all([
      store.getProject(req.projectId),
      store.getProgram(reg.programCode),
      store.getClusterUsage(reg.clusterId),
      store.getZone(reg.zoneId),
      store.getEnterpriseProjectCount(reg.owner.creditCode, reg.programCode),
    ]);
    const budget: BudgetContext = { budgetControl: program?.program.budgetControl ?? null, indicators: new Map(), flows: emptyFlows(reg.insideZone) };
    return { stored: existing, program: program?.program ?? null, cluster, enterpriseProjectCount, city: zone?.city ?? null, history: null, evidence: null, budget };
  }
  // A reversal always needs the history: read it beside the state. Backdated money needs it too,
  // which only the state's latest value date tells. Evidence needs its declaration.
  // The indicator an allocation names: every rule of it is the write's condition, so it is read
  // (beside the project: its number is in the request) only once a refusal needs its rule.
  const named = cmd.type === 'allocation' ? cmd.indicatorNo ?? null : null;
  const given = !readIndicator && req.namedIndicatorRead !== undefined;
  const readNamed = named !== null && (readIndicator || given);
  const [stored, early, declared, indicator] = await Promise.all([
    store.getProject(req.projectId),
    cmd.type === 'reversal' ? store.getHistory(req.projectId) : Promise.resolve(null),
    cmd.type === 'evidence' ? store.getEvidence(req.projectId, cmd.evidenceId, req.now) : Promise.resolve(null),
    readNamed ? (given ? Promise.resolve(req.namedIndicatorRead ?? null) : store.getIndicator(named)) : Promise.resolve(null),
  ]);
  // A project recorded before v3 has no flows yet: they are built once from its history.
  const history = early ?? (stored && (historyNeeded(stored.state, cmd) || stored.flows === null) ? await store.getHistory(req.projectId) : null);
  if (stored && history && !endsAt(history, stored.state)) return 'moved-on';
  // budgetControl matters only to an allocation that names no indicator; read fresh, beside the counters.
  const [cluster, budgetControl] = await Promise.all([
    readCluster && stored ? store.getClusterUsage(stored.state.registration.clusterId) : Promise.resolve(null),
    cmd.type === 'allocation' && named === null && stored ? store.getBudgetControl(stored.state.registration.programCode) : Promise.resolve(null),
  ]);
  const flows: ProvinceFlows = stored ? stored.flows ?? flowsOfHistory(history!) : emptyFlows(false);
  const indicators = new Map<string, Indicator | null>(readNamed ? [[named, indicator]] : []);
  const checkedOnWrite = new Set(named !== null && !readNamed ? [named] : []);
  const evidence = stored && declared ? { ...(await evidenceFacts(store, req.projectId, declared, req.now)), declaration: declared, recordedAs: declared.status === 'recorded' ? declared.entryId : null, upload: null } : null;
  return { stored, program: null, cluster, enterpriseProjectCount: 0, city: stored?.city ?? null, history, evidence, budget: { budgetControl, indicators, checkedOnWrite, flows } };
}

/** The entry a declared file documents, and the recorded evidence it supersedes (null when there is none). */
export async function evidenceFacts(
  store: Pick<LedgerStore, 'getEntry' | 'getEvidence'>,
  projectId: string,
  declared: Pick<EvidenceDeclared, 'refersTo' | 'supersedes'>,
  now: Date,
): Promise<Pick<EvidenceContext, 'target' | 'superseded'>> {
  const seq = seqOf(projectId, declared.refersTo);
  const [target, superseded] = await Promise.all([
    seq === null ? Promise.resolve(null) : store.getEntry(projectId, seq),
    declared.supersedes === null ? Promise.resolve(null) : store.getEvidence(projectId, declared.supersedes, now),
  ]);
  return { target, superseded: superseded?.status === 'recorded' ? { evidenceId: superseded.evidenceId, refersTo: superseded.refersTo } : null };
}

function checkUpload(req: PostEntryRequest, declared: EvidenceDeclared): Promise<UploadCheck> {
  if (!req.checkUpload) throw new Error('an evidence completion needs checkUpload (the evidence store)');
  return req.checkUpload(req.projectId, declared);
}

/** The history read is the one the state was made from: no entry missing, none beyond it. */
const endsAt = (history: readonly Entry[], state: { version: number; headHash: string }): boolean =>
  history.length === state.version && history[history.length - 1]?.hash === state.headHash;

function authorize(req: PostEntryRequest, loaded: Loaded): Actor | PostOutcome {
  const cmd = req.command;
  if (cmd.type === 'registration') {
    const actor = actorFor(req.principal, cmd, { zoneId: cmd.registration.zoneId, city: loaded.city });
    return 'refused' in actor ? { kind: 'forbidden', detail: actor.refused } : actor;
  }
  const scope: ProjectScope | null = loaded.stored ? { zoneId: loaded.stored.state.registration.zoneId, city: loaded.stored.city } : null;
  // A project outside the caller's scope answers exactly as one that does not exist.
  if (!scope || !canRead(req.principal, scope)) return { kind: 'not-found', detail: `No project ${req.projectId}.` };
  if (cmd.type === 'evidence' && !loaded.evidence) return { kind: 'not-found', detail: `No evidence ${cmd.evidenceId} is declared in project ${req.projectId} (a declaration not completed within a day expires).` };
  const target =
    cmd.type === 'reversal' && loaded.history ? reversalTargetIn(loaded.history, cmd.entryId)?.entry ?? null
    : cmd.type === 'evidence' ? loaded.evidence?.target ?? null
    : null;
  const actor = actorFor(req.principal, cmd, scope, loaded.stored!.state, target);
  return 'refused' in actor ? { kind: 'forbidden', detail: actor.refused } : actor;
}

/**
 * The outcome already given to this Idempotency-Key, if any. Asked only on the way to a refusal:
 * a retry of a request that succeeded finds the state it changed ("already applied", "already
 * registered") and must get its first outcome back, not an error about its own effect.
 */
async function answeredBefore(store: LedgerStore, req: PostEntryRequest, requestHash: string): Promise<PostOutcome | null> {
  const record = req.idempotencyKey ? await store.getAnswer(req.projectId, req.idempotencyKey, req.now) : null;
  return record ? replayed(record, requestHash) : null;
}

async function reject(store: LedgerStore, req: PostEntryRequest, decision: Rejection, requestHash: string): Promise<PostOutcome> {
  if ('invalid' in decision || 'conflict' in decision) {
    const earlier = await answeredBefore(store, req, requestHash);
    if (earlier) return earlier;
    return 'invalid' in decision ? { kind: 'invalid', errors: decision.invalid } : { kind: 'conflict', detail: decision.conflict };
  }
  metrics.addDimensions({ rule: decision.violation.rule });
  metrics.addMetric('RuleRejected', MetricUnit.Count, 1);
  const rejected: Remembered = { kind: 'rejected', violation: decision.violation };
  if (!req.idempotencyKey) return { ...rejected, replayed: false };
  const kept = await store.rememberAnswer(req.projectId, { key: req.idempotencyKey, requestHash, outcome: rejected }, req.now);
  return kept.stored ? { ...rejected, replayed: false } : replayed(kept.record, requestHash);
}

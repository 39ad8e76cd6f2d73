/**
 * The write path's own logic, on an in-memory store: a lost race is re-read and re-decided a
 * bounded number of times, a storage failure is never retried as a race, a taken Idempotency-Key
 * answers from the record the store returns, a 422 is remembered, and reversal targets are never
 * looked up by keys a client made up.
 */
import { makeCreditCode } from '../../../domain/credit-code';
import { seedPrograms } from '../../../domain/programs/seed';
import { programRules, ruleDigest } from '../../../domain/programs/program';
import type { Command } from '../../../domain/project/commands';
import type { Registration } from '../../../domain/project/types';
import { outcomeReply } from '../../../functions/lib/http/ledger-answers';
import type { Principal } from '../../../functions/lib/http/principal';
import { lostRaceRetry, postEntry, seqOf, type PostEntryRequest } from '../../../functions/lib/ledger/post-entry';
import { StorageUnavailable } from '../../../functions/lib/storage/client';
import { FakeLedgerStore } from './fake-store';
import { newIndicator } from '../../../domain/budget/indicator';

const YUAN = 100;
const P2021 = seedPrograms.find((p) => p.code === 'JS-2021-CLUSTER')!;
const NOW = new Date('2026-01-05T02:00:00.000Z');
/** The seed programs are under budgetControl: allocations name an indicator of their year. */
const INDICATOR = '苏财教〔2025〕1号';

const principal = (roles: Principal['roles'], sub: string, zoneId: string | null = null, city: string | null = null): Principal => ({ sub, name: null, roles, zoneId, city });
const FINANCE = principal(['finance-officer'], 'fo-1');
const FINANCE2 = principal(['finance-officer'], 'fo-2');
const ZONE = principal(['zone-committee'], 'zc-1', 'SZ-SIP');
const OTHER_ZONE = principal(['zone-committee'], 'zc-9', 'NJ-HTZ');

const registration = (projectId = 'PRJ-1'): Registration => ({
  projectId,
  programCode: P2021.code,
  clusterId: 'SZ-NANO',
  zoneId: 'SZ-SIP',
  insideZone: true,
  title: '测试项目',
  owner: { name: '某科技有限公司', creditCode: makeCreditCode('91320500MA1W00001') },
  newInvestmentFen: 24_000_000 * YUAN,
  contract: { signedOn: '2025-01-10', startsOn: '2025-02-01', endsOn: '2027-12-31', provinceGrantFen: 4_000_000 * YUAN, zoneGrantFen: 4_000_000 * YUAN },
  schedule: [
    { trancheId: 'P1', funder: 'province', dueOn: '2025-06-30', amountFen: 4_000_000 * YUAN },
    { trancheId: 'Z1', funder: 'zone', dueOn: '2025-07-31', amountFen: 4_000_000 * YUAN },
  ],
});

function storeWithCatalog(): FakeLedgerStore {
  const store = new FakeLedgerStore();
  store.programs.set(P2021.code, { program: P2021, ruleDigest: ruleDigest(P2021), projectCount: 0 });
  store.zones.set('SZ-SIP', { zoneId: 'SZ-SIP', name: '苏州工业园区', city: '苏州市', level: 'national' });
  store.clusters.set('SZ-NANO', { clusterId: 'SZ-NANO', programCode: P2021.code, zoneId: 'SZ-SIP', provinceAllocatedFen: 0, zoneAllocatedFen: 0, projectCount: 0 });
  store.indicators.set(INDICATOR, { ...newIndicator({ indicatorNo: INDICATOR, fiscalYear: 2025, programCode: P2021.code, amountFen: 100_000_000 * YUAN, issuedOn: '2025-01-02' }) });
  return store;
}

let keySeq = 0;
const request = (command: Command, p: Principal, key: string | null = `key-${++keySeq}`, projectId = 'PRJ-1'): PostEntryRequest => ({
  projectId,
  command,
  principal: p,
  idempotencyKey: key,
  fingerprint: { command },
  now: NOW,
});

async function registered(): Promise<FakeLedgerStore> {
  const store = storeWithCatalog();
  const outcome = await postEntry(store, request({ type: 'registration', registration: registration() }, FINANCE));
  expect(outcome.kind).toBe('posted');
  return store;
}

const allocate = (amountFen: number, valueDate = '2025-03-01'): Command => ({ type: 'allocation', amountFen, valueDate, reference: '苏财教〔2025〕1号', indicatorNo: INDICATOR });


describe('postEntry: lost races', () => {
  it('re-reads and re-decides after a lost race, then appends', async () => {
    const store = await registered();
    store.scripted.push({ kind: 'lost-race', cluster: false, what: 'state:ConditionalCheckFailed' }, { kind: 'lost-race', cluster: false, what: 'TransactionConflict' });
    const before = store.calls.getProject;
    const outcome = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
    expect(outcome).toMatchObject({ kind: 'posted', replayed: false });
    expect(store.calls.append).toBe(1 + 3);
    expect(store.calls.getProject - before).toBe(3);
    expect(store.projects.get('PRJ-1')!.version).toBe(2);
  });

  it('comes to "busy" when it keeps losing, having written nothing (503 with Retry-After)', async () => {
    const store = await registered();
    for (let i = 0; i < 50; i++) store.scripted.push({ kind: 'lost-race', cluster: false, what: 'state:ConditionalCheckFailed' });
    const outcome = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
    expect(outcome.kind).toBe('busy');
    expect(outcomeReply(outcome)).toMatchObject({ status: 503, problem: true, headers: { 'retry-after': '1' } });
    expect(store.calls.append - 1).toBeLessThanOrEqual(12);
    expect(store.projects.get('PRJ-1')!.version).toBe(1);
  });

  it('reads the cluster counters only after the cluster condition refused, and then answers the cap with its figures', async () => {
    const store = await registered();
    const readsBefore = store.calls.getClusterUsage;
    store.clusters.set('SZ-NANO', { ...store.clusters.get('SZ-NANO')!, provinceAllocatedFen: 29_500_000 * YUAN });
    store.scripted.push({ kind: 'lost-race', cluster: true, what: 'cluster:ConditionalCheckFailed' });
    const outcome = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
    expect(store.calls.getClusterUsage - readsBefore).toBe(1);
    expect(outcome).toMatchObject({ kind: 'rejected', violation: { rule: 'province-per-cluster', limitFen: 30_000_000 * YUAN, usedFen: 29_500_000 * YUAN, attemptedFen: 1_000_000 * YUAN } });
  });
});

describe('postEntry: the budget indicator is held by the write\'s condition', () => {
  it('writes an allocation that fits without reading its indicator, every rule of it in the condition', async () => {
    const store = await registered();
    const outcome = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
    expect(outcome).toMatchObject({ kind: 'posted' });
    expect(store.calls.getIndicator).toBe(0);
    const draw = store.lastAppended.find((i) => i.tag === 'indicator')!.item.Update!;
    expect(draw.ConditionExpression).toBe('remainingFen >= :a AND #status = :open AND programCode = :program AND fiscalYear = :year');
    expect(draw.ExpressionAttributeValues).toMatchObject({ ':a': 1_000_000 * YUAN, ':open': 'open', ':program': P2021.code, ':year': 2025 });
  });

  it('reads the indicator when its condition alone refused, and refuses in that attempt with the rule and its figures (remembered)', async () => {
    const store = await registered();
    store.indicators.set(INDICATOR, { ...store.indicators.get(INDICATOR)!, allocatedFen: 99_500_000 * YUAN });
    const appendsBefore = store.calls.append;
    const projectReads = store.calls.getProject;
    const outcome = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE, 'over'));
    expect(outcome).toMatchObject({ kind: 'rejected', violation: { rule: 'budget-indicator-exceeded', limitFen: 100_000_000 * YUAN, usedFen: 99_500_000 * YUAN, attemptedFen: 1_000_000 * YUAN } });
    expect(store.calls.getIndicator).toBe(1);
    expect(store.calls.append - appendsBefore).toBe(1);
    expect(store.calls.getProject - projectReads).toBe(1);
    expect(store.answers.get('PRJ-1#over')?.outcome).toMatchObject({ kind: 'rejected', violation: { rule: 'budget-indicator-exceeded' } });
    expect(store.projects.get('PRJ-1')!.version).toBe(1);
  });

  it('answers that refusal even when no attempt or time is left for a retry (never a 503 for a deterministic 422)', async () => {
    const store = await registered();
    store.indicators.set(INDICATOR, { ...store.indicators.get(INDICATOR)!, status: 'lapsed', closedOn: '2026-01-01', lapsedFen: 100_000_000 * YUAN });
    const attempts = lostRaceRetry.maxAttempts;
    lostRaceRetry.maxAttempts = 1;
    try {
      expect(await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE))).toMatchObject({ kind: 'rejected', violation: { rule: 'indicator-closed' } });
    } finally {
      lostRaceRetry.maxAttempts = attempts;
    }
  });

  it('reads the indicator in the next attempt, after the backoff, when the project raced too', async () => {
    const store = await registered();
    store.indicators.set(INDICATOR, { ...store.indicators.get(INDICATOR)!, allocatedFen: 99_500_000 * YUAN });
    store.scripted.push({ kind: 'lost-race', cluster: false, indicator: 'among-others', what: 'state:ConditionalCheckFailed,indicator:ConditionalCheckFailed' });
    const projectReads = store.calls.getProject;
    const outcome = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
    expect(outcome).toMatchObject({ kind: 'rejected', violation: { rule: 'budget-indicator-exceeded' } });
    expect(store.calls.getProject - projectReads).toBe(2);
    expect(store.calls.getIndicator).toBe(1);
  });

  it('decides on an indicator the caller read (a plan document\'s, when no line can draw on it): refused without a transaction', async () => {
    const store = await registered();
    const lapsed = { ...store.indicators.get(INDICATOR)!, status: 'lapsed' as const, closedOn: '2026-01-01', lapsedFen: 100_000_000 * YUAN };
    const appendsBefore = store.calls.append;
    const outcome = await postEntry(store, { ...request(allocate(1_000_000 * YUAN), FINANCE), namedIndicatorRead: lapsed });
    expect(outcome).toMatchObject({ kind: 'rejected', violation: { rule: 'indicator-closed' } });
    expect(store.calls.append - appendsBefore).toBe(0);
    expect(store.calls.getIndicator).toBe(0);
  });

  it('holds an allocation dated in another year to its own year, whatever the project drew on the indicator before', async () => {
    const store = await registered();
    expect(await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE))).toMatchObject({ kind: 'posted' });
    const appendsBefore = store.calls.append;
    // 2 January 2026, on the 2025 indicator the project's first allocation drew on.
    const outcome = await postEntry(store, request(allocate(1_000_000 * YUAN, '2026-01-02'), FINANCE));
    const draw = store.lastAppended.find((i) => i.tag === 'indicator')!.item.Update!;
    expect(draw.ExpressionAttributeValues).toMatchObject({ ':year': 2026 });
    expect(outcome).toMatchObject({ kind: 'rejected', violation: { rule: 'indicator-mismatch' } });
    expect(store.calls.append - appendsBefore).toBe(1);
    expect(store.indicators.get(INDICATOR)!.allocatedFen).toBe(1_000_000 * YUAN);
  });

  it('reads the indicator before refusing for another rule, so the indicator\'s rule comes first as the contract orders them', async () => {
    const store = await registered();
    store.indicators.set(INDICATOR, { ...store.indicators.get(INDICATOR)!, status: 'lapsed', closedOn: '2026-01-01', lapsedFen: 100_000_000 * YUAN });
    // Past the project's own cap as well (the last call shows it): decided without the indicator, that would be the answer.
    const outcome = await postEntry(store, request(allocate(5_000_000 * YUAN), FINANCE));
    expect(outcome).toMatchObject({ kind: 'rejected', violation: { rule: 'indicator-closed' } });
    expect(store.calls.getIndicator).toBe(1);
    store.indicators.set(INDICATOR, { ...store.indicators.get(INDICATOR)!, status: 'open', closedOn: null, lapsedFen: null });
    const cap = await postEntry(store, request(allocate(5_000_000 * YUAN), FINANCE));
    expect(cap).toMatchObject({ kind: 'rejected', violation: { rule: 'joint-share-of-new-investment' } });
    expect(store.calls.append).toBe(1);
  });
});

describe('postEntry: storage failures are not races', () => {
  it('lets StorageUnavailable through after one attempt (the handler answers 503)', async () => {
    const store = await registered();
    const appendsBefore = store.calls.append;
    store.scripted.push(new StorageUnavailable(new Error('socket hang up')));
    await expect(postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE))).rejects.toBeInstanceOf(StorageUnavailable);
    expect(store.calls.append - appendsBefore).toBe(1);
  });

  it('lets any other storage error through unretried (a bug, 500), never as a lost race', async () => {
    const store = await registered();
    const appendsBefore = store.calls.append;
    store.scripted.push(new Error('ValidationException: Item size has exceeded the maximum allowed size'));
    await expect(postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE))).rejects.toThrow(/Item size/);
    expect(store.calls.append - appendsBefore).toBe(1);
  });
});

describe('postEntry: Idempotency-Key', () => {
  it('replays the first outcome from the record the refused transaction returned', async () => {
    const store = await registered();
    const first = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE, 'same-key'));
    const replay = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE, 'same-key'));
    expect(first).toMatchObject({ kind: 'posted', replayed: false });
    expect(replay).toEqual({ ...first, replayed: true });
    expect(outcomeReply(replay)).toEqual({ ...outcomeReply(first), headers: { 'idempotent-replayed': 'true' } });
    expect(store.projects.get('PRJ-1')!.version).toBe(2);
  });

  it('comes to a conflict (409 idempotency-key-reuse) for the same key with another request', async () => {
    const store = await registered();
    await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE, 'reused'));
    const outcome = await postEntry(store, request(allocate(2_000_000 * YUAN), FINANCE, 'reused'));
    expect(outcome).toMatchObject({ kind: 'conflict', rule: 'idempotency-key-reuse' });
    expect(outcomeReply(outcome)).toMatchObject({ status: 409, body: { rule: 'idempotency-key-reuse' } });
  });

  it('remembers a 422, so a retry cannot turn it into a success once room frees up', async () => {
    const store = await registered();
    const over = await postEntry(store, request(allocate(4_000_000 * YUAN + 1), FINANCE, 'too-much'));
    expect(over).toMatchObject({ kind: 'rejected', replayed: false, violation: { rule: 'joint-share-of-new-investment' } });
    const again = await postEntry(store, request(allocate(4_000_000 * YUAN + 1), FINANCE, 'too-much'));
    expect(again).toEqual({ ...over, replayed: true });
    expect(outcomeReply(again)).toMatchObject({ status: 422, problem: true, headers: { 'idempotent-replayed': 'true' }, body: outcomeReply(over).body });
    expect(store.calls.rememberAnswer).toBe(2);
  });

  it('does not remember a 400 or 403', async () => {
    const store = await registered();
    const before = store.answers.size;
    expect((await postEntry(store, request({ ...allocate(1), valueDate: '2099-01-01' } as Command, FINANCE, 'future'))).kind).toBe('invalid');
    expect((await postEntry(store, request(allocate(1), ZONE, 'wrong-role'))).kind).toBe('forbidden');
    expect(store.answers.size).toBe(before);
  });
});

describe('postEntry: registering an id twice', () => {
  it('answers 409 before any quota is weighed, and writes nothing', async () => {
    const store = await registered();
    // Cluster full: a fresh registration would be refused by the cluster's project quota (422).
    store.clusters.set('SZ-NANO', { ...store.clusters.get('SZ-NANO')!, projectCount: 99 });
    const appends = store.calls.append;
    const outcome = await postEntry(store, request({ type: 'registration', registration: { ...registration(), title: '另一个' } }, FINANCE, 'other-key'));
    expect(outcome.kind).toBe('conflict');
    expect(store.calls.append).toBe(appends);
    expect(store.projects.get('PRJ-1')!.state.registration.title).toBe('测试项目');
  });

  it('replays the first 201 to a retry with the same Idempotency-Key', async () => {
    const store = storeWithCatalog();
    const first = await postEntry(store, request({ type: 'registration', registration: registration() }, FINANCE, 'reg-key'));
    const retry = await postEntry(store, request({ type: 'registration', registration: registration() }, FINANCE, 'reg-key'));
    expect(retry).toEqual({ ...first, replayed: true });
  });
});

describe('postEntry: a retry whose own effect now stands in its way', () => {
  it('replays the first 201 of an acceptance application instead of answering "already applied"', async () => {
    const store = storeWithCatalog();
    const near = registration();
    const ending = { ...near, contract: { ...near.contract, endsOn: '2026-03-31' } };
    expect((await postEntry(store, request({ type: 'registration', registration: ending }, FINANCE))).kind).toBe('posted');
    const apply: Command = { type: 'acceptance-application', appliedOn: '2026-01-05', reference: '验收申请〔2026〕1号' };
    const first = await postEntry(store, request(apply, ZONE, 'apply-once'));
    expect(first.kind).toBe('posted');
    const retry = await postEntry(store, request(apply, ZONE, 'apply-once'));
    expect(retry).toEqual({ ...first, replayed: true });
    // Without the key (or with another) it is the conflict it is.
    expect((await postEntry(store, request(apply, ZONE, 'apply-twice'))).kind).toBe('conflict');
    expect(store.projects.get('PRJ-1')!.version).toBe(2);
  });
});

describe('postEntry: authorization and lookups', () => {
  it('answers a zone committee of another zone exactly as for an unknown project', async () => {
    const store = await registered();
    const confirm: Command = { type: 'match-confirmation', amountFen: 1, valueDate: '2025-03-02', reference: 'x' };
    const elsewhere = await postEntry(store, request(confirm, OTHER_ZONE));
    const unknown = await postEntry(store, request(confirm, OTHER_ZONE, 'k-unknown', 'NO-SUCH'));
    expect([elsewhere.kind, unknown.kind]).toEqual(['not-found', 'not-found']);
    expect([outcomeReply(elsewhere).status, (outcomeReply(elsewhere).body as { title: string }).title]).toEqual([404, (outcomeReply(unknown).body as { title: string }).title]);
  });

  it('refuses a wrong role before reading anything', async () => {
    const store = await registered();
    const reads = store.calls.getProject;
    const outcome = await postEntry(store, request(allocate(1), ZONE));
    expect(outcome.kind).toBe('forbidden');
    expect(outcomeReply(outcome).status).toBe(403);
    expect(store.calls.getProject).toBe(reads);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'PRJ-1.0', 'PRJ-1.01', 'PRJ-1.x', 'OTHER.2', 'PRJ-1.2.3'])(
    'refuses a reversal of %s, which names no entry of the project, and writes nothing',
    async (entryId) => {
      const store = await registered();
      await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
      const outcome = await postEntry(store, request({ type: 'reversal', entryId, reason: '测试' }, FINANCE2));
      expect(outcome).toMatchObject({ kind: 'rejected', violation: { rule: 'reversal-not-allowed' } });
      expect(store.projects.get('PRJ-1')!.version).toBe(2);
    },
  );

  it('finds the target of a reversal in the project\'s history, read once per attempt', async () => {
    const store = await registered();
    await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
    const reads = store.calls.getHistory;
    const outcome = await postEntry(store, request({ type: 'reversal', entryId: 'PRJ-1.2', reason: '重复下达' }, FINANCE2));
    expect(outcome.kind).toBe('posted');
    expect(store.calls.getHistory).toBe(reads + 1);
    expect(store.reversed.has('PRJ-1#2')).toBe(true);
    const twice = await postEntry(store, request({ type: 'reversal', entryId: 'PRJ-1.2', reason: '再次冲销' }, FINANCE2));
    expect(twice).toMatchObject({ kind: 'rejected', violation: { rule: 'reversal-not-allowed' } });
  });
});

describe('outcomeReply: the HTTP answer of each outcome', () => {
  it('201 with the entry, the project and where to read them; a replay without Location and marked', async () => {
    const store = await registered();
    const first = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE, 'answer-key'));
    const reply = outcomeReply(first);
    expect(reply).toMatchObject({ status: 201, headers: { location: '/projects/PRJ-1/history' } });
    expect(reply.body).toEqual({ entry: expect.objectContaining({ entryId: 'PRJ-1.2' }), project: expect.objectContaining({ version: 2 }) });
    expect(outcomeReply(await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE, 'answer-key'))).headers).toEqual({ 'idempotent-replayed': 'true' });
  });

  it('a rejection is a 422 problem with the rule and its figures; a refusal its own status', () => {
    expect(outcomeReply({ kind: 'rejected', replayed: false, violation: { rule: 'contract-grant', detail: 'd', limitFen: 10, usedFen: 10, attemptedFen: 1 } })).toMatchObject({
      status: 422, problem: true, body: { status: 422, rule: 'contract-grant', limitFen: 10, usedFen: 10, attemptedFen: 1, type: 'https://fundledger.example/problems/rules/contract-grant' },
    });
    expect(outcomeReply({ kind: 'invalid', errors: [{ path: 'valueDate', message: 'm' }] })).toMatchObject({ status: 400, body: { errors: [{ path: 'valueDate', message: 'm' }] } });
    expect(outcomeReply({ kind: 'conflict', detail: 'd' }).status).toBe(409);
    expect(outcomeReply({ kind: 'forbidden', detail: 'd' }).status).toBe(403);
    expect(outcomeReply({ kind: 'not-found', detail: 'd' }).status).toBe(404);
  });
});

describe('seqOf', () => {
  it('accepts exactly <projectId>.<positive integer without leading zeros>', () => {
    expect(seqOf('A-1', 'A-1.7')).toBe(7);
    expect(seqOf('A-1', 'A-1.1234567890')).toBe(1234567890);
    for (const bad of ['A-1.0', 'A-1.07', 'A-1.', 'A-1', 'A-1.-1', 'A-1.1e3', 'B.7', 'A-1.7 ', 'A-1.12345678901']) expect(seqOf('A-1', bad)).toBeNull();
  });
});

// The rules are the program's as registered; a test of the fake itself guards against a fake that lies.
it('the fake keeps the registered rules', async () => {
  const store = await registered();
  expect(store.projects.get('PRJ-1')!.state.rules).toEqual(programRules(P2021));
});

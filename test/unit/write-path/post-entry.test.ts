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
import { HttpProblem } from '../../../functions/lib/http/problems';
import type { Principal } from '../../../functions/lib/http/principal';
import { postEntry, seqOf, type PostEntryRequest } from '../../../functions/lib/ledger/post-entry';
import { StorageUnavailable } from '../../../functions/lib/storage/client';
import { FakeLedgerStore } from './fake-store';

const YUAN = 100;
const P2021 = seedPrograms.find((p) => p.code === 'JS-2021-CLUSTER')!;
const NOW = new Date('2026-01-05T02:00:00.000Z');

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
  const answer = await postEntry(store, request({ kind: 'register', registration: registration() }, FINANCE));
  expect(answer.status).toBe(201);
  return store;
}

const allocate = (amountFen: number): Command => ({ kind: 'allocate', amountFen, valueDate: '2025-03-01', reference: '苏财教〔2025〕1号' });

async function problemOf(p: Promise<unknown>): Promise<HttpProblem> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HttpProblem) return err;
    throw err;
  }
  throw new Error('expected an HTTP problem');
}

describe('postEntry: lost races', () => {
  it('re-reads and re-decides after a lost race, then appends', async () => {
    const store = await registered();
    store.scripted.push({ kind: 'lost-race', cluster: false, what: 'state:ConditionalCheckFailed' }, { kind: 'lost-race', cluster: false, what: 'TransactionConflict' });
    const before = store.calls.getProject;
    const answer = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
    expect(answer.status).toBe(201);
    expect(store.calls.append).toBe(1 + 3);
    expect(store.calls.getProject - before).toBe(3);
    expect(store.projects.get('PRJ-1')!.version).toBe(2);
  });

  it('answers 503 with Retry-After when it keeps losing, having written nothing', async () => {
    const store = await registered();
    for (let i = 0; i < 50; i++) store.scripted.push({ kind: 'lost-race', cluster: false, what: 'state:ConditionalCheckFailed' });
    const problem = await problemOf(postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE)));
    expect(problem.status).toBe(503);
    expect(problem.headers['retry-after']).toBe('1');
    expect(store.calls.append - 1).toBeLessThanOrEqual(12);
    expect(store.projects.get('PRJ-1')!.version).toBe(1);
  });

  it('reads the cluster counters only after the cluster condition refused, and then answers the cap with its figures', async () => {
    const store = await registered();
    const readsBefore = store.calls.getClusterUsage;
    store.clusters.set('SZ-NANO', { ...store.clusters.get('SZ-NANO')!, provinceAllocatedFen: 29_500_000 * YUAN });
    store.scripted.push({ kind: 'lost-race', cluster: true, what: 'cluster:ConditionalCheckFailed' });
    const answer = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
    expect(store.calls.getClusterUsage - readsBefore).toBe(1);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ rule: 'province-per-cluster', limitFen: 30_000_000 * YUAN, usedFen: 29_500_000 * YUAN, attemptedFen: 1_000_000 * YUAN });
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
  it('replays the first answer from the record the refused transaction returned', async () => {
    const store = await registered();
    const first = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE, 'same-key'));
    const replay = await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE, 'same-key'));
    expect(first.status).toBe(201);
    expect(replay).toEqual({ status: 201, body: first.body, problem: false, headers: { 'idempotent-replayed': 'true' } });
    expect(store.projects.get('PRJ-1')!.version).toBe(2);
  });

  it('answers 409 idempotency-key-reuse for the same key with another request', async () => {
    const store = await registered();
    await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE, 'reused'));
    const problem = await problemOf(postEntry(store, request(allocate(2_000_000 * YUAN), FINANCE, 'reused')));
    expect(problem.status).toBe(409);
    expect(problem.body()).toMatchObject({ rule: 'idempotency-key-reuse' });
  });

  it('remembers a 422, so a retry cannot turn it into a success once room frees up', async () => {
    const store = await registered();
    const over = await postEntry(store, request(allocate(4_000_000 * YUAN + 1), FINANCE, 'too-much'));
    expect(over).toMatchObject({ status: 422, problem: true, body: { rule: 'joint-share-of-new-investment' } });
    const again = await postEntry(store, request(allocate(4_000_000 * YUAN + 1), FINANCE, 'too-much'));
    expect(again).toMatchObject({ status: 422, headers: { 'idempotent-replayed': 'true' }, body: over.body });
    expect(store.calls.rememberAnswer).toBe(2);
  });

  it('does not remember a 400 or 403', async () => {
    const store = await registered();
    const before = store.answers.size;
    await problemOf(postEntry(store, request({ ...allocate(1), valueDate: '2099-01-01' } as Command, FINANCE, 'future')));
    await problemOf(postEntry(store, request(allocate(1), ZONE, 'wrong-role')));
    expect(store.answers.size).toBe(before);
  });
});

describe('postEntry: registering an id twice', () => {
  it('answers 409 before any quota is weighed, and writes nothing', async () => {
    const store = await registered();
    // Cluster full: a fresh registration would be refused by the cluster's project quota (422).
    store.clusters.set('SZ-NANO', { ...store.clusters.get('SZ-NANO')!, projectCount: 99 });
    const appends = store.calls.append;
    const problem = await problemOf(postEntry(store, request({ kind: 'register', registration: { ...registration(), title: '另一个' } }, FINANCE, 'other-key')));
    expect(problem.status).toBe(409);
    expect(store.calls.append).toBe(appends);
    expect(store.projects.get('PRJ-1')!.state.registration.title).toBe('测试项目');
  });

  it('replays the first 201 to a retry with the same Idempotency-Key', async () => {
    const store = storeWithCatalog();
    const first = await postEntry(store, request({ kind: 'register', registration: registration() }, FINANCE, 'reg-key'));
    const retry = await postEntry(store, request({ kind: 'register', registration: registration() }, FINANCE, 'reg-key'));
    expect(retry).toEqual({ ...first, problem: false, headers: { 'idempotent-replayed': 'true' } });
  });
});

describe('postEntry: a retry whose own effect now stands in its way', () => {
  it('replays the first 201 of an acceptance application instead of answering "already applied"', async () => {
    const store = storeWithCatalog();
    const near = registration();
    const ending = { ...near, contract: { ...near.contract, endsOn: '2026-03-31' } };
    expect((await postEntry(store, request({ kind: 'register', registration: ending }, FINANCE))).status).toBe(201);
    const apply: Command = { kind: 'apply-acceptance', appliedOn: '2026-01-05', reference: '验收申请〔2026〕1号' };
    const first = await postEntry(store, request(apply, ZONE, 'apply-once'));
    expect(first.status).toBe(201);
    const retry = await postEntry(store, request(apply, ZONE, 'apply-once'));
    expect(retry).toEqual({ ...first, problem: false, headers: { 'idempotent-replayed': 'true' } });
    // Without the key (or with another) it is the conflict it is.
    expect((await problemOf(postEntry(store, request(apply, ZONE, 'apply-twice')))).status).toBe(409);
    expect(store.projects.get('PRJ-1')!.version).toBe(2);
  });
});

describe('postEntry: authorization and lookups', () => {
  it('answers a zone committee of another zone exactly as for an unknown project', async () => {
    const store = await registered();
    const confirm: Command = { kind: 'confirm-match', amountFen: 1, valueDate: '2025-03-02', reference: 'x' };
    const elsewhere = await problemOf(postEntry(store, request(confirm, OTHER_ZONE)));
    const unknown = await problemOf(postEntry(store, request(confirm, OTHER_ZONE, 'k-unknown', 'NO-SUCH')));
    expect([elsewhere.status, unknown.status]).toEqual([404, 404]);
    expect(elsewhere.body().title).toBe(unknown.body().title);
  });

  it('refuses a wrong role before reading anything', async () => {
    const store = await registered();
    const reads = store.calls.getProject;
    const problem = await problemOf(postEntry(store, request(allocate(1), ZONE)));
    expect(problem.status).toBe(403);
    expect(store.calls.getProject).toBe(reads);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'PRJ-1.0', 'PRJ-1.01', 'PRJ-1.x', 'OTHER.2', 'PRJ-1.2.3'])(
    'refuses a reversal of %s, which names no entry of the project, and writes nothing',
    async (entryId) => {
      const store = await registered();
      await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
      const answer = await postEntry(store, request({ kind: 'reverse', entryId, reason: '测试' }, FINANCE2));
      expect(answer).toMatchObject({ status: 422, body: { rule: 'reversal-not-allowed' } });
      expect(store.projects.get('PRJ-1')!.version).toBe(2);
    },
  );

  it('finds the target of a reversal in the project\'s history, read once per attempt', async () => {
    const store = await registered();
    await postEntry(store, request(allocate(1_000_000 * YUAN), FINANCE));
    const reads = store.calls.getHistory;
    const answer = await postEntry(store, request({ kind: 'reverse', entryId: 'PRJ-1.2', reason: '重复下达' }, FINANCE2));
    expect(answer.status).toBe(201);
    expect(store.calls.getHistory).toBe(reads + 1);
    expect(store.reversed.has('PRJ-1#2')).toBe(true);
    const twice = await postEntry(store, request({ kind: 'reverse', entryId: 'PRJ-1.2', reason: '再次冲销' }, FINANCE2));
    expect(twice).toMatchObject({ status: 422, body: { rule: 'reversal-not-allowed' } });
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

/**
 * Hostile and bad input gets its documented status (API.md "Conventions") — never a 500 — and
 * changes nothing: version, history, balances and idempotency records stay as they were (400s are
 * not remembered, so the same key works once the request is fixed).
 */
import { addDays } from '../../domain/dates';
import { readItem, readPartition, type TestResponse } from './support/api';
import { atInstant } from './support/clock';
import {
  YUAN, expectCreated, expectOk, expectProblem, expectRule, fixtureIndicatorNo, idemKey, ledger, refusalFootprint, registered, registration2023,
  today, useSeededApi, type Ledger,
} from './support/fixtures';
import { randomCreditCode } from '../support/credit-code';

const api = useSeededApi();
let P: string; // NJ-HTZ, 2023 program
let Q: string; // another NJ-HTZ project, for cross-project references
let pendingAllocation: string; // valueDate 2023-07-15, pending match
let qEntry: string; // an allocation of Q
let l: Ledger;

const MAX = Number.MAX_SAFE_INTEGER;

const finance = () => api.token('finance-officer', undefined, 'fo-alice');
const finance2 = () => api.token('finance-officer', undefined, 'fo-bob');
const zone = () => api.token('zone-committee', 'NJ-HTZ', 'zc-nj');

/** 400 problem whose errors[] is well-formed and names every expected path. */
function expect400(res: TestResponse, ...paths: string[]): void {
  expectProblem(res, 400);
  const errors = res.body.errors as { path: string; message: string }[];
  expect(Array.isArray(errors)).toBe(true);
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) expect(e).toEqual({ path: expect.any(String), message: expect.any(String) });
  expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(paths));
}

const tokenFor = (route: string) => (['match-confirmations', 'disbursements', 'acceptance-applications'].includes(route) ? zone() : route === 'reversals' ? finance2() : finance());

/** Posts to a project and asserts the answer, then that nothing moved and the key was not kept. */
async function postRefused(
  projectId: string,
  route: string,
  send: { body?: unknown; rawBody?: string | Buffer; contentType?: string; key?: string | null; token?: string; headers?: Record<string, string> },
  check: (res: TestResponse) => void,
) {
  const before = await refusalFootprint(api, projectId);
  const key = send.key === undefined ? idemKey() : send.key;
  const res = await api.request('POST', `/projects/${projectId}/${route}`, {
    token: send.token ?? tokenFor(route),
    ...(send.rawBody !== undefined ? { rawBody: send.rawBody } : { body: send.body }),
    ...(send.contentType ? { contentType: send.contentType } : {}),
    headers: { ...(key === null ? {} : { 'Idempotency-Key': key }), ...(send.headers ?? {}) },
  });
  check(res);
  const after = await refusalFootprint(api, projectId);
  expect(after).toEqual(before);
  if (key) {
    expect(after.idemp).not.toContain(`IDEMP#${key}`);
    expect(await readItem(api.tableName, `PROJECT#${projectId}`, `IDEMP#${key}`)).toBeUndefined();
  }
  return res;
}

beforeAll(async () => {
  l = ledger(api, 'NJ-HTZ');
  const reg = registration2023();
  P = reg.projectId;
  expectOk(await l.register(reg));
  await l.allocateMatched(P, 2_000_000 * YUAN);
  expectOk(await l.transfer(P, 500_000 * YUAN));
  pendingAllocation = expectOk(await l.allocate(P, 1_000_000 * YUAN)).body.entry.entryId;
  const q = await registered(api, registration2023());
  Q = q.id;
  qEntry = q.l.entryIdOf(await q.l.allocate(Q, 1_000 * YUAN));
}, 60_000);

const allocation = { amountFen: 100_000 * YUAN, valueDate: '2023-07-15', reference: '苏财教〔2023〕99号', indicatorNo: fixtureIndicatorNo('JS-2023-C', 2023) };
const without = <T extends Record<string, unknown>>(o: T, k: keyof T) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));

describe('POST /projects/{id}/allocations: invalid body → 400 naming the field', () => {
  test.each<[string, Record<string, unknown> | unknown, string[]]>([
    ['a float amount', { ...allocation, amountFen: 1.5 }, ['amountFen']],
    ['a negative amount', { ...allocation, amountFen: -100 }, ['amountFen']],
    ['a zero amount', { ...allocation, amountFen: 0 }, ['amountFen']],
    ['a numeric string amount', { ...allocation, amountFen: '100' }, ['amountFen']],
    ['an unsafe integer amount (2**53)', { ...allocation, amountFen: 2 ** 53 }, ['amountFen']],
    ['an amount of 1e300', { ...allocation, amountFen: 1e300 }, ['amountFen']],
    ['a null amount', { ...allocation, amountFen: null }, ['amountFen']],
    ['a boolean amount', { ...allocation, amountFen: true }, ['amountFen']],
    ['an object amount', { ...allocation, amountFen: { value: 100 } }, ['amountFen']],
    ['an array amount', { ...allocation, amountFen: [100] }, ['amountFen']],
    ['an unknown field', { ...allocation, amountYuan: 1000 }, ['amountYuan']],
    ['an unknown field that exists elsewhere (funder)', { ...allocation, funder: 'province' }, ['funder']],
    ['an unknown field named constructor', { ...allocation, constructor: 'x' }, ['constructor']],
    ['an unknown field named toString', { ...allocation, toString: 'x' }, ['toString']],
    ['a missing amountFen', without(allocation, 'amountFen'), ['amountFen']],
    ['a missing valueDate', without(allocation, 'valueDate'), ['valueDate']],
    ['a missing reference', without(allocation, 'reference'), ['reference']],
    ['an empty body object', {}, ['amountFen', 'valueDate', 'reference']],
    ['an impossible date 2023-02-30', { ...allocation, valueDate: '2023-02-30' }, ['valueDate']],
    ['an impossible date 2023-13-01', { ...allocation, valueDate: '2023-13-01' }, ['valueDate']],
    ['an unpadded date 2023-2-3', { ...allocation, valueDate: '2023-2-3' }, ['valueDate']],
    ['a timestamp instead of a date', { ...allocation, valueDate: '2023-07-15T00:00:00Z' }, ['valueDate']],
    ['a numeric date', { ...allocation, valueDate: 20230715 }, ['valueDate']],
    ['a date before 1990', { ...allocation, valueDate: '1989-12-31' }, ['valueDate']],
    ['a date past 2199', { ...allocation, valueDate: '2200-01-01' }, ['valueDate']],
    ['the date 9999-12-31', { ...allocation, valueDate: '9999-12-31' }, ['valueDate']],
    ['a five-digit year', { ...allocation, valueDate: '10000-01-01' }, ['valueDate']],
    ['a blank reference', { ...allocation, reference: '   ' }, ['reference']],
    ['a reference over 100 characters', { ...allocation, reference: 'R'.repeat(101) }, ['reference']],
    ['a memo over 500 characters', { ...allocation, memo: 'm'.repeat(501) }, ['memo']],
    ['several faults at once', { amountFen: 1.5, valueDate: '2023-02-30', reference: 'x', extra: 1 }, ['amountFen', 'valueDate', 'extra']],
  ])('%s', async (_name, body, paths) => {
    await postRefused(P, 'allocations', { body }, (res) => {
      expect400(res, ...paths);
      // Each error names a field of the body, not some internal path.
      for (const e of res.body.errors) expect(paths).toContain(e.path);
    });
  });

  test('a date after today (China time) is refused with the date it may not pass', async () => {
    const tomorrow = addDays(today(), 1);
    const res = await postRefused(P, 'allocations', { body: { ...allocation, valueDate: tomorrow } }, (r) => expect400(r, 'valueDate'));
    expect(res.body.errors[0].message).toContain(today());
  });

  test('the message of an out-of-range date names the range', async () => {
    const res = await postRefused(P, 'allocations', { body: { ...allocation, valueDate: '2200-01-01' } }, (r) => expect400(r, 'valueDate'));
    expect(res.body.errors[0].message).toMatch(/1990-01-01.*2199-12-31/);
  });

  test.each<[string, unknown]>([
    ['an array', [allocation]],
    ['a string', 'amountFen=100'],
    ['a number', 100],
    ['null', null],
    ['true', true],
  ])('a body that is %s → 400', async (_name, body) => {
    await postRefused(P, 'allocations', { rawBody: JSON.stringify(body) }, (res) => expect400(res));
  });

  test.each<[string, string, string]>([
    ['Infinity (1e400)', '{"amountFen":1e400,"valueDate":"2023-07-15","reference":"R"}', 'amountFen'],
    ['an integer beyond 2**53 as written', '{"amountFen":9007199254740993,"valueDate":"2023-07-15","reference":"R"}', 'amountFen'],
    ['a fraction written with an exponent (15e-1)', '{"amountFen":15e-1,"valueDate":"2023-07-15","reference":"R"}', 'amountFen'],
    ['a __proto__ member', '{"__proto__":{"amountFen":1},"amountFen":100,"valueDate":"2023-07-15","reference":"R"}', '__proto__'],
  ])('raw JSON with %s → 400', async (_name, rawBody, path) => {
    await postRefused(P, 'allocations', { rawBody }, (res) => expect400(res, path));
  });
});

test('a body may be left out where it is optional, but a body of null is no object → 400', async () => {
  const res = await api.request('POST', '/alerts/sweep', { token: api.token('admin'), rawBody: 'null' });
  expect400(res);
  // A hold release takes an optional body too: null is refused there before anything is read.
  await postRefused(P, 'holds/NO-SUCH.1/release', { rawBody: 'null' }, (r) => expect400(r));
});

describe('body framing: JSON only, UTF-8 only, 64 KiB, each key once', () => {
  test.each<[string, string]>([
    ['truncated', '{"amountFen": 100000, "valueDate": "2023-07-15",'],
    ['single-quoted', "{'amountFen': 100000}"],
    ['trailing comma', '{"amountFen":100000,"valueDate":"2023-07-15","reference":"R",}'],
    ['a comment', '{"amountFen":100000, /* yuan? */ "valueDate":"2023-07-15","reference":"R"}'],
    ['not JSON at all', 'amountFen=100000&valueDate=2023-07-15'],
    ['two JSON documents', '{"amountFen":1,"valueDate":"2023-07-15","reference":"R"}{"amountFen":2}'],
  ])('malformed JSON (%s) → 400', async (_name, rawBody) => {
    await postRefused(P, 'allocations', { rawBody }, (res) => expect400(res));
  });

  test.each<[string, string, string]>([
    ['a top-level key', '{"amountFen":100000,"amountFen":1,"valueDate":"2023-07-15","reference":"R"}', 'amountFen'],
    ['a key differing only by an escape', '{"amountFen":100000,"amount\\u0046en":1,"valueDate":"2023-07-15","reference":"R"}', 'amountFen'],
  ])('a duplicated key (%s) → 400 naming it', async (_name, rawBody, path) => {
    await postRefused(P, 'allocations', { rawBody }, (res) => expect400(res, path));
  });

  test('a duplicated nested key in a registration → 400 naming its path, nothing stored', async () => {
    const reg = registration2023();
    const json = JSON.stringify(reg).replace('"provinceGrantFen":600000000', '"provinceGrantFen":600000000,"provinceGrantFen":1');
    expect(json).toContain('"provinceGrantFen":1');
    const res = await api.request('POST', '/projects', { token: finance(), rawBody: json, headers: { 'Idempotency-Key': idemKey() } });
    expect400(res, 'contract.provinceGrantFen');
    const inArray = JSON.stringify(reg).replace('"trancheId":"P2"', '"trancheId":"P2","trancheId":"P1"');
    expect400(await api.request('POST', '/projects', { token: finance(), rawBody: inArray, headers: { 'Idempotency-Key': idemKey() } }));
    expect(await readPartition(api.tableName, `PROJECT#${reg.projectId}`)).toEqual([]);
  });

  test('a 100 KiB body → 413', async () => {
    const rawBody = JSON.stringify({ ...allocation, memo: 'x'.repeat(100 * 1024) });
    await postRefused(P, 'allocations', { rawBody }, (res) => expectProblem(res, 413));
  });

  test('a body just over 64 KiB → 413, even if it is not JSON; exactly 64 KiB is read', async () => {
    await postRefused(P, 'allocations', { rawBody: 'x'.repeat(64 * 1024 + 1) }, (res) => expectProblem(res, 413));
    // 64 KiB of JSON (whitespace-padded) is within the limit: it is read and judged on its merits.
    const json = JSON.stringify({ ...allocation, amountFen: 1.5 });
    const exact = json + ' '.repeat(64 * 1024 - Buffer.byteLength(json));
    expect(Buffer.byteLength(exact)).toBe(64 * 1024);
    await postRefused(P, 'allocations', { rawBody: exact }, (res) => expect400(res, 'amountFen'));
    await postRefused(P, 'allocations', { rawBody: `${exact} ` }, (res) => expectProblem(res, 413));
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/json'])(
    'content type %s → 415',
    async (contentType) => {
      await postRefused(P, 'allocations', { rawBody: JSON.stringify(allocation), contentType }, (res) => expectProblem(res, 415));
    },
  );

  test.each(['gbk', 'gb2312', 'utf-16', 'latin1'])('application/json; charset=%s → 400 (UTF-8 only)', async (charset) => {
    const res = await postRefused(P, 'allocations', { rawBody: JSON.stringify(allocation), contentType: `application/json; charset=${charset}` }, (r) => expect400(r, 'headers.Content-Type'));
    expect(res.body.errors[0].message).toContain(charset);
  });

  test('bytes that are not UTF-8 (a GBK-encoded reference) → 400', async () => {
    const gbk = Buffer.concat([Buffer.from('{"amountFen":100000,"valueDate":"2023-07-15","reference":"'), Buffer.from([0xcb, 0xd5, 0xb2, 0xc6]), Buffer.from('"}')]);
    await postRefused(P, 'allocations', { rawBody: gbk }, (res) => expect400(res));
    await postRefused(P, 'allocations', { rawBody: Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]) }, (res) => expect400(res));
  });

  test('application/json; charset=utf-8 and application/*+json are accepted (control)', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/merge-patch+json']) {
      const before = await refusalFootprint(api, P);
      const res = await api.request('POST', `/projects/${P}/allocations`, {
        token: finance(), rawBody: JSON.stringify({ ...allocation, amountFen: 1_000 * YUAN }), contentType, headers: { 'Idempotency-Key': idemKey() },
      });
      expect({ contentType, status: res.status }).toEqual({ contentType, status: 201 });
      expect((await refusalFootprint(api, P)).version).toBe(before.version + 1);
    }
  });
});

describe('references to entries: only this project\'s, never a name that resolves to something else', () => {
  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'])('a reversal naming %s → 400 or 422, nothing stored', async (name) => {
    for (const entryId of [name, `${P}.${name}`, `${P}.${name}.1`]) {
      const res = await postRefused(P, 'reversals', { body: { entryId, reason: '冲正' } }, (r) => expect400(r, 'entryId'));
      expect(res.body.errors[0].path).toBe('entryId');
    }
    // `<name>.1` has the shape of an entry id, but of no entry of this project: a remembered 422, nothing else.
    const before = await refusalFootprint(api, P);
    const key = idemKey();
    const res = await api.request('POST', `/projects/${P}/reversals`, { token: finance2(), body: { entryId: `${name}.1`, reason: '冲正' }, headers: { 'Idempotency-Key': key } });
    expectRule(res, 'reversal-not-allowed');
    const after = await refusalFootprint(api, P);
    expect({ ...after, idemp: after.idemp.filter((k) => k !== `IDEMP#${key}`) }).toEqual(before);
    expect(await readPartition(api.tableName, `PROJECT#${name}`)).toEqual([]);
  });

  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('%s as a project id or an entry in a path → 404/400, nothing stored', async (name) => {
    const auditor = api.token('auditor');
    for (const path of [`/projects/${name}`, `/projects/${name}/history`, `/projects/${name}/verify`, `/projects/${name}/history.csv`]) {
      expectProblem(await api.request('GET', path, { token: auditor }), 404);
    }
    const res = await api.request('POST', `/projects/${name}/allocations`, { token: finance(), body: allocation, headers: { 'Idempotency-Key': idemKey() } });
    expectProblem(res, 404);
    expect(await readPartition(api.tableName, `PROJECT#${name}`)).toEqual([]);
    for (const route of [`cap-exceptions/${name}/approval`, `adjustments/${name}/approval`, `termination/${name}/approval`, `holds/${name}/release`]) {
      await postRefused(P, route, { body: {}, token: route.startsWith('holds') ? finance() : api.token('admin') }, (r) => expect400(r, 'path.entryId'));
    }
  });

  test('a reversal of another project\'s entry is refused (422), and neither project gets a reversal', async () => {
    const qBefore = await refusalFootprint(api, Q);
    const before = await refusalFootprint(api, P);
    const key = idemKey();
    const res = await api.request('POST', `/projects/${P}/reversals`, { token: finance2(), body: { entryId: qEntry, reason: '冲正' }, headers: { 'Idempotency-Key': key } });
    expectRule(res, 'reversal-not-allowed');
    const after = await refusalFootprint(api, P);
    // Only the remembered 422 is new.
    expect({ ...after, idemp: after.idemp.filter((k) => k !== `IDEMP#${key}`) }).toEqual(before);
    expect(await refusalFootprint(api, Q)).toEqual(qBefore);
    expect((await readPartition(api.tableName, `PROJECT#${P}`, 'ENTRY#')).some((i) => i.entry.type === 'reversal')).toBe(false);
    expect(await readPartition(api.tableName, `PROJECT#${Q}`, 'REVERSED#')).toEqual([]);
    // A confirmation naming another project's allocation matches nothing either.
    const conf = await api.request('POST', `/projects/${P}/match-confirmations`, { token: zone(), body: { allocationEntryId: qEntry, amountFen: 1_000 * YUAN, valueDate: '2023-08-01', reference: 'X' }, headers: { 'Idempotency-Key': idemKey() } });
    expectRule(conf, 'match-not-pending');
    expect(await refusalFootprint(api, Q)).toEqual(qBefore);
  });
});

describe('path parameters: too long or odd → 400 or 404, never 500', () => {
  const auditor = () => api.token('auditor');
  const ids: [string, string, number][] = [
    ['65 characters', 'P'.repeat(65), 400],
    ['exactly 64 characters (valid, unknown)', 'P'.repeat(64), 404],
    ['1,000 characters', 'x'.repeat(1000), 400],
    ['a space', 'BA%202023', 400],
    ['a dot', 'BA2023.1', 400],
    ['an encoded slash', 'BA%2F2023', 400],
    ['a NUL byte', 'BA%002023', 400],
    ['Chinese characters', encodeURIComponent('项目一'), 400],
    ['an emoji', encodeURIComponent('💰'), 400],
    ['a quote and angle brackets', encodeURIComponent('"><script>'), 400],
    ['a percent sign', '100%25', 400],
    // Not decodable: the gateway finds no route for it.
    ['a malformed percent escape', 'BA%E4%2023', 404],
  ];

  test.each(ids)('a project id with %s → %i on every project route', async (_name, id, status) => {
    for (const suffix of ['', '/history', '/history.csv', '/verify']) {
      const res = await api.request('GET', `/projects/${id}${suffix}`, { token: auditor() });
      expect({ suffix, status: res.status }).toEqual({ suffix, status });
    }
    const post = await api.request('POST', `/projects/${id}/allocations`, { token: finance(), body: allocation, headers: { 'Idempotency-Key': idemKey() } });
    expect(post.status).toBe(status);
  });

  test('a registration with a 65-character projectId → 400; 64 characters register', async () => {
    expect400(await l.register(registration2023({ projectId: 'R'.repeat(65) })), 'projectId');
    expectCreated(await l.register(registration2023({ projectId: `R${Date.now()}`.padEnd(64, 'r') })));
  });

  test.each<[string, string]>([
    ['an entry id of 81 characters', `${'E'.repeat(64)}.${'1'.repeat(16)}`],
    ['seq 0', 'X.0'],
    ['a leading zero', 'X.01'],
    ['an 11-digit seq', 'X.12345678901'],
    ['no seq', 'X.'],
    ['a negative seq', 'X.-1'],
  ])('an approval path naming %s → 400', async (_name, raw) => {
    const entryId = raw.replace(/^X/, P);
    await postRefused(P, `cap-exceptions/${entryId}/approval`, { body: {}, token: api.token('admin') }, (r) => expect400(r, 'path.entryId'));
  });

  test('other path parameters: program codes and cluster ids', async () => {
    expect400(await api.request('GET', `/programs/${'C'.repeat(65)}`, { token: auditor() }), 'path.code');
    expectProblem(await api.request('GET', '/programs/NO-SUCH', { token: auditor() }), 404);
    expect400(await api.request('GET', `/clusters/${encodeURIComponent('集群')}`, { token: auditor() }), 'path.clusterId');
    expectProblem(await api.request('GET', '/clusters/NO-SUCH', { token: auditor() }), 404);
    expectProblem(await api.request('POST', '/clusters/NO-SUCH/close', { token: api.token('admin'), body: { closedOn: '2024-01-01', reference: 'X' } }), 404);
  });

  test('extra path segments and unknown routes → 404; a known path with another method → 405', async () => {
    expectProblem(await api.request('GET', `/projects/${P}/history/extra`, { token: auditor() }), 404);
    expectProblem(await api.request('GET', `/projects/${P}/allocations`, { token: auditor() }), 405);
    expectProblem(await api.request('DELETE', `/projects/${P}`, { token: api.token('admin') }), 405);
    expectProblem(await api.request('PUT', `/projects/${P}/allocations`, { token: finance(), body: allocation }), 405);
  });
});

describe('amounts and sums past 2^53, dates at the edge of the calendar', () => {
  const finance = () => api.token('finance-officer', undefined, 'fo-alice');
  const register = (reg: unknown) => api.request('POST', '/projects', { token: finance(), body: reg, headers: { 'Idempotency-Key': idemKey() } });
  const notStored = async (projectId: string) => expect((await readPartition(api.tableName, `PROJECT#${projectId}`)).filter((i) => !String(i.sk).startsWith('IDEMP#'))).toEqual([]);

  test('grants whose sum overflows 2^53 → a clear 400 or 422, never a 500, nothing stored', async () => {
    const reg = registration2023({ newInvestmentFen: MAX, contract: { ...registration2023().contract, provinceGrantFen: MAX, zoneGrantFen: MAX } });
    reg.schedule = [
      { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: MAX },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: MAX },
    ];
    const res = await register(reg);
    expect([400, 422]).toContain(res.status);
    expect(res.body.detail.length + JSON.stringify(res.body.errors ?? []).length).toBeGreaterThan(10);
    await notStored(reg.projectId);
    // Under the Nanjing program (no caps) only the sum itself can overflow.
    const nj = registration2023({
      programCode: 'NJ-CITY-CLUSTER', clusterId: 'NJ-CITY-AI', newInvestmentFen: MAX,
      contract: { signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-06-30', provinceGrantFen: MAX, zoneGrantFen: MAX },
      schedule: [
        { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: MAX },
        { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: MAX },
      ],
    });
    const njRes = await register(nj);
    expect400(njRes);
    expect(JSON.stringify(njRes.body.errors)).toMatch(/9007199254740991|range/);
    await notStored(nj.projectId);
  });

  test('a schedule whose tranches sum past 2^53 → 400 with a clear message', async () => {
    const reg = registration2023({ programCode: 'NJ-CITY-CLUSTER', clusterId: 'NJ-CITY-AI', contract: { ...registration2023().contract, endsOn: '2026-06-30', provinceGrantFen: 100, zoneGrantFen: 0 } });
    reg.schedule = [
      { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: MAX },
      { trancheId: 'P2', funder: 'province', dueOn: '2023-10-31', amountFen: MAX },
    ];
    const res = await register(reg);
    expect400(res);
    expect(JSON.stringify(res.body.errors)).toMatch(/range|9007199254740991/);
    await notStored(reg.projectId);
    // 2^53 itself is refused by the schema already.
    reg.schedule[0]!.amountFen = 2 ** 53;
    expect400(await register(reg), 'schedule.0.amountFen');
  });

  test('a cap exception of 2^53 − 1 fen; allocations and decommitments of 2^53 − 1 against it → 400 or 422, nothing moves', async () => {
    const { id, l: pl } = await registered(api, registration2023());
    const proposal = pl.entryIdOf(await pl.proposeException(id, 'province-per-project', MAX));
    const approved = expectCreated(await pl.approveException(id, proposal));
    expect(approved.body.project.limits.find((x: any) => x.rule === 'province-per-project')).toMatchObject({ limitFen: MAX, usedFen: 0, headroomFen: MAX });
    const before = await refusalFootprint(api, id);
    // With its 1:1 match the allocation's joint amount is past 2^53.
    const over = await pl.allocate(id, MAX);
    expect([400, 422]).toContain(over.status);
    if (over.status === 400) expect(JSON.stringify(over.body.errors)).toMatch(/range|9007199254740991/);
    const big = await pl.decommit(id, { provinceFen: MAX, zoneFen: MAX });
    expectRule(big, 'insufficient-confirmed-funds');
    const after = await refusalFootprint(api, id);
    expect({ ...after, idemp: [] }).toEqual({ ...before, idemp: [] });
  });

  test('an adjustment to grants that sum past 2^53 → 400 or 422, never 500', async () => {
    const { id, l: pl } = await registered(api, registration2023({ programCode: 'NJ-CITY-CLUSTER', clusterId: 'NJ-CITY-AI', contract: { ...registration2023().contract, endsOn: '2026-06-30' } }));
    const before = await refusalFootprint(api, id);
    const res = await pl.proposeAdjustment(id, { contract: { provinceGrantFen: MAX, zoneGrantFen: MAX } });
    expect([400, 422]).toContain(res.status);
    const after = await refusalFootprint(api, id);
    expect({ ...after, idemp: [] }).toEqual({ ...before, idemp: [] });
  });

  test('dates past 2199 in a registration → 400; a contract that ends on 2199-12-31 registers', async () => {
    const late = registration2023({ contract: { ...registration2023().contract, endsOn: '2200-01-01' } });
    expect400(await register(late), 'contract.endsOn');
    const far = registration2023({ contract: { ...registration2023().contract, endsOn: '9999-12-31' } });
    expect400(await register(far), 'contract.endsOn');
    const edge = registration2023({
      contract: { signedOn: '2196-06-01', startsOn: '2196-07-01', endsOn: '2199-12-31', provinceGrantFen: 6_000_000 * YUAN, zoneGrantFen: 6_000_000 * YUAN },
      schedule: [
        { trancheId: 'P1', funder: 'province', dueOn: '2199-12-31', amountFen: 6_000_000 * YUAN },
        { trancheId: 'Z1', funder: 'zone', dueOn: '2199-12-31', amountFen: 6_000_000 * YUAN },
      ],
    });
    const ok = expectCreated(await register(edge));
    expect(ok.body.project.contract.endsOn).toBe('2199-12-31');
    // The sweep and the views reach past the end (grace, acceptance deadline) without leaving the calendar
    // (a sweep never runs ahead of today, so with the clock on that day).
    expectOk(await atInstant('2199-12-31T04:00:00.000Z', () => api.request('POST', '/alerts/sweep', { token: api.token('admin'), body: { asOf: '2199-12-31' } })));
    expectOk(await api.request('GET', `/projects/${edge.projectId}?asOf=2199-12-31`, { token: api.token('auditor') }));
    // An extension to 2200 is refused (400 or 422), never a 500.
    const ext = await ledger(api, 'NJ-HTZ').proposeAdjustment(edge.projectId, { contract: { endsOn: '2200-06-30' } });
    expect([400, 422]).toContain(ext.status);
  });

  test.each<[string, string, string]>([
    ['GET /projects/{id}?asOf=2200-01-01', 'GET', '/projects/{P}?asOf=2200-01-01'],
    ['GET /projects/{id}?asOf=9999-12-31', 'GET', '/projects/{P}?asOf=9999-12-31'],
    ['GET /projects/{id}?asOf=1989-12-31', 'GET', '/projects/{P}?asOf=1989-12-31'],
    ['GET /projects/{id}?asOf=2023-02-30', 'GET', '/projects/{P}?asOf=2023-02-30'],
    ['GET history?from=2200-01-01', 'GET', '/projects/{P}/history?from=2200-01-01'],
    ['GET history?to=10000-01-01', 'GET', '/projects/{P}/history?to=10000-01-01'],
    ['GET history.csv?from=0000-01-01', 'GET', '/projects/{P}/history.csv?from=0000-01-01'],
    ['POST /alerts/sweep asOf 9999-12-31', 'POST', '/alerts/sweep'],
  ])('%s → 400', async (_name, method, path) => {
    const res = await api.request(method, path.replace('{P}', P), {
      token: method === 'POST' ? api.token('admin') : api.token('auditor'),
      ...(method === 'POST' ? { body: { asOf: '9999-12-31' } } : {}),
    });
    expect400(res);
  });

  test('query parameters: unknown ones, bad limits and filters → 400', async () => {
    const auditor = api.token('auditor');
    for (const q of ['limit=0', 'limit=501', 'limit=abc', 'limit=1.5', 'status=closed', 'lagging=yes', 'zoneId=a%20b', 'foo=bar']) {
      expect400(await api.request('GET', `/projects?${q}`, { token: auditor }));
    }
    for (const q of ['type=payment', 'limit=-1', 'from=2023-7-1', 'bar=1']) expect400(await api.request('GET', `/projects/${P}/history?${q}`, { token: auditor }));
    for (const q of ['kind=lag', 'status=closed', 'limit=1000']) expect400(await api.request('GET', `/alerts?${q}`, { token: auditor }));
    expect400(await api.request('GET', `/projects/${P}/verify?digest=yesterday`, { token: auditor }));
  });
});

describe('cursors: only what the endpoint issued', () => {
  const cursor = (v: unknown) => encodeURIComponent(Buffer.from(JSON.stringify(v)).toString('base64url'));
  const forged = () => [
    '%%%',
    'not-base64-json',
    cursor({ foo: 1 }),
    cursor([1, 2]),
    cursor('PROJECT#x'),
    cursor({ pk: 1, sk: 'x' }),
    cursor({ pk: 'PROJECT#x', sk: 'STATE' }),
    cursor({ pk: 'PROJECT#x', sk: 'STATE', gsi1pk: 'ZONE#SZ-SIP', extra: 'x' }),
    cursor({ afterSeq: -1 }),
    cursor({ afterSeq: 1.5 }),
    cursor({ afterSeq: 2 ** 60 }),
    cursor({ afterSeq: '1' }),
    encodeURIComponent('a'.repeat(2001)),
  ];

  test.each(['/projects', '/alerts', '/projects/{P}/history'])('%s with a forged cursor → 400', async (path) => {
    for (const bad of forged()) {
      const res = await api.request('GET', `${path.replace('{P}', P)}?cursor=${bad}`, { token: api.token('auditor') });
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
  });

  test.each(['history.csv', 'history.xlsx'])('%s is the whole history: a cursor or a limit → 400 naming it', async (file) => {
    for (const [param, value] of [['cursor', 'abc'], ['limit', '10']]) {
      const res = await api.request('GET', `/projects/${P}/${file}?${param}=${value}`, { token: api.token('auditor') });
      expect400(res, `query.${param}`);
    }
  });

  test('a cursor of one listing is refused by another', async () => {
    const auditor = api.token('auditor');
    const page = expectOk(await api.request('GET', '/projects?limit=1', { token: auditor }));
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect((await api.request('GET', `/projects/${P}/history?cursor=${encodeURIComponent(page.body.nextCursor)}`, { token: auditor })).status).toBe(400);
    const history = expectOk(await api.request('GET', `/projects/${P}/history?limit=1`, { token: auditor }));
    expect((await api.request('GET', `/projects?cursor=${encodeURIComponent(history.body.nextCursor)}`, { token: auditor })).status).toBe(400);
  });
});

describe('Idempotency-Key on ledger POSTs', () => {
  const routes: [string, () => unknown][] = [
    ['allocations', () => allocation],
    ['match-confirmations', () => ({ allocationEntryId: pendingAllocation, amountFen: 1_000_000 * YUAN, valueDate: '2023-08-01', reference: 'ZC-1' })],
    ['transfers', () => ({ amountFen: 1_000 * YUAN, valueDate: '2023-08-15', reference: 'T-1' })],
    ['disbursements', () => ({ funder: 'province', amountFen: 1_000 * YUAN, paidOn: '2023-09-15', reference: 'PAY-1' })],
    ['recoveries', () => ({ funder: 'province', amountFen: 1, valueDate: '2023-12-01', reference: 'R-1', reason: '缴回' })],
    ['decommitments', () => ({ provinceFen: 1, valueDate: '2023-12-01', reference: 'D-1', reason: '核减' })],
    ['reversals', () => ({ entryId: pendingAllocation, reason: '冲正' })],
    ['inspections', () => ({ kind: 'mid-term', inspectedOn: '2024-01-10', result: 'pass', reference: 'I-1' })],
    ['holds', () => ({ reason: '暂停', reference: 'H-1' })],
    ['cap-exceptions', () => ({ rule: 'province-per-project', limitFen: 700_000_000, reference: 'E-1', reason: '专题会议' })],
  ];

  test.each(routes)('missing on POST %s → 400', async (route, body) => {
    await postRefused(P, route, { body: body(), key: null, token: route === 'inspections' || route === 'cap-exceptions' ? api.token('admin') : tokenFor(route) }, (res) =>
      expect400(res, 'headers.Idempotency-Key'));
  });

  test.each<[string, string]>([
    ['with a space', 'abc def'],
    ['129 characters', 'k'.repeat(129)],
    ['empty', ''],
    ['with a slash', 'a/b'],
    ['with a quote', 'a"b'],
    ['with a comma', 'a,b'],
    ['with a hash', 'a#b'],
    ['with Chinese characters', encodeURIComponent('键')],
  ])('invalid (%s) → 400, and nothing is remembered', async (_name, key) => {
    await postRefused(P, 'allocations', { body: allocation, key }, (res) => expect400(res, 'headers.Idempotency-Key'));
  });

  test('a comma-separated list of keys (two headers joined) is one invalid key → 400', async () => {
    await postRefused(P, 'allocations', { body: allocation, key: null, headers: { 'Idempotency-Key': 'a, b' } }, (res) => expect400(res, 'headers.Idempotency-Key'));
  });

  test('128 characters of the allowed alphabet are accepted (control)', async () => {
    const key = `${idemKey()}_-:.`.padEnd(128, 'Az9');
    expect(key).toHaveLength(128);
    const res = await api.request('POST', `/projects/${P}/allocations`, { token: finance(), body: { ...allocation, amountFen: 2_000 * YUAN }, headers: { 'Idempotency-Key': key } });
    expect(res.status).toBe(201);
    expect(await readItem(api.tableName, `PROJECT#${P}`, `IDEMP#${key}`)).toBeDefined();
  });

  test('a 400 is not remembered: the same key with the corrected body then posts', async () => {
    const key = idemKey();
    await postRefused(P, 'allocations', { body: { ...allocation, amountFen: 1.5 }, key }, (res) => expect400(res, 'amountFen'));
    const before = await refusalFootprint(api, P);
    const res = await api.request('POST', `/projects/${P}/allocations`, { token: finance(), body: { ...allocation, amountFen: 3_000 * YUAN }, headers: { 'Idempotency-Key': key } });
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    const after = await refusalFootprint(api, P);
    expect(after.version).toBe(before.version + 1);
    expect(after.idemp).toContain(`IDEMP#${key}`);
  });
});

describe('other ledger bodies: invalid → 400', () => {
  const confirmation = () => ({ allocationEntryId: pendingAllocation, amountFen: 1_000_000 * YUAN, valueDate: '2023-08-01', reference: 'ZC-9' });
  const disbursement = { funder: 'province', amountFen: 10_000 * YUAN, paidOn: '2023-09-15', reference: 'PAY-9' };
  const tomorrow = () => addDays(today(), 1);

  test.each<[string, () => Record<string, unknown>, string]>([
    ['a float amount', () => ({ ...confirmation(), amountFen: 1.5 }), 'amountFen'],
    ['a numeric string amount', () => ({ ...confirmation(), amountFen: '1000000' }), 'amountFen'],
    ['a zero amount', () => ({ ...confirmation(), amountFen: 0 }), 'amountFen'],
    ['2023-02-29 (not a leap year)', () => ({ ...confirmation(), valueDate: '2023-02-29' }), 'valueDate'],
    ['an empty allocationEntryId', () => ({ ...confirmation(), allocationEntryId: '' }), 'allocationEntryId'],
    ['a numeric allocationEntryId', () => ({ ...confirmation(), allocationEntryId: 2 }), 'allocationEntryId'],
    ['an allocationEntryId without seq', () => ({ ...confirmation(), allocationEntryId: P }), 'allocationEntryId'],
    ['an unknown field (funder)', () => ({ ...confirmation(), funder: 'zone' }), 'funder'],
    ['a missing reference', () => without(confirmation(), 'reference'), 'reference'],
    ['a value date before the allocation it matches', () => ({ ...confirmation(), valueDate: '2023-07-01' }), 'valueDate'],
    ['a value date after today', () => ({ ...confirmation(), valueDate: tomorrow() }), 'valueDate'],
  ])('match confirmation with %s', async (_name, body, path) => {
    await postRefused(P, 'match-confirmations', { body: body() }, (res) => expect400(res, path));
  });

  test.each<[string, () => Record<string, unknown>, string]>([
    ['an unknown funder', () => ({ ...disbursement, funder: 'city' }), 'funder'],
    ['a missing funder', () => without(disbursement, 'funder'), 'funder'],
    ['an unsafe integer amount', () => ({ ...disbursement, amountFen: 2 ** 53 }), 'amountFen'],
    ['a negative amount', () => ({ ...disbursement, amountFen: -1 }), 'amountFen'],
    ['an unpadded paidOn', () => ({ ...disbursement, paidOn: '2023-9-15' }), 'paidOn'],
    ['valueDate instead of paidOn', () => ({ ...without(disbursement, 'paidOn'), valueDate: '2023-09-15' }), 'valueDate'],
    ['a trancheId with a space', () => ({ ...disbursement, trancheId: 'P 1' }), 'trancheId'],
    ['a trancheId of 33 characters', () => ({ ...disbursement, trancheId: 'T'.repeat(33) }), 'trancheId'],
    ['a paidOn in the future (China time)', () => ({ ...disbursement, paidOn: tomorrow() }), 'paidOn'],
  ])('disbursement with %s', async (_name, body, path) => {
    await postRefused(P, 'disbursements', { body: body() }, (res) => expect400(res, path));
  });

  test.each<[string, string, () => Record<string, unknown>, string]>([
    ['transfers', 'an amount of 0', () => ({ amountFen: 0, valueDate: '2023-08-15', reference: 'T' }), 'amountFen'],
    ['transfers', 'a funder (transfers are province money)', () => ({ amountFen: 1, valueDate: '2023-08-15', reference: 'T', funder: 'province' }), 'funder'],
    ['recoveries', 'a missing reason', () => ({ funder: 'province', amountFen: 1, valueDate: '2023-12-01', reference: 'R' }), 'reason'],
    ['recoveries', 'a reason over 500 characters', () => ({ funder: 'province', amountFen: 1, valueDate: '2023-12-01', reference: 'R', reason: 'r'.repeat(501) }), 'reason'],
    ['decommitments', 'nothing to decommit', () => ({ valueDate: '2023-12-01', reference: 'D', reason: '核减' }), 'provinceFen'],
    ['decommitments', 'zero of both', () => ({ provinceFen: 0, zoneFen: 0, valueDate: '2023-12-01', reference: 'D', reason: '核减' }), 'provinceFen'],
    ['decommitments', 'a negative zoneFen', () => ({ zoneFen: -5, valueDate: '2023-12-01', reference: 'D', reason: '核减' }), 'zoneFen'],
    ['reversals', 'a missing reason', () => ({ entryId: pendingAllocation }), 'reason'],
    ['reversals', 'a blank reason', () => ({ entryId: pendingAllocation, reason: '  ' }), 'reason'],
    ['reversals', 'a missing entryId', () => ({ reason: '冲正' }), 'entryId'],
    ['reversals', 'an unknown field', () => ({ entryId: pendingAllocation, reason: '冲正', amountFen: 1 }), 'amountFen'],
    ['inspections', 'an unknown kind', () => ({ kind: 'annual', inspectedOn: '2024-01-10', result: 'pass', reference: 'I' }), 'kind'],
    ['inspections', 'an unknown result', () => ({ kind: 'mid-term', inspectedOn: '2024-01-10', result: 'ok', reference: 'I' }), 'result'],
    ['inspections', 'a date after today', () => ({ kind: 'mid-term', inspectedOn: addDays(today(), 1), result: 'pass', reference: 'I' }), 'inspectedOn'],
    ['cap-exceptions', 'a limit not above the program\'s', () => ({ rule: 'province-per-project', limitFen: 600_000_000, reference: 'E', reason: 'x' }), 'limitFen'],
    ['cap-exceptions', 'a rule that is not an id', () => ({ rule: 'Province Per Project', limitFen: 700_000_000, reference: 'E', reason: 'x' }), 'rule'],
    ['adjustments', 'no change at all', () => ({ reference: 'A', reason: 'x' }), 'contract'],
    ['adjustments', 'an unknown contract field', () => ({ contract: { signedOn: '2023-01-01' }, reference: 'A', reason: 'x' }), 'contract.signedOn'],
    ['termination', 'a recovery date without its amount', () => ({ reason: 'x', reference: 'T', recoveryDueOn: '2199-01-01' }), 'recoveryDueFen'],
  ])('%s with %s', async (route, _name, body, path) => {
    const token = ['inspections', 'cap-exceptions', 'termination'].includes(route) ? api.token('admin') : tokenFor(route);
    await postRefused(P, route, { body: body(), token }, (r) => expect400(r, path));
  });
});

describe('POST /projects (registration): invalid body → 400, nothing stored', () => {
  type Reg = ReturnType<typeof registration2023>;
  const tweak = (f: (r: any) => void) => (): Reg => {
    const r = registration2023();
    f(r);
    return r;
  };
  const valid = randomCreditCode();
  const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');

  test.each<[string, () => Reg, string]>([
    ['a float newInvestmentFen', tweak((r) => { r.newInvestmentFen = 1.5; }), 'newInvestmentFen'],
    ['a negative contract.provinceGrantFen', tweak((r) => { r.contract.provinceGrantFen = -1; }), 'contract.provinceGrantFen'],
    ['a float contract.provinceGrantFen', tweak((r) => { r.contract.provinceGrantFen = 600000000.5; }), 'contract.provinceGrantFen'],
    ['a string contract.zoneGrantFen', tweak((r) => { r.contract.zoneGrantFen = '600000000'; }), 'contract.zoneGrantFen'],
    ['an unsafe contract.provinceGrantFen', tweak((r) => { r.contract.provinceGrantFen = 2 ** 53; }), 'contract.provinceGrantFen'],
    ['a zero schedule amount', tweak((r) => { r.schedule[1].amountFen = 0; }), 'schedule.1.amountFen'],
    ['an unknown top-level field', tweak((r) => { r.status = 'approved'; }), 'status'],
    ['an unknown owner field', tweak((r) => { r.owner.phone = '025-1234'; }), 'owner.phone'],
    ['an unknown contract field', tweak((r) => { r.contract.totalFen = 1; }), 'contract.totalFen'],
    ['an unknown tranche field', tweak((r) => { r.schedule[0].paidFen = 1; }), 'schedule.0.paidFen'],
    ['a missing contract.endsOn', tweak((r) => { delete r.contract.endsOn; }), 'contract.endsOn'],
    ['a missing owner', tweak((r) => { delete r.owner; }), 'owner'],
    ['an owner that is a string', tweak((r) => { r.owner = 'x'; }), 'owner'],
    ['insideZone as a string', tweak((r) => { r.insideZone = 'true'; }), 'insideZone'],
    ['an empty schedule', tweak((r) => { r.schedule = []; }), 'schedule'],
    ['101 tranches', tweak((r) => { r.schedule = Array.from({ length: 101 }, (_, i) => ({ trancheId: `T${i}`, funder: 'province', dueOn: '2023-09-30', amountFen: 1 })); }), 'schedule'],
    ['contract.signedOn 2023-02-30', tweak((r) => { r.contract.signedOn = '2023-02-30'; }), 'contract.signedOn'],
    ['contract.endsOn 2200-01-01', tweak((r) => { r.contract.endsOn = '2200-01-01'; }), 'contract.endsOn'],
    ['schedule.0.dueOn 2023-13-01', tweak((r) => { r.schedule[0].dueOn = '2023-13-01'; }), 'schedule.0.dueOn'],
    ['contract.startsOn 2023-7-1', tweak((r) => { r.contract.startsOn = '2023-7-1'; }), 'contract.startsOn'],
    ['a schedule funder that is not province/zone', tweak((r) => { r.schedule[2].funder = 'city'; }), 'schedule.2.funder'],
    ['a credit code with a wrong check character', tweak((r) => { r.owner.creditCode = wrongCheck; }), 'owner.creditCode'],
    ['a lowercase credit code', tweak((r) => { r.owner.creditCode = r.owner.creditCode.toLowerCase(); }), 'owner.creditCode'],
    ['a 17-character credit code', tweak((r) => { r.owner.creditCode = r.owner.creditCode.slice(0, 17); }), 'owner.creditCode'],
    ['a credit code with a letter outside the alphabet (O)', tweak((r) => { r.owner.creditCode = 'O' + r.owner.creditCode.slice(1); }), 'owner.creditCode'],
    ['a duplicate trancheId', tweak((r) => { r.schedule[1].trancheId = 'P1'; }), 'schedule.1.trancheId'],
    ['a projectId with a space', tweak((r) => { r.projectId = `BA 2023 ${Date.now()}`; }), 'projectId'],
    ['a projectId named __proto__ with a dot', tweak((r) => { r.projectId = '__proto__.1'; }), 'projectId'],
    ['a title of 301 characters', tweak((r) => { r.title = '项'.repeat(301); }), 'title'],
    ['an unknown programCode', tweak((r) => { r.programCode = 'NO-SUCH-PROGRAM'; }), 'programCode'],
  ])('%s', async (_name, make, path) => {
    const reg = make();
    const key = idemKey();
    const res = await api.request('POST', '/projects', { token: finance(), body: reg, headers: { 'Idempotency-Key': key } });
    expect400(res, path);
    if (typeof reg.projectId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(reg.projectId)) {
      expectProblem(await api.request('GET', `/projects/${reg.projectId}`, { token: api.token('auditor') }), 404);
    }
    expect(await readPartition(api.tableName, `PROJECT#${reg.projectId}`)).toEqual([]);
    if (typeof reg.owner?.creditCode === 'string') {
      expect(await readItem(api.tableName, `ENTERPRISE#${reg.owner.creditCode}`, `PROGRAM#${reg.programCode}`)).toBeUndefined();
    }
  });

  test('malformed JSON, a wrong content type, a GBK charset and an oversized body are refused and nothing is stored', async () => {
    const reg = registration2023();
    const token = finance();
    const json = JSON.stringify(reg);
    expect400(await api.request('POST', '/projects', { token, rawBody: json.slice(0, -1) }));
    expectProblem(await api.request('POST', '/projects', { token, rawBody: json, contentType: 'text/plain' }), 415);
    expect400(await api.request('POST', '/projects', { token, rawBody: json, contentType: 'application/json; charset=gbk' }), 'headers.Content-Type');
    expectProblem(await api.request('POST', '/projects', { token, rawBody: JSON.stringify({ ...reg, title: 't'.repeat(100 * 1024) }) }), 413);
    expect400(await api.request('POST', '/projects', { token, body: reg, headers: { 'Idempotency-Key': 'has space' } }), 'headers.Idempotency-Key');
    expect(await readPartition(api.tableName, `PROJECT#${reg.projectId}`)).toEqual([]);
  });

  test('a 400 registration is not remembered: the same key with the corrected contract registers', async () => {
    const reg = registration2023();
    const key = idemKey();
    const bad = { ...reg, owner: { ...reg.owner, creditCode: reg.owner.creditCode.toLowerCase() } };
    expect400(await api.request('POST', '/projects', { token: finance(), body: bad, headers: { 'Idempotency-Key': key } }), 'owner.creditCode');
    const ok = await api.request('POST', '/projects', { token: finance(), body: reg, headers: { 'Idempotency-Key': key } });
    expect(ok.status).toBe(201);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
    expect(ok.body.project.version).toBe(1);
  });

  test('catalog bodies are strict too', async () => {
    const admin = api.token('admin');
    expect400(await api.request('POST', '/zones', { token: admin, body: { zoneId: 'Z-X', name: 'x', city: 'x', level: 'county' } }), 'level');
    expect400(await api.request('POST', '/zones', { token: admin, body: { zoneId: 'Z-X', name: 'x', city: 'x', level: 'national', extra: 1 } }), 'extra');
    expect400(await api.request('POST', '/clusters', { token: admin, body: { clusterId: 'C-X', programCode: 'NO-SUCH', zoneId: 'NJ-HTZ', name: 'x', industry: 'x' } }), 'programCode');
    expect400(await api.request('POST', '/programs', { token: admin, body: { code: 'P-X' } }), 'name');
    expect400(await api.request('POST', '/alerts/sweep', { token: admin, body: { asOf: '2024-01-01', dryRun: true } }), 'dryRun');
  });
});

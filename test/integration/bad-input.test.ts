/**
 * Bad input gets the documented status (API.md "Conventions") and changes nothing: the project's
 * version and history length stay put, and no IDEMP# item is written for the key used (400s are
 * not remembered, so the same key works once the request is fixed).
 */
import { addDays, chinaDate } from '../../domain/dates';
import { readItem, readPartition, type TestResponse } from './support/api';
import { creditCode, expectOk, expectProblem, idemKey, ledger, refusalFootprint, registration2023, useSeededApi, YUAN } from './support/fixtures';

const api = useSeededApi();
let P: string; // NJ-HTZ, 2023 program
let pendingAllocation: string; // valueDate 2023-07-15, pending match

const finance = () => api.token('finance-officer', undefined, 'fo-alice');
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

/** Posts to a project and asserts the answer, then that nothing moved and the key was not kept. */
async function postRefused(
  projectId: string,
  route: string,
  send: { body?: unknown; rawBody?: string | Buffer; contentType?: string; key?: string | null; token?: string },
  check: (res: TestResponse) => void,
) {
  const before = await refusalFootprint(api, projectId);
  const key = send.key === undefined ? idemKey() : send.key;
  const res = await api.request('POST', `/projects/${projectId}/${route}`, {
    token: send.token ?? (route === 'match-confirmations' ? zone() : finance()),
    ...(send.rawBody !== undefined ? { rawBody: send.rawBody } : { body: send.body }),
    ...(send.contentType ? { contentType: send.contentType } : {}),
    headers: key === null ? {} : { 'Idempotency-Key': key },
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
  const l = ledger(api, 'NJ-HTZ');
  const reg = registration2023();
  P = reg.projectId;
  expectOk(await l.register(reg));
  await l.allocateMatched(P, 2_000_000 * YUAN);
  pendingAllocation = expectOk(await l.allocate(P, 1_000_000 * YUAN)).body.entry.entryId;
}, 60_000);

const allocation = { amountFen: 100_000 * YUAN, valueDate: '2023-07-15', reference: '苏财教〔2023〕99号' };
const without = <T extends Record<string, unknown>>(o: T, k: keyof T) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));

describe('POST /projects/{id}/allocations: invalid body → 400 naming the field', () => {
  test.each<[string, Record<string, unknown> | unknown, string[]]>([
    ['a float amount', { ...allocation, amountFen: 1.5 }, ['amountFen']],
    ['a negative amount', { ...allocation, amountFen: -100 }, ['amountFen']],
    ['a zero amount', { ...allocation, amountFen: 0 }, ['amountFen']],
    ['a numeric string amount', { ...allocation, amountFen: '100' }, ['amountFen']],
    ['an unsafe integer amount (2**53)', { ...allocation, amountFen: 2 ** 53 }, ['amountFen']],
    ['a null amount', { ...allocation, amountFen: null }, ['amountFen']],
    ['a boolean amount', { ...allocation, amountFen: true }, ['amountFen']],
    ['an unknown field', { ...allocation, amountYuan: 1000 }, ['amountYuan']],
    ['an unknown field that exists elsewhere (funder)', { ...allocation, funder: 'province' }, ['funder']],
    ['a missing amountFen', without(allocation, 'amountFen'), ['amountFen']],
    ['a missing valueDate', without(allocation, 'valueDate'), ['valueDate']],
    ['a missing reference', without(allocation, 'reference'), ['reference']],
    ['an empty body object', {}, ['amountFen', 'valueDate', 'reference']],
    ['an impossible date 2023-02-30', { ...allocation, valueDate: '2023-02-30' }, ['valueDate']],
    ['an impossible date 2023-13-01', { ...allocation, valueDate: '2023-13-01' }, ['valueDate']],
    ['an unpadded date 2023-2-3', { ...allocation, valueDate: '2023-2-3' }, ['valueDate']],
    ['a timestamp instead of a date', { ...allocation, valueDate: '2023-07-15T00:00:00Z' }, ['valueDate']],
    ['a numeric date', { ...allocation, valueDate: 20230715 }, ['valueDate']],
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

  test.each<[string, unknown]>([
    ['an array', [allocation]],
    ['a string', 'amountFen=100'],
    ['a number', 100],
  ])('a body that is %s → 400', async (_name, body) => {
    await postRefused(P, 'allocations', { body }, (res) => expect400(res));
  });

  test.each<[string, string, string]>([
    ['Infinity (1e400)', '{"amountFen":1e400,"valueDate":"2023-07-15","reference":"R"}', 'amountFen'],
    ['an integer beyond 2**53 as written', '{"amountFen":9007199254740993,"valueDate":"2023-07-15","reference":"R"}', 'amountFen'],
    ['a fraction written with an exponent (15e-1)', '{"amountFen":15e-1,"valueDate":"2023-07-15","reference":"R"}', 'amountFen'],
  ])('raw JSON with %s → 400', async (_name, rawBody, path) => {
    await postRefused(P, 'allocations', { rawBody }, (res) => expect400(res, path));
  });
});

describe('POST /projects/{id}/allocations: body framing', () => {
  test.each<[string, string]>([
    ['truncated', '{"amountFen": 100000, "valueDate": "2023-07-15",'],
    ['single-quoted', "{'amountFen': 100000}"],
    ['trailing comma', '{"amountFen":100000,"valueDate":"2023-07-15","reference":"R",}'],
    ['not JSON at all', 'amountFen=100000&valueDate=2023-07-15'],
  ])('malformed JSON (%s) → 400', async (_name, rawBody) => {
    await postRefused(P, 'allocations', { rawBody }, (res) => expect400(res));
  });

  test('a 100 KiB body → 413', async () => {
    const rawBody = JSON.stringify({ ...allocation, memo: 'x'.repeat(100 * 1024) });
    expect(Buffer.byteLength(rawBody)).toBeGreaterThan(100 * 1024);
    await postRefused(P, 'allocations', { rawBody }, (res) => expectProblem(res, 413));
  });

  test('a body just over 64 KiB → 413, even if it is not JSON', async () => {
    await postRefused(P, 'allocations', { rawBody: 'x'.repeat(64 * 1024 + 1) }, (res) => expectProblem(res, 413));
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x'])(
    'content type %s → 415',
    async (contentType) => {
      await postRefused(P, 'allocations', { rawBody: JSON.stringify(allocation), contentType }, (res) => expectProblem(res, 415));
    },
  );

  test('application/json; charset=utf-8 is accepted (control)', async () => {
    const before = await refusalFootprint(api, P);
    const res = await api.request('POST', `/projects/${P}/allocations`, {
      token: finance(), rawBody: JSON.stringify({ ...allocation, amountFen: 1_000 * YUAN }), contentType: 'application/json; charset=utf-8',
      headers: { 'Idempotency-Key': idemKey() },
    });
    expect(res.status).toBe(201);
    expect((await refusalFootprint(api, P)).version).toBe(before.version + 1);
  });
});

describe('Idempotency-Key on ledger POSTs', () => {
  const routes: [string, () => unknown][] = [
    ['allocations', () => allocation],
    ['match-confirmations', () => ({ allocationEntryId: pendingAllocation, amountFen: 1_000_000 * YUAN, valueDate: '2023-08-01', reference: 'ZC-1' })],
    ['disbursements', () => ({ funder: 'province', amountFen: 1_000 * YUAN, paidOn: '2023-09-15', reference: 'PAY-1' })],
    ['reversals', () => ({ entryId: pendingAllocation, reason: '冲正' })],
  ];

  test.each(routes)('missing on POST %s → 400', async (route, body) => {
    await postRefused(P, route, { body: body(), key: null, token: route === 'match-confirmations' ? zone() : api.token('finance-officer', undefined, 'fo-bob') }, (res) =>
      expect400(res, 'headers.Idempotency-Key'));
  });

  test.each<[string, string]>([
    ['with a space', 'abc def'],
    ['129 characters', 'k'.repeat(129)],
    ['empty', ''],
    ['with a slash', 'a/b'],
    ['with a quote', 'a"b'],
    ['with a comma', 'a,b'],
  ])('invalid (%s) → 400, and nothing is remembered', async (_name, key) => {
    await postRefused(P, 'allocations', { body: allocation, key }, (res) => expect400(res, 'headers.Idempotency-Key'));
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

describe('POST /projects/{id}/match-confirmations and /disbursements: invalid body → 400', () => {
  const confirmation = () => ({ allocationEntryId: pendingAllocation, amountFen: 1_000_000 * YUAN, valueDate: '2023-08-01', reference: 'ZC-9' });
  const disbursement = { funder: 'province', amountFen: 10_000 * YUAN, paidOn: '2023-09-15', reference: 'PAY-9' };
  const tomorrow = () => addDays(chinaDate(new Date()), 1);

  test.each<[string, () => Record<string, unknown>, string]>([
    ['a float amount', () => ({ ...confirmation(), amountFen: 1.5 }), 'amountFen'],
    ['a numeric string amount', () => ({ ...confirmation(), amountFen: '1000000' }), 'amountFen'],
    ['a zero amount', () => ({ ...confirmation(), amountFen: 0 }), 'amountFen'],
    ['2023-02-29 (not a leap year)', () => ({ ...confirmation(), valueDate: '2023-02-29' }), 'valueDate'],
    ['an empty allocationEntryId', () => ({ ...confirmation(), allocationEntryId: '' }), 'allocationEntryId'],
    ['a numeric allocationEntryId', () => ({ ...confirmation(), allocationEntryId: 2 }), 'allocationEntryId'],
    ['an unknown field (funder)', () => ({ ...confirmation(), funder: 'zone' }), 'funder'],
    ['a missing reference', () => without(confirmation(), 'reference'), 'reference'],
    ['a value date before the allocation it matches', () => ({ ...confirmation(), valueDate: '2023-07-01' }), 'valueDate'],
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
    ['a paidOn in the future (China time)', () => ({ ...disbursement, paidOn: tomorrow() }), 'paidOn'],
  ])('disbursement with %s', async (_name, body, path) => {
    await postRefused(P, 'disbursements', { body: body() }, (res) => expect400(res, path));
  });

  test.each<[string, () => Record<string, unknown>, string]>([
    ['a missing reason', () => ({ entryId: pendingAllocation }), 'reason'],
    ['a blank reason', () => ({ entryId: pendingAllocation, reason: '  ' }), 'reason'],
    ['a missing entryId', () => ({ reason: '冲正' }), 'entryId'],
    ['an unknown field', () => ({ entryId: pendingAllocation, reason: '冲正', amountFen: 1 }), 'amountFen'],
  ])('reversal with %s', async (_name, body, path) => {
    await postRefused(P, 'reversals', { body: body(), token: api.token('finance-officer', undefined, 'fo-bob') }, (res) => expect400(res, path));
  });
});

describe('POST /projects (registration): invalid body → 400, nothing stored', () => {
  type Reg = ReturnType<typeof registration2023>;
  const tweak = (f: (r: any) => void) => (): Reg => {
    const r = registration2023();
    f(r);
    return r;
  };
  const valid = creditCode();
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
    ['a missing contract.endsOn', tweak((r) => { delete r.contract.endsOn; }), 'contract.endsOn'],
    ['a missing owner', tweak((r) => { delete r.owner; }), 'owner'],
    ['an empty schedule', tweak((r) => { r.schedule = []; }), 'schedule'],
    ['contract.signedOn 2023-02-30', tweak((r) => { r.contract.signedOn = '2023-02-30'; }), 'contract.signedOn'],
    ['schedule.0.dueOn 2023-13-01', tweak((r) => { r.schedule[0].dueOn = '2023-13-01'; }), 'schedule.0.dueOn'],
    ['contract.startsOn 2023-7-1', tweak((r) => { r.contract.startsOn = '2023-7-1'; }), 'contract.startsOn'],
    ['a schedule funder that is not province/zone', tweak((r) => { r.schedule[2].funder = 'city'; }), 'schedule.2.funder'],
    ['a credit code with a wrong check character', tweak((r) => { r.owner.creditCode = wrongCheck; }), 'owner.creditCode'],
    ['a lowercase credit code', tweak((r) => { r.owner.creditCode = r.owner.creditCode.toLowerCase(); }), 'owner.creditCode'],
    ['a 17-character credit code', tweak((r) => { r.owner.creditCode = r.owner.creditCode.slice(0, 17); }), 'owner.creditCode'],
    ['a credit code with a letter outside the alphabet (O)', tweak((r) => { r.owner.creditCode = 'O' + r.owner.creditCode.slice(1); }), 'owner.creditCode'],
    ['a duplicate trancheId', tweak((r) => { r.schedule[1].trancheId = 'P1'; }), 'schedule.1.trancheId'],
    ['a projectId with a space', tweak((r) => { r.projectId = `BA 2023 ${Date.now()}`; }), 'projectId'],
    ['an unknown programCode', tweak((r) => { r.programCode = 'NO-SUCH-PROGRAM'; }), 'programCode'],
  ])('%s', async (_name, make, path) => {
    const reg = make();
    const key = idemKey();
    const res = await api.request('POST', '/projects', { token: finance(), body: reg, headers: { 'Idempotency-Key': key } });
    expect400(res, path);
    const id = encodeURIComponent(reg.projectId);
    expectProblem(await api.request('GET', `/projects/${id}`, { token: api.token('auditor') }), 404);
    expect(await readPartition(api.tableName, `PROJECT#${reg.projectId}`)).toEqual([]);
    if (typeof reg.owner?.creditCode === 'string') {
      expect(await readItem(api.tableName, `ENTERPRISE#${reg.owner.creditCode}`, `PROGRAM#${reg.programCode}`)).toBeUndefined();
    }
  });

  test('malformed JSON, a wrong content type and an oversized body are refused and nothing is stored', async () => {
    const reg = registration2023();
    const token = finance();
    const json = JSON.stringify(reg);
    expect400(await api.request('POST', '/projects', { token, rawBody: json.slice(0, -1) }));
    expectProblem(await api.request('POST', '/projects', { token, rawBody: json, contentType: 'text/plain' }), 415);
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
});

/**
 * Authentication (401) and the role matrix of every route (API.md "Auth" and the choices where it
 * is silent): no/invalid/expired token → 401 before any handler runs; a role that may never do a
 * command → 403 before the project is read; a zone committee of another zone or a city bureau of
 * another city → 404, answered exactly like an unknown project id; the right role in scope → 201.
 * A refused request changes nothing (version, history, balances, idempotency records).
 */
import { seedPrograms } from '../../domain/programs/seed';
import { readPartition, type TestResponse } from './support/api';
import {
  NANJING, SUZHOU, YUAN, expectCreated, fixtureIndicatorNo, expectOk, expectProblem, idemKey, ledger, refusalFootprint, registration2021, registration2023,
  registrationOutside2023, uniqueId, useSeededApi, type Ledger,
} from './support/fixtures';

const api = useSeededApi();

/**
 * Who is calling. `zone` = committee of NJ-HTZ (the projects' zone), `zoneJN` = of NJ-JNZ (another
 * zone in the same city), `zoneSZ` = of SZ-SIP (another city); `city` = Nanjing's bureau, `citySZ` = Suzhou's.
 */
type Who = 'admin' | 'finance' | 'zone' | 'zoneJN' | 'zoneSZ' | 'city' | 'citySZ' | 'auditor';
const ALL: Who[] = ['admin', 'finance', 'zone', 'zoneJN', 'zoneSZ', 'city', 'citySZ', 'auditor'];

function tokenOf(who: Who): string {
  switch (who) {
    case 'admin': return api.token('admin', undefined, 'adm-1');
    case 'finance': return api.token('finance-officer', undefined, 'fo-carol');
    case 'zone': return api.token('zone-committee', 'NJ-HTZ', 'zc-nj-dave');
    case 'zoneJN': return api.token('zone-committee', 'NJ-JNZ', 'zc-jn-fay');
    case 'zoneSZ': return api.token('zone-committee', 'SZ-SIP', 'zc-sz-erin');
    case 'city': return api.token('city-bureau', NANJING, 'cb-nj-gus');
    case 'citySZ': return api.token('city-bureau', SUZHOU, 'cb-sz-hal');
    case 'auditor': return api.token('auditor', undefined, 'aud-1');
  }
}

const ROLE_OF: Record<Who, string> = {
  admin: 'admin', finance: 'finance-officer', zone: 'zone-committee', zoneJN: 'zone-committee', zoneSZ: 'zone-committee',
  city: 'city-bureau', citySZ: 'city-bureau', auditor: 'auditor',
};

// P: NJ-HTZ (Nanjing), inside the zone, 2023, ends 2024-12-31; O: NJ-HTZ outside the zone;
// J: NJ-JNZ (Nanjing, another zone); S: SZ-SIP (Suzhou), 2021.
let P: string;
let O: string;
let J: string;
let S: string;
let nj: Ledger;
const ctx = { pending: '', financeEntry: '', zoneEntry: '' };

const endingIn2024 = () => registration2023({ contract: { ...registration2023().contract, endsOn: '2024-12-31' } });

beforeAll(async () => {
  nj = ledger(api, 'NJ-HTZ');
  const p = endingIn2024();
  P = p.projectId;
  expectOk(await nj.register(p));
  await nj.allocateMatched(P, 2_000_000 * YUAN);
  ctx.financeEntry = nj.entryIdOf(await nj.transfer(P, 1_000_000 * YUAN));
  expectOk(await nj.disburse(P, 'province', 100_000 * YUAN));
  ctx.zoneEntry = nj.entryIdOf(await nj.disburse(P, 'zone', 100_000 * YUAN));
  ctx.pending = nj.entryIdOf(await nj.allocate(P, 500_000 * YUAN));

  const o = registrationOutside2023();
  O = o.projectId;
  expectOk(await nj.register(o));
  expectOk(await nj.allocate(O, 1_000_000 * YUAN));

  const j = registration2023({ zoneId: 'NJ-JNZ', clusterId: 'NJ-JN-2023' });
  J = j.projectId;
  expectOk(await ledger(api, 'NJ-JNZ').register(j));
  const s = registration2021();
  S = s.projectId;
  expectOk(await ledger(api, 'SZ-SIP').register(s));
  // Every project has a lagging tranche by then: alerts for every zone and city.
  expectOk(await api.request('POST', '/alerts/sweep', { token: tokenOf('admin'), body: { asOf: '2024-06-01' } }));
}, 60_000);

/** The same answer after the project id is blanked out (detail and instance name it). */
const normalised = (res: TestResponse, id: string) => ({
  status: res.status,
  contentType: res.headers['content-type'],
  wwwAuthenticate: res.headers['www-authenticate'],
  body: JSON.parse(res.text.split(id).join('<id>')),
});

/** Asserts that `res` (about project `id`) is exactly the answer the caller gets for an unknown id. */
async function expectLikeUnknown(res: TestResponse, id: string, send: (unknownId: string) => Promise<TestResponse>) {
  expectProblem(res, 404);
  const unknown = `NOPE-${uniqueId('X')}`;
  const other = await send(unknown);
  expect(normalised(res, id)).toEqual(normalised(other, unknown));
}

// --- 401 --------------------------------------------------------------------------------------

describe('401: no, invalid or expired token, on every route', () => {
  const variants: [string, () => Record<string, string>][] = [
    ['no Authorization header', () => ({})],
    ['a malformed token', () => ({ authorization: 'Bearer not-a-jwt' })],
    ['three garbage segments', () => ({ authorization: 'Bearer aaa.bbb.ccc' })],
    ['an empty bearer', () => ({ authorization: 'Bearer ' })],
    ['another auth scheme', () => ({ authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` })],
    ['a token signed with another key', () => ({ authorization: `Bearer ${api.tokenWith({ role: 'admin', secret: 'some-other-secret' })}` })],
    ['an unsigned (alg none) token', () => ({ authorization: `Bearer ${api.tokenWith({ role: 'admin', alg: 'none' })}` })],
    ['a tampered payload (finance → admin)', () => {
      const [h, , sig] = api.token('finance-officer').split('.');
      const [, payload] = api.tokenWith({ role: 'admin', sub: 'x' }).split('.');
      return { authorization: `Bearer ${h}.${payload}.${sig}` };
    }],
    ['an expired token', () => ({ authorization: `Bearer ${api.tokenWith({ role: 'admin', expiresInSeconds: -60 })}` })],
    ['a token of another issuer', () => ({ authorization: `Bearer ${api.tokenWith({ role: 'admin', claims: { iss: 'someone-else' } })}` })],
    ['a token of another audience', () => ({ authorization: `Bearer ${api.tokenWith({ role: 'admin', claims: { aud: 'other-app' } })}` })],
    ['a token without sub', () => ({ authorization: `Bearer ${api.tokenWith({ role: 'admin', claims: { sub: '' } })}` })],
  ];

  /** Every operation of /openapi.json that needs a token, with its path filled in. */
  const operations = () => api.contract.operations()
    .filter((op) => !(Array.isArray(op.operation.security) && op.operation.security.length === 0))
    .map((op) => ({
      method: op.method,
      path: op.path.replace('{projectId}', P).replace('{entryId}', `${P}.2`).replace('{clusterId}', 'NJ-BIO-2023').replace('{code}', 'JS-2023-C'),
    }));

  test('the document marks every operation but /health and /openapi.json as needing a token', () => {
    const open = api.contract.operations().filter((op) => Array.isArray(op.operation.security) && op.operation.security.length === 0).map((op) => `${op.method} ${op.path}`);
    expect(open.sort()).toEqual(['GET /health', 'GET /openapi.json']);
    expect(operations().length).toBeGreaterThan(30);
  });

  test.each(variants)('every route answers 401 for %s, and nothing changes', async (_name, headers) => {
    const before = await refusalFootprint(api, P);
    const zonesBefore = expectOk(await api.request('GET', '/zones', { token: tokenOf('auditor') })).body.zones;
    for (const { method, path } of operations()) {
      const res = await api.request(method, path, {
        headers: { ...headers(), 'Idempotency-Key': idemKey() },
        ...(method === 'POST' ? { body: path === '/zones' ? { zoneId: 'X-401', name: 'x', city: 'x', level: 'national' } : {} } : {}),
      });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 401 });
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect(await refusalFootprint(api, P)).toEqual(before);
    expect(expectOk(await api.request('GET', '/zones', { token: tokenOf('auditor') })).body.zones).toEqual(zonesBefore);
  });

  test('/health and /openapi.json need no token', async () => {
    const health = await api.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const openapi = await api.request('GET', '/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
  });
});

// --- 403 without a usable role ----------------------------------------------------------------

describe('403: a valid token without a usable role does nothing', () => {
  const tokens: [string, () => string][] = [
    ['a group that is no FundLedger role', () => api.tokenWith({ groups: ['superuser'], sub: 'nobody' })],
    ['no group at all', () => api.tokenWith({ groups: [], sub: 'nogroup' })],
    ['a zone committee without custom:zoneId', () => api.tokenWith({ role: 'zone-committee', sub: 'zc-nozone' })],
    ['a city bureau without custom:city', () => api.tokenWith({ role: 'city-bureau', sub: 'cb-nocity' })],
  ];
  test.each(tokens)('%s → 403 on reads and writes', async (_name, token) => {
    for (const path of ['/projects', `/projects/${P}`, `/projects/${P}/history`, `/projects/${P}/verify`, '/alerts', '/programs', `/clusters/NJ-BIO-2023`]) {
      const res = await api.request('GET', path, { token: token() });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const before = await refusalFootprint(api, P);
    for (const [route, body] of [
      ['match-confirmations', { allocationEntryId: ctx.pending, amountFen: 1, valueDate: '2023-08-02', reference: 'X' }],
      ['inspections', { kind: 'fund-use', inspectedOn: '2024-01-10', result: 'pass', reference: 'X' }],
    ] as const) {
      expectProblem(await api.request('POST', `/projects/${P}/${route}`, { token: token(), body, headers: { 'Idempotency-Key': idemKey() } }), 403);
    }
    expect(await refusalFootprint(api, P)).toEqual(before);
  });

  test('cognito:groups in API Gateway\'s flattened string form is honoured', async () => {
    const token = api.tokenWith({ groups: '[auditor]', sub: 'aud-str' });
    expect((await api.request('GET', `/projects/${P}`, { token })).status).toBe(200);
    expectProblem(await api.request('POST', '/zones', { token, body: { zoneId: uniqueId('ZN'), name: 'x', city: 'x', level: 'national' } }), 403);
    const cityToken = api.tokenWith({ groups: '[city-bureau]', city: NANJING, sub: 'cb-str' });
    expect((await api.request('GET', `/projects/${P}`, { token: cityToken })).status).toBe(200);
  });
});

// --- catalog and sweep: admin only ------------------------------------------------------------

describe('403: catalog writes and the sweep are admin only', () => {
  const program = () => ({ ...seedPrograms[1]!, code: uniqueId('PRG') });
  const zone = () => ({ zoneId: uniqueId('ZN'), name: '测试开发区', city: '无锡市', level: 'provincial' });
  const cluster = () => ({ clusterId: uniqueId('CL'), programCode: 'JS-2021-CLUSTER', zoneId: 'NJ-JNZ', name: '测试集群', industry: '新材料' });

  const readBack = async (kind: string, body: any): Promise<number> => {
    const auditor = tokenOf('auditor');
    if (kind === 'programs') return (await api.request('GET', `/programs/${body.code}`, { token: auditor })).status;
    if (kind === 'clusters') return (await api.request('GET', `/clusters/${body.clusterId}`, { token: auditor })).status;
    const zones = expectOk(await api.request('GET', '/zones', { token: auditor })).body.zones as { zoneId: string }[];
    return zones.some((z) => z.zoneId === body.zoneId) ? 200 : 404;
  };
  const cases: [string, () => unknown][] = [['programs', program], ['zones', zone], ['clusters', cluster]];
  const notAdmin = ALL.filter((w) => w !== 'admin');

  test.each(cases.flatMap(([kind, make]) => notAdmin.map((who) => [kind, who, make] as const)))('POST /%s as %s → 403, nothing created', async (kind, who, make) => {
    const body = make();
    expectProblem(await api.request('POST', `/${kind}`, { token: tokenOf(who), body }), 403);
    expect(await readBack(kind, body)).toBe(404);
  });

  test.each(notAdmin)('POST /clusters/{id}/close and POST /alerts/sweep as %s → 403', async (who) => {
    expectProblem(await api.request('POST', '/clusters/NJ-BIO-2023/close', { token: tokenOf(who), body: { closedOn: '2024-12-31', reference: 'X' } }), 403);
    expect((await api.request('GET', '/clusters/NJ-BIO-2023', { token: tokenOf('auditor') })).body.closedOn).toBeNull();
    expectProblem(await api.request('POST', '/alerts/sweep', { token: tokenOf(who), body: { asOf: '2024-06-02' } }), 403);
  });

  test.each(cases)('POST /%s as admin → 201', async (kind, make) => {
    const body = make();
    expect((await api.request('POST', `/${kind}`, { token: tokenOf('admin'), body })).status).toBe(201);
    expect(await readBack(kind, body)).toBe(200);
  });
});

describe('POST /projects is for finance officers only', () => {
  test.each(ALL.filter((w) => w !== 'finance'))('as %s → 403, nothing stored', async (who) => {
    const reg = registration2023();
    const res = await api.request('POST', '/projects', { token: tokenOf(who), body: reg, headers: { 'Idempotency-Key': idemKey() } });
    expectProblem(res, 403);
    expect((await api.request('GET', `/projects/${reg.projectId}`, { token: tokenOf('admin') })).status).toBe(404);
    expect(await readPartition(api.tableName, `PROJECT#${reg.projectId}`)).toEqual([]);
  });

  test('as finance-officer → 201', async () => {
    expect((await api.request('POST', '/projects', { token: tokenOf('finance'), body: registration2021(), headers: { 'Idempotency-Key': idemKey() } })).status).toBe(201);
  });
});

// --- the ledger and lifecycle matrix ----------------------------------------------------------

interface WriteCase {
  /** Route under /projects/{id}/, given the entry ids it names. */
  route: (c: typeof ctx & { entry: string }) => string;
  body: (c: typeof ctx & { entry: string }) => unknown;
  /** Succeed (201) in scope. */
  allowed: Who[];
  /** Hold a role the command admits but act for another zone or city: 404 like an unknown id. */
  outOfScope: Who[];
  /** Prepares a fresh project for one success: returns the entry the route or body names. */
  setup?: (l: Ledger, id: string) => Promise<string>;
  /** The project the refusals are tried on (default P). */
  project?: () => string;
  /**
   * Roles the command admits before the project is read, beyond allowed and outOfScope (a
   * payment admits finance officers and zone committees until the project says which pays).
   */
  precheck?: Who[];
}

const payBody = (funder: string) => () => ({ funder, amountFen: 10_000 * YUAN, paidOn: '2023-09-20', reference: `PAY-${funder}` });
const inspection = (kind: string) => () => ({ kind, inspectedOn: '2024-01-10', result: 'pass', reference: `检查-${kind}` });
const matched = async (l: Ledger, id: string) => { await l.allocateMatched(id, 1_000_000 * YUAN); return ''; };
const transferred = async (l: Ledger, id: string) => { await matched(l, id); expectOk(await l.transfer(id, 500_000 * YUAN)); return ''; };

const WRITES: Record<string, WriteCase> = {
  'allocation': { route: () => 'allocations', body: () => ({ amountFen: 10_000 * YUAN, valueDate: '2023-07-20', reference: 'A-auth', indicatorNo: fixtureIndicatorNo('JS-2023-C', 2023) }), allowed: ['finance'], outOfScope: [] },
  'match confirmation': {
    route: () => 'match-confirmations',
    body: (c) => ({ allocationEntryId: c.entry || c.pending, amountFen: 100_000 * YUAN, valueDate: '2023-08-02', reference: 'M-auth' }),
    allowed: ['zone'], outOfScope: ['zoneJN', 'zoneSZ'],
    setup: async (l, id) => l.entryIdOf(await l.allocate(id, 500_000 * YUAN)),
  },
  'transfer': { route: () => 'transfers', body: () => ({ amountFen: 10_000 * YUAN, valueDate: '2023-08-20', reference: 'T-auth' }), allowed: ['finance'], outOfScope: [], setup: matched },
  'province payment inside the zone': { route: () => 'disbursements', body: payBody('province'), allowed: ['zone'], outOfScope: ['zoneJN', 'zoneSZ'], precheck: ['finance'], setup: transferred },
  'zone payment': { route: () => 'disbursements', body: payBody('zone'), allowed: ['zone'], outOfScope: ['zoneJN', 'zoneSZ'], precheck: ['finance'], setup: matched },
  'province payment outside the zone': {
    route: () => 'disbursements', body: payBody('province'), allowed: ['finance'], outOfScope: ['zoneJN', 'zoneSZ'], precheck: ['zone'], project: () => O,
    setup: async (l, id) => { expectOk(await l.allocate(id, 100_000 * YUAN)); return ''; },
  },
  'province recovery': {
    route: () => 'recoveries', body: () => ({ funder: 'province', amountFen: 1_000 * YUAN, valueDate: '2023-12-01', reference: 'R-auth', reason: '缴回' }),
    allowed: ['finance'], outOfScope: [],
    setup: async (l, id) => { await transferred(l, id); expectOk(await l.disburse(id, 'province', 100_000 * YUAN)); return ''; },
  },
  'zone recovery': {
    route: () => 'recoveries', body: () => ({ funder: 'zone', amountFen: 1_000 * YUAN, valueDate: '2023-12-01', reference: 'R-auth', reason: '缴回' }),
    allowed: ['zone'], outOfScope: ['zoneJN', 'zoneSZ'],
    setup: async (l, id) => { await matched(l, id); expectOk(await l.disburse(id, 'zone', 100_000 * YUAN)); return ''; },
  },
  'decommitment': {
    route: () => 'decommitments', body: () => ({ provinceFen: 1_000 * YUAN, valueDate: '2023-12-15', reference: 'D-auth', reason: '核减' }),
    allowed: ['finance'], outOfScope: [], setup: async (l, id) => { expectOk(await l.allocate(id, 100_000 * YUAN)); return ''; },
  },
  // The pre-check admits finance officers and zone committees; the target decides which of them.
  'reversal of a finance officer\'s entry': {
    route: () => 'reversals', body: (c) => ({ entryId: c.entry || c.financeEntry, reason: '冲正' }),
    allowed: ['finance'], outOfScope: ['zoneJN', 'zoneSZ'], precheck: ['zone'],
    setup: async (l, id) => l.entryIdOf(await l.allocate(id, 100_000 * YUAN)),
  },
  'reversal of a zone committee\'s entry': {
    route: () => 'reversals', body: (c) => ({ entryId: c.entry || c.zoneEntry, reason: '冲正' }),
    allowed: ['zone'], outOfScope: ['zoneJN', 'zoneSZ'], precheck: ['finance'],
    setup: async (l, id) => { await matched(l, id); return l.entryIdOf(await l.disburse(id, 'zone', 100_000 * YUAN)); },
  },
  'cap exception proposal': {
    route: () => 'cap-exceptions', body: () => ({ rule: 'province-per-project', limitFen: 700_000_000, reference: '苏科资〔2024〕1号', reason: '专题会议' }),
    allowed: ['admin'], outOfScope: [],
  },
  'cap exception approval': {
    route: (c) => `cap-exceptions/${c.entry || `${P}.2`}/approval`, body: () => ({}), allowed: ['admin'], outOfScope: [],
    setup: async (l, id) => l.entryIdOf(await l.proposeException(id, 'province-per-project', 700_000_000)),
  },
  'adjustment proposal': { route: () => 'adjustments', body: () => ({ newInvestmentFen: 50_000_000 * YUAN, reference: '调整-auth', reason: '追加投资' }), allowed: ['finance'], outOfScope: [] },
  'adjustment approval': {
    route: (c) => `adjustments/${c.entry || `${P}.2`}/approval`, body: () => ({}), allowed: ['admin'], outOfScope: [],
    setup: async (l, id) => l.entryIdOf(await l.proposeAdjustment(id, { newInvestmentFen: 50_000_000 * YUAN })),
  },
  'fund-use inspection': { route: () => 'inspections', body: inspection('fund-use'), allowed: ['admin', 'zone', 'city'], outOfScope: ['zoneJN', 'zoneSZ', 'citySZ'] },
  'mid-term inspection': { route: () => 'inspections', body: inspection('mid-term'), allowed: ['admin', 'city'], outOfScope: ['citySZ'] },
  'supervision inspection': { route: () => 'inspections', body: inspection('supervision'), allowed: ['admin', 'city'], outOfScope: ['citySZ'] },
  'hold': { route: () => 'holds', body: () => ({ reason: '暂停', reference: 'H-auth' }), allowed: ['admin', 'finance'], outOfScope: [] },
  'hold release': {
    route: (c) => `holds/${c.entry || `${P}.2`}/release`, body: () => ({}), allowed: ['admin', 'finance'], outOfScope: [],
    setup: async (l, id) => l.entryIdOf(await l.hold(id)),
  },
  'acceptance application': { route: () => 'acceptance-applications', body: () => ({ appliedOn: '2024-12-31', reference: '验收申请' }), allowed: ['zone'], outOfScope: ['zoneJN', 'zoneSZ'] },
  'acceptance result': {
    route: () => 'acceptance-results', body: () => ({ result: 'pass', decidedOn: '2025-01-15', reference: '验收结论' }), allowed: ['admin', 'city'], outOfScope: ['citySZ'],
    setup: async (l, id) => { expectOk(await l.applyAcceptance(id, '2024-12-31')); return ''; },
  },
  'termination proposal': { route: () => 'termination', body: () => ({ reason: '无法实施', reference: '终止' }), allowed: ['admin'], outOfScope: [] },
  'termination approval': {
    route: (c) => `termination/${c.entry || `${P}.2`}/approval`, body: () => ({}), allowed: ['admin'], outOfScope: [],
    setup: async (l, id) => l.entryIdOf(await l.proposeTermination(id)),
  },
};

const expected = (c: WriteCase, who: Who): 201 | 403 | 404 => (c.allowed.includes(who) ? 201 : c.outOfScope.includes(who) ? 404 : 403);
const refusals = Object.entries(WRITES).flatMap(([name, c]) => ALL.filter((w) => expected(c, w) !== 201).map((who) => [name, who, expected(c, who)] as const));
const successes = Object.entries(WRITES).flatMap(([name, c]) => c.allowed.map((who) => [name, who] as const));

describe('ledger and lifecycle writes: the role matrix', () => {
  const post = (id: string, c: WriteCase, who: Who, key = idemKey(), entry = '') =>
    api.request('POST', `/projects/${id}/${c.route({ ...ctx, entry })}`, { token: tokenOf(who), body: c.body({ ...ctx, entry }), headers: { 'Idempotency-Key': key } });

  test.each(refusals)('%s as %s → %i, nothing changes', async (name, who, status) => {
    const c = WRITES[name]!;
    const id = c.project?.() ?? P;
    const before = await refusalFootprint(api, id);
    const key = idemKey();
    const res = await post(id, c, who, key);
    expectProblem(res, status);
    const after = await refusalFootprint(api, id);
    expect(after).toEqual(before);
    expect(after.idemp).not.toContain(`IDEMP#${key}`);
    // Out of scope reads like an id that does not exist. A role the command never admits is
    // refused before the project is read: 403 for an id that does not exist too.
    if (status === 404) await expectLikeUnknown(res, id, (unknown) => post(unknown, c, who));
    else expectProblem(await post(`NOPE-${uniqueId('X')}`, c, who), c.precheck?.includes(who) ? 404 : 403);
  });

  test.each(successes)('%s as %s → 201', async (name, who) => {
    const c = WRITES[name]!;
    const reg = c.project?.() === O ? registrationOutside2023() : endingIn2024();
    expectOk(await nj.register(reg));
    const entry = c.setup ? await c.setup(nj, reg.projectId) : '';
    const res = expectCreated(await post(reg.projectId, c, who, idemKey(), entry));
    // Entries keep who posted them by name (the token's name claim), with their sub and role.
    expect(res.body.entry.actor).toEqual({ sub: expect.any(String), role: ROLE_OF[who], name: expect.any(String) });
    // An unknown id is a 404 for the right role.
    expectProblem(await post(`NOPE-${uniqueId('X')}`, c, who), 404);
  });

  test('a 403 is not remembered: the same key then works for the right role', async () => {
    const key = idemKey();
    const body = { amountFen: 1_000 * YUAN, valueDate: '2023-07-21', reference: 'A-retry', indicatorNo: fixtureIndicatorNo('JS-2023-C', 2023) };
    expectProblem(await api.request('POST', `/projects/${P}/allocations`, { token: tokenOf('auditor'), body, headers: { 'Idempotency-Key': key } }), 403);
    const before = await refusalFootprint(api, P);
    const ok = await api.request('POST', `/projects/${P}/allocations`, { token: tokenOf('finance'), body, headers: { 'Idempotency-Key': key } });
    expect(ok.status).toBe(201);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
    const after = await refusalFootprint(api, P);
    expect(after.version).toBe(before.version + 1);
    expect(after.idemp).toContain(`IDEMP#${key}`);
  });

  test('a 404 out of scope is not remembered either', async () => {
    const key = idemKey();
    const body = { allocationEntryId: ctx.pending, amountFen: 1_000 * YUAN, valueDate: '2023-08-03', reference: 'M-retry' };
    expectProblem(await api.request('POST', `/projects/${P}/match-confirmations`, { token: tokenOf('zoneSZ'), body, headers: { 'Idempotency-Key': key } }), 404);
    expect((await refusalFootprint(api, P)).idemp).not.toContain(`IDEMP#${key}`);
  });
});

// --- reads ------------------------------------------------------------------------------------

describe('reads: every role reads, zone committees their zone, city bureaus their city', () => {
  const projectReads = ['', '/history', '/history.csv', '/verify', '?asOf=2023-08-31', '/history?type=allocation'];
  const catalogReads = ['/programs', '/programs/JS-2023-C', '/zones', '/clusters', '/clusters/NJ-BIO-2023', '/clusters/SZ-NANO-2021', '/clusters/NJ-JN-2023'];
  const readers: Record<string, () => { allowed: Who[]; hidden: Who[] }> = {
    P: () => ({ allowed: ['admin', 'finance', 'auditor', 'zone', 'city'], hidden: ['zoneJN', 'zoneSZ', 'citySZ'] }),
    J: () => ({ allowed: ['admin', 'finance', 'auditor', 'zoneJN', 'city'], hidden: ['zone', 'zoneSZ', 'citySZ'] }),
    S: () => ({ allowed: ['admin', 'finance', 'auditor', 'zoneSZ', 'citySZ'], hidden: ['zone', 'zoneJN', 'city'] }),
  };
  const idOf = (p: string) => (p === 'P' ? P : p === 'J' ? J : S);

  test.each(Object.keys(readers).flatMap((p) => readers[p]!().allowed.map((who) => [p, who] as const)))('project %s is readable by %s', async (p, who) => {
    for (const suffix of projectReads) {
      const res = await api.request('GET', `/projects/${idOf(p)}${suffix}`, { token: tokenOf(who) });
      expect({ suffix, status: res.status }).toEqual({ suffix, status: 200 });
    }
  });

  test.each(Object.keys(readers).flatMap((p) => readers[p]!().hidden.map((who) => [p, who] as const)))('project %s is hidden from %s exactly like an unknown id', async (p, who) => {
    const id = idOf(p);
    for (const suffix of projectReads) {
      const get = (x: string) => api.request('GET', `/projects/${x}${suffix}`, { token: tokenOf(who) });
      const res = await get(id);
      await expectLikeUnknown(res, id, get);
      expect(res.text).not.toMatch(new RegExp(`${id}\\.\\d`)); // no entry leaks
    }
  });

  test.each(ALL)('%s reads the catalog and every cluster\'s usage', async (who) => {
    for (const path of catalogReads) {
      const res = await api.request('GET', path, { token: tokenOf(who) });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });

  const listIds = async (who: Who, query = '') => {
    const res = expectOk(await api.request('GET', `/projects?limit=500${query}`, { token: tokenOf(who) }));
    return res.body.projects as { projectId: string; zoneId: string; city: string }[];
  };

  test.each(['admin', 'finance', 'auditor'] as const)('%s lists projects of every zone and filters by zone and city', async (who) => {
    expect((await listIds(who)).map((p) => p.projectId)).toEqual(expect.arrayContaining([P, O, J, S]));
    const sz = (await listIds(who, '&zoneId=SZ-SIP')).map((p) => p.projectId);
    expect(sz).toContain(S);
    expect(sz).not.toContain(P);
    const nanjing = await listIds(who, `&city=${encodeURIComponent(NANJING)}`);
    expect(nanjing.map((p) => p.projectId)).toEqual(expect.arrayContaining([P, O, J]));
    expect(nanjing.every((p) => p.city === NANJING)).toBe(true);
  });

  const ids = (names: string) => [...names].map((n) => ({ P, O, J, S })[n as 'P']);

  test.each([
    ['zone', 'NJ-HTZ', 'PO', 'JS'],
    ['zoneJN', 'NJ-JNZ', 'J', 'POS'],
    ['zoneSZ', 'SZ-SIP', 'S', 'POJ'],
  ] as const)('GET /projects as %s lists only its zone %s', async (who, zoneId, mineNames, otherNames) => {
    const [mine, others] = [ids(mineNames), ids(otherNames)];
    const projects = await listIds(who);
    expect(projects.every((p) => p.zoneId === zoneId)).toBe(true);
    expect(projects.map((p) => p.projectId)).toEqual(expect.arrayContaining([...mine]));
    for (const o of others) expect(projects.map((p) => p.projectId)).not.toContain(o);
    const own = await listIds(who, `&zoneId=${zoneId}`);
    expect(own.map((p) => p.projectId).sort()).toEqual(projects.map((p) => p.projectId).sort());
  });

  test.each([
    ['city', NANJING, 'POJ', 'S'],
    ['citySZ', SUZHOU, 'S', 'POJ'],
  ] as const)('GET /projects as %s lists only its city %s', async (who, city, mineNames, otherNames) => {
    const [mine, others] = [ids(mineNames), ids(otherNames)];
    const projects = await listIds(who);
    expect(projects.every((p) => p.city === city)).toBe(true);
    expect(projects.map((p) => p.projectId)).toEqual(expect.arrayContaining([...mine]));
    for (const o of others) expect(projects.map((p) => p.projectId)).not.toContain(o);
    expect((await listIds(who, `&city=${encodeURIComponent(city)}`)).map((p) => p.projectId).sort()).toEqual(projects.map((p) => p.projectId).sort());
    const lagging = await listIds(who, '&lagging=true');
    expect(lagging.length).toBeGreaterThan(0);
    expect(lagging.every((p) => p.city === city)).toBe(true);
  });

  test('a city bureau lists one zone of its city; naming a zone of another city → 403', async () => {
    const jn = await listIds('city', '&zoneId=NJ-JNZ');
    expect(jn.map((p) => p.projectId)).toContain(J);
    expect(jn.every((p) => p.zoneId === 'NJ-JNZ')).toBe(true);
    for (const path of ['/projects?', '/alerts?', '/reports/portfolio?groupBy=zone&', '/activity?']) {
      expectProblem(await api.request('GET', `${path}zoneId=SZ-SIP`, { token: tokenOf('city') }), 403);
      expectProblem(await api.request('GET', `${path}zoneId=NJ-HTZ`, { token: tokenOf('citySZ') }), 403);
    }
  });

  test('listing another zone or another city explicitly → 403', async () => {
    for (const [who, query] of [
      ['zone', 'zoneId=NJ-JNZ'], ['zone', 'zoneId=SZ-SIP'], ['zoneSZ', 'zoneId=NJ-HTZ'],
      ['city', `city=${encodeURIComponent(SUZHOU)}`], ['citySZ', `city=${encodeURIComponent(NANJING)}`],
    ] as const) {
      expectProblem(await api.request('GET', `/projects?${query}`, { token: tokenOf(who) }), 403);
      expectProblem(await api.request('GET', `/alerts?${query}`, { token: tokenOf(who) }), 403);
    }
  });

  const alertsOf = async (who: Who, query = '') => expectOk(await api.request('GET', `/alerts?limit=500${query}`, { token: tokenOf(who) })).body.alerts as { projectId: string; zoneId: string; city: string }[];

  test.each([
    ['zone', (a: { zoneId: string }) => a.zoneId === 'NJ-HTZ'],
    ['zoneSZ', (a: { zoneId: string }) => a.zoneId === 'SZ-SIP'],
    ['city', (a: { city: string }) => a.city === NANJING],
    ['citySZ', (a: { city: string }) => a.city === SUZHOU],
  ] as const)('GET /alerts as %s shows only its scope', async (who, inScope) => {
    const alerts = await alertsOf(who);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => inScope(a as never))).toBe(true);
  });

  test('the city bureau sees the alerts of both Nanjing zones, the auditor every city\'s', async () => {
    const nanjing = new Set((await alertsOf('city')).map((a) => a.projectId));
    expect(nanjing.has(P)).toBe(true);
    expect(nanjing.has(J)).toBe(true);
    expect(nanjing.has(S)).toBe(false);
    const all = new Set((await alertsOf('auditor')).map((a) => a.projectId));
    for (const id of [P, J, S]) expect(all.has(id)).toBe(true);
    // A filter by another zone's project shows a zone committee nothing of it.
    expect(await alertsOf('zone', `&projectId=${S}`)).toEqual([]);
    expect(await alertsOf('city', `&projectId=${S}`)).toEqual([]);
  });
});

// --- portfolio, plan documents, imports, digests ---------------------------------------------

describe('the portfolio, plan documents, imports and digests', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  test.each(ALL.filter((w) => w !== 'finance'))('POST /allocation-documents and POST /imports/projects as %s → 403, nothing changes', async (who) => {
    const before = await refusalFootprint(api, P);
    const documentNo = `苏财教〔2024〕${uniqueId('D')}号`;
    const doc = await api.request('POST', '/allocation-documents', { token: tokenOf(who), body: { documentNo, issuedOn: '2024-01-10', lines: [{ projectId: P, amountFen: 100 }] } });
    expectProblem(doc, 403);
    expectProblem(await api.request('GET', `/allocation-documents/${encodeURIComponent(documentNo)}`, { token: tokenOf('auditor') }), 404);
    const upload = await api.request('POST', '/imports/projects', { token: tokenOf(who), rawBody: Buffer.from('PK\u0003\u0004 not really a workbook'), contentType: XLSX });
    expectProblem(upload, 403);
    expect(await refusalFootprint(api, P)).toEqual(before);
  });

  test.each(['zone', 'zoneSZ', 'city', 'citySZ'] as Who[])('GET /allocation-documents (list and one) as %s → 403: a document names projects of every zone', async (who) => {
    const documentNo = `苏财教〔2024〕${uniqueId('R')}号`;
    expect(expectOk(await api.request('POST', '/allocation-documents', { token: tokenOf('finance'), body: { documentNo, issuedOn: '2024-01-10', lines: [{ projectId: P, amountFen: 100 }] } })).status).toBe(201);
    expectProblem(await api.request('GET', '/allocation-documents', { token: tokenOf(who) }), 403);
    expectProblem(await api.request('GET', `/allocation-documents/${encodeURIComponent(documentNo)}`, { token: tokenOf(who) }), 403);
    for (const reader of ['finance', 'admin', 'auditor'] as Who[]) {
      expect(expectOk(await api.request('GET', `/allocation-documents/${encodeURIComponent(documentNo)}`, { token: tokenOf(reader) })).body.documentNo).toBe(documentNo);
    }
  });

  test.each(ALL.filter((w) => w !== 'admin'))('POST /digests as %s → 403', async (who) => {
    expectProblem(await api.request('POST', '/digests', { token: tokenOf(who) }), 403);
  });

  test('GET /reports/portfolio: every role reads; zone committees and city bureaus only their own rows', async () => {
    for (const who of ALL) {
      const res = await api.request('GET', '/reports/portfolio?groupBy=zone', { token: tokenOf(who) });
      expect({ who, status: res.status }).toEqual({ who, status: 200 });
    }
    for (const [who, query] of [
      ['zone', 'zoneId=SZ-SIP'], ['zoneSZ', 'zoneId=NJ-HTZ'], ['city', `city=${encodeURIComponent(SUZHOU)}`], ['citySZ', `city=${encodeURIComponent(NANJING)}`],
    ] as const) {
      expectProblem(await api.request('GET', `/reports/portfolio?groupBy=zone&${query}`, { token: tokenOf(who) }), 403);
    }
    const zoneRows = expectOk(await api.request('GET', '/reports/portfolio?groupBy=zone', { token: tokenOf('zone') })).body;
    expect(JSON.stringify(zoneRows)).not.toContain('SZ-SIP');
    const cityRows = expectOk(await api.request('GET', '/reports/portfolio?groupBy=zone', { token: tokenOf('citySZ') })).body;
    expect(JSON.stringify(cityRows)).not.toContain('NJ-HTZ');
  });
});

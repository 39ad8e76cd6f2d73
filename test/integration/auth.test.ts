/**
 * Authentication (401) and authorization (403) matrix for the four roles, per API.md "Auth":
 * no/invalid/expired token → 401 (handler never runs); valid token without the right → 403,
 * and a refused write changes nothing (project version, history length, no idempotency record).
 */
import { createHmac } from 'node:crypto';
import { LOCAL_DEV_JWT_SECRET, LOCAL_JWT_AUDIENCE, LOCAL_JWT_ISSUER } from '../../local/jwt';
import { seedPrograms } from '../../domain/programs/seed';
import { readPartition } from './support/api';
import { expectOk, expectProblem, idemKey, ledger, refusalFootprint, registration2021, registration2023, uniqueId, useSeededApi, YUAN } from './support/fixtures';

const api = useSeededApi();

/** Who is calling. `zone` = committee of the project's zone (NJ-HTZ); `otherZone` = of SZ-SIP. */
type Who = 'admin' | 'finance' | 'zone' | 'otherZone' | 'auditor';
const ALL: Who[] = ['admin', 'finance', 'zone', 'otherZone', 'auditor'];
const except = (...allowed: Who[]): Who[] => ALL.filter((w) => !allowed.includes(w));

function tokenOf(who: Who): string {
  switch (who) {
    case 'admin': return api.token('admin', undefined, 'adm-1');
    case 'finance': return api.token('finance-officer', undefined, 'fo-carol');
    case 'zone': return api.token('zone-committee', 'NJ-HTZ', 'zc-nj-dave');
    case 'otherZone': return api.token('zone-committee', 'SZ-SIP', 'zc-sz-erin');
    case 'auditor': return api.token('auditor', undefined, 'aud-1');
  }
}

/** Signs arbitrary claims as HS256 with the given secret (default: the local server's). */
function rawToken(claims: Record<string, unknown>, secret = process.env.LOCAL_JWT_SECRET || LOCAL_DEV_JWT_SECRET, alg = 'HS256'): string {
  const now = Math.floor(Date.now() / 1000);
  const full = { iss: LOCAL_JWT_ISSUER, aud: LOCAL_JWT_AUDIENCE, iat: now, exp: now + 3600, token_use: 'id', ...claims };
  const input = `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(full)).toString('base64url')}`;
  if (alg === 'none') return `${input}.`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

// Project P in NJ-HTZ (2023, at-least 1:1) and S in SZ-SIP (2021), with entries to act on.
let P: string;
let S: string;
let pendingAllocation: string; // pending-match allocation on P
let provinceDisbursement: string; // posted by fo-alice
let zoneDisbursement: string; // posted by zc-NJ-HTZ

beforeAll(async () => {
  const nj = ledger(api, 'NJ-HTZ');
  const p = registration2023();
  P = p.projectId;
  expectOk(await nj.register(p));
  await nj.allocateMatched(P, 2_000_000 * YUAN);
  provinceDisbursement = expectOk(await nj.disburse(P, 'province', 100_000 * YUAN)).body.entry.entryId;
  zoneDisbursement = expectOk(await nj.disburse(P, 'zone', 100_000 * YUAN)).body.entry.entryId;
  pendingAllocation = expectOk(await nj.allocate(P, 500_000 * YUAN)).body.entry.entryId;

  const sz = ledger(api, 'SZ-SIP');
  const s = registration2021();
  S = s.projectId;
  expectOk(await sz.register(s));
}, 60_000);

describe('401: no, invalid or expired token', () => {
  const variants: [string, () => Record<string, string>][] = [
    ['no Authorization header', () => ({})],
    ['a malformed token', () => ({ authorization: 'Bearer not-a-jwt' })],
    ['three garbage segments', () => ({ authorization: 'Bearer aaa.bbb.ccc' })],
    ['an empty bearer', () => ({ authorization: 'Bearer ' })],
    ['another auth scheme', () => ({ authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` })],
    ['a token signed with another key', () => ({ authorization: `Bearer ${rawToken({ sub: 'x', 'cognito:groups': ['admin'] }, 'some-other-secret')}` })],
    ['an unsigned (alg none) token', () => ({ authorization: `Bearer ${rawToken({ sub: 'x', 'cognito:groups': ['admin'] }, undefined, 'none')}` })],
    ['a tampered payload (finance → admin)', () => {
      const [h, , sig] = api.token('finance-officer').split('.');
      const forged = Buffer.from(JSON.stringify({ sub: 'x', 'cognito:groups': ['admin'], iss: LOCAL_JWT_ISSUER, aud: LOCAL_JWT_AUDIENCE, exp: 9_999_999_999 })).toString('base64url');
      return { authorization: `Bearer ${h}.${forged}.${sig}` };
    }],
    ['an expired token', () => ({ authorization: `Bearer ${api.tokenWith({ role: 'admin', expiresInSeconds: -60 })}` })],
    ['a token of another issuer', () => ({ authorization: `Bearer ${rawToken({ sub: 'x', 'cognito:groups': ['admin'], iss: 'someone-else' })}` })],
    ['a token of another audience', () => ({ authorization: `Bearer ${rawToken({ sub: 'x', 'cognito:groups': ['admin'], aud: 'other-app' })}` })],
  ];
  const reads = ['/programs', '/zones', '/projects', '/projects/{P}', '/projects/{P}/history', '/projects/{P}/verify'];

  test.each(variants)('GET routes answer 401 for %s', async (_name, headers) => {
    for (const path of reads) {
      const res = await api.request('GET', path.replace('{P}', P), { headers: headers() });
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  const writeVariants = variants.filter(([name]) => /no Authorization|malformed token|another key|expired|tampered/.test(name));
  test.each(writeVariants)('writes answer 401 for %s and change nothing', async (_name, headers) => {
    const before = await refusalFootprint(api, P);
    const key = idemKey();
    const writes: [string, unknown][] = [
      [`/projects/${P}/allocations`, { amountFen: 1000, valueDate: '2023-07-15', reference: 'R-401' }],
      [`/projects/${P}/disbursements`, { funder: 'province', amountFen: 1000, paidOn: '2023-09-15', reference: 'R-401' }],
      ['/projects', registration2023()],
      ['/zones', { zoneId: 'X-401', name: 'x', city: 'x', level: 'national' }],
    ];
    for (const [path, body] of writes) {
      const res = await api.request('POST', path, { body, headers: { ...headers(), 'Idempotency-Key': key } });
      expectProblem(res, 401);
    }
    expect(await refusalFootprint(api, P)).toEqual(before);
    const zones = expectOk(await api.request('GET', '/zones', { token: api.token('auditor') })).body.zones;
    expect(zones.map((z: { zoneId: string }) => z.zoneId)).not.toContain('X-401');
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

describe('403: catalog writes are admin only', () => {
  const program = () => ({ ...seedPrograms[1]!, code: uniqueId('PRG') });
  const zone = () => ({ zoneId: uniqueId('ZN'), name: '测试开发区', city: '无锡市', level: 'provincial' });
  const cluster = () => ({ clusterId: uniqueId('CL'), programCode: 'JS-2023-C', zoneId: 'SZ-SIP', name: '测试集群', industry: '新材料' });

  const readBack = async (kind: string, body: any): Promise<number> => {
    const auditor = api.token('auditor');
    if (kind === 'programs') return (await api.request('GET', `/programs/${body.code}`, { token: auditor })).status;
    if (kind === 'clusters') return (await api.request('GET', `/clusters/${body.clusterId}`, { token: auditor })).status;
    const zones = expectOk(await api.request('GET', '/zones', { token: auditor })).body.zones as { zoneId: string }[];
    return zones.some((z) => z.zoneId === body.zoneId) ? 200 : 404;
  };
  const cases: [string, () => unknown][] = [['programs', program], ['zones', zone], ['clusters', cluster]];

  test.each(cases.flatMap(([kind, make]) => except('admin').map((who) => [kind, who, make] as const)))(
    'POST /%s as %s → 403, nothing created',
    async (kind, who, make) => {
      const body = make();
      const res = await api.request('POST', `/${kind}`, { token: tokenOf(who), body });
      expectProblem(res, 403);
      expect(await readBack(kind, body)).toBe(404);
    },
  );

  test.each(cases)('POST /%s as admin → 201', async (kind, make) => {
    const body = make();
    const res = await api.request('POST', `/${kind}`, { token: tokenOf('admin'), body });
    expect(res.status).toBe(201);
    expect(await readBack(kind, body)).toBe(200);
  });
});

describe('403: project registration is finance-officer only', () => {
  test.each(except('finance'))('POST /projects as %s → 403, nothing stored', async (who) => {
    const reg = registration2023();
    const key = idemKey();
    const res = await api.request('POST', '/projects', { token: tokenOf(who), body: reg, headers: { 'Idempotency-Key': key } });
    expectProblem(res, 403);
    expect((await api.request('GET', `/projects/${reg.projectId}`, { token: api.token('admin') })).status).toBe(404);
    expect(await readPartition(api.tableName, `PROJECT#${reg.projectId}`)).toEqual([]);
  });

  test('POST /projects as finance-officer → 201', async () => {
    const res = await api.request('POST', '/projects', { token: tokenOf('finance'), body: registration2021(), headers: { 'Idempotency-Key': idemKey() } });
    expect(res.status).toBe(201);
  });
});

describe('403: ledger writes by the wrong role change nothing', () => {
  type Write = { path: string; body: () => unknown };
  const writes: Record<string, Write> = {
    'allocation': { path: 'allocations', body: () => ({ amountFen: 10_000 * YUAN, valueDate: '2023-07-20', reference: 'A-403' }) },
    'match confirmation': {
      path: 'match-confirmations',
      body: () => ({ allocationEntryId: pendingAllocation, amountFen: 500_000 * YUAN, valueDate: '2023-08-02', reference: 'M-403' }),
    },
    'province disbursement': { path: 'disbursements', body: () => ({ funder: 'province', amountFen: 10_000 * YUAN, paidOn: '2023-09-20', reference: 'DP-403' }) },
    'zone disbursement': { path: 'disbursements', body: () => ({ funder: 'zone', amountFen: 10_000 * YUAN, paidOn: '2023-09-20', reference: 'DZ-403' }) },
    'reversal of a province entry': { path: 'reversals', body: () => ({ entryId: provinceDisbursement, reason: '冲正' }) },
    'reversal of a zone entry': { path: 'reversals', body: () => ({ entryId: zoneDisbursement, reason: '冲正' }) },
    // Reverses nothing: still only an owner of the project's money may even ask.
    'reversal of an unknown entry': { path: 'reversals', body: () => ({ entryId: `${P}.999`, reason: '冲正' }) },
  };
  const owners: Record<string, Who[]> = {
    'allocation': ['finance'],
    'match confirmation': ['zone'],
    'province disbursement': ['finance'],
    'zone disbursement': ['zone'],
    'reversal of a province entry': ['finance'],
    'reversal of a zone entry': ['zone'],
    'reversal of an unknown entry': ['finance', 'zone'],
  };
  const forbidden = Object.keys(writes).flatMap((w) => except(...owners[w]!).map((who) => [w, who] as const));

  test.each(forbidden)('%s as %s → 403', async (write, who) => {
    const before = await refusalFootprint(api, P);
    const key = idemKey();
    const res = await api.request('POST', `/projects/${P}/${writes[write]!.path}`, {
      token: tokenOf(who), body: writes[write]!.body(), headers: { 'Idempotency-Key': key },
    });
    expectProblem(res, 403);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    const after = await refusalFootprint(api, P);
    expect(after).toEqual(before); // version, history length, and no IDEMP# item for the key
    expect(after.idemp).not.toContain(`IDEMP#${key}`);
  });

  test('a zone committee cannot post to a project of another zone even with an own-zone body', async () => {
    const before = await refusalFootprint(api, S);
    const res = await api.request('POST', `/projects/${S}/disbursements`, {
      token: tokenOf('zone'), body: { funder: 'zone', amountFen: 100, paidOn: '2021-09-15', reference: 'X' }, headers: { 'Idempotency-Key': idemKey() },
    });
    expectProblem(res, 403);
    expect(await refusalFootprint(api, S)).toEqual(before);
  });

  test('a 403 is not remembered: the same key then works for the owner', async () => {
    const key = idemKey();
    const body = { amountFen: 1_000 * YUAN, valueDate: '2023-07-21', reference: 'A-retry' };
    const denied = await api.request('POST', `/projects/${P}/allocations`, { token: tokenOf('auditor'), body, headers: { 'Idempotency-Key': key } });
    expectProblem(denied, 403);
    const before = await refusalFootprint(api, P);
    const ok = await api.request('POST', `/projects/${P}/allocations`, { token: tokenOf('finance'), body, headers: { 'Idempotency-Key': key } });
    expect(ok.status).toBe(201);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
    const after = await refusalFootprint(api, P);
    expect(after.version).toBe(before.version + 1);
    expect(after.idemp).toContain(`IDEMP#${key}`);
  });

  // The owners: each succeeds (run after the refusals above, which leave the targets intact).
  test.each([
    ['allocation', 'finance'],
    ['match confirmation', 'zone'],
    ['province disbursement', 'finance'],
    ['zone disbursement', 'zone'],
    ['reversal of a province entry', 'finance'], // fo-carol reverses fo-alice's entry
    ['reversal of a zone entry', 'zone'], // zc-nj-dave reverses zc-NJ-HTZ's entry
  ] as const)('%s as %s → 201', async (write, who) => {
    const before = await refusalFootprint(api, P);
    const res = await api.request('POST', `/projects/${P}/${writes[write]!.path}`, {
      token: tokenOf(who), body: writes[write]!.body(), headers: { 'Idempotency-Key': idemKey() },
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    const after = await refusalFootprint(api, P);
    expect(after.version).toBe(before.version + 1);
    expect(after.entries).toBe(before.entries + 1);
    expect(res.body.entry.actor.role).toBe(who === 'finance' ? 'finance-officer' : 'zone-committee');
  });
});

describe('reads', () => {
  const projectReads = ['/projects/{P}', '/projects/{P}/history', '/projects/{P}/history.csv', '/projects/{P}/verify', '/projects/{P}?asOf=2023-08-31'];
  const catalogReads = ['/programs', '/programs/JS-2023-C', '/zones', '/clusters/NJ-BIO-2023', '/clusters/SZ-NANO-2021'];

  test.each(['admin', 'finance', 'zone', 'auditor'] as const)('%s reads the NJ-HTZ project and the catalog', async (who) => {
    for (const path of [...projectReads, ...catalogReads]) {
      const res = await api.request('GET', path.replace('{P}', P), { token: tokenOf(who) });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });

  test.each(['admin', 'finance', 'auditor'] as const)('%s lists projects of every zone', async (who) => {
    const all = expectOk(await api.request('GET', '/projects?limit=500', { token: tokenOf(who) })).body.projects as { projectId: string }[];
    expect(all.map((p) => p.projectId)).toEqual(expect.arrayContaining([P, S]));
    const sz = expectOk(await api.request('GET', '/projects?zoneId=SZ-SIP&limit=500', { token: tokenOf(who) })).body.projects as { projectId: string }[];
    expect(sz.map((p) => p.projectId)).toContain(S);
    expect(sz.map((p) => p.projectId)).not.toContain(P);
  });

  test('the auditor reads the CSV export', async () => {
    const res = await api.request('GET', `/projects/${P}/history.csv`, { token: tokenOf('auditor') });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
  });

  test.each(projectReads)('a zone committee of another zone → 403 on GET %s', async (path) => {
    const res = await api.request('GET', path.replace('{P}', P), { token: tokenOf('otherZone') });
    expectProblem(res, 403);
    expect(res.text).not.toContain(P + '.'); // no entry of the project leaks
  });

  test('a zone committee of another zone → 403 on GET /projects?zoneId=<other>', async () => {
    expectProblem(await api.request('GET', '/projects?zoneId=NJ-HTZ', { token: tokenOf('otherZone') }), 403);
    expectProblem(await api.request('GET', '/projects?zoneId=SZ-SIP', { token: tokenOf('zone') }), 403);
  });

  test.each([
    ['zone', 'NJ-HTZ'],
    ['otherZone', 'SZ-SIP'],
  ] as const)('GET /projects as the %s committee lists only its own zone', async (who, zoneId) => {
    const res = expectOk(await api.request('GET', '/projects?limit=500', { token: tokenOf(who) }));
    const projects = res.body.projects as { projectId: string; zoneId: string }[];
    expect(projects.length).toBeGreaterThan(0);
    expect(projects.every((p) => p.zoneId === zoneId)).toBe(true);
    expect(projects.map((p) => p.projectId)).toContain(zoneId === 'NJ-HTZ' ? P : S);
    expect(projects.map((p) => p.projectId)).not.toContain(zoneId === 'NJ-HTZ' ? S : P);
    const own = expectOk(await api.request('GET', `/projects?zoneId=${zoneId}&limit=500`, { token: tokenOf(who) }));
    expect(own.body.projects.map((p: { projectId: string }) => p.projectId).sort()).toEqual(projects.map((p) => p.projectId).sort());
  });

  test('a token whose group is not a known role, or a zone committee without a zone, reads no project', async () => {
    const noRole = rawToken({ sub: 'nobody', 'cognito:groups': ['superuser'] });
    const zoneless = rawToken({ sub: 'zc-nozone', 'cognito:groups': ['zone-committee'] });
    for (const token of [noRole, zoneless]) {
      for (const path of ['/projects', `/projects/${P}`, `/projects/${P}/history`, `/projects/${P}/verify`]) {
        const res = await api.request('GET', path, { token });
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }
      const before = await refusalFootprint(api, P);
      const res = await api.request('POST', `/projects/${P}/match-confirmations`, {
        token, body: { allocationEntryId: pendingAllocation, amountFen: 1, valueDate: '2023-08-02', reference: 'X' }, headers: { 'Idempotency-Key': idemKey() },
      });
      expectProblem(res, 403);
      expect(await refusalFootprint(api, P)).toEqual(before);
    }
  });

  test('cognito:groups in API Gateway\'s flattened string form is honoured', async () => {
    // The local server flattens arrays to "[a b]"; a token that already carries the string form works too.
    const token = rawToken({ sub: 'aud-str', 'cognito:groups': '[auditor]' });
    expect((await api.request('GET', `/projects/${P}`, { token })).status).toBe(200);
    expectProblem(await api.request('POST', '/zones', { token, body: { zoneId: uniqueId('ZN'), name: 'x', city: 'x', level: 'national' } }), 403);
  });
});

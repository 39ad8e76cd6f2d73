/**
 * GET /clusters: every role reads the clusters with their usage; `zoneId` and `programCode` are
 * key conditions on the zone and program indexes (never a scan of all clusters); pages follow the
 * API's cursors, and a cursor is good only for the filters it was issued for. Clusters written
 * before they were listed by zone and program get their keys from the deploy-time seeding.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { seedPrograms } from '../../domain/programs/seed';
import { encodeCursor } from '../../functions/lib/cursor';
import { clusterQuery } from '../../functions/lib/storage/catalog-store';
import { indexKeys, keys, TYPE } from '../../functions/lib/storage/keys';
import { INDEX } from '../../functions/lib/storage/table-definition';
import { rawClient, readTable, type TestResponse } from './support/api';
import { expectOk, expectProblem, ledger, registration2023, useSeededApi, YUAN } from './support/fixtures';

const api = useSeededApi();

const ZONE = 'T-ZONE';
const PROGRAM = 'T-CLUSTERS';
/** The test program's clusters in ZONE, by id; one more cluster of JS-2023-C is in ZONE too. */
const OWN = ['T-C1', 'T-C2', 'T-C3', 'T-C4', 'T-C5'];
const OTHER_PROGRAM_IN_ZONE = 'T-2023';

type Cluster = { clusterId: string; programCode: string; zoneId: string; usage: Record<string, unknown> };

const READERS: Record<string, () => string> = {
  'finance-officer': () => api.token('finance-officer'),
  'zone-committee (NJ-HTZ)': () => api.token('zone-committee', 'NJ-HTZ'),
  'city-bureau (南京市)': () => api.token('city-bureau', '南京市'),
  auditor: () => api.token('auditor'),
  admin: () => api.token('admin'),
};

async function list(query: string, token = api.token('auditor')): Promise<TestResponse> {
  return api.request('GET', `/clusters${query ? `?${query}` : ''}`, { token });
}

/** Every page of a listing, with the size of each page. */
async function allPages(query: string, limit: number): Promise<{ ids: string[]; sizes: number[]; clusters: Cluster[] }> {
  const clusters: Cluster[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const q: string = [query, `limit=${limit}`, cursor ? `cursor=${encodeURIComponent(cursor)}` : ''].filter(Boolean).join('&');
    const page = expectOk(await list(q)).body;
    clusters.push(...page.clusters);
    sizes.push(page.clusters.length);
    cursor = page.nextCursor;
    if (sizes.length > 50) throw new Error('the cursors do not end');
  } while (cursor);
  return { ids: clusters.map((c) => c.clusterId), sizes, clusters };
}

function expectBadCursor(res: TestResponse): void {
  expectProblem(res, 400);
  expect(res.body.errors).toEqual([{ path: 'query.cursor', message: expect.any(String) }]);
}

beforeAll(async () => {
  const admin = api.token('admin');
  // A program with no cluster quota per zone, so one zone can hold several of its clusters.
  const base = seedPrograms.find((p) => p.code === 'JS-2023-C')!;
  expectOk(await api.request('POST', '/programs', { token: admin, body: { ...base, code: PROGRAM, name: '测试专项（集群不限数）', quotas: { ...base.quotas, clustersPerZone: null } } }));
  expectOk(await api.request('POST', '/zones', { token: admin, body: { zoneId: ZONE, name: '测试高新区', city: '无锡市', level: 'provincial' } }));
  // Created out of order: the listing sorts, not the order of creation.
  for (const id of [...OWN].reverse()) {
    expectOk(await api.request('POST', '/clusters', { token: admin, body: { clusterId: id, programCode: PROGRAM, zoneId: ZONE, name: `测试集群 ${id}`, industry: '智能制造' } }));
  }
  expectOk(await api.request('POST', '/clusters', { token: admin, body: { clusterId: OTHER_PROGRAM_IN_ZONE, programCode: 'JS-2023-C', zoneId: ZONE, name: '测试集群 2023', industry: '生物医药' } }));
}, 60_000);

describe('who reads', () => {
  test.each(Object.keys(READERS))('%s reads every cluster, with its usage', async (who) => {
    const all = expectOk(await list('limit=500', READERS[who]!())).body;
    const ids = all.clusters.map((c: Cluster) => c.clusterId);
    expect({ who, ids }).toEqual({ who, ids: expect.arrayContaining(['NJ-BIO-2023', 'SZ-BIO-2023', 'SZ-NANO-2021', ...OWN]) });
    // The same answer for everyone: clusters are reference data, not scoped.
    expect(all).toEqual(expectOk(await list('limit=500')).body);
  });

  test('no token → 401; a token without a FundLedger role → 403', async () => {
    expect((await api.request('GET', '/clusters')).status).toBe(401);
    expectProblem(await api.request('GET', '/clusters', { token: api.tokenWith({ groups: ['visitor'] }) }), 403);
  });

  test.each(['finance-officer', 'auditor'] as const)('POST /clusters as %s → 403, and nothing is created', async (role) => {
    const before = await readTable(api.tableName);
    expectProblem(await api.request('POST', '/clusters', { token: api.token(role), body: { clusterId: 'T-NOPE', programCode: PROGRAM, zoneId: ZONE, name: 'x', industry: 'x' } }), 403);
    expectProblem(await api.request('POST', '/clusters', { token: api.token('zone-committee', ZONE), body: { clusterId: 'T-NOPE', programCode: PROGRAM, zoneId: ZONE, name: 'x', industry: 'x' } }), 403);
    expect(await readTable(api.tableName)).toEqual(before);
    expectProblem(await api.request('GET', '/clusters/T-NOPE', { token: api.token('auditor') }), 404);
  });
});

describe('filters are key conditions', () => {
  test('each filter is served by an index partition, never by filtering all clusters', () => {
    expect(clusterQuery({})).toEqual({ index: INDEX.byType, partition: TYPE.cluster, sortPrefix: '', keysOnly: false });
    expect(clusterQuery({ zoneId: ZONE })).toEqual({ index: INDEX.byZone, partition: indexKeys.zone(ZONE), sortPrefix: 'CLUSTER#', keysOnly: false });
    expect(clusterQuery({ zoneId: ZONE, programCode: PROGRAM })).toEqual({ index: INDEX.byZone, partition: indexKeys.zone(ZONE), sortPrefix: `CLUSTER#${PROGRAM}#`, keysOnly: false });
    expect(clusterQuery({ programCode: PROGRAM })).toEqual({ index: INDEX.byProgram, partition: indexKeys.program(PROGRAM), sortPrefix: 'CLUSTER#', keysOnly: true });
  });

  test('zoneId: the zone’s clusters, by program then id', async () => {
    const zone = expectOk(await list(`zoneId=${ZONE}`)).body;
    expect(zone.clusters.map((c: Cluster) => c.clusterId)).toEqual([OTHER_PROGRAM_IN_ZONE, ...OWN]);
    expect(zone.nextCursor).toBeNull();
    const nanjing = expectOk(await list('zoneId=NJ-HTZ')).body.clusters.map((c: Cluster) => [c.programCode, c.clusterId]);
    expect(nanjing).toEqual([['JS-2023-C', 'NJ-BIO-2023'], ['NJ-CITY-CLUSTER', 'NJ-CITY-AI']]);
  });

  test('programCode: the program’s clusters in every zone, by id', async () => {
    expect(expectOk(await list(`programCode=${PROGRAM}`)).body.clusters.map((c: Cluster) => c.clusterId)).toEqual(OWN);
    expect(expectOk(await list('programCode=JS-2023-C')).body.clusters.map((c: Cluster) => c.clusterId)).toEqual(['NJ-BIO-2023', 'NJ-JN-2023', 'SZ-BIO-2023', OTHER_PROGRAM_IN_ZONE]);
  });

  test('both: the zone’s clusters of that program', async () => {
    expect(expectOk(await list(`zoneId=${ZONE}&programCode=JS-2023-C`)).body.clusters.map((c: Cluster) => c.clusterId)).toEqual([OTHER_PROGRAM_IN_ZONE]);
    expect(expectOk(await list(`zoneId=NJ-HTZ&programCode=${PROGRAM}`)).body).toEqual({ clusters: [], nextCursor: null });
  });

  test('an unknown zone or program: an empty page, not an error', async () => {
    expect(expectOk(await list('zoneId=NO-SUCH')).body).toEqual({ clusters: [], nextCursor: null });
    expect(expectOk(await list('programCode=NO-SUCH')).body).toEqual({ clusters: [], nextCursor: null });
  });

  test('a listed cluster is what GET /clusters/{id} answers, usage included, and follows the ledger', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const reg = registration2023();
    expectOk(await l.register(reg));
    expectOk(await l.allocate(reg.projectId, 1_000_000 * YUAN));
    for (const query of ['', 'zoneId=NJ-HTZ', 'programCode=JS-2023-C']) {
      const listed = expectOk(await list(`${query}${query ? '&' : ''}limit=500`)).body.clusters.find((c: Cluster) => c.clusterId === 'NJ-BIO-2023');
      const one = expectOk(await api.request('GET', '/clusters/NJ-BIO-2023', { token: api.token('auditor') })).body;
      expect({ query, listed }).toEqual({ query, listed: one });
    }
    const usage = expectOk(await list('zoneId=NJ-HTZ&programCode=JS-2023-C')).body.clusters[0].usage;
    expect(usage.province.allocatedFen).toBeGreaterThanOrEqual(1_000_000 * YUAN);
    expect(usage.projects.count).toBeGreaterThanOrEqual(1);
    expect(usage.projects.limit).toBeNull(); // 2023: no project quota per cluster
  });
});

describe('paging', () => {
  test.each(['', `zoneId=${ZONE}`, `programCode=${PROGRAM}`, `zoneId=${ZONE}&programCode=${PROGRAM}`])('“%s” pages through everything once, and no page is empty', async (query) => {
    const whole = await allPages(query, 500);
    const paged = await allPages(query, 2);
    expect(paged.ids).toEqual(whole.ids);
    expect(paged.clusters).toEqual(whole.clusters);
    expect(paged.sizes.every((n) => n > 0)).toBe(true);
    expect(paged.sizes.slice(0, -1).every((n) => n === 2)).toBe(true);
    expect(new Set(paged.ids).size).toBe(paged.ids.length);
  });

  test('a page of exactly the rest has no next cursor', async () => {
    const page = expectOk(await list(`programCode=${PROGRAM}&limit=${OWN.length}`)).body;
    expect(page.clusters).toHaveLength(OWN.length);
    expect(page.nextCursor).toBeNull();
  });

  test.each([
    ['limit 0', 'limit=0'],
    ['limit 501', 'limit=501'],
    ['a limit that is no number', 'limit=two'],
    ['a zone id that is no id', 'zoneId=%E9%9B%86'],
    ['a filter the listing does not have', `city=${encodeURIComponent('南京市')}`],
    ['a cursor of 2,001 characters', `cursor=${'a'.repeat(2001)}`],
  ])('%s → 400', async (_what, query) => {
    expectProblem(await list(query), 400);
  });
});

describe('a cursor is for the filters it was issued for', () => {
  const first = async (query: string) => expectOk(await list(`${query}${query ? '&' : ''}limit=1`)).body.nextCursor as string;

  test.each<[string, string]>([
    [`zoneId=${ZONE}`, ''],
    ['', `zoneId=${ZONE}`],
    [`zoneId=${ZONE}`, 'zoneId=NJ-HTZ'],
    [`zoneId=${ZONE}`, `zoneId=${ZONE}&programCode=${PROGRAM}`],
    [`programCode=${PROGRAM}`, 'programCode=JS-2023-C'],
    [`programCode=${PROGRAM}`, `zoneId=${ZONE}&programCode=${PROGRAM}`],
  ])('issued for “%s”, sent with “%s” → 400', async (from, to) => {
    const cursor = await first(from);
    expect(cursor).toEqual(expect.any(String));
    expectBadCursor(await list(`${to}${to ? '&' : ''}cursor=${encodeURIComponent(cursor)}`));
  });

  test('another listing’s cursor → 400', async () => {
    const l = ledger(api, 'NJ-HTZ');
    for (let i = 0; i < 2; i++) expectOk(await l.register(registration2023()));
    const projects = expectOk(await api.request('GET', '/projects?limit=1', { token: api.token('auditor') })).body.nextCursor;
    expect(projects).toEqual(expect.any(String));
    expectBadCursor(await list(`cursor=${encodeURIComponent(projects)}`));
  });

  test.each<[string, Record<string, string>, () => Record<string, string>]>([
    ['another zone’s partition', { zoneId: ZONE }, () => ({ ...keys.cluster('T-C1'), gsi1pk: indexKeys.zone('NJ-HTZ'), gsi1sk: indexKeys.clusterInZone(PROGRAM, 'T-C1') })],
    ['another program’s prefix in the zone', { zoneId: ZONE, programCode: PROGRAM }, () => ({ ...keys.cluster('T-2023'), gsi1pk: indexKeys.zone(ZONE), gsi1sk: indexKeys.clusterInZone('JS-2023-C', 'T-2023') })],
    ['index and table keys of two clusters', { programCode: PROGRAM }, () => ({ ...keys.cluster('T-C1'), progPk: indexKeys.program(PROGRAM), progSk: indexKeys.clusterInProgram('T-C2') })],
    ['a project’s key in the program index', { programCode: PROGRAM }, () => ({ ...keys.projectState('X'), progPk: indexKeys.program(PROGRAM), progSk: indexKeys.projectInList('active', 'X') })],
    ['the type index for a zone listing', { zoneId: ZONE }, () => ({ ...keys.cluster('T-C1'), gsi2pk: TYPE.cluster, gsi2sk: 'T-C1' })],
    ['another type’s partition', {}, () => ({ ...keys.cluster('T-C1'), gsi2pk: TYPE.project, gsi2sk: 'T-C1' })],
  ])('a start key it never issues (%s) → 400', async (_what, filter, key) => {
    const query = new URLSearchParams(filter).toString();
    // The control: the listing's own cursor is read, and its fingerprint is the one forged below.
    const own = await first(query);
    expect(JSON.parse(Buffer.from(own, 'base64url').toString()).q).toBe(JSON.parse(Buffer.from(encodeCursor({ tag: 'clusters', filter }, {}), 'base64url').toString()).q);
    expectOk(await list(`${query}${query ? '&' : ''}cursor=${encodeURIComponent(own)}`));
    expectBadCursor(await list(`${query}${query ? '&' : ''}cursor=${encodeURIComponent(encodeCursor({ tag: 'clusters', filter }, key()))}`));
  });
});

describe('clusters written before they were listed by zone and program', () => {
  test('are listed by their zone and program once the deploy-time seeding has run, and only once written', async () => {
    // As an earlier version wrote a cluster: type index keys only.
    const client = rawClient();
    try {
      await client.send(new PutCommand({
        TableName: api.tableName,
        Item: { ...keys.cluster('T-OLD'), gsi2pk: TYPE.cluster, gsi2sk: 'T-OLD', clusterId: 'T-OLD', programCode: PROGRAM, zoneId: ZONE, name: '早先登记的集群', industry: '新材料', provinceAllocatedFen: 0, zoneAllocatedFen: 0, projectCount: 0 },
      }));
    } finally {
      client.destroy();
    }
    const ids = async (query: string) => expectOk(await list(`${query}&limit=500`)).body.clusters.map((c: Cluster) => c.clusterId);
    expect(await ids('programCode=JS-2023-C')).not.toContain('T-OLD');
    expect(await ids(`programCode=${PROGRAM}`)).not.toContain('T-OLD');
    expect(await ids(`zoneId=${ZONE}`)).not.toContain('T-OLD');

    const { handler } = await import('../../functions/handlers/seed-programs');
    const event = { RequestType: 'Update', ResourceProperties: {} } as unknown as CloudFormationCustomResourceEvent;
    expect(await handler(event)).toEqual({ PhysicalResourceId: 'fundledger-seed-programs' });
    expect(await ids(`programCode=${PROGRAM}`)).toEqual([...OWN, 'T-OLD']);
    expect(await ids(`zoneId=${ZONE}`)).toEqual([OTHER_PROGRAM_IN_ZONE, ...OWN, 'T-OLD']);
    expect(await ids(`zoneId=${ZONE}&programCode=${PROGRAM}`)).toEqual([...OWN, 'T-OLD']);

    // A second run writes nothing.
    const before = await readTable(api.tableName);
    await handler(event);
    expect(await readTable(api.tableName)).toEqual(before);
  });
});

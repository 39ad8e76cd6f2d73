/**
 * Every listing that takes a `cursor` (derived from the read spec) answers 400 to a cursor it did
 * not issue — `{}`, `{"pk":"x"}`, garbage, the previous format, another listing's cursor, its own
 * cursor for other filters, and a cursor naming another index, partition or item family — never a
 * 500, and never a page of something the caller's query would not read. Its own cursors page
 * through everything once.
 */
import { readSpec } from '../../functions/api/spec-reads';
import { encodeCursor } from '../../functions/lib/cursor';
import { TYPE, indexKeys, keys } from '../../functions/lib/storage/keys';
import type { TestResponse } from './support/api';
import { expectOk, expectProblem, fixtureIndicatorNo, ledger, registration2023, uniqueId, useSeededApi, YUAN } from './support/fixtures';

const api = useSeededApi();

/** GET routes whose query takes a cursor. */
const LISTINGS = Object.entries(readSpec)
  .filter(([, spec]) => spec.query && 'cursor' in (spec.query as unknown as { shape: object }).shape)
  .map(([key]) => key.replace(/^GET /, ''));

const P: string[] = [];
/** Two stored statements (of two lines each): the statement listing and one statement's lines page. */
const S: string[] = [];
const pathOf = (listing: string, project = P[0]!) => listing.replace('{projectId}', project).replace('{statementId}', S[0]!);
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const auditor = () => api.token('auditor');

/** The items of a listing's page, whatever the listing calls them. */
const itemsOf = (body: Record<string, unknown>): unknown[] => Object.values(body).find(Array.isArray) as unknown[];

async function get(path: string, cursor?: string, token = auditor()): Promise<TestResponse> {
  const sep = path.includes('?') ? '&' : '?';
  return api.request('GET', cursor === undefined ? path : `${path}${sep}cursor=${encodeURIComponent(cursor)}`, { token });
}

function expectBadCursor(res: TestResponse, what: string): void {
  expect({ what, status: res.status }).toEqual({ what, status: 400 });
  expectProblem(res, 400);
  expect(res.body.errors).toEqual([{ path: 'query.cursor', message: expect.any(String) }]);
}

/** A real next cursor of a listing (limit 1, so there is a next page). */
async function cursorOf(path: string, token = auditor()): Promise<string> {
  const sep = path.includes('?') ? '&' : '?';
  const page = expectOk(await api.request('GET', `${path}${sep}limit=1`, { token })).body;
  expect({ path, nextCursor: page.nextCursor }).toEqual({ path, nextCursor: expect.any(String) });
  return page.nextCursor;
}

beforeAll(async () => {
  const l = ledger(api, 'NJ-HTZ');
  for (let i = 0; i < 3; i++) {
    const reg = registration2023();
    expectOk(await l.register(reg));
    P.push(reg.projectId);
  }
  expectOk(await l.allocate(P[0]!, 1_000_000 * YUAN));
  expectOk(await l.allocate(P[0]!, 1_000_000 * YUAN));
  // The 2023 tranches are long overdue: the sweep raises lag alerts on every project.
  expectOk(await api.request('POST', '/alerts/sweep', { token: api.token('admin'), body: {} }));
  for (const p of [P[1]!, P[2]!]) {
    expectOk(await api.request('POST', '/allocation-documents', { token: l.finance, body: { documentNo: `苏财教〔2024〕${uniqueId('CUR')}号`, issuedOn: '2023-07-20', indicatorNo: fixtureIndicatorNo('JS-2023-C', 2023), lines: [{ projectId: p, amountFen: 1_000 * YUAN }] } }));
  }
  for (const n of [1, 2]) {
    const csv = `交易日期,金额（元）,收款人名称,收款人统一社会信用代码,凭证号,摘要\r\n2024-01-0${n},100.00,甲公司,,C-${n}-1,\r\n2024-01-0${n},200.00,乙公司,,C-${n}-2,\r\n`;
    S.push(expectOk(await api.request('POST', '/statements', { token: l.finance, rawBody: Buffer.from(csv, 'utf8'), contentType: 'text/csv' })).body.statementId);
  }
}, 60_000);

test('the read spec has the nine listings this file walks', () => {
  expect(LISTINGS.sort()).toEqual(['/activity', '/alerts', '/allocation-documents', '/budget-indicators', '/clusters', '/projects', '/projects/{projectId}/history', '/statements', '/statements/{statementId}']);
});

describe.each(LISTINGS)('%s', (listing) => {
  test('pages through everything once with its own cursors (control)', async () => {
    const path = pathOf(listing);
    const all = itemsOf(expectOk(await api.request('GET', `${path}?limit=500`, { token: auditor() })).body);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const paged: unknown[] = [];
    let cursor: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = expectOk(await api.request('GET', `${path}${sep}limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: auditor() })).body;
      paged.push(...itemsOf(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && paged.length <= all.length);
    expect(paged).toEqual(all);
  });

  test.each<[string, () => string]>([
    ['{}', () => b64({})],
    ['{"pk":"x"}', () => b64({ pk: 'x' })],
    ['[]', () => b64([])],
    ['a JSON string', () => b64('"PROJECT#x"')],
    ['not base64url', () => '%%%'],
    ['base64 of garbage bytes', () => Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22]).toString('base64url')],
    ['base64 with padding', () => `${b64({})}==`],
    ['the previous format: a raw start key', () => b64({ pk: 'PROJECT#x', sk: 'STATE', gsi2pk: TYPE.project, gsi2sk: 'PROJECT#active#x' })],
    ['the previous format: a sequence number', () => b64({ afterSeq: 1 })],
    ['a cursor of this shape with the wrong listing', () => b64({ l: 'nope', q: 'x', k: {} })],
    ['2,001 characters', () => 'a'.repeat(2001)],
  ])('a cursor that is %s → 400', async (what, make) => {
    expectBadCursor(await get(pathOf(listing), make()), what);
  });

  test('the cursors of every other listing → 400', async () => {
    for (const other of LISTINGS.filter((x) => x !== listing)) {
      expectBadCursor(await get(pathOf(listing), await cursorOf(pathOf(other))), other);
    }
  });
});

describe('a cursor is for the filters it was issued for', () => {
  test.each<[string, string, string]>([
    ['/projects?zoneId=NJ-HTZ', '/projects', 'zone filter dropped'],
    ['/projects', '/projects?status=active', 'status filter added'],
    ['/alerts?status=open', '/alerts', 'status filter dropped'],
    ['/alerts?zoneId=NJ-HTZ', '/alerts?city=南京市', 'zone for city'],
    ['/projects/{P0}/history', '/projects/{P1}/history', 'another project'],
    ['/projects/{P0}/history', '/projects/{P0}/history?type=allocation', 'a type filter added'],
  ])('%s → %s (%s): 400', async (from, to, what) => {
    const fill = (s: string) => s.replace('{P0}', P[0]!).replace('{P1}', P[1]!);
    expectBadCursor(await get(encodeURI(fill(to)), await cursorOf(encodeURI(fill(from)))), what);
  });

  test('a zone committee’s cursor does not serve an auditor, nor the other way round', async () => {
    const zone = api.token('zone-committee', 'NJ-HTZ');
    expectBadCursor(await get('/projects', await cursorOf('/projects', zone)), 'zone committee → auditor');
    expectBadCursor(await get('/projects', await cursorOf('/projects'), zone), 'auditor → zone committee');
  });
});

describe('a cursor of the right listing and filters, but a start key it never issues → 400', () => {
  const projectKey = (id: string) => ({ ...keys.projectState(id) });
  test.each<[string, string, () => Record<string, string>]>([
    ['/projects', 'another index’s attributes', () => ({ ...projectKey('X'), gsi1pk: indexKeys.zone('NJ-HTZ'), gsi1sk: indexKeys.projectInList('active', 'X') })],
    ['/projects', 'another partition of its index', () => ({ ...projectKey('X'), gsi2pk: TYPE.alert, gsi2sk: indexKeys.projectInList('active', 'X') })],
    ['/projects', 'another item family', () => ({ ...keys.document('X'), gsi2pk: TYPE.project, gsi2sk: indexKeys.projectInList('active', 'X') })],
    ['/projects', 'index and table keys of two items', () => ({ ...projectKey('X'), gsi2pk: TYPE.project, gsi2sk: indexKeys.projectInList('active', 'Y') })],
    ['/projects', 'an extra attribute', () => ({ ...projectKey('X'), gsi2pk: TYPE.project, gsi2sk: indexKeys.projectInList('active', 'X'), lagPk: 'LAGGING' })],
    ['/projects', 'a key value of 1,100 characters', () => ({ ...projectKey('X'), gsi2pk: TYPE.project, gsi2sk: indexKeys.projectInList('active', 'X'.repeat(1_100)) })],
    ['/projects?zoneId=NJ-HTZ', 'another zone’s partition', () => ({ ...projectKey('X'), gsi1pk: indexKeys.zone('SZ-SIP'), gsi1sk: indexKeys.projectInList('active', 'X') })],
    ['/activity', 'an entry key of another seq', () => ({ ...keys.entry('X', 2), gsi2pk: TYPE.entry, gsi2sk: '2026-01-01T00:00:00.000Z#X.3' })],
    ['/activity', 'a project key', () => ({ ...projectKey('X'), gsi2pk: TYPE.entry, gsi2sk: '2026-01-01T00:00:00.000Z#X.1' })],
    ['/statements', 'a statement of the zone index', () => ({ ...keys.document('X'), pk: 'STATEMENT#x', sk: 'META', gsi1pk: indexKeys.zone('NJ-HTZ'), gsi1sk: 'STATEMENT#2026-01-01T00:00:00.000Z#x' })],
    ['/statements', 'a line, not a statement', () => ({ pk: 'STATEMENT#x', sk: 'LINE#0000000001', gsi2pk: 'TYPE#STATEMENT', gsi2sk: '2026-01-01T00:00:00.000Z#x' })],
    ['/allocation-documents', 'the documents of another type', () => ({ ...keys.document('D'), gsi2pk: TYPE.project, gsi2sk: '2026-01-01T00:00:00.000Z#D' })],
    ['/allocation-documents', 'a sort key of another document', () => ({ ...keys.document('D'), gsi2pk: TYPE.document, gsi2sk: '2026-01-01T00:00:00.000Z#E' })],
    ['/alerts', 'an alert key in the zone index for the type index', () => ({ pk: keys.projectState('X').pk, sk: 'ALERT#disbursement-lag#province#2026-01-01', gsi1pk: indexKeys.zone('NJ-HTZ'), gsi1sk: 'ALERT#X#disbursement-lag#province#2026-01-01' })],
    ['/alerts?projectId={P0}', 'another project’s partition', () => ({ pk: keys.projectState('X').pk, sk: 'ALERT#disbursement-lag#province#2026-01-01' })],
    ['/budget-indicators', 'a sort key of another indicator', () => ({ ...keys.indicator('A'), gsi2pk: TYPE.indicator, gsi2sk: indexKeys.indicatorInList(2023, 'JS-2023-C', 'B') })],
    ['/budget-indicators', 'a project key', () => ({ ...keys.projectState('X'), gsi2pk: TYPE.indicator, gsi2sk: indexKeys.indicatorInList(2023, 'JS-2023-C', 'X') })],
    ['/budget-indicators?programCode=JS-2023-C', 'another program’s partition', () => ({ ...keys.indicator('A'), gsi1pk: indexKeys.indicatorsOfProgram('JS-2021-CLUSTER'), gsi1sk: indexKeys.indicatorInProgram(2023, 'A') })],
    ['/budget-indicators?fiscalYear=2023', 'another year', () => ({ ...keys.indicator('A'), gsi2pk: TYPE.indicator, gsi2sk: indexKeys.indicatorInList(2024, 'JS-2023-C', 'A') })],
  ])('%s with %s', async (path, _what, key) => {
    const filled = path.replace('{P0}', P[0]!);
    // The listing's own tag and filter fingerprint, as the server computes them: only the start key is wrong.
    const listing = filled === '/budget-indicators' ? { tag: 'indicators', filter: {} }
      : filled === '/budget-indicators?programCode=JS-2023-C' ? { tag: 'indicators', filter: { programCode: 'JS-2023-C' } }
        : filled === '/budget-indicators?fiscalYear=2023' ? { tag: 'indicators', filter: { fiscalYear: 2023 } }
          : filled.startsWith('/projects?zoneId') ? { tag: 'projects', filter: { zoneId: 'NJ-HTZ' } }
      : filled === '/projects' ? { tag: 'projects', filter: {} }
        : filled === '/activity' ? { tag: 'activity', filter: {} }
          : filled === '/allocation-documents' ? { tag: 'documents', filter: null }
          : filled === '/statements' ? { tag: 'statements', filter: { zoneId: null } }
            : filled === '/alerts' ? { tag: 'alerts', filter: {} }
              : { tag: 'alerts', filter: { projectId: P[0] } };
    // A well-formed cursor for this listing passes (the control for the forged ones below).
    const good = await cursorOf(filled);
    expect(JSON.parse(Buffer.from(good, 'base64url').toString()).q).toBe(JSON.parse(Buffer.from(encodeCursor(listing, {}), 'base64url').toString()).q);
    expectBadCursor(await get(filled, encodeCursor(listing, key())), path);
  });

  test('a statement’s lines: a line number below 1, fractional or a string → 400', async () => {
    const listing = { tag: 'statement-lines', filter: { statementId: S[0] } };
    for (const k of [0, -1, 1.5, '2', null, { lineNo: 2 }]) expectBadCursor(await get(`/statements/${S[0]}`, encodeCursor(listing, k)), JSON.stringify(k));
    // The cursor of another statement's lines is not this one's.
    expectBadCursor(await get(`/statements/${S[0]}`, encodeCursor({ tag: 'statement-lines', filter: { statementId: S[1] } }, 2)), 'another statement');
    expect(itemsOf(expectOk(await get(`/statements/${S[0]}`, encodeCursor(listing, 2))).body)).toHaveLength(1);
  });

  test('history: a sequence past ten digits, negative, fractional or a string → 400', async () => {
    const listing = { tag: 'history', filter: { projectId: P[0] } };
    for (const afterSeq of [1e10, -1, 1.5, '1', null]) {
      expectBadCursor(await get(`/projects/${P[0]}/history`, encodeCursor(listing, { afterSeq })), String(afterSeq));
    }
    // The same position, written as this listing writes it, is read (control).
    expectOk(await get(`/projects/${P[0]}/history`, encodeCursor(listing, { afterSeq: 1 })));
  });
});

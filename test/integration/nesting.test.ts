/**
 * A body nested deeper than any request needs is refused (400 naming the limit) before a recursive
 * parser sees it, on every JSON POST route of the spec — never a 500 from a blown stack — and
 * nothing is stored.
 */
import { writeSpec } from '../../functions/api/spec-writes';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../functions/lib/http/json-body';
import { readTable, type TestResponse } from './support/api';
import { expectOk, expectProblem, idemKey, ledger, registration2023, useSeededApi } from './support/fixtures';

const api = useSeededApi();
let P: string;

/** Every POST whose spec takes a JSON body, with its path parameters filled in. */
const jsonRoutes = Object.entries(writeSpec)
  .filter(([, spec]) => spec.body !== undefined)
  .map(([key]) => key.replace(/^POST /, ''));

const pathOf = (route: string) => route.replace('{projectId}', P).replace('{entryId}', `${P}.1`).replace('{evidenceId}', 'ev-1').replace('{clusterId}', 'NJ-BIO-2023')
  // A statement is named by its file's SHA-256; a line by its number.
  .replace('{statementId}', 'a'.repeat(64)).replace('{lineNo}', '1');

const objects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const arrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

beforeAll(async () => {
  const reg = registration2023();
  expectOk(await ledger(api, 'NJ-HTZ').register(reg));
  P = reg.projectId;
});

function expectDepthRefusal(res: TestResponse): void {
  expectProblem(res, 400);
  expect(res.body.errors).toEqual([{ path: '', message: expect.stringContaining(`${MAX_JSON_DEPTH} levels`) }]);
  expect(res.body.detail).toContain(String(MAX_JSON_DEPTH));
}

test('the spec has the JSON POST routes this test walks', () => {
  // A guard against the filter silently matching nothing.
  expect(jsonRoutes).toEqual(expect.arrayContaining(['/projects', '/programs', '/allocation-documents', '/alerts/sweep', '/projects/{projectId}/allocations', '/projects/{projectId}/holds/{entryId}/release']));
  expect(jsonRoutes.length).toBeGreaterThanOrEqual(25);
});

describe.each<[string, () => string]>([
  ['8,000 nested objects', () => objects(8_000)],
  ['30,000 nested arrays', () => arrays(30_000)],
])('%s', (_name, make) => {
  test.each(jsonRoutes)('POST %s → 400 naming the limit, nothing stored', async (route) => {
    const rawBody = make();
    expect(Buffer.byteLength(rawBody)).toBeLessThan(MAX_BODY_BYTES);
    const before = await readTable(api.tableName);
    const res = await api.request('POST', pathOf(route), { token: api.token('admin'), rawBody, headers: { 'Idempotency-Key': idemKey() } });
    expectDepthRefusal(res);
    expect(await readTable(api.tableName)).toEqual(before);
  });
});

test('the limit is exact: 32 levels are read (and judged on their merits), 33 are not', async () => {
  const token = api.token('finance-officer');
  const path = `/projects/${P}/allocations`;
  const atLimit = await api.request('POST', path, { token, rawBody: objects(MAX_JSON_DEPTH), headers: { 'Idempotency-Key': idemKey() } });
  expectProblem(atLimit, 400);
  expect(atLimit.body.errors).toEqual(expect.arrayContaining([{ path: 'a', message: 'unknown field' }]));
  expectDepthRefusal(await api.request('POST', path, { token, rawBody: objects(MAX_JSON_DEPTH + 1), headers: { 'Idempotency-Key': idemKey() } }));
  expectDepthRefusal(await api.request('POST', path, { token, rawBody: `{"memo":${arrays(MAX_JSON_DEPTH)}}`, headers: { 'Idempotency-Key': idemKey() } }));
});

test('brackets inside strings do not count, escaped quotes included', async () => {
  const token = api.token('finance-officer');
  const deepText = `${'[{'.repeat(5_000)}\\"${'}]'.repeat(5_000)}`;
  const res = await api.request('POST', `/projects/${P}/allocations`, {
    token, rawBody: JSON.stringify({ amountFen: 1.5, valueDate: '2023-07-15', reference: 'R', memo: deepText }), headers: { 'Idempotency-Key': idemKey() },
  });
  expectProblem(res, 400);
  // Refused for what the fields say (a fractional amount, a memo over 500 characters), not for nesting.
  expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['amountFen', 'memo']);
});

/**
 * An impossible date is a 400 wherever a date arrives in a path or a query — `GET /digests/2026-02-30`
 * as much as `?asOf=2026-02-30` — never a 404 "No digest" or a 500. The parameters are found in the
 * route specs: every one typed as a business date or a digest reference, and every one whose name
 * says it is a date must be typed so.
 */
import { readSpec } from '../../functions/api/spec-reads';
import { writeSpec } from '../../functions/api/spec-writes';
import * as s from '../../functions/lib/schemas';
import { real } from '../../domain/schema/lazy';
import { expectOk, expectProblem, ledger, registration2023, useSeededApi } from './support/fixtures';

const api = useSeededApi();
let P: string;

type Shape = Record<string, { _zod?: { def?: { type?: string; innerType?: unknown } } }>;
const unwrap = (t: Shape[string]) => (t?._zod?.def?.type === 'optional' ? t._zod.def.innerType : t);
const DATE_SCHEMAS = new Set<unknown>([real(s.businessDate), real(s.digestRef)]);
const LOOKS_LIKE_A_DATE = /^(asOf|from|to|digest|digestId|date)$|On$|Date$/;

const parameters = Object.entries({ ...readSpec, ...writeSpec }).flatMap(([key, spec]) =>
  (['path', 'query'] as const).flatMap((where) => {
    const schema = where === 'path' ? spec.params : spec.query;
    if (!schema) return [];
    return Object.entries((schema as unknown as { shape: Shape }).shape).map(([name, t]) => ({ key, where, name, isDate: DATE_SCHEMAS.has(unwrap(t)) }));
  }),
);
const dateParameters = parameters.filter((p) => p.isDate).map((p) => [`${p.key} ${p.where}.${p.name}`, p] as const);

/** Routes with required query parameters besides the date. */
const REQUIRED_QUERY: Record<string, string> = {
  'GET /reports/execution': 'fiscalYear=2026&groupBy=zone',
  'GET /reports/execution.xlsx': 'fiscalYear=2026&groupBy=zone',
};

/** The request for a parameter holding `value`, other path parameters filled with real ones. */
function target(p: { key: string; where: 'path' | 'query'; name: string }, value: string): { method: string; path: string } {
  const [method, template] = p.key.split(' ') as [string, string];
  let path = template.replace('{projectId}', P);
  // The route's other required query parameters, with real values: only the date is wrong.
  const others = REQUIRED_QUERY[p.key] ?? '';
  if (p.where === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value)) + (others ? `?${others}` : '');
  else path += `?${others ? `${others}&` : ''}${p.name}=${encodeURIComponent(value)}`;
  return { method, path };
}

beforeAll(async () => {
  const reg = registration2023();
  expectOk(await ledger(api, 'NJ-HTZ').register(reg));
  P = reg.projectId;
  expectOk(await api.request('POST', '/digests', { token: api.token('admin') }));
});

test('every path or query parameter named like a date is typed as one, and there are such parameters', () => {
  expect(parameters.filter((p) => LOOKS_LIKE_A_DATE.test(p.name) && !p.isDate)).toEqual([]);
  expect(dateParameters.map(([name]) => name)).toEqual(expect.arrayContaining(['GET /digests/{digestId} path.digestId', 'GET /projects/{projectId} query.asOf', 'GET /projects/{projectId}/verify query.digest']));
});

describe.each(dateParameters)('%s', (_name, p) => {
  test.each(['2026-02-30', '2026-13-01', '2025-00-10', '2023-02-29', '2026-04-31'])('%s → 400 naming the parameter', async (date) => {
    const { method, path } = target(p, date);
    const res = await api.request(method, path, { token: api.token('auditor') });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([`${p.where}.${p.name}`]);
  });

  test('a real date is not refused for its form (control)', async () => {
    const { method, path } = target(p, '2024-02-29');
    const res = await api.request(method, path, { token: api.token('auditor') });
    // 200, or 404 where no digest was made that day.
    expect([200, 404]).toContain(res.status);
  });
});

test('a digest id on an impossible day is a 400 too, by path and by query; an id on a real day with no digest is a 404', async () => {
  const auditor = api.token('auditor');
  for (const id of ['2026-02-30.1', '2026-13-01.2', '2025-00-10.1']) {
    expectProblem(await api.request('GET', `/digests/${id}`, { token: auditor }), 400);
    expectProblem(await api.request('GET', `/projects/${P}/verify?digest=${id}`, { token: auditor }), 400);
  }
  expectProblem(await api.request('GET', '/digests/2026-02-28.1', { token: auditor }), 404);
  // A number no digest can have (0, a leading zero) is refused for its form.
  for (const id of ['2026-02-28.0', '2026-02-28.01']) expectProblem(await api.request('GET', `/projects/${P}/verify?digest=${id}`, { token: auditor }), 400);
});

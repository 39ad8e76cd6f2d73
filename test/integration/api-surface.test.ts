/** /openapi.json is served without a token and describes every route from the zod schemas. */
import { useTestApi } from './support/fixtures';
import { routes } from '../../functions/routes';

const api = useTestApi({ seeded: false });

test('an OpenAPI 3.1 document with every route and the request schemas', async () => {
  const res = await api.request('GET', '/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe('3.1.0');
  for (const r of routes) expect(res.body.paths[r.path]?.[r.method.toLowerCase()]).toBeDefined();
  const allocation = res.body.components.schemas.Allocation;
  expect(allocation.required).toEqual(expect.arrayContaining(['amountFen', 'valueDate', 'reference']));
  expect(allocation.properties.amountFen.type).toBe('integer');
  expect(allocation.additionalProperties).toBe(false);
  const post = res.body.paths['/projects/{projectId}/allocations'].post;
  expect(post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true })]));
  expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '413', '415', '422', '503']));
  expect(res.body.paths['/health'].get.security).toEqual([]);
});

test('a forged or foreign cursor is a 400, not a 500', async () => {
  const auditor = api.token('auditor');
  const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  for (const bad of ['%%%', cursor({ foo: 1 }), cursor({ pk: 1, sk: 'x' }), cursor({ pk: 'PROJECT#x', sk: 'STATE' })]) {
    for (const path of ['/projects', '/alerts', '/projects/NOPE/history']) {
      const res = await api.request('GET', `${path}?cursor=${encodeURIComponent(bad)}`, { token: auditor });
      expect({ path, bad, status: res.status }).toEqual({ path, bad, status: path.endsWith('history') ? 404 : 400 });
    }
  }
});

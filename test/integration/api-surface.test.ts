/**
 * /openapi.json is served without a token, covers every route the stack deploys, and describes each
 * operation fully: summary, tags and a unique operationId; every parameter; every response with its
 * status and body schema (problems as the Problem component). The contract check that every other
 * test's client runs on every response is itself checked here against responses that break it.
 */
import { routes } from '../../functions/routes';
import { expectOk, useTestApi } from './support/fixtures';

const api = useTestApi({ seeded: false });
const doc = () => api.contract.doc;

test('an OpenAPI 3.1 document, served without a token, with an operation for every deployed route and no other', async () => {
  const res = await api.request('GET', '/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body.openapi).toBe('3.1.0');
  expect(res.body).toEqual(doc());
  const documented = api.contract.operations().map((o) => `${o.method} ${o.path}`).sort();
  expect(documented).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  expect(documented.length).toBeGreaterThanOrEqual(39);
});

test('every operation has a summary, tags that the document declares, and a unique operationId', () => {
  const declared = new Set((doc().tags as { name: string; description: string }[]).map((t) => t.name));
  const ids = new Set<string>();
  for (const { method, path, operation } of api.contract.operations()) {
    const where = `${method} ${path}`;
    expect({ where, summary: typeof operation.summary === 'string' && operation.summary.length > 3 }).toEqual({ where, summary: true });
    expect({ where, tags: Array.isArray(operation.tags) && operation.tags.length > 0 }).toEqual({ where, tags: true });
    for (const tag of operation.tags) expect({ where, tag, declared: declared.has(tag) }).toEqual({ where, tag, declared: true });
    expect({ where, operationId: typeof operation.operationId === 'string' && /^[A-Za-z][A-Za-z0-9]*$/.test(operation.operationId) }).toEqual({ where, operationId: true });
    expect({ where, unique: !ids.has(operation.operationId) }).toEqual({ where, unique: true });
    ids.add(operation.operationId);
  }
});

test('every response has a status, a description and a body schema; errors are problems (but the gateway\'s 429)', () => {
  for (const { method, path, operation } of api.contract.operations()) {
    const responses = operation.responses as Record<string, any>;
    expect(Object.keys(responses).length).toBeGreaterThan(0);
    for (const [status, r] of Object.entries(responses)) {
      const where = `${method} ${path} ${status}`;
      expect({ where, status: /^[1-5]\d\d$/.test(status) }).toEqual({ where, status: true });
      expect({ where, description: typeof r.description === 'string' && r.description.length > 0 }).toEqual({ where, description: true });
      if (status === '303') continue; // a redirect: Location, no body
      const content = r.content as Record<string, { schema?: unknown }> | undefined;
      expect({ where, content: !!content && Object.keys(content).length > 0 }).toEqual({ where, content: true });
      for (const [type, media] of Object.entries(content!)) expect({ where, type, schema: media.schema !== undefined }).toEqual({ where, type, schema: true });
      // 429 is API Gateway's own throttling answer ({"message": ...}), before any handler runs.
      if (Number(status) >= 400 && status !== '429') {
        expect({ where, content: Object.keys(content!) }).toEqual({ where, content: ['application/problem+json'] });
        expect(content!['application/problem+json']!.schema).toEqual({ $ref: '#/components/schemas/Problem' });
      }
    }
    // Protected operations answer 401 and 403; those with parameters or a body 400.
    if (!(Array.isArray(operation.security) && operation.security.length === 0)) {
      expect({ where: `${method} ${path}`, has: ['401', '403'].every((s) => s in responses) }).toEqual({ where: `${method} ${path}`, has: true });
    }
    if (operation.parameters?.length || operation.requestBody) expect({ where: `${method} ${path}`, has400: '400' in responses }).toEqual({ where: `${method} ${path}`, has400: true });
  }
});

test('every path parameter is declared; ledger events (and evidence declarations) require an Idempotency-Key and list 409, 422 and 503', () => {
  for (const { method, path, operation } of api.contract.operations()) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const declared = ((operation.parameters ?? []) as { name: string; in: string; required: boolean }[]).filter((p) => p.in === 'path');
    expect({ path, declared: declared.map((p) => p.name).sort() }).toEqual({ path, declared: [...inPath].sort() });
    for (const p of declared) expect(p.required).toBe(true);
    if (inPath.length) expect({ path, has404: '404' in operation.responses }).toEqual({ path, has404: true });
    if (method === 'POST' && path.startsWith('/projects/{projectId}/')) {
      const key = (operation.parameters as { name: string; in: string; required: boolean; schema: { pattern: string } }[]).find((p) => p.name === 'Idempotency-Key');
      expect({ path, key: key && { in: key.in, required: key.required } }).toEqual({ path, key: { in: 'header', required: true } });
      expect(new RegExp(key!.schema.pattern).test('a'.repeat(128))).toBe(true);
      expect(new RegExp(key!.schema.pattern).test('a'.repeat(129))).toBe(false);
      // An evidence declaration writes no entry (no funding rule to break): no 422.
      const statuses = path === '/projects/{projectId}/evidence' ? ['201', '409', '503', '413', '415'] : ['201', '409', '422', '503', '413', '415'];
      for (const s of statuses) expect({ path, s, listed: s in operation.responses }).toEqual({ path, s, listed: true });
      expect(operation.requestBody?.content?.['application/json']?.schema).toBeDefined();
    }
  }
  expect(doc().paths['/health'].get.security).toEqual([]);
  expect(doc().paths['/openapi.json'].get.security).toEqual([]);
  expect(doc().components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
});

test('request schemas are strict and money is integer fen', () => {
  const schemas = doc().components.schemas as Record<string, any>;
  for (const name of ['Allocation', 'MatchConfirmation', 'Transfer', 'Disbursement', 'Recovery', 'Decommitment', 'Reversal', 'CapExceptionProposal', 'AdjustmentProposal', 'Inspection', 'Hold', 'AcceptanceApplication', 'AcceptanceResult', 'TerminationProposal', 'ProjectRegistration']) {
    expect({ name, strict: schemas[name]?.additionalProperties }).toEqual({ name, strict: false });
  }
  expect(schemas.Allocation.required).toEqual(expect.arrayContaining(['amountFen', 'valueDate', 'reference']));
  expect(schemas.Allocation.properties.amountFen).toMatchObject({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
  expect(schemas.Allocation.properties.valueDate).toMatchObject({ type: 'string', format: 'date' });
  expect(schemas.Balances).toBeDefined();
  expect(schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
  // Every rule id is one the Problem schema knows.
  expect(schemas.Problem.properties.rule.enum).toEqual(expect.arrayContaining(['four-eyes', 'proposal-not-pending', 'not-on-hold', 'acceptance-not-applied', 'record-limit', 'idempotency-key-reuse']));
});

describe('the contract check every test client runs', () => {
  const check = (r: { method: string; target: string; status: number; contentType?: string; body: unknown }) =>
    () => api.contract.check({ contentType: 'application/json', text: JSON.stringify(r.body), ...r });

  test('accepts a real answer and refuses one that breaks the document', async () => {
    const health = expectOk(await api.request('GET', '/health'));
    expect(check({ method: 'GET', target: '/health', status: 200, body: health.body })).not.toThrow();
    // A status the operation does not list.
    expect(check({ method: 'GET', target: '/health', status: 500, contentType: 'application/problem+json', body: { type: 'x', title: 'x', status: 500, detail: 'x' } })).toThrow(/does not list status 500/);
    expect(check({ method: 'POST', target: '/projects/P-1/allocations', status: 200, body: {} })).toThrow(/does not list status 200/);
    // A body its schema refuses.
    expect(check({ method: 'GET', target: '/health', status: 200, body: { status: 'fine' } })).toThrow(/GET \/health 200/);
    expect(check({ method: 'GET', target: '/zones', status: 200, body: { zones: [{ zoneId: 'Z' }] } })).toThrow(/GET \/zones 200/);
    // A content type it does not name; a problem that is not one.
    expect(check({ method: 'GET', target: '/health', status: 200, contentType: 'text/plain', body: { status: 'ok' } })).toThrow(/content type/);
    expect(check({ method: 'GET', target: '/projects/P-1', status: 404, contentType: 'application/problem+json', body: { title: 'x' } })).toThrow(/Problem/);
    expect(check({ method: 'GET', target: '/projects/P-1', status: 404, contentType: 'application/problem+json', body: { type: 'x', title: 'x', status: 403, detail: 'x' } })).toThrow(/differs from the HTTP status/);
    expect(check({ method: 'POST', target: '/projects/P-1/allocations', status: 422, contentType: 'application/problem+json', body: { type: 'x', title: 'x', status: 422, detail: 'x', rule: 'no-such-rule' } })).toThrow(/Problem/);
    // No operation: only the gateway's 404/405.
    expect(check({ method: 'GET', target: '/nowhere', status: 200, body: {} })).toThrow(/no operation/);
    expect(check({ method: 'DELETE', target: '/projects', status: 405, contentType: 'application/problem+json', body: { type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: 'x' } })).not.toThrow();
  });

  test('the gateway\'s own answers (no route, wrong method, no token) are problems the document accepts', async () => {
    expect((await api.request('GET', '/nowhere', { token: api.token('auditor') })).status).toBe(404);
    expect((await api.request('PATCH', '/projects', { token: api.token('auditor') })).status).toBe(405);
    expect((await api.request('GET', '/projects')).status).toBe(401);
  });
});

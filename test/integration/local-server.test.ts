/**
 * The local API Gateway stand-in: routing, the JWT authorizer, and that requests reach handlers.
 * The read and write handlers are replaced by mocks that answer outside the API contract on
 * purpose (to see how results are written back), so requests that reach them go through
 * `rawRequest`; the gateway's own answers (401, 404, 405, 413) are checked against /openapi.json.
 */
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalServer } from '../../local/server';
import { startTestApi, type TestApi } from './support/api';

// The read and write handlers are replaced in this file only, to look at the exact event the server
// builds and at how it writes results back. /health and /openapi.json still reach the real handler.
const mockEvents: any[] = [];
jest.mock('../../functions/handlers/read', () => ({
  handler: async (event: any) => {
    mockEvents.push(event);
    return { statusCode: 200, body: JSON.stringify({ seen: true }) }; // no content-type on purpose
  },
}));
jest.mock('../../functions/handlers/write', () => ({
  handler: async (event: any) => {
    mockEvents.push(event);
    return {
      statusCode: 202,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Custom': 7 },
      cookies: ['a=1; Path=/', 'b=2'],
      isBase64Encoded: true,
      body: Buffer.from('héllo', 'utf8').toString('base64'),
    };
  },
}));
const lastEvent = (): any => mockEvents[mockEvents.length - 1];

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

describe('local server', () => {
  it('creates a fresh table per test file', () => {
    expect(api.tableName).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('answers 401 problem+json on a protected route without a token', async () => {
    const res = await api.request('GET', '/projects');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(typeof res.body.type).toBe('string');
    expect(typeof res.body.detail).toBe('string');
  });

  it('answers 401 with a malformed or wrongly signed token', async () => {
    expect((await api.request('GET', '/projects', { token: 'not-a-jwt' })).status).toBe(401);
    const good = api.token('admin');
    const tampered = `${good.slice(0, -4)}${good.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const res = await api.request('POST', '/programs', { token: tampered, body: {} });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
  });

  it('answers 401 with an expired token', async () => {
    const expired = api.tokenWith({ role: 'auditor', expiresInSeconds: -60 });
    const res = await api.request('GET', '/alerts', { token: expired });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: 401 });
  });

  it('answers 404 problem+json for an unknown route', async () => {
    const res = await api.request('GET', '/no-such-thing', { token: api.token('admin') });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('answers 405 for a known path with another method', async () => {
    const res = await api.request('DELETE', '/projects', { token: api.token('admin') });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toContain('GET');
  });

  it('lets /health through without a token to its handler', async () => {
    const res = await api.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lets a valid token through to the handler of a protected route', async () => {
    const res = await api.rawRequest('GET', '/projects', { token: api.token('auditor') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ seen: true });
    expect(lastEvent().routeKey).toBe('GET /projects');
  });

  it('passes a city bureau\'s custom:city claim through as API Gateway would', async () => {
    await api.rawRequest('GET', '/alerts', { token: api.token('city-bureau', '南京市', 'cb-1') });
    const claims = lastEvent().requestContext.authorizer.jwt.claims;
    expect(claims['cognito:groups']).toBe('[city-bureau]');
    expect(claims['custom:city']).toBe('南京市');
    expect(claims['custom:zoneId']).toBeUndefined();
  });

  it('builds a payload 2.0 event with flattened claims, decoded parameters and no body', async () => {
    const token = api.token('zone-committee', 'NJ-HTZ', 'zc-1');
    const res = await api.rawRequest('GET', '/projects/BA%2F1%20x/history?type=allocation&type=disbursement&asOf=2024-01-01&q=a%2Bb', {
      token,
      headers: { 'X-Trace': 'abc', Cookie: 'c1=v1; c2=v2' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toEqual({ seen: true });
    const e = lastEvent();
    expect(e.version).toBe('2.0');
    expect(e.routeKey).toBe('GET /projects/{projectId}/history');
    expect(e.rawPath).toBe('/projects/BA%2F1%20x/history');
    expect(e.rawQueryString).toBe('type=allocation&type=disbursement&asOf=2024-01-01&q=a%2Bb');
    expect(e.queryStringParameters).toEqual({ type: 'allocation,disbursement', asOf: '2024-01-01', q: 'a+b' });
    expect(e.pathParameters).toEqual({ projectId: 'BA/1 x' });
    expect(e.headers['x-trace']).toBe('abc');
    expect(e.headers.authorization).toBe(`Bearer ${token}`);
    expect(e.headers.cookie).toBeUndefined();
    expect(e.cookies).toEqual(['c1=v1', 'c2=v2']);
    expect(e.body).toBeUndefined();
    expect(e.isBase64Encoded).toBe(false);
    expect(e.requestContext).toMatchObject({
      stage: '$default',
      routeKey: 'GET /projects/{projectId}/history',
      http: { method: 'GET', path: '/projects/BA%2F1%20x/history', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
      authorizer: { jwt: { scopes: null } },
    });
    expect(typeof e.requestContext.requestId).toBe('string');
    expect(typeof e.requestContext.timeEpoch).toBe('number');
    expect(e.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    const claims = e.requestContext.authorizer.jwt.claims;
    expect(claims['cognito:groups']).toBe('[zone-committee]');
    expect(claims['custom:zoneId']).toBe('NJ-HTZ');
    expect(claims.sub).toBe('zc-1');
    expect(typeof claims.exp).toBe('string');
  });

  it('omits queryStringParameters when there is no query string', async () => {
    await api.rawRequest('GET', '/projects/P1/verify', { token: api.token('auditor') });
    expect(lastEvent().queryStringParameters).toBeUndefined();
    expect(lastEvent().rawQueryString).toBe('');
  });

  it('passes a 100 KiB body through untouched and maps the structured result back', async () => {
    const big = JSON.stringify({ memo: 'x'.repeat(100 * 1024) });
    const res = await api.rawRequest('POST', '/projects/P1/allocations', {
      token: api.token('finance-officer'),
      rawBody: big,
      headers: { 'Idempotency-Key': 'k-1' },
    });
    expect(res.status).toBe(202);
    expect(res.text).toBe('héllo');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-custom']).toBe('7');
    expect(res.headers['set-cookie']).toContain('a=1; Path=/');
    const e = lastEvent();
    expect(e.routeKey).toBe('POST /projects/{projectId}/allocations');
    expect(e.body).toBe(big);
    expect(e.isBase64Encoded).toBe(false);
    expect(e.headers['idempotency-key']).toBe('k-1');
    expect(e.headers['content-type']).toBe('application/json');
    expect(e.requestContext.authorizer.jwt.claims['cognito:groups']).toBe('[finance-officer]');
  });

  it('base64-encodes a body that is not UTF-8', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    await api.rawRequest('POST', '/projects/P1/allocations', {
      token: api.token('finance-officer'),
      rawBody: bytes,
      contentType: 'application/octet-stream',
    });
    expect(lastEvent().isBase64Encoded).toBe(true);
    expect(Buffer.from(lastEvent().body, 'base64').equals(bytes)).toBe(true);
  });

  it('passes a body as text only for text media types, as API Gateway does; any other arrives base64-encoded', async () => {
    const body = '{"amountFen":1}';
    const cases: Array<[string | undefined, boolean]> = [
      ['application/json', false],
      ['Application/JSON; charset=utf-8', false],
      ['text/csv', false],
      ['application/x-www-form-urlencoded', true], // what `curl -d` sends
      ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', true],
      [undefined, true],
    ];
    for (const [contentType, base64] of cases) {
      const res = await fetch(`${api.url}/projects/P1/allocations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token('finance-officer')}`, ...(contentType ? { 'content-type': contentType } : {}) },
        body: new Uint8Array(Buffer.from(body)), // bytes: fetch adds no content-type of its own
      });
      expect(res.status).toBe(202);
      const e = lastEvent();
      expect({ contentType, isBase64Encoded: e.isBase64Encoded, body: e.body }).toEqual({
        contentType,
        isBase64Encoded: base64,
        body: base64 ? Buffer.from(body).toString('base64') : body,
      });
    }
  });

  it('refuses bodies above 6 MiB with 413 like API Gateway', async () => {
    const before = mockEvents.length;
    const res = await api.request('POST', '/projects/P1/allocations', {
      token: api.token('finance-officer'),
      rawBody: 'x'.repeat(6 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    expect(mockEvents.length).toBe(before);
  });

  it('does not call the handler when the token is missing', async () => {
    const before = mockEvents.length;
    expect((await api.request('POST', '/projects/P1/allocations', { body: {} })).status).toBe(401);
    expect(mockEvents.length).toBe(before);
  });
});

/** A GET as curl or a readiness probe sends it: no Accept, or one without text/html. */
async function plainGet(url: string, accept?: string, method = 'GET'): Promise<{ status: number; type: string; vary: string | null; text: string }> {
  const res = await fetch(url, { method, headers: accept === undefined ? {} : { accept } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', vary: res.headers.get('vary'), text: await res.text() };
}

describe('the console beside the API', () => {
  const INDEX = '<!doctype html><title>FundLedger console (test build)</title>';
  let dir: string;
  let site: LocalServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fundledger-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    const { createLocalServer } = await import('../../local/server');
    site = await createLocalServer({ consoleDir: dir });
  });

  afterAll(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page on the console\'s own addresses whatever the Accept header (curl, a readiness probe)', async () => {
    for (const path of ['/', '/signin', '/portfolio', '/documents', '/documents/new', '/imports']) {
      for (const accept of [undefined, '*/*', 'application/json', 'text/html']) {
        const res = await plainGet(site.url + path, accept);
        expect({ path, accept, status: res.status, type: res.type, text: res.text }).toEqual({ path, accept, status: 200, type: 'text/html; charset=utf-8', text: INDEX });
      }
    }
    const head = await plainGet(`${site.url}/`, undefined, 'HEAD');
    expect([head.status, head.type]).toEqual([200, 'text/html; charset=utf-8']);
  });

  it('keeps the API paths it shares with the console answering JSON, unless a browser navigates', async () => {
    for (const accept of [undefined, '*/*', 'application/json']) {
      const res = await plainGet(`${site.url}/projects`, accept);
      expect({ accept, status: res.status, type: res.type }).toEqual({ accept, status: 401, type: 'application/problem+json' });
    }
    const reached = await fetch(`${site.url}/alerts`, { headers: { authorization: `Bearer ${api.token('auditor')}` } });
    expect([reached.status, await reached.json()]).toEqual([200, { seen: true }]);
    const page = await plainGet(`${site.url}/projects/BA2023-0101`, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8');
    expect([page.status, page.text, page.vary]).toEqual([200, INDEX, 'Accept, Authorization']);
    // An API path whose parameter cannot be decoded is the API's 404, not the page.
    const malformed = await plainGet(`${site.url}/projects/BA%E4%2023`);
    expect([malformed.status, malformed.type]).toEqual([404, 'application/problem+json']);
    // Not a console address and not an API route: JSON 404 to an API client, the page (the
    // console's own "not found") to a browser.
    expect((await plainGet(`${site.url}/no-such-thing`)).type).toBe('application/problem+json');
    expect((await plainGet(`${site.url}/no-such-thing`, 'text/html')).text).toBe(INDEX);
  });

  it('names the origin it is served from as the server in /openapi.json, whatever the port or host name', async () => {
    const doc = (await (await fetch(`${site.url}/openapi.json`)).json()) as { servers: { url: string }[] };
    expect(doc.servers.map((s) => s.url)).toEqual([site.url]);
    expect(site.url).not.toBe('http://127.0.0.1:3000');
    // Reached as localhost (fetch may not set Host): that is the origin the document names.
    const asLocalhost = await new Promise<string>((resolveBody, reject) => {
      const req = httpRequest(`${site.url}/openapi.json`, { headers: { host: `localhost:${site.port}` } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolveBody(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect((JSON.parse(asLocalhost) as { servers: { url: string }[] }).servers.map((s) => s.url)).toEqual([`http://localhost:${site.port}`]);
  });
});

describe('a server that is starting up', () => {
  let site: LocalServer;

  beforeAll(async () => {
    const { createLocalServer } = await import('../../local/server');
    site = await createLocalServer({ consoleDir: null, startingUp: 'loading the demo data' });
  });

  afterAll(async () => {
    await site?.close();
  });

  it('answers 503 with Retry-After everywhere, a page on the console\'s addresses, while its internal address serves; then serves', async () => {
    const page = await plainGet(`${site.url}/`);
    expect([page.status, page.type]).toEqual([503, 'text/html; charset=utf-8']);
    expect(page.text).toContain('loading the demo data');
    const health = await fetch(`${site.url}/health`);
    expect([health.status, health.headers.get('content-type'), Number(health.headers.get('retry-after')) > 0]).toEqual([503, 'application/problem+json', true]);
    expect(await health.json()).toMatchObject({ status: 503, title: 'Service Unavailable', detail: expect.stringContaining('loading the demo data') });
    expect(site.internalUrl).not.toBe(site.url);
    expect((await fetch(`${site.internalUrl}/health`)).status).toBe(200);

    await site.ready();
    expect((await fetch(`${site.url}/health`)).status).toBe(200);
    await expect(fetch(`${site.internalUrl}/health`)).rejects.toThrow(); // closed once ready
  });
});

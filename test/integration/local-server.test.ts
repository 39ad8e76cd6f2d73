/**
 * The local API Gateway stand-in: routing, the JWT authorizer, and that requests reach handlers.
 * The read and write handlers are replaced by mocks that answer outside the API contract on
 * purpose (to see how results are written back), so requests that reach them go through
 * `rawRequest`; the gateway's own answers (401, 404, 405, 413) are checked against /openapi.json.
 */
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

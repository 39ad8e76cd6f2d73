/**
 * The console's API client and its Idempotency-Key helper (console/src/services), on a fake
 * fetch: headers sent, problem+json → ApiError, schema validation, one key per submission.
 */
import * as z from 'zod/mini';
import { ApiClient, ApiError, apiPath } from '../../console/src/services/api';
import { Submission, newIdempotencyKey } from '../../console/src/services/idempotency';

type Call = { url: string; init: RequestInit };

function fakeApi(answers: (() => Response | Promise<Response>)[], token: string | null = 'tok') {
  const calls: Call[] = [];
  let unauthorized = 0;
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  }) as unknown as typeof globalThis.fetch;
  const api = new ApiClient({ baseUrl: 'https://api.example/', getToken: () => token, onUnauthorized: () => unauthorized++, fetch });
  return { api, calls, unauthorized: () => unauthorized };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('ApiClient', () => {
  it('sends Accept, the bearer token and the query, and validates with the schema it is given', async () => {
    const { api, calls } = fakeApi([() => json(200, { projects: [{ projectId: 'P1', extra: true }], nextCursor: null })]);
    const schema = z.object({ projects: z.array(z.looseObject({ projectId: z.string() })), nextCursor: z.nullable(z.string()) });
    const page = await api.get('/projects', schema, { query: { zoneId: 'NJ-HTZ', lagging: undefined, programCode: '' } });
    expect(page.projects[0]!.projectId).toBe('P1');
    expect(calls[0]!.url).toBe('https://api.example/projects?zoneId=NJ-HTZ');
    expect(calls[0]!.init.headers).toMatchObject({ accept: 'application/json', authorization: 'Bearer tok' });
  });

  it('sends JSON and the Idempotency-Key on a POST', async () => {
    const { api, calls } = fakeApi([() => json(201, { entry: {} })]);
    await api.post('/projects/P1/allocations', { amountFen: 1 }, { idempotencyKey: 'k-1' });
    expect(calls[0]!.init).toMatchObject({ method: 'POST', body: '{"amountFen":1}' });
    expect(calls[0]!.init.headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': 'k-1' });
  });

  it('leaves the token off when asked (the local sign-in routes)', async () => {
    const { api, calls } = fakeApi([() => json(200, { identities: [] })]);
    await api.get('/local/identities', undefined, { auth: false });
    expect(calls[0]!.init.headers).not.toHaveProperty('authorization');
  });

  it('turns a problem+json answer into an ApiError with its members', async () => {
    const problem = { type: 'about:blank', title: 'Unprocessable', status: 422, detail: 'cap', rule: 'province-per-project', limitFen: 10, usedFen: 10, attemptedFen: 1 };
    const { api } = fakeApi([() => json(422, problem, { 'content-type': 'application/problem+json', 'idempotent-replayed': 'true' })]);
    const err = (await api.post('/projects/P1/allocations', {}).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe('problem');
    expect(err.status).toBe(422);
    expect(err.rule).toBe('province-per-project');
    expect(err.problem).toMatchObject({ limitFen: 10, usedFen: 10, attemptedFen: 1 });
    expect(err.replayed).toBe(true);
  });

  it('makes a problem of a non-JSON error and of no answer at all', async () => {
    const { api } = fakeApi([() => new Response('<html>gateway</html>', { status: 502, statusText: 'Bad Gateway' }), () => Promise.reject(new TypeError('fetch failed'))]);
    const bad = (await api.get('/alerts').catch((e: unknown) => e)) as ApiError;
    expect(bad.problem).toMatchObject({ status: 502, title: 'Bad Gateway' });
    const none = (await api.get('/alerts').catch((e: unknown) => e)) as ApiError;
    expect(none.kind).toBe('network');
    expect(none.status).toBe(0);
  });

  it('reports an answer that does not match the schema, with the paths', async () => {
    const { api } = fakeApi([() => json(200, { projects: [{ projectId: 7 }] })]);
    const schema = z.object({ projects: z.array(z.object({ projectId: z.string() })) });
    const err = (await api.get('/projects', schema).catch((e: unknown) => e)) as ApiError;
    expect(err.kind).toBe('invalid-response');
    expect(err.problem.detail).toContain('projects.0.projectId');
  });

  it('tells the auth layer about a 401 to a request that carried a token', async () => {
    const unauthorized = { type: 'about:blank', title: 'Unauthorized', status: 401 };
    const { api, unauthorized: count } = fakeApi([() => json(401, unauthorized)]);
    await expect(api.get('/projects')).rejects.toBeInstanceOf(ApiError);
    expect(count()).toBe(1);
  });

  it('encodes path segments', () => {
    expect(apiPath`/projects/${'A B/C'}/history`).toBe('/projects/A%20B%2FC/history');
  });
});

describe('Submission (one Idempotency-Key per form submission)', () => {
  const problem = (status: number) => new ApiError('problem', { type: 'about:blank', title: 't', status }, 'POST /x');

  it('makes UUID keys', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('a double-click shares the attempt in flight', async () => {
    const s = new Submission();
    const keys: string[] = [];
    let release!: () => void;
    const send = (key: string) => {
      keys.push(key);
      return new Promise<string>((resolve) => (release = () => resolve('ok')));
    };
    const a = s.run(send);
    const b = s.run(send);
    release();
    await expect(Promise.all([a, b])).resolves.toEqual(['ok', 'ok']);
    expect(keys).toHaveLength(1);
  });

  it.each([0, 401, 408, 429, 500, 503])('retries with the same key after %d (nothing definitive came back)', async (status) => {
    const s = new Submission();
    const keys: string[] = [];
    await expect(s.run(async (k) => (keys.push(k), Promise.reject(status === 0 ? new ApiError('network', { type: 'about:blank', title: 'n', status: 0 }, 'POST /x') : problem(status))))).rejects.toBeInstanceOf(ApiError);
    await s.run(async (k) => keys.push(k));
    expect(keys[1]).toBe(keys[0]);
  });

  it.each([201, 400, 409, 422])('takes a fresh key after a definitive %d', async (status) => {
    const s = new Submission();
    const keys: string[] = [];
    const first = s.run(async (k) => {
      keys.push(k);
      if (status >= 400) throw problem(status);
      return 'created';
    });
    await first.catch(() => undefined);
    await s.run(async (k) => keys.push(k));
    expect(keys[1]).not.toBe(keys[0]);
  });
});

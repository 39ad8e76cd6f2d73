/**
 * Reads started at boot (console/src/services/early.ts): which a page starts with, and the API
 * client taking one instead of asking again — once, for the same URL and token, while fresh.
 */
import * as z from 'zod/mini';
import { ApiClient, withQuery } from '../../console/src/services/api';
import { earlyReadsFor, startEarlyReads, takeEarlyRead } from '../../console/src/services/early';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const asked: string[] = [];
const realFetch = globalThis.fetch;

beforeEach(() => {
  asked.length = 0;
  globalThis.fetch = (async (url: string) => {
    asked.push(url);
    return json({ from: 'boot', url });
  }) as unknown as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

const urls = (reads: ReturnType<typeof earlyReadsFor>) => reads.map((r) => withQuery(r.path, r.query));

describe('earlyReadsFor', () => {
  it('a project page: the catalog, the project, its history’s first page and its reconciliation', () => {
    expect(urls(earlyReadsFor('/projects/BA2023-0101', '', ['auditor']))).toEqual([
      '/zones', '/programs', '/clusters?limit=500',
      '/projects/BA2023-0101', '/projects/BA2023-0101/history?limit=200', '/reconciliation?projectId=BA2023-0101',
    ]);
  });

  it('as of a date: the project as of it and the history to it; a city bureau reads no reconciliation', () => {
    expect(urls(earlyReadsFor('/projects/BA2023-0101', '?asOf=2025-06-30', ['city-bureau']))).toEqual([
      '/zones', '/programs', '/clusters?limit=500',
      '/projects/BA2023-0101?asOf=2025-06-30', '/projects/BA2023-0101/history?to=2025-06-30&limit=200',
    ]);
  });

  it('other pages: the catalog only; /projects/new is no project', () => {
    for (const path of ['/', '/projects', '/projects/new', '/projects/BA2023-0101/extra', '/projects/%E0%A4%A']) {
      expect(urls(earlyReadsFor(path, '', ['auditor']))).toEqual(['/zones', '/programs', '/clusters?limit=500']);
    }
  });
});

describe('the API client takes a read started at boot', () => {
  const schema = z.looseObject({ from: z.string() });
  const api = (token: string | null, fetch: typeof globalThis.fetch) => new ApiClient({ baseUrl: 'https://api.example', getToken: () => token, fetch });

  it('once, for the same URL and token: the second ask goes to the network', async () => {
    startEarlyReads('https://api.example', 'tok', earlyReadsFor('/projects/P1', '', ['auditor']));
    expect(asked).toContain('https://api.example/projects/P1/history?limit=200');
    const network: string[] = [];
    const client = api('tok', (async (url: string) => {
      network.push(url);
      return json({ from: 'network' });
    }) as unknown as typeof fetch);
    expect(await client.get('/projects/P1', schema)).toMatchObject({ from: 'boot' });
    expect(await client.get('/projects/P1/history', schema, { query: { limit: 200 } })).toMatchObject({ from: 'boot' });
    expect(await client.get('/projects/P1', schema)).toMatchObject({ from: 'network' });
    expect(network).toEqual(['https://api.example/projects/P1']);
  });

  it('never with another token (another person signed in since), nor a stale one', () => {
    startEarlyReads('https://api.example', 'tok', earlyReadsFor('/projects/P2', '', ['auditor']), 1_000);
    expect(takeEarlyRead('https://api.example/projects/P2', 'another', 1_100)).toBeUndefined();
    expect(takeEarlyRead('https://api.example/zones', 'tok', 1_000 + 5_001)).toBeUndefined();
    expect(takeEarlyRead('https://api.example/programs', 'tok', 1_000 + 4_000)).toBeInstanceOf(Promise);
  });
});

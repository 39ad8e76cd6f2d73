/**
 * A frozen database (DynamoDB Local stopped with SIGSTOP: connections are accepted, nothing is
 * answered) must turn into a problem+json 503 with Retry-After well inside the function's
 * timeout, write nothing, and the same request must succeed once the database is back.
 * This file runs its own DynamoDB Local so that freezing it disturbs no other test.
 */
import { STORAGE_UNAVAILABLE_WITHIN_MS } from '../../functions/lib/storage/client';
import { startDynamoDbLocal, type DynamoDbLocalHandle } from '../../local/dynamodb-local';
import { startTestApi, type TestApi } from './support/api';
import { expectOk, fixtureIndicatorNo, ledger, registration2023, seedReferenceData } from './support/fixtures';

/** The client gives up after the promised figure: a request still hanging then is the failure being tested. */
const CLIENT_PATIENCE_MS = STORAGE_UNAVAILABLE_WITHIN_MS;

let ddb: DynamoDbLocalHandle;
let api: TestApi;
const sharedEndpoint = process.env.DYNAMODB_ENDPOINT;
const sharedTimeout = process.env.STORAGE_REQUEST_TIMEOUT_MS;

beforeAll(async () => {
  ddb = await startDynamoDbLocal({ inMemory: true });
  process.env.DYNAMODB_ENDPOINT = ddb.endpoint;
  // The deployed budget (functions/lib/storage/client.ts), not the patience the other tests give the emulator.
  delete process.env.STORAGE_REQUEST_TIMEOUT_MS;
  api = await startTestApi();
  await seedReferenceData(api);
}, 60_000);

afterAll(async () => {
  if (ddb?.pid) process.kill(ddb.pid, 'SIGCONT');
  await api?.close();
  await ddb?.stop();
  process.env.DYNAMODB_ENDPOINT = sharedEndpoint;
  if (sharedTimeout !== undefined) process.env.STORAGE_REQUEST_TIMEOUT_MS = sharedTimeout;
});

async function frozen<T>(run: () => Promise<T>): Promise<T> {
  process.kill(ddb.pid!, 'SIGSTOP');
  try {
    return await run();
  } finally {
    process.kill(ddb.pid!, 'SIGCONT');
  }
}

const patiently = (path: string, init: RequestInit) => fetch(api.url + path, { ...init, signal: AbortSignal.timeout(CLIENT_PATIENCE_MS) });

describe('storage timeouts', () => {
  it('answers a write 503 with Retry-After while the database is frozen, and the retry succeeds once it is back', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const reg = registration2023();
    expectOk(await l.register(reg));
    const body = JSON.stringify({ amountFen: 1_000_000_00, valueDate: '2023-07-15', reference: '苏财教〔2023〕8号', indicatorNo: fixtureIndicatorNo('JS-2023-C', 2023) });
    const init: RequestInit = {
      method: 'POST',
      headers: { authorization: `Bearer ${l.finance}`, 'content-type': 'application/json', 'idempotency-key': 'frozen-1' },
      body,
    };

    const during = await frozen(() => patiently(`/projects/${reg.projectId}/allocations`, init));
    expect(during.status).toBe(503);
    expect(during.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await during.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });

    const after = await patiently(`/projects/${reg.projectId}/allocations`, init);
    expect(after.status).toBe(201);
    const project = await api.request('GET', `/projects/${reg.projectId}`, { token: api.token('auditor') });
    expect(project.body.version).toBe(2);
    expect(project.body.balances.province.pendingFen).toBe(1_000_000_00);
  }, 30_000);

  it('answers a read 503 too, never a hanging request', async () => {
    const during = await frozen(() => patiently('/projects', { headers: { authorization: `Bearer ${api.token('auditor')}` } }));
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).not.toBeNull();
    const after = await patiently('/projects', { headers: { authorization: `Bearer ${api.token('auditor')}` } });
    expect(after.status).toBe(200);
  }, 30_000);
});

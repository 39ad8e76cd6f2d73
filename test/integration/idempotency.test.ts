/** Idempotency-Key as API.md says: replay, replay of a rejection, reuse with another body, missing key. */
import { readPartition } from './support/api';
import { YUAN, expectOk, footprint, ledger, registration2023, useSeededApi } from './support/fixtures';

const api = useSeededApi();

async function project() {
  const reg = registration2023();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  return { id: reg.projectId, l };
}

const allocation = (amountFen: number) => ({ amountFen, valueDate: '2023-07-15', reference: 'REF-1' });

test('the same key and body replays the first 201 without posting twice', async () => {
  const { id, l } = await project();
  const first = await l.post(`/projects/${id}/allocations`, l.finance, allocation(1_000_000 * YUAN), 'alloc-001');
  expect(first.status).toBe(201);
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  const again = await l.post(`/projects/${id}/allocations`, l.finance, allocation(1_000_000 * YUAN), 'alloc-001');
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body).toEqual(first.body);
  expect(await footprint(api, id)).toMatchObject({ version: 2, entries: 2 });
  // Recorded in the same transaction as the entry: one record for the key, naming the 201.
  const records = await readPartition(api.tableName, `PROJECT#${id}`, 'IDEMP#alloc-001');
  expect(records.map((r) => [r.sk, r.status])).toEqual([['IDEMP#alloc-001', 201]]);
});

test('a remembered 422 stays a 422 even after room frees up', async () => {
  const { id, l } = await project();
  const big = await l.allocate(id, 6_000_000 * YUAN);
  expect(big.status).toBe(201);
  const rejected = await l.post(`/projects/${id}/allocations`, l.finance, allocation(1), 'over-cap-1');
  expect(rejected.status).toBe(422);
  expect(rejected.body.rule).toBe('province-per-project');
  // Free the room by reversing the big allocation (a colleague, four-eyes).
  expectOk(await l.reverse(id, big.body.entry.entryId));
  const retry = await l.post(`/projects/${id}/allocations`, l.finance, allocation(1), 'over-cap-1');
  expect(retry.status).toBe(422);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.body).toEqual(rejected.body);
  expect(await footprint(api, id)).toMatchObject({ version: 3 });
  // A fresh key is decided afresh.
  expect((await l.post(`/projects/${id}/allocations`, l.finance, allocation(1), 'over-cap-2')).status).toBe(201);
});

test('the same key with another body is a 409 idempotency-key-reuse and changes nothing', async () => {
  const { id, l } = await project();
  expect((await l.post(`/projects/${id}/allocations`, l.finance, allocation(100), 'reuse-1')).status).toBe(201);
  const before = await footprint(api, id);
  const other = await l.post(`/projects/${id}/allocations`, l.finance, allocation(200), 'reuse-1');
  expect(other.status).toBe(409);
  expect(other.body.rule).toBe('idempotency-key-reuse');
  expect(other.headers['content-type']).toBe('application/problem+json');
  // Another endpoint with the same key is another request too.
  const elsewhere = await l.post(`/projects/${id}/disbursements`, l.finance, { funder: 'province', amountFen: 1, paidOn: '2023-09-01', reference: 'x' }, 'reuse-1');
  expect(elsewhere.status).toBe(409);
  expect(await footprint(api, id)).toEqual(before);
});

test('the key is scoped to the project: the same key on another project is a new request', async () => {
  const a = await project();
  const b = await project();
  expect((await a.l.post(`/projects/${a.id}/allocations`, a.l.finance, allocation(100), 'shared-key')).status).toBe(201);
  const onB = await b.l.post(`/projects/${b.id}/allocations`, b.l.finance, allocation(100), 'shared-key');
  expect(onB.status).toBe(201);
  expect(onB.headers['idempotent-replayed']).toBeUndefined();
});

test('a ledger POST without a key is a 400 and writes nothing; 400s are not remembered', async () => {
  const { id, l } = await project();
  const before = await footprint(api, id);
  const missing = await api.request('POST', `/projects/${id}/allocations`, { token: l.finance, body: allocation(100) });
  expect(missing.status).toBe(400);
  expect(missing.body.errors[0].path).toBe('headers.Idempotency-Key');
  const invalid = await l.post(`/projects/${id}/allocations`, l.finance, { ...allocation(100), amountFen: 1.5 }, 'bad-then-good');
  expect(invalid.status).toBe(400);
  expect(await footprint(api, id)).toEqual(before);
  // The key of a 400 is still free for the corrected request.
  expect((await l.post(`/projects/${id}/allocations`, l.finance, allocation(100), 'bad-then-good')).status).toBe(201);
});

test('concurrent retries of one request post exactly once', async () => {
  const { id, l } = await project();
  const send = () => l.post(`/projects/${id}/allocations`, l.finance, allocation(1_000 * YUAN), 'burst-1');
  const answers = await Promise.all(Array.from({ length: 10 }, send));
  expect(answers.every((a) => a.status === 201 || a.status === 503)).toBe(true);
  // A client retries a 503 with the same key; in the end every one of them holds the same 201.
  for (let round = 0; round < 20 && answers.some((a) => a.status === 503); round++) {
    for (const [i, a] of answers.entries()) if (a.status === 503) answers[i] = await send();
  }
  expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
  expect(new Set(answers.map((a) => a.body.entry.entryId)).size).toBe(1);
  expect(await footprint(api, id)).toMatchObject({ version: 2, entries: 2 });
});

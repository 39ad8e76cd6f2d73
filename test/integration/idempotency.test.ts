/**
 * Idempotency-Key as API.md says: a replay answers as before (201 and 422 alike) with
 * `Idempotent-Replayed: true`; another body with the same key → 409 idempotency-key-reuse; keys
 * are scoped per project; records carry a TTL (`expiresAt`, 30 days by default), and an expired
 * record no longer holds its key.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rawClient, readItem, readPartition } from './support/api';
import { YUAN, expectCreated, expectOk, expectRule, fixtureIndicatorNo, footprint, idemKey, ledger, registration2023, useSeededApi } from './support/fixtures';

const api = useSeededApi();

const DAY = 86_400;
const TTL_DAYS = Number(process.env.IDEMPOTENCY_TTL_DAYS) > 0 ? Number(process.env.IDEMPOTENCY_TTL_DAYS) : 30;
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function project() {
  const reg = registration2023();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  return { id: reg.projectId, l };
}

// JS-2023-C is under budget control: the allocation names the fixtures' indicator of its year.
const allocation = (amountFen: number) => ({ amountFen, valueDate: '2023-07-15', reference: 'REF-1', indicatorNo: fixtureIndicatorNo('JS-2023-C', 2023) });
const idempItem = (id: string, key: string) => readItem(api.tableName, `PROJECT#${id}`, `IDEMP#${key}`);
/** What a stored record remembers: the outcome's kind (posted or rejected). */
const outcomeOf = (item: Record<string, unknown> | undefined | null) => (item?.outcome ? (JSON.parse(item.outcome as string) as { kind: string }).kind : undefined);

async function withClient<T>(f: (c: ReturnType<typeof rawClient>) => Promise<T>): Promise<T> {
  const client = rawClient();
  try {
    return await f(client);
  } finally {
    client.destroy();
  }
}

test('the same key and body replays the first 201 without posting twice', async () => {
  const { id, l } = await project();
  const key = idemKey();
  const first = await l.post(`/projects/${id}/allocations`, l.finance, allocation(1_000_000 * YUAN), key);
  expect(first.status).toBe(201);
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  const again = await l.post(`/projects/${id}/allocations`, l.finance, allocation(1_000_000 * YUAN), key);
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.headers['content-type']).toMatch(/^application\/json/);
  expect(again.body).toEqual(first.body);
  expect(await footprint(api, id)).toMatchObject({ version: 2, entries: 2 });
  // Recorded in the same transaction as the entry: one record for the key, naming the posting.
  const records = await readPartition(api.tableName, `PROJECT#${id}`, `IDEMP#${key}`);
  expect(records.map((r) => [r.sk, outcomeOf(r)])).toEqual([[`IDEMP#${key}`, 'posted']]);
  // A replay by another person of the same role is still the same request: the answer is the first one.
  const byColleague = await l.post(`/projects/${id}/allocations`, l.finance2, allocation(1_000_000 * YUAN), key);
  expect(byColleague.status).toBe(201);
  expect(byColleague.body.entry.actor.sub).toBe('fo-alice');
});

test('replays work on every kind of ledger event: a transfer, a zone payment, a recovery and an approval', async () => {
  const { id, l } = await project();
  await l.allocateMatched(id, 2_000_000 * YUAN);
  const calls: [string, string, unknown][] = [
    ['transfers', l.finance, { amountFen: 1_000_000 * YUAN, valueDate: '2023-08-15', reference: 'T-1' }],
    ['disbursements', l.zone, { funder: 'province', amountFen: 600_000 * YUAN, paidOn: '2023-09-15', reference: 'P-1' }],
    ['recoveries', l.finance, { funder: 'province', amountFen: 100_000 * YUAN, valueDate: '2023-12-01', reference: 'R-1', reason: '缴回' }],
  ];
  for (const [route, token, body] of calls) {
    const key = idemKey();
    const first = expectCreated(await l.post(`/projects/${id}/${route}`, token, body, key));
    const again = await l.post(`/projects/${id}/${route}`, token, body, key);
    expect({ route, status: again.status, replayed: again.headers['idempotent-replayed'] }).toEqual({ route, status: 201, replayed: 'true' });
    expect(again.body).toEqual(first.body);
  }
  const proposal = l.entryIdOf(await l.proposeException(id, 'province-per-project', 700_000_000));
  const key = idemKey();
  const approved = expectCreated(await l.post(`/projects/${id}/cap-exceptions/${proposal}/approval`, l.admin2, {}, key));
  const replay = await l.post(`/projects/${id}/cap-exceptions/${proposal}/approval`, l.admin2, {}, key);
  expect(replay.status).toBe(201);
  expect(replay.body).toEqual(approved.body);
  const p = await l.project(id);
  expect(p.balances.province).toMatchObject({ transferredFen: 100_000_000, disbursedFen: 60_000_000, recoveredFen: 10_000_000, heldAtZoneFen: 40_000_000 });
  expect(p.exceptions).toHaveLength(1);
});

test('a remembered 422 stays a 422 even after room frees up', async () => {
  const { id, l } = await project();
  const big = await l.allocate(id, 6_000_000 * YUAN);
  expect(big.status).toBe(201);
  const key = idemKey();
  const rejected = await l.post(`/projects/${id}/allocations`, l.finance, allocation(1), key);
  expectRule(rejected, 'province-per-project', { limitFen: 600_000_000, usedFen: 600_000_000, attemptedFen: 1 });
  expect(rejected.headers['idempotent-replayed']).toBeUndefined();
  // Free the room by reversing the big allocation (a colleague, four-eyes).
  expectOk(await l.reverse(id, big.body.entry.entryId));
  const retry = await l.post(`/projects/${id}/allocations`, l.finance, allocation(1), key);
  expect(retry.status).toBe(422);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.headers['content-type']).toBe('application/problem+json');
  expect(retry.body).toEqual(rejected.body);
  expect(await footprint(api, id)).toMatchObject({ version: 3 });
  expect(outcomeOf(await idempItem(id, key))).toBe('rejected');
  // A fresh key is decided afresh.
  expect((await l.post(`/projects/${id}/allocations`, l.finance, allocation(1), idemKey())).status).toBe(201);
});

test('the same key with another body, route or entry is a 409 idempotency-key-reuse and changes nothing', async () => {
  const { id, l } = await project();
  await l.allocateMatched(id, 1_000_000 * YUAN);
  const key = idemKey();
  expect((await l.post(`/projects/${id}/allocations`, l.finance, allocation(100), key)).status).toBe(201);
  const before = await footprint(api, id);
  const other = await l.post(`/projects/${id}/allocations`, l.finance, allocation(200), key);
  expect(other.status).toBe(409);
  expect(other.body.rule).toBe('idempotency-key-reuse');
  expect(other.headers['content-type']).toBe('application/problem+json');
  expect(other.headers['idempotent-replayed']).toBeUndefined();
  // A memo is part of the request too.
  expect((await l.post(`/projects/${id}/allocations`, l.finance, { ...allocation(100), memo: '备注' }, key)).status).toBe(409);
  // Another endpoint with the same key is another request.
  const elsewhere = await l.post(`/projects/${id}/disbursements`, l.zone, { funder: 'zone', amountFen: 1, paidOn: '2023-09-01', reference: 'x' }, key);
  expect(elsewhere.status).toBe(409);
  expect(elsewhere.body.rule).toBe('idempotency-key-reuse');
  // A remembered 422 is reused just the same.
  const rejectedKey = idemKey();
  expectRule(await l.post(`/projects/${id}/transfers`, l.finance, { amountFen: 1_000_000 * YUAN + 1, valueDate: '2023-08-15', reference: 'T' }, rejectedKey), 'insufficient-confirmed-funds');
  const reused = await l.post(`/projects/${id}/transfers`, l.finance, { amountFen: 1_000_000 * YUAN, valueDate: '2023-08-15', reference: 'T' }, rejectedKey);
  expect(reused.status).toBe(409);
  expect(await footprint(api, id)).toEqual(before);
});

test('the key is scoped to the project: the same key on another project is a new request', async () => {
  const a = await project();
  const b = await project();
  const key = idemKey();
  expect((await a.l.post(`/projects/${a.id}/allocations`, a.l.finance, allocation(100), key)).status).toBe(201);
  const onB = await b.l.post(`/projects/${b.id}/allocations`, b.l.finance, allocation(100), key);
  expect(onB.status).toBe(201);
  expect(onB.headers['idempotent-replayed']).toBeUndefined();
  expect(onB.body.entry.projectId).toBe(b.id);
  // With another body on B it is still B's own record that decides.
  expect((await b.l.post(`/projects/${b.id}/allocations`, b.l.finance, allocation(300), key)).status).toBe(409);
  expect((await a.l.post(`/projects/${a.id}/allocations`, a.l.finance, allocation(100), key)).headers['idempotent-replayed']).toBe('true');
});

test('registration honours the key when sent: a replay is the first 201; without it a duplicate is a 409', async () => {
  const reg = registration2023();
  const l = ledger(api, reg.zoneId);
  const key = idemKey();
  const first = expectCreated(await l.post('/projects', l.finance, reg, key));
  const again = await l.post('/projects', l.finance, reg, key);
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body).toEqual(first.body);
  expect((await l.post('/projects', l.finance, { ...reg, title: '另一个标题' }, key)).status).toBe(409);
  // The same contract sent again without a key: its id is taken (API.md: a duplicate projectId → 409),
  // whatever quota the second copy would also break.
  const duplicate = await api.request('POST', '/projects', { token: l.finance, body: reg });
  expect({ status: duplicate.status, body: duplicate.body }).toMatchObject({ status: 409 });
  expect(await footprint(api, reg.projectId)).toMatchObject({ version: 1, entries: 1 });
});

test('a ledger POST without a key is a 400 and writes nothing; 400s are not remembered', async () => {
  const { id, l } = await project();
  const before = await footprint(api, id);
  const missing = await api.request('POST', `/projects/${id}/allocations`, { token: l.finance, body: allocation(100) });
  expect(missing.status).toBe(400);
  expect(missing.body.errors[0].path).toBe('headers.Idempotency-Key');
  const key = idemKey();
  const invalid = await l.post(`/projects/${id}/allocations`, l.finance, { ...allocation(100), amountFen: 1.5 }, key);
  expect(invalid.status).toBe(400);
  expect(await footprint(api, id)).toEqual(before);
  expect(await idempItem(id, key)).toBeUndefined();
  // The key of a 400 is still free for the corrected request.
  expect((await l.post(`/projects/${id}/allocations`, l.finance, allocation(100), key)).status).toBe(201);
});

describe('the record expires', () => {
  test(`a record (201 or 422) carries expiresAt ≈ now + ${TTL_DAYS} days, in epoch seconds`, async () => {
    const { id, l } = await project();
    const ok = idemKey();
    const started = nowSeconds();
    expectCreated(await l.post(`/projects/${id}/allocations`, l.finance, allocation(6_000_000 * YUAN), ok));
    const rejected = idemKey();
    expectRule(await l.post(`/projects/${id}/allocations`, l.finance, allocation(1), rejected), 'province-per-project');
    const ended = nowSeconds();
    for (const key of [ok, rejected]) {
      const item = (await idempItem(id, key))!;
      expect(Number.isInteger(item.expiresAt)).toBe(true);
      expect(item.expiresAt).toBeGreaterThanOrEqual(started + TTL_DAYS * DAY - 1);
      expect(item.expiresAt).toBeLessThanOrEqual(ended + TTL_DAYS * DAY + 1);
      expect(Date.parse(item.recordedAt)).toBeGreaterThanOrEqual((started - 1) * 1000);
    }
  });

  test('inside the window a replay answers as before, even a minute before expiry', async () => {
    const { id, l } = await project();
    const key = idemKey();
    const first = expectCreated(await l.post(`/projects/${id}/allocations`, l.finance, allocation(500), key));
    await withClient((c) => c.send(new UpdateCommand({
      TableName: api.tableName, Key: { pk: `PROJECT#${id}`, sk: `IDEMP#${key}` }, UpdateExpression: 'SET expiresAt = :e', ExpressionAttributeValues: { ':e': nowSeconds() + 60 },
    })));
    const again = await l.post(`/projects/${id}/allocations`, l.finance, allocation(500), key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await footprint(api, id)).toMatchObject({ version: 2 });
  });

  test('an expired record no longer blocks its key: the request is decided afresh and remembered anew', async () => {
    const { id, l } = await project();
    const key = idemKey();
    // A record DynamoDB's TTL has not deleted yet, for some other request, expired a second ago.
    const stale = { pk: `PROJECT#${id}`, sk: `IDEMP#${key}`, requestHash: 'f'.repeat(64), status: 201, body: JSON.stringify({ stale: true }), recordedAt: '2020-01-01T00:00:00.000Z', expiresAt: nowSeconds() - 1 };
    await withClient((c) => c.send(new PutCommand({ TableName: api.tableName, Item: stale })));
    const res = await l.post(`/projects/${id}/allocations`, l.finance, allocation(700), key);
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(res.body.entry.amountFen).toBe(700);
    const item = (await idempItem(id, key))!;
    expect(item.requestHash).not.toBe(stale.requestHash);
    expect(item.expiresAt).toBeGreaterThan(nowSeconds() + (TTL_DAYS - 1) * DAY);
    // And the new record replays as usual.
    expect((await l.post(`/projects/${id}/allocations`, l.finance, allocation(700), key)).headers['idempotent-replayed']).toBe('true');
    expect(await footprint(api, id)).toMatchObject({ version: 2, entries: 2 });
  });

  test('an expired record does not hold a rejection either: the retry is decided again', async () => {
    const { id, l } = await project();
    const big = expectCreated(await l.allocate(id, 6_000_000 * YUAN));
    const key = idemKey();
    expectRule(await l.post(`/projects/${id}/allocations`, l.finance, allocation(1), key), 'province-per-project');
    expectOk(await l.reverse(id, big.body.entry.entryId));
    // Inside the window the 422 stays; once expired, the same request is decided with today's room.
    expect((await l.post(`/projects/${id}/allocations`, l.finance, allocation(1), key)).status).toBe(422);
    await withClient((c) => c.send(new UpdateCommand({
      TableName: api.tableName, Key: { pk: `PROJECT#${id}`, sk: `IDEMP#${key}` }, UpdateExpression: 'SET expiresAt = :e', ExpressionAttributeValues: { ':e': nowSeconds() - 1 },
    })));
    const fresh = await l.post(`/projects/${id}/allocations`, l.finance, allocation(1), key);
    expect(fresh.status).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(outcomeOf(await idempItem(id, key))).toBe('posted');
  });

  test('an expired record of a rejection with another body does not make a 409', async () => {
    const { id, l } = await project();
    const key = idemKey();
    await withClient((c) => c.send(new PutCommand({
      TableName: api.tableName,
      Item: { pk: `PROJECT#${id}`, sk: `IDEMP#${key}`, requestHash: '0'.repeat(64), status: 422, body: JSON.stringify({ type: 'x', title: 'x', status: 422, detail: 'x', rule: 'contract-grant' }), recordedAt: '2020-01-01T00:00:00.000Z', expiresAt: nowSeconds() - 3600 },
    })));
    // Rejected again for its own reason (a transfer of pending money): remembered under the key now.
    const res = await l.post(`/projects/${id}/transfers`, l.finance, { amountFen: 1, valueDate: '2023-08-15', reference: 'T' }, key);
    expectRule(res, 'insufficient-confirmed-funds');
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect((await idempItem(id, key))!.requestHash).not.toBe('0'.repeat(64));
  });
});

test('concurrent retries of one request post exactly once', async () => {
  const { id, l } = await project();
  const key = idemKey();
  const send = () => l.post(`/projects/${id}/allocations`, l.finance, allocation(1_000 * YUAN), key);
  const answers = await Promise.all(Array.from({ length: 10 }, send));
  expect(answers.every((a) => a.status === 201 || a.status === 503)).toBe(true);
  // A client retries a 503 with the same key; in the end every one of them holds the same 201.
  for (let round = 0; round < 20 && answers.some((a) => a.status === 503); round++) {
    for (const [i, a] of answers.entries()) if (a.status === 503) answers[i] = await send();
  }
  expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
  expect(new Set(answers.map((a) => a.body.entry.entryId)).size).toBe(1);
  expect(answers.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
  expect(await footprint(api, id)).toMatchObject({ version: 2, entries: 2 });
});

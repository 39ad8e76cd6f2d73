/**
 * Races: 50 simultaneous allocations against one project's cap, and 50 against a cluster cap
 * across several projects. Accepted money never exceeds the cap, every other answer is a 422
 * (or a retryable 503), history has no gaps and every chain verifies.
 */
import { type TestResponse } from './support/api';
import { YUAN, clusterWithFullGrants, expectOk, ledger, registration2023, useSeededApi } from './support/fixtures';

const api = useSeededApi();

async function checkProject(id: string) {
  const auditor = api.token('auditor');
  const history = await api.request('GET', `/projects/${id}/history?limit=500`, { token: auditor });
  const seqs = history.body.entries.map((e: { seq: number }) => e.seq);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  const verify = await api.request('GET', `/projects/${id}/verify`, { token: auditor });
  expect(verify.body).toMatchObject({ valid: true, entries: seqs.length });
  return history.body.entries as { type: string; amountFen: number }[];
}

/**
 * Fires every request at once, then lets each client retry its retryable answers (503) with the
 * same Idempotency-Key, as a client would, until every request has a final answer.
 */
async function raceThenSettle(send: ((key: string) => Promise<TestResponse>)[]) {
  const keys = send.map((_, i) => `race-${Date.now().toString(36)}-${i}`);
  const first = await Promise.all(send.map((s, i) => s(keys[i]!)));
  const settled = [...first];
  for (let round = 0; round < 20 && settled.some((a) => a.status === 503); round++) {
    await Promise.all(settled.map(async (a, i) => {
      if (a.status === 503) settled[i] = await send[i]!(keys[i]!);
    }));
  }
  return { first, settled };
}

function tally(answers: TestResponse[], rules: string[]) {
  for (const a of answers) {
    const ok = a.status === 201 || (a.status === 422 && rules.includes(a.body.rule)) || a.status === 503;
    if (!ok) throw new Error(`unexpected answer ${a.status}: ${a.text}`);
  }
  return answers.filter((a) => a.status === 201).reduce((s, a) => s + a.body.entry.amountFen, 0);
}

test('50 allocations race one project\'s 6,000,000 yuan cap', async () => {
  const reg = registration2023();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  const amount = 250_000 * YUAN; // 24 fit under the cap
  const body = { amountFen: amount, valueDate: '2023-07-15', reference: 'RACE' };
  const { first, settled } = await raceThenSettle(Array.from({ length: 50 }, () => (key: string) => l.post(`/projects/${reg.projectId}/allocations`, l.finance, body, key)));
  expect(tally(first, ['province-per-project'])).toBeLessThanOrEqual(6_000_000 * YUAN);
  // Once every client has a final answer, the cap is exactly full and the rest were refused by rule.
  const accepted = tally(settled, ['province-per-project']);
  expect(accepted).toBe(6_000_000 * YUAN);
  expect(settled.filter((a) => a.status === 422)).toHaveLength(26);
  const entries = await checkProject(reg.projectId);
  const stored = entries.filter((e) => e.type === 'allocation').reduce((s, e) => s + e.amountFen, 0);
  expect(stored).toBe(accepted);
  expect(entries.filter((e) => e.type === 'allocation')).toHaveLength(24);
  const project = await api.request('GET', `/projects/${reg.projectId}`, { token: api.token('auditor') });
  expect(project.body.balances.province.allocatedFen).toBe(accepted);
}, 120_000);

test('50 allocations race a 30,000,000 yuan cluster cap across 7 projects', async () => {
  const { clusterId, l, projectIds: ids } = await clusterWithFullGrants(api, 7);
  // 7 projects × 5,000,000 = 35,000,000 of room per project, 30,000,000 in the cluster.
  const amount = 1_000_000 * YUAN;
  const body = { amountFen: amount, valueDate: '2021-07-15', reference: 'RACE' };
  const { first, settled } = await raceThenSettle(Array.from({ length: 50 }, (_, i) => (key: string) => l.post(`/projects/${ids[i % ids.length]}/allocations`, l.finance, body, key)));
  const rules = ['province-per-cluster', 'joint-per-project', 'joint-share-of-new-investment', 'contract-grant'];
  expect(tally(first, rules)).toBeLessThanOrEqual(30_000_000 * YUAN);
  // 50 × 1,000,000 asked for, 35,000,000 of project room: the cluster cap is what binds, exactly.
  const accepted = tally(settled, rules);
  expect(accepted).toBe(30_000_000 * YUAN);
  expect(settled.filter((a) => a.status === 422 && a.body.rule === 'province-per-cluster').length).toBeGreaterThan(0);
  let stored = 0;
  for (const id of ids) {
    const entries = await checkProject(id);
    stored += entries.filter((e) => e.type === 'allocation').reduce((s, e) => s + e.amountFen, 0);
  }
  expect(stored).toBe(accepted);
  const cluster = await api.request('GET', `/clusters/${clusterId}`, { token: api.token('auditor') });
  expect(cluster.body.usage.province.allocatedFen).toBe(accepted);
}, 120_000);

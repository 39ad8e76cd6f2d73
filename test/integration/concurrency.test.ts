/**
 * Races: 50 simultaneous allocations against one project's cap and 50 against a cluster cap
 * across several projects; 30 simultaneous partial confirmations of one allocation; 30
 * simultaneous payments by the zone out of one transfer. Accepted money never exceeds what there
 * is, the final balances are exact, every other answer is a 422 (or a retryable 503, retried with
 * the same key until it settles), history has no gaps and every chain verifies.
 */
import { type TestResponse } from './support/api';
import { YUAN, clusterWithFullGrants, customProgram, expectOk, fixtureIndicatorNo, freshCluster, ledger, registration2021, registration2023, useSeededApi } from './support/fixtures';

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
  const keys = send.map((_, i) => `race-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${i}`);
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
  // The project cap's race, on a program of its own without budget control. The indicator's race
  // (40 allocations across projects) is budget.test.ts. Here, with budget control on, 50 transactions
  // contending on one project and its indicator passed alone (17 s) but stalled DynamoDB Local past
  // 120 s in two full runs of the suite (then 503s): an emulator behaviour not yet understood.
  const programCode = await customProgram(api, { budgetControl: false });
  const { zoneId, clusterId } = await freshCluster(api, programCode);
  const reg = registration2023({ programCode, zoneId, clusterId });
  const l = ledger(api, zoneId, '常州市');
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
}, 300_000);

test('50 allocations race a 30,000,000 yuan cluster cap across 7 projects', async () => {
  const { clusterId, l, projectIds: ids } = await clusterWithFullGrants(api, 7);
  // 7 projects × 5,000,000 = 35,000,000 of room per project, 30,000,000 in the cluster.
  const amount = 1_000_000 * YUAN;
  const body = { amountFen: amount, valueDate: '2021-07-15', reference: 'RACE', indicatorNo: fixtureIndicatorNo('JS-2021-CLUSTER', 2021) };
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
}, 300_000);

test('30 partial confirmations race one pending allocation (2023, at least 1:1): the allocation is confirmed exactly once over', async () => {
  const reg = registration2023();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  const allocation = l.entryIdOf(await l.allocate(reg.projectId, 3_000_000 * YUAN));
  // 27 × 110,000 = 2,970,000; the 28th confirms the last 30,000 of province money with 80,000 above the ratio.
  const body = { allocationEntryId: allocation, amountFen: 110_000 * YUAN, valueDate: '2023-08-01', reference: 'RACE-M' };
  const { settled } = await raceThenSettle(Array.from({ length: 30 }, () => (key: string) => l.post(`/projects/${reg.projectId}/match-confirmations`, l.zone, body, key)));
  tally(settled, ['match-not-pending']);
  expect(settled.filter((a) => a.status === 201)).toHaveLength(28);
  expect(settled.filter((a) => a.status === 422)).toHaveLength(2);
  const provinceParts = settled.filter((a) => a.status === 201).map((a) => a.body.entry.details.provinceFen).sort((a, b) => a - b);
  expect(provinceParts[0]).toBe(30_000 * YUAN);
  expect(provinceParts.slice(1)).toEqual(Array(27).fill(110_000 * YUAN));
  const project = await l.project(reg.projectId);
  expect(project.balances.province).toMatchObject({ allocatedFen: 300_000_000, pendingFen: 0, confirmedFen: 300_000_000 });
  expect(project.balances.zone).toMatchObject({ allocatedFen: 308_000_000, pendingFen: 0, confirmedFen: 308_000_000 });
  const entries = await checkProject(reg.projectId);
  expect(entries.filter((e) => e.type === 'match-confirmation')).toHaveLength(28);
}, 300_000);

test('30 partial confirmations race one pending allocation (2021, exactly 1:1): never more than is pending', async () => {
  const { zoneId, clusterId } = await freshCluster(api, 'JS-2021-CLUSTER');
  const reg = registration2021({ zoneId, clusterId });
  const l = ledger(api, zoneId);
  expectOk(await l.register(reg));
  const allocation = l.entryIdOf(await l.allocate(reg.projectId, 4_000_000 * YUAN, '2021-07-15'));
  // 26 × 150,000 = 3,900,000 fit; a 27th would need 150,000 of the 100,000 still pending.
  const body = { allocationEntryId: allocation, amountFen: 150_000 * YUAN, valueDate: '2021-08-01', reference: 'RACE-X' };
  const { settled } = await raceThenSettle(Array.from({ length: 30 }, () => (key: string) => l.post(`/projects/${reg.projectId}/match-confirmations`, l.zone, body, key)));
  tally(settled, ['match-ratio']);
  expect(settled.filter((a) => a.status === 201)).toHaveLength(26);
  expect(settled.filter((a) => a.status === 422)).toHaveLength(4);
  const project = await l.project(reg.projectId);
  expect(project.balances.province).toMatchObject({ allocatedFen: 400_000_000, pendingFen: 10_000_000, confirmedFen: 390_000_000 });
  expect(project.balances.zone).toMatchObject({ confirmedFen: 390_000_000, pendingFen: 10_000_000, allocatedFen: 400_000_000 });
  await checkProject(reg.projectId);
}, 300_000);

test('30 payments by the zone race one transfer: never more province money paid than reached the zone', async () => {
  const reg = registration2023();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  await l.allocateMatched(reg.projectId, 3_000_000 * YUAN);
  expectOk(await l.transfer(reg.projectId, 1_000_000 * YUAN));
  // 25 × 40,000 = 1,000,000: exactly the transfer.
  const body = { funder: 'province', amountFen: 40_000 * YUAN, paidOn: '2023-09-15', reference: 'RACE-P' };
  const { first, settled } = await raceThenSettle(Array.from({ length: 30 }, () => (key: string) => l.post(`/projects/${reg.projectId}/disbursements`, l.zone, body, key)));
  expect(tally(first, ['insufficient-transferred-funds'])).toBeLessThanOrEqual(1_000_000 * YUAN);
  expect(tally(settled, ['insufficient-transferred-funds'])).toBe(1_000_000 * YUAN);
  expect(settled.filter((a) => a.status === 422)).toHaveLength(5);
  for (const a of settled.filter((x) => x.status === 422)) expect(a.body).toMatchObject({ limitFen: 100_000_000, usedFen: 100_000_000, attemptedFen: 4_000_000 });
  const project = await l.project(reg.projectId);
  expect(project.balances.province).toMatchObject({ confirmedFen: 300_000_000, transferredFen: 100_000_000, disbursedFen: 100_000_000, heldAtZoneFen: 0 });
  const entries = await checkProject(reg.projectId);
  expect(entries.filter((e) => e.type === 'disbursement').reduce((s, e) => s + e.amountFen, 0)).toBe(100_000_000);
}, 300_000);

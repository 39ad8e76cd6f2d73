/**
 * Every rule id of API.md through the HTTP layer: one request rejected with it, and the
 * boundary value accepted. A rejection leaves version and history as they were.
 */

import { YUAN, clusterWithFullGrants, creditCode, expectOk, expectRule, footprint, freshCluster, ledger, registration2021, registration2023, useSeededApi } from './support/fixtures';
import type { Registration } from '../../domain/project/types';

const api = useSeededApi();

const nj = () => ledger(api, 'NJ-HTZ');
const sz = () => ledger(api, 'SZ-SIP');

async function registered(reg: Registration, zoneId = reg.zoneId) {
  const l = ledger(api, zoneId);
  expectOk(await l.register(reg));
  return l;
}

/** Runs a rejected request and checks that nothing about the project moved. */
async function rejectedWithoutChange(projectId: string, send: () => Promise<import('./support/api').TestResponse>, rule: string, figures = {}) {
  const before = await footprint(api, projectId);
  const res = await send();
  expectRule(res, rule, figures);
  expect(await footprint(api, projectId)).toEqual(before);
  return res;
}

test('four-eyes: the poster cannot reverse their own entry; a colleague can', async () => {
  const reg = registration2023();
  const l = await registered(reg);
  const alloc = expectOk(await l.allocate(reg.projectId, 1_000_000 * YUAN));
  await rejectedWithoutChange(reg.projectId, () => l.reverse(reg.projectId, alloc.body.entry.entryId, l.finance), 'four-eyes');
  const rev = await l.reverse(reg.projectId, alloc.body.entry.entryId, l.finance2);
  expect(rev.status).toBe(201);
  expect(rev.body.entry).toMatchObject({ type: 'reversal', refersTo: alloc.body.entry.entryId, actor: { sub: 'fo-bob', role: 'finance-officer' } });
  expect(rev.body.project.balances.province.allocatedFen).toBe(0);
});

test('province-per-project: 6,000,000 yuan accepted, one fen more rejected (2023 program)', async () => {
  const reg = registration2023();
  const l = await registered(reg);
  expect((await l.allocate(reg.projectId, 6_000_000 * YUAN)).status).toBe(201);
  await rejectedWithoutChange(reg.projectId, () => l.allocate(reg.projectId, 1), 'province-per-project', { limitFen: 600_000_000, usedFen: 600_000_000, attemptedFen: 1 });
  // At registration too: a province grant over the cap.
  const over = registration2023({ contract: { ...registration2023().contract, provinceGrantFen: 600_000_001, zoneGrantFen: 600_000_001 } });
  over.schedule = [
    { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 600_000_001 },
    { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: 600_000_001 },
  ];
  expectRule(await nj().register(over), 'province-per-project', { limitFen: 600_000_000, attemptedFen: 600_000_001 });
});

test('joint-per-project: 10,000,000 yuan joint accepted, one fen over rejected (2021 program)', async () => {
  const { zoneId, clusterId } = await freshCluster(api, 'JS-2021-CLUSTER');
  const base = (grant: number) => registration2021({
    zoneId, clusterId, newInvestmentFen: 36_000_000 * YUAN,
    contract: { ...registration2021().contract, provinceGrantFen: grant, zoneGrantFen: grant },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2021-09-30', amountFen: grant },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2021-10-31', amountFen: grant },
    ],
  });
  expectRule(await ledger(api, zoneId).register(base(5_000_000 * YUAN + 1)), 'joint-per-project', { limitFen: 1_000_000_000, attemptedFen: 1_000_000_002 });
  const reg = base(5_000_000 * YUAN);
  const l = await registered(reg, zoneId);
  const alloc = expectOk(await l.allocate(reg.projectId, 5_000_000 * YUAN, '2021-07-15'));
  expectOk(await l.confirm(reg.projectId, alloc.body.entry.entryId, 5_000_000 * YUAN, '2021-08-01'));
  // Joint is exactly at the cap; one more fen (and its 1:1 match) is over it.
  await rejectedWithoutChange(reg.projectId, () => l.allocate(reg.projectId, 1, '2021-07-15'), 'joint-per-project', { limitFen: 1_000_000_000, usedFen: 1_000_000_000, attemptedFen: 2 });
});

test('joint-share-of-new-investment: RULES.md worked example, 24,000,000 yuan new investment → 4,000,000 each', async () => {
  const { zoneId, clusterId } = await freshCluster(api, 'JS-2021-CLUSTER');
  const reg = registration2021({ zoneId, clusterId });
  const l = await registered(reg, zoneId);
  const alloc = expectOk(await l.allocate(reg.projectId, 4_000_000 * YUAN, '2021-07-15'));
  expect(alloc.body.entry.status).toBe('pending-match');
  expectOk(await l.confirm(reg.projectId, alloc.body.entry.entryId, 4_000_000 * YUAN, '2021-08-01'));
  await rejectedWithoutChange(reg.projectId, () => l.allocate(reg.projectId, 1, '2021-07-15'), 'joint-share-of-new-investment', { limitFen: 800_000_000, usedFen: 800_000_000, attemptedFen: 2 });
  // Registration: grants one fen over a third of the new investment.
  const over = registration2021({ zoneId, clusterId, owner: { name: 'x', creditCode: creditCode() }, newInvestmentFen: 24_000_000 * YUAN - 5 });
  expectRule(await l.register(over), 'joint-share-of-new-investment', { limitFen: 799_999_998, attemptedFen: 800_000_000 });
});

test('province-per-cluster: 30,000,000 yuan across the cluster accepted, one fen more rejected', async () => {
  const { clusterId, l, projectIds: projects } = await clusterWithFullGrants(api, 7);
  for (const id of projects.slice(0, 6)) expect((await l.allocate(id, 5_000_000 * YUAN, '2021-07-15')).status).toBe(201);
  const cluster = await api.request('GET', `/clusters/${clusterId}`, { token: api.token('auditor') });
  expect(cluster.body.usage.province).toEqual({ allocatedFen: 3_000_000_000, limitFen: 3_000_000_000, headroomFen: 0 });
  await rejectedWithoutChange(projects[6]!, () => l.allocate(projects[6]!, 1, '2021-07-15'), 'province-per-cluster', { limitFen: 3_000_000_000, usedFen: 3_000_000_000, attemptedFen: 1 });
  // Reversing one allocation frees room in the cluster again.
  const history = await api.request('GET', `/projects/${projects[0]}/history?type=allocation`, { token: api.token('auditor') });
  expectOk(await l.reverse(projects[0]!, history.body.entries[0].entryId));
  expect((await l.allocate(projects[6]!, 1, '2021-07-15')).status).toBe(201);
});

test('contract-grant: the grant is accepted in full, one fen more rejected', async () => {
  const reg = registration2023({
    contract: { ...registration2023().contract, provinceGrantFen: 3_000_000 * YUAN, zoneGrantFen: 3_000_000 * YUAN },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 3_000_000 * YUAN },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: 3_000_000 * YUAN },
    ],
  });
  const l = await registered(reg);
  expect((await l.allocate(reg.projectId, 3_000_000 * YUAN)).status).toBe(201);
  await rejectedWithoutChange(reg.projectId, () => l.allocate(reg.projectId, 1), 'contract-grant', { limitFen: 300_000_000, usedFen: 300_000_000, attemptedFen: 1 });
});

test('match-ratio: at-least 1:1 (2023) and exact 1:1 (2021); outside the zone no zone grant', async () => {
  const reg = registration2023();
  const l = await registered(reg);
  const alloc = expectOk(await l.allocate(reg.projectId, 3_000_000 * YUAN));
  const id = alloc.body.entry.entryId;
  await rejectedWithoutChange(reg.projectId, () => l.confirm(reg.projectId, id, 3_000_000 * YUAN - 1), 'match-ratio', { limitFen: 300_000_000, attemptedFen: 299_999_999 });
  expect((await l.confirm(reg.projectId, id, 3_000_000 * YUAN)).status).toBe(201);

  const { zoneId, clusterId } = await freshCluster(api, 'JS-2021-CLUSTER');
  const reg21 = registration2021({ zoneId, clusterId });
  const l21 = await registered(reg21, zoneId);
  const a21 = expectOk(await l21.allocate(reg21.projectId, 2_000_000 * YUAN, '2021-07-15'));
  await rejectedWithoutChange(reg21.projectId, () => l21.confirm(reg21.projectId, a21.body.entry.entryId, 2_000_000 * YUAN + 1, '2021-08-01'), 'match-ratio');
  await rejectedWithoutChange(reg21.projectId, () => l21.confirm(reg21.projectId, a21.body.entry.entryId, 2_000_000 * YUAN - 1, '2021-08-01'), 'match-ratio');
  expect((await l21.confirm(reg21.projectId, a21.body.entry.entryId, 2_000_000 * YUAN, '2021-08-01')).status).toBe(201);

  const outside = registration2023({ insideZone: false });
  expectRule(await l.register(outside), 'match-ratio');
  const outsideOk = registration2023({
    insideZone: false,
    contract: { ...registration2023().contract, zoneGrantFen: 0 },
    schedule: [{ trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 6_000_000 * YUAN }],
  });
  await registered(outsideOk);
  const direct = expectOk(await l.allocate(outsideOk.projectId, 1_000_000 * YUAN));
  expect(direct.body.entry.status).toBe('confirmed');
});

test('match-not-pending: a confirmed allocation cannot be matched again', async () => {
  const reg = registration2023();
  const l = await registered(reg);
  const alloc = expectOk(await l.allocate(reg.projectId, 1_000_000 * YUAN));
  expect((await l.confirm(reg.projectId, alloc.body.entry.entryId, 1_000_000 * YUAN)).status).toBe(201);
  await rejectedWithoutChange(reg.projectId, () => l.confirm(reg.projectId, alloc.body.entry.entryId, 1_000_000 * YUAN), 'match-not-pending');
  await rejectedWithoutChange(reg.projectId, () => l.confirm(reg.projectId, `${reg.projectId}.99`, 1_000_000 * YUAN), 'match-not-pending');
});

test('insufficient-confirmed-funds: disbursing all confirmed money is fine, one fen more is not; pending money is not disbursable', async () => {
  const reg = registration2023();
  const l = await registered(reg);
  const alloc = expectOk(await l.allocate(reg.projectId, 2_000_000 * YUAN));
  await rejectedWithoutChange(reg.projectId, () => l.disburse(reg.projectId, 'province', 1), 'insufficient-confirmed-funds', { limitFen: 0, usedFen: 0, attemptedFen: 1 });
  expectOk(await l.confirm(reg.projectId, alloc.body.entry.entryId, 2_500_000 * YUAN));
  expect((await l.disburse(reg.projectId, 'province', 2_000_000 * YUAN, '2023-09-15', 'P1')).status).toBe(201);
  await rejectedWithoutChange(reg.projectId, () => l.disburse(reg.projectId, 'province', 1), 'insufficient-confirmed-funds', { limitFen: 200_000_000, usedFen: 200_000_000, attemptedFen: 1 });
  expect((await l.disburse(reg.projectId, 'zone', 2_500_000 * YUAN)).status).toBe(201);
  await rejectedWithoutChange(reg.projectId, () => l.disburse(reg.projectId, 'zone', 1), 'insufficient-confirmed-funds');
});

test('reversal-not-allowed: twice, a reversal, a registration, or when paid-out money would lose its confirmation', async () => {
  const reg = registration2023();
  const l = await registered(reg);
  const alloc = expectOk(await l.allocate(reg.projectId, 1_000_000 * YUAN));
  expectOk(await l.confirm(reg.projectId, alloc.body.entry.entryId, 1_000_000 * YUAN));
  const pay = expectOk(await l.disburse(reg.projectId, 'province', 400_000 * YUAN));
  await rejectedWithoutChange(reg.projectId, () => l.reverse(reg.projectId, alloc.body.entry.entryId), 'reversal-not-allowed');
  await rejectedWithoutChange(reg.projectId, () => l.reverse(reg.projectId, `${reg.projectId}.1`), 'reversal-not-allowed');
  const rev = expectOk(await l.reverse(reg.projectId, pay.body.entry.entryId));
  await rejectedWithoutChange(reg.projectId, () => l.reverse(reg.projectId, pay.body.entry.entryId), 'reversal-not-allowed');
  await rejectedWithoutChange(reg.projectId, () => l.reverse(reg.projectId, rev.body.entry.entryId, l.finance), 'reversal-not-allowed');
  // With the payment reversed, the confirmed allocation can go, and its match with it.
  const undone = expectOk(await l.reverse(reg.projectId, alloc.body.entry.entryId));
  expect(undone.body.project.balances.zone.confirmedFen).toBe(0);
  expect(undone.body.project.balances.province.allocatedFen).toBe(0);
});

test('schedule-mismatch: tranches must add up to the grants, and a trancheId must exist', async () => {
  const reg = registration2023();
  reg.schedule[0] = { ...reg.schedule[0]!, amountFen: reg.schedule[0]!.amountFen - 1 };
  expectRule(await nj().register(reg), 'schedule-mismatch', { limitFen: 600_000_000, attemptedFen: 599_999_999 });
  const ok = registration2023();
  const l = await registered(ok);
  const alloc = expectOk(await l.allocate(ok.projectId, 1_000_000 * YUAN));
  expectOk(await l.confirm(ok.projectId, alloc.body.entry.entryId, 1_000_000 * YUAN));
  await rejectedWithoutChange(ok.projectId, () => l.disburse(ok.projectId, 'province', 100, '2023-09-15', 'Z1'), 'schedule-mismatch');
  expect((await l.disburse(ok.projectId, 'province', 100, '2023-09-15', 'P1')).status).toBe(201);
});

test('implementation-period: 42 months exactly accepted, a day longer rejected; value dates inside the contract', async () => {
  const long = registration2023({ contract: { ...registration2023().contract, endsOn: '2027-01-01' } });
  expectRule(await nj().register(long), 'implementation-period');
  const outOfRange = registration2023();
  outOfRange.schedule[0] = { ...outOfRange.schedule[0]!, dueOn: '2023-05-31' };
  expectRule(await nj().register(outOfRange), 'implementation-period');
  const reg = registration2023(); // 2023-07-01 .. 2026-12-31 is exactly 42 months
  const l = await registered(reg);
  await rejectedWithoutChange(reg.projectId, () => l.allocate(reg.projectId, 100, '2023-05-31'), 'implementation-period');
  await rejectedWithoutChange(reg.projectId, () => l.allocate(reg.projectId, 100, '2027-01-01'), 'implementation-period');
  expect((await l.allocate(reg.projectId, 100, '2023-06-01')).status).toBe(201);
  expect((await l.allocate(reg.projectId, 100, '2026-12-31')).status).toBe(201);
});

test('enterprise-quota: one cluster project per enterprise under a program', async () => {
  const first = registration2023();
  await registered(first);
  const second = registration2023({ owner: first.owner });
  expectRule(await nj().register(second), 'enterprise-quota');
  // The same enterprise may still have a project under another program.
  const { zoneId, clusterId } = await freshCluster(api, 'JS-2021-CLUSTER');
  expect((await ledger(api, zoneId).register(registration2021({ zoneId, clusterId, owner: first.owner }))).status).toBe(201);
});

test('cluster-quota: eight projects per 2021 cluster, and one cluster per zone', async () => {
  const { zoneId, clusterId } = await freshCluster(api, 'JS-2021-CLUSTER');
  const l = ledger(api, zoneId);
  for (let i = 0; i < 8; i++) expect((await l.register(registration2021({ zoneId, clusterId }))).status).toBe(201);
  expectRule(await l.register(registration2021({ zoneId, clusterId })), 'cluster-quota');
  const again = await api.request('POST', '/clusters', {
    token: api.token('admin'),
    body: { clusterId: `${clusterId}-B`, programCode: 'JS-2021-CLUSTER', zoneId, name: '第二个集群', industry: '新材料' },
  });
  expectRule(again, 'cluster-quota');
});

test('cluster-mismatch: the cluster must belong to the project\'s program and zone', async () => {
  expectRule(await nj().register(registration2023({ clusterId: 'SZ-NANO-2021' })), 'cluster-mismatch');
  expectRule(await nj().register(registration2023({ zoneId: 'SZ-SIP' })), 'cluster-mismatch');
  expectRule(await nj().register(registration2023({ clusterId: 'NO-SUCH-CLUSTER' })), 'cluster-mismatch');
  expect((await sz().register(registration2021())).status).toBe(201);
});

test('a duplicate projectId is a 409, and a program in use cannot change', async () => {
  const reg = registration2023();
  await registered(reg);
  const dup = await nj().register({ ...reg, owner: { name: 'y', creditCode: creditCode() } });
  expect(dup.status).toBe(409);
  const program = await api.request('GET', '/programs/JS-2023-C', { token: api.token('admin') });
  const { ruleDigest: _d, projectCount: _c, ...body } = program.body;
  const changed = await api.request('POST', '/programs', { token: api.token('admin'), body: { ...body, graceDays: 60 } });
  expect(changed.status).toBe(409);
});

/**
 * The seed programs end to end along the path of the money (RULES.md): the province allocates, the
 * zone confirms its match in parts (2023: above 1:1 too), the province money reaches the zone, the
 * zone pays the owner both shares, the owner returns some, money that will not be paid is
 * decommitted, and an approved exception raises an in-principle cap. Then the Nanjing program
 * (市级 / 园区), projects outside the zone paid by the province, the auditors' exports, paging and
 * tamper detection.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rawClient, readItem } from './support/api';
import {
  YUAN, expectCreated, expectCsvSumsToBalances, expectOk, expectRule, freshCluster, historyCsvBytes, ledger, parseCsv, registration2021,
  registration2023, registrationNanjing, registrationOutside2023, useSeededApi,
} from './support/fixtures';
import { GENESIS_HASH, entryHash } from '../../domain/project/chain';

const api = useSeededApi();

const auditor = () => api.token('auditor');
const W = 10_000 * YUAN; // 万元

/** Balance of one funder, every field. */
const province = (b: Partial<Record<'allocatedFen' | 'pendingFen' | 'confirmedFen' | 'decommittedFen' | 'transferredFen' | 'heldAtZoneFen' | 'disbursedFen' | 'recoveredFen', number>> = {}) =>
  ({ allocatedFen: 0, pendingFen: 0, confirmedFen: 0, decommittedFen: 0, transferredFen: 0, heldAtZoneFen: 0, disbursedFen: 0, recoveredFen: 0, ...b });
const zone = (b: Partial<Record<'allocatedFen' | 'pendingFen' | 'confirmedFen' | 'decommittedFen' | 'disbursedFen' | 'recoveredFen', number>> = {}) =>
  ({ allocatedFen: 0, pendingFen: 0, confirmedFen: 0, decommittedFen: 0, disbursedFen: 0, recoveredFen: 0, ...b });


async function verifyChain(projectId: string) {
  const history = expectOk(await api.request('GET', `/projects/${projectId}/history?limit=500`, { token: auditor() })).body.entries as any[];
  let prev = GENESIS_HASH;
  for (const [i, e] of history.entries()) {
    expect(e.seq).toBe(i + 1);
    expect(e.prevHash).toBe(prev);
    expect(entryHash(e)).toBe(e.hash);
    prev = e.hash;
  }
  const verify = await api.request('GET', `/projects/${projectId}/verify`, { token: auditor() });
  expect(verify.body).toEqual({ valid: true, entries: history.length, headHash: prev });
  return history;
}

test('2023 (zone ≥ 1:1): allocate → confirm in two parts → top-up above 1:1 → transfer → the zone pays both shares → recovery → decommitment → exception', async () => {
  const reg = registration2023({
    newInvestmentFen: 6_000 * W, // joint ≤ 2,000 万
    contract: { signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-12-31', provinceGrantFen: 600 * W, zoneGrantFen: 800 * W },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 300 * W },
      { trancheId: 'P2', funder: 'province', dueOn: '2024-03-31', amountFen: 300 * W },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: 450 * W },
      { trancheId: 'Z2', funder: 'zone', dueOn: '2024-04-30', amountFen: 350 * W },
    ],
  });
  const id = reg.projectId;
  const l = ledger(api, reg.zoneId);
  const registered = expectCreated(await l.register(reg));
  expect(registered.body.entry).toMatchObject({ seq: 1, type: 'registration', prevHash: GENESIS_HASH, status: 'registered' });
  expect(registered.body.project).toMatchObject({ status: 'active', funderNames: { province: '省级', zone: '高新区' }, city: '南京市', version: 1 });

  // 1. The province plan: pending until the zone matches it; the required match counts already.
  const alloc = expectCreated(await l.allocate(id, 600 * W, '2023-07-15'));
  expect(alloc.body.entry).toMatchObject({ seq: 2, type: 'allocation', funder: 'province', amountFen: 600 * W, status: 'pending-match' });
  expect(alloc.body.project.balances).toEqual({ province: province({ allocatedFen: 600 * W, pendingFen: 600 * W }), zone: zone({ allocatedFen: 600 * W, pendingFen: 600 * W }) });
  const allocId = alloc.body.entry.entryId;

  // 2. The zone confirms in two parts; the second above 1:1 (its rest is zone money above the ratio).
  const part1 = expectCreated(await l.confirm(id, allocId, 250 * W, '2023-08-01'));
  expect(part1.body.entry).toMatchObject({ type: 'match-confirmation', funder: 'zone', amountFen: 250 * W, refersTo: allocId, details: { provinceFen: 250 * W } });
  expect(part1.body.project.balances).toEqual({ province: province({ allocatedFen: 600 * W, pendingFen: 350 * W, confirmedFen: 250 * W }), zone: zone({ allocatedFen: 600 * W, pendingFen: 350 * W, confirmedFen: 250 * W }) });
  const part2 = expectCreated(await l.confirm(id, allocId, 450 * W, '2023-08-20'));
  expect(part2.body.entry.details).toEqual({ provinceFen: 350 * W });
  expect(part2.body.project.balances).toEqual({ province: province({ allocatedFen: 600 * W, confirmedFen: 600 * W }), zone: zone({ allocatedFen: 700 * W, confirmedFen: 700 * W }) });
  // The allocation is matched: nothing more to confirm against it.
  expectRule(await l.confirm(id, allocId, 1, '2023-08-21'), 'match-not-pending');

  // 3. Top-up above 1:1 without an allocation (鼓励高新区加大支持强度), up to the zone grant.
  const topUp = expectCreated(await l.confirm(id, null, 100 * W, '2023-09-01'));
  expect(topUp.body.entry).toMatchObject({ refersTo: null, details: { provinceFen: 0 } });
  expect(topUp.body.project.balances.zone).toEqual(zone({ allocatedFen: 800 * W, confirmedFen: 800 * W }));
  expect(topUp.body.project.limits.find((x: any) => x.rule === 'joint-share-of-new-investment')).toMatchObject({ limitFen: 2_000 * W, usedFen: 1_400 * W, headroomFen: 600 * W });

  // 4. Province money reaches the zone.
  const transfer = expectCreated(await l.transfer(id, 400 * W, '2023-09-05'));
  expect(transfer.body.entry).toMatchObject({ type: 'transfer', funder: 'province', amountFen: 400 * W, status: 'posted' });
  expect(transfer.body.project.balances.province).toEqual(province({ allocatedFen: 600 * W, confirmedFen: 600 * W, transferredFen: 400 * W, heldAtZoneFen: 400 * W }));

  // 5. The zone committee pays the owner both shares.
  const payP = expectCreated(await l.disburse(id, 'province', 300 * W, '2023-09-20', 'P1'));
  expect(payP.body.entry).toMatchObject({ type: 'disbursement', funder: 'province', actor: { role: 'zone-committee' }, details: { trancheId: 'P1', afterPeriod: false } });
  const payZ = expectCreated(await l.disburse(id, 'zone', 450 * W, '2023-10-20', 'Z1'));
  expect(payZ.body.project.balances).toEqual({
    province: province({ allocatedFen: 600 * W, confirmedFen: 600 * W, transferredFen: 400 * W, heldAtZoneFen: 100 * W, disbursedFen: 300 * W }),
    zone: zone({ allocatedFen: 800 * W, confirmedFen: 800 * W, disbursedFen: 450 * W }),
  });
  const schedule = payZ.body.project.schedule as any[];
  expect(schedule.find((t) => t.trancheId === 'P1')).toMatchObject({ paidFen: 300 * W, status: 'paid' });
  expect(schedule.find((t) => t.trancheId === 'Z1')).toMatchObject({ paidFen: 450 * W, status: 'paid' });

  // 6. The owner returns money: the payments stay on record.
  expectCreated(await l.recover(id, 'province', 50 * W, '2023-12-01'));
  const recZ = expectCreated(await l.recover(id, 'zone', 20 * W, '2023-12-02'));
  expect(recZ.body.project.balances.province).toMatchObject({ disbursedFen: 300 * W, recoveredFen: 50 * W, heldAtZoneFen: 100 * W });
  expect(recZ.body.project.balances.zone).toMatchObject({ disbursedFen: 450 * W, recoveredFen: 20 * W });

  // 7. Decommitment: province money not yet transferred, zone money not yet paid.
  const clusterBefore = expectOk(await api.request('GET', `/clusters/${reg.clusterId}`, { token: auditor() })).body.usage;
  const dec = expectCreated(await l.decommit(id, { provinceFen: 100 * W, zoneFen: 100 * W }, '2023-12-15'));
  expect(dec.body.entry).toMatchObject({ type: 'decommitment', amountFen: 200 * W, details: { provinceFromConfirmedFen: 100 * W, zoneFen: 100 * W, fromPending: [] } });
  const afterDecommitment = {
    province: province({ allocatedFen: 500 * W, confirmedFen: 500 * W, decommittedFen: 100 * W, transferredFen: 400 * W, heldAtZoneFen: 100 * W, disbursedFen: 300 * W, recoveredFen: 50 * W }),
    zone: zone({ allocatedFen: 700 * W, confirmedFen: 700 * W, decommittedFen: 100 * W, disbursedFen: 450 * W, recoveredFen: 20 * W }),
  };
  expect(dec.body.project.balances).toEqual(afterDecommitment);
  // Decommitted money frees cluster headroom.
  const clusterAfter = expectOk(await api.request('GET', `/clusters/${reg.clusterId}`, { token: auditor() })).body.usage;
  expect(clusterAfter.province.allocatedFen).toBe(clusterBefore.province.allocatedFen - 100 * W);
  expect(clusterAfter.zone.allocatedFen).toBe(clusterBefore.zone.allocatedFen - 100 * W);

  // 8. An exception to the in-principle 600 万 province cap, approved by a second admin…
  expectRule(await l.proposeAdjustment(id, { contract: { provinceGrantFen: 800 * W, zoneGrantFen: 1_000 * W } }), 'province-per-project', { limitFen: 600 * W });
  const proposal = expectCreated(await l.proposeException(id, 'province-per-project', 800 * W));
  expect(proposal.body.project.proposals).toEqual([expect.objectContaining({ kind: 'cap-exception', entryId: proposal.body.entry.entryId, rule: 'province-per-project', limitFen: 800 * W, proposedBy: 'adm-ann' })]);
  const approval = expectCreated(await l.approveException(id, proposal.body.entry.entryId));
  expect(approval.body.entry).toMatchObject({ type: 'cap-exception-approval', refersTo: proposal.body.entry.entryId, status: 'approved', actor: { sub: 'adm-ben', role: 'admin' } });
  expect(approval.body.project.proposals).toEqual([]);
  expect(approval.body.project.limits.find((x: any) => x.rule === 'province-per-project')).toEqual({
    rule: 'province-per-project', funder: 'province', limitFen: 800 * W, usedFen: 500 * W, headroomFen: 300 * W,
    exception: { programLimitFen: 600 * W, proposalEntryId: proposal.body.entry.entryId, approvalEntryId: approval.body.entry.entryId, reference: expect.any(String) },
  });
  // …lets an adjusted contract and the money above 600 万 through, and not a fen more.
  const adjustment = expectCreated(await l.proposeAdjustment(id, {
    contract: { provinceGrantFen: 800 * W, zoneGrantFen: 1_000 * W },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 300 * W },
      { trancheId: 'P2', funder: 'province', dueOn: '2024-03-31', amountFen: 500 * W },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: 450 * W },
      { trancheId: 'Z2', funder: 'zone', dueOn: '2024-04-30', amountFen: 550 * W },
    ],
  }));
  const adjusted = expectCreated(await l.approveAdjustment(id, adjustment.body.entry.entryId));
  expect(adjusted.body.project.contract).toMatchObject({ provinceGrantFen: 800 * W, zoneGrantFen: 1_000 * W });
  expect(adjusted.body.project.registeredContract).toMatchObject({ provinceGrantFen: 600 * W, zoneGrantFen: 800 * W });
  const more = expectCreated(await l.allocate(id, 300 * W, '2024-01-10'));
  expect(more.body.project.balances.province).toMatchObject({ allocatedFen: 800 * W, pendingFen: 300 * W, confirmedFen: 500 * W });
  expectRule(await l.allocate(id, 1, '2024-01-10'), 'province-per-project', { limitFen: 800 * W, usedFen: 800 * W, attemptedFen: 1 });

  const history = await verifyChain(id);
  expect(history.map((e) => e.type)).toEqual([
    'registration', 'allocation', 'match-confirmation', 'match-confirmation', 'match-confirmation', 'transfer', 'disbursement', 'disbursement',
    'recovery', 'recovery', 'decommitment', 'cap-exception-proposal', 'cap-exception-approval', 'adjustment-proposal', 'adjustment-approval', 'allocation',
  ]);
  // Every entry records the rules it was checked against.
  const program = expectOk(await api.request('GET', '/programs/JS-2023-C', { token: auditor() })).body;
  expect(new Set(history.map((e) => e.ruleDigest))).toEqual(new Set([program.ruleDigest]));
  const { rows } = await expectCsvSumsToBalances(api, id);
  expect(rows).toHaveLength(history.length);
  // asOf: the position at the end of 2023-08-31 (value dates), and the project then.
  const then = expectOk(await api.request('GET', `/projects/${id}?asOf=2023-08-31`, { token: auditor() })).body;
  expect(then.balances).toEqual({ province: province({ allocatedFen: 600 * W, confirmedFen: 600 * W }), zone: zone({ allocatedFen: 700 * W, confirmedFen: 700 * W }) });
  expect(then).toMatchObject({ asOf: '2023-08-31', version: 4, headHash: history[3].hash });
});

test('2021 (exactly 1:1): allocate → confirm in two parts → no zone money above 1:1 → transfer → the zone pays both shares → recovery → decommitment → exception', async () => {
  const { zoneId, clusterId } = await freshCluster(api, 'JS-2021-CLUSTER');
  const reg = registration2021({
    zoneId, clusterId, newInvestmentFen: 3_600 * W, // one third: 1,200 万; joint 1,000 万 in principle
    contract: { signedOn: '2021-06-01', startsOn: '2021-07-01', endsOn: '2024-12-31', provinceGrantFen: 500 * W, zoneGrantFen: 500 * W },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2021-09-30', amountFen: 500 * W },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2021-10-31', amountFen: 500 * W },
    ],
  });
  const id = reg.projectId;
  const l = ledger(api, zoneId);
  expectCreated(await l.register(reg));
  const allocId = l.entryIdOf(await l.allocate(id, 400 * W, '2021-07-15'));
  const part1 = expectCreated(await l.confirm(id, allocId, 150 * W, '2021-08-01'));
  expect(part1.body.project.balances).toEqual({ province: province({ allocatedFen: 400 * W, pendingFen: 250 * W, confirmedFen: 150 * W }), zone: zone({ allocatedFen: 400 * W, pendingFen: 250 * W, confirmedFen: 150 * W }) });
  // Exactly 1:1: no more than is pending, and no zone money above the ratio.
  expectRule(await l.confirm(id, allocId, 250 * W + 1, '2021-08-20'), 'match-ratio', { limitFen: 250 * W, attemptedFen: 250 * W + 1 });
  expectRule(await l.confirm(id, null, 100 * W, '2021-08-20'), 'match-ratio', { limitFen: 0 });
  const part2 = expectCreated(await l.confirm(id, allocId, 250 * W, '2021-08-20'));
  expect(part2.body.project.balances).toEqual({ province: province({ allocatedFen: 400 * W, confirmedFen: 400 * W }), zone: zone({ allocatedFen: 400 * W, confirmedFen: 400 * W }) });

  expectCreated(await l.transfer(id, 300 * W, '2021-09-01'));
  expectRule(await l.disburse(id, 'province', 300 * W + 1, '2021-09-20'), 'insufficient-transferred-funds', { limitFen: 300 * W, usedFen: 0, attemptedFen: 300 * W + 1 });
  expectCreated(await l.disburse(id, 'province', 300 * W, '2021-09-20', 'P1'));
  expectCreated(await l.disburse(id, 'zone', 300 * W, '2021-10-20', 'Z1'));
  expectCreated(await l.recover(id, 'province', 100 * W, '2022-03-01'));
  expectCreated(await l.recover(id, 'zone', 100 * W, '2022-03-02'));
  // Decommitting only the province's part would break 1:1 on what stays confirmed.
  expectRule(await l.decommit(id, { provinceFen: 100 * W }, '2022-06-01'), 'match-ratio');
  const dec = expectCreated(await l.decommit(id, { provinceFen: 100 * W, zoneFen: 100 * W }, '2022-06-01'));
  expect(dec.body.project.balances).toEqual({
    province: province({ allocatedFen: 300 * W, confirmedFen: 300 * W, decommittedFen: 100 * W, transferredFen: 300 * W, disbursedFen: 300 * W, recoveredFen: 100 * W }),
    zone: zone({ allocatedFen: 300 * W, confirmedFen: 300 * W, decommittedFen: 100 * W, disbursedFen: 300 * W, recoveredFen: 100 * W }),
  });
  let cluster = expectOk(await api.request('GET', `/clusters/${clusterId}`, { token: auditor() })).body;
  expect(cluster.usage.province).toEqual({ allocatedFen: 300 * W, limitFen: 3_000 * W, headroomFen: 2_700 * W });
  expect(cluster.usage.zone).toEqual({ allocatedFen: 300 * W, limitFen: 3_000 * W, headroomFen: 2_700 * W });

  // 2021: joint per project (1,000 万) is in principle; one third of new investment (1,200 万) is hard.
  const exception = l.entryIdOf(await l.proposeException(id, 'joint-per-project', 1_200 * W));
  expectCreated(await l.approveException(id, exception));
  const adjustment = l.entryIdOf(await l.proposeAdjustment(id, {
    contract: { provinceGrantFen: 600 * W, zoneGrantFen: 600 * W },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2021-09-30', amountFen: 600 * W },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2021-10-31', amountFen: 600 * W },
    ],
  }));
  expectCreated(await l.approveAdjustment(id, adjustment));
  const more = l.entryIdOf(await l.allocate(id, 300 * W, '2022-07-01'));
  expectRule(await l.allocate(id, 1, '2022-07-01'), 'joint-per-project', { limitFen: 1_200 * W, usedFen: 1_200 * W, attemptedFen: 2 });
  const done = expectCreated(await l.confirm(id, more, 300 * W, '2022-07-10'));
  expect(done.body.project.limits.find((x: any) => x.rule === 'joint-per-project')).toMatchObject({ limitFen: 1_200 * W, usedFen: 1_200 * W, headroomFen: 0, exception: { programLimitFen: 1_000 * W } });
  cluster = expectOk(await api.request('GET', `/clusters/${clusterId}`, { token: auditor() })).body;
  expect(cluster.usage.province.allocatedFen).toBe(600 * W);
  expect(cluster.usage.zone.allocatedFen).toBe(600 * W);
  const history = await verifyChain(id);
  expect(history).toHaveLength(16);
  await expectCsvSumsToBalances(api, id);
  const limits = (await l.project(id)).limits;
  expect(limits.find((x: any) => x.rule === 'province-per-cluster')).toMatchObject({ limitFen: 3_000 * W, usedFen: 600 * W });
});

test('a payment after the end of the period is late, not impossible: afterPeriod true', async () => {
  const { zoneId, clusterId } = await freshCluster(api, 'JS-2021-CLUSTER');
  const reg = registration2021({ zoneId, clusterId });
  const l = ledger(api, zoneId);
  expectCreated(await l.register(reg));
  await l.allocateMatched(reg.projectId, 400 * W, '2021-07-15', '2021-08-01');
  expectCreated(await l.transfer(reg.projectId, 400 * W, '2024-12-31'));
  const onTheDay = expectCreated(await l.disburse(reg.projectId, 'province', 100 * W, '2024-12-31'));
  expect(onTheDay.body.entry.details.afterPeriod).toBe(false);
  const late = expectCreated(await l.disburse(reg.projectId, 'province', 100 * W, '2025-01-01'));
  expect(late.body.entry.details.afterPeriod).toBe(true);
  const lateZone = expectCreated(await l.disburse(reg.projectId, 'zone', 100 * W, '2025-03-01'));
  expect(lateZone.body.entry.details.afterPeriod).toBe(true);
  const history = expectOk(await api.request('GET', `/projects/${reg.projectId}/history?type=disbursement`, { token: auditor() })).body.entries;
  expect(history.map((e: any) => e.details.afterPeriod)).toEqual([false, true, true]);
  const { header, rows } = await expectCsvSumsToBalances(api, reg.projectId);
  const col = header.indexOf('afterPeriod');
  expect(rows.filter((r) => r[header.indexOf('type')] === 'disbursement').map((r) => r[col])).toEqual(['false', 'true', 'true']);
  // Other entries have no such detail.
  expect(expectOk(await api.request('GET', `/projects/${reg.projectId}/history?type=transfer`, { token: auditor() })).body.entries[0].details).not.toHaveProperty('afterPeriod');
});

test('the Nanjing city program (no match rule): 市级 and 园区 money; the park pays both; funder names in the view', async () => {
  const reg = registrationNanjing();
  const id = reg.projectId;
  const l = ledger(api, reg.zoneId);
  const registered = expectCreated(await l.register(reg));
  expect(registered.body.project.funderNames).toEqual({ province: '市级', zone: '园区' });
  const program = expectOk(await api.request('GET', '/programs/NJ-CITY-CLUSTER', { token: auditor() })).body;
  expect(program).toMatchObject({ match: { kind: 'none' }, funderNames: { province: '市级', zone: '园区' }, implementationMonths: 36 });
  // City money is confirmed at once: there is no match to wait for.
  const alloc = expectCreated(await l.allocate(id, 200 * W));
  expect(alloc.body.entry.status).toBe('confirmed');
  expect(alloc.body.project.balances).toEqual({ province: province({ allocatedFen: 200 * W, confirmedFen: 200 * W }), zone: zone() });
  // The park commits its own money without an allocation, in parts.
  expectCreated(await l.confirm(id, null, 60 * W));
  const zoneMoney = expectCreated(await l.confirm(id, null, 40 * W, '2023-08-05'));
  expect(zoneMoney.body.project.balances.zone).toEqual(zone({ allocatedFen: 100 * W, confirmedFen: 100 * W }));
  expectRule(await l.confirm(id, null, 1, '2023-08-05'), 'contract-grant', { limitFen: 100 * W, usedFen: 100 * W, attemptedFen: 1 });
  // The city's money reaches the park, which pays both.
  expectCreated(await l.transfer(id, 200 * W));
  expectCreated(await l.disburse(id, 'province', 200 * W, '2023-09-15', 'P1'));
  const paid = expectCreated(await l.disburse(id, 'zone', 100 * W, '2023-10-15', 'Z1'));
  expect(paid.body.project.balances).toEqual({
    province: province({ allocatedFen: 200 * W, confirmedFen: 200 * W, transferredFen: 200 * W, disbursedFen: 200 * W }),
    zone: zone({ allocatedFen: 100 * W, confirmedFen: 100 * W, disbursedFen: 100 * W }),
  });
  expect(paid.body.project.schedule.every((t: any) => t.status === 'paid')).toBe(true);
  expect(paid.body.project.limits.map((x: any) => x.rule)).toEqual(['contract-grant', 'contract-grant']);
  const view = await l.project(id);
  expect(view).toMatchObject({ funderNames: { province: '市级', zone: '园区' }, programCode: 'NJ-CITY-CLUSTER', lagging: false });
  await verifyChain(id);
  await expectCsvSumsToBalances(api, id);
});

test('outside the zone: the province allocates (confirmed at once) and pays the owner itself; nothing passes through the zone', async () => {
  const reg = registrationOutside2023();
  const id = reg.projectId;
  const l = ledger(api, reg.zoneId);
  expectCreated(await l.register(reg));
  const alloc = expectCreated(await l.allocate(id, 200 * W));
  expect(alloc.body.entry.status).toBe('confirmed');
  expect(alloc.body.project.balances).toEqual({ province: province({ allocatedFen: 200 * W, confirmedFen: 200 * W }), zone: zone() });
  expectRule(await l.transfer(id, 100 * W), 'transfer-not-applicable');
  // The zone committee may not pay it; the finance officer does.
  expect((await l.disburse(id, 'province', 100 * W, '2023-09-15', 'P1', l.zone)).status).toBe(403);
  const paid = expectCreated(await l.payOutside(id, 100 * W, '2023-09-15', 'P1'));
  expect(paid.body.entry.actor.role).toBe('finance-officer');
  expectRule(await l.payOutside(id, 100 * W + 1, '2023-09-16'), 'insufficient-confirmed-funds', { limitFen: 200 * W, usedFen: 100 * W, attemptedFen: 100 * W + 1 });
  expectCreated(await l.recover(id, 'province', 10 * W, '2023-12-01'));
  // Decommitment of money not yet paid (outside: nothing is "transferred").
  expectRule(await l.decommit(id, { provinceFen: 100 * W + 1 }), 'insufficient-confirmed-funds', { limitFen: 100 * W });
  const dec = expectCreated(await l.decommit(id, { provinceFen: 100 * W }));
  expect(dec.body.project.balances).toEqual({
    province: province({ allocatedFen: 100 * W, confirmedFen: 100 * W, decommittedFen: 100 * W, disbursedFen: 100 * W, recoveredFen: 10 * W }),
    zone: zone(),
  });
  await verifyChain(id);
  await expectCsvSumsToBalances(api, id);
});

test('outside-zone province money counts in the 2021 cluster cap (the default reading)', async () => {
  const { zoneId, clusterId } = await freshCluster(api, 'JS-2021-CLUSTER');
  const reg = registration2021({
    zoneId, clusterId, insideZone: false,
    contract: { ...registration2021().contract, zoneGrantFen: 0 },
    schedule: [{ trancheId: 'P1', funder: 'province', dueOn: '2021-09-30', amountFen: 400 * W }],
  });
  const l = ledger(api, zoneId);
  expectCreated(await l.register(reg));
  expectCreated(await l.allocate(reg.projectId, 400 * W, '2021-07-15'));
  const cluster = expectOk(await api.request('GET', `/clusters/${clusterId}`, { token: auditor() })).body;
  expect(cluster.usage.province.allocatedFen).toBe(400 * W);
  expect(cluster.usage.zone.allocatedFen).toBe(0);
});

test('history: paging, filters, CSV for Excel, and asOf views', async () => {
  const reg = registration2023({ contract: { ...registration2023().contract, zoneGrantFen: 900 * W } });
  reg.schedule = [
    { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 600 * W },
    { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: 900 * W },
  ];
  const id = reg.projectId;
  const l = ledger(api, reg.zoneId);
  expectCreated(await l.register(reg));
  await l.allocateMatched(id, 600 * W, '2023-07-15', '2023-08-01', 900 * W);
  expectCreated(await l.transfer(id, 300 * W, '2023-08-15'));
  expectCreated(await l.disburse(id, 'province', 300 * W, '2023-09-15', 'P1'));
  expectCreated(await l.disburse(id, 'zone', 900 * W, '2023-09-15'));

  // Paging walks the same entries with no gaps.
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await api.request('GET', `/projects/${id}/history?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: auditor() });
    expect(page.body.entries.length).toBeLessThanOrEqual(2);
    seen.push(...page.body.entries.map((e: { seq: number }) => e.seq));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  const disb = await api.request('GET', `/projects/${id}/history?type=disbursement`, { token: auditor() });
  expect(disb.body.entries.map((e: { seq: number }) => e.seq)).toEqual([5, 6]);
  const dated = await api.request('GET', `/projects/${id}/history?from=2023-07-01&to=2023-08-31`, { token: auditor() });
  expect(dated.body.entries.map((e: { seq: number }) => e.seq)).toEqual([2, 3, 4]);
  const filteredPage = await api.request('GET', `/projects/${id}/history?type=disbursement&limit=1`, { token: auditor() });
  expect(filteredPage.body.entries.map((e: { seq: number }) => e.seq)).toEqual([5]);
  const next = await api.request('GET', `/projects/${id}/history?type=disbursement&limit=1&cursor=${encodeURIComponent(filteredPage.body.nextCursor)}`, { token: auditor() });
  expect(next.body.entries.map((e: { seq: number }) => e.seq)).toEqual([6]);

  // CSV for Excel: BOM, header, one CRLF row per entry, yuan with two decimals, Chinese intact.
  const csv = await api.request('GET', `/projects/${id}/history.csv`, { token: auditor() });
  expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(csv.headers['content-disposition']).toContain(`${id}-history.csv`);
  const bytes = await historyCsvBytes(api, id);
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(bytes.toString('utf8').endsWith('\r\n')).toBe(true);
  // For people: the console's words, funders as the program names them, China time.
  const [header, ...rows] = parseCsv(bytes.toString('utf8'));
  expect(header!.slice(0, 8)).toEqual(['序号', '类型', '资金来源', '金额（元）', '业务日期', '记录时间（北京时间）', '经办人', '经办人角色']);
  expect(rows).toHaveLength(6);
  expect(rows[1]!.slice(1, 5)).toEqual(['省级资金下达', '省级', '6000000.00', '2023-07-15']);
  expect(rows[1]![11]).toBe('已确认');
  expect(rows[1]!.join(',')).toContain('苏财教〔2023〕');
  expect(rows[4]!.slice(1, 4)).toEqual(['拨付', '省级', '3000000.00']);
  // For programs: ids and codes, ISO 8601 UTC.
  const [machineHeader, ...machineRows] = parseCsv((await historyCsvBytes(api, id, undefined, 'machine')).toString('utf8'));
  expect(machineHeader!.slice(0, 5)).toEqual(['seq', 'entryId', 'type', 'funder', 'amountYuan']);
  expect(machineRows[1]!.slice(2, 6)).toEqual(['allocation', 'province', '6000000.00', '2023-07-15']);
  expect(machineRows[1]![6]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(machineRows[4]!.slice(2, 5)).toEqual(['disbursement', 'province', '3000000.00']);
  await expectCsvSumsToBalances(api, id);
  // The CSV takes the history's filters.
  const onlyPayments = parseCsv((await api.request('GET', `/projects/${id}/history.csv?type=disbursement`, { token: auditor() })).text);
  expect(onlyPayments).toHaveLength(3);

  // asOf: the position at the end of a past business day.
  const asOf = await api.request('GET', `/projects/${id}?asOf=2023-07-31`, { token: auditor() });
  expect(asOf.body.balances.province).toEqual(province({ allocatedFen: 600 * W, pendingFen: 600 * W }));
  expect(asOf.body.version).toBe(2);
  const history = await verifyChain(id);
  expect(history[1].hash).toBe(asOf.body.headHash);
  const before = await api.request('GET', `/projects/${id}?asOf=2023-06-01`, { token: auditor() });
  expect(before.body).toMatchObject({ version: 1, balances: { province: province({}), zone: zone() } });
});

test('every entry GET /history serves re-hashes to its own hash: the chain is checkable with nothing but SHA-256', async () => {
  const reg = registration2023();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  await l.allocateMatched(reg.projectId, 100 * W);
  expectOk(await l.transfer(reg.projectId, 100 * W));
  expectOk(await l.disburse(reg.projectId, 'province', 100 * W));
  const history = expectOk(await api.request('GET', `/projects/${reg.projectId}/history`, { token: auditor() })).body.entries as any[];
  // API.md: hash = sha256(prevHash + canonical JSON of the entry) — of the entry as the history shows it.
  expect(history.map((e) => entryHash(e) === e.hash)).toEqual(history.map(() => true));
});

test('verify detects a tampered, a re-linked, and a missing stored entry', async () => {
  const reg = registration2023();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  for (let i = 0; i < 4; i++) expectOk(await l.allocate(reg.projectId, 10 * W));
  const pk = `PROJECT#${reg.projectId}`;
  const sk = (seq: number) => `ENTRY#${String(seq).padStart(10, '0')}`;
  const client = rawClient();
  const verify = async () => (await api.request('GET', `/projects/${reg.projectId}/verify`, { token: auditor() })).body;
  try {
    expect((await verify()).valid).toBe(true);
    const original = (await readItem(api.tableName, pk, sk(3)))!.entry.amountFen;
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: sk(3) }, UpdateExpression: 'SET entry.amountFen = :a', ExpressionAttributeValues: { ':a': original + 1 } }));
    expect(await verify()).toMatchObject({ valid: false, brokenAtSeq: 3, reason: expect.any(String) });
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: sk(3) }, UpdateExpression: 'SET entry.amountFen = :a', ExpressionAttributeValues: { ':a': original } }));
    expect((await verify()).valid).toBe(true);

    // Re-hashing a changed entry does not help: the next entry's link breaks.
    const e2 = (await readItem(api.tableName, pk, sk(2)))!.entry;
    const forged = { ...e2, memo: '篡改' };
    forged.hash = entryHash(forged);
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: sk(2) }, UpdateExpression: 'SET entry = :e', ExpressionAttributeValues: { ':e': forged } }));
    expect(await verify()).toMatchObject({ valid: false, brokenAtSeq: 3 });
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: sk(2) }, UpdateExpression: 'SET entry = :e', ExpressionAttributeValues: { ':e': e2 } }));
    expect((await verify()).valid).toBe(true);

    // The state item claims 6 entries: hide the last one and the chain no longer reaches the head.
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: 'STATE' }, UpdateExpression: 'SET version = :v', ExpressionAttributeValues: { ':v': 6 } }));
    expect(await verify()).toMatchObject({ valid: false, brokenAtSeq: 6 });
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: 'STATE' }, UpdateExpression: 'SET version = :v', ExpressionAttributeValues: { ':v': 5 } }));
    expect((await verify()).valid).toBe(true);

    // A stored state that no longer matches its entries is caught too.
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: 'STATE' }, UpdateExpression: 'SET #s.province.confirmedFen = :c', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':c': 1 } }));
    expect(await verify()).toMatchObject({ valid: false });
  } finally {
    client.destroy();
  }
});

test('GET /projects pages by cursor through every project, and filters by zone, program, cluster and status', async () => {
  const token = auditor();
  const walk = async (query: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const res: any = await api.request('GET', `/projects?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
      expect(res.status).toBe(200);
      ids.push(...res.body.projects.map((p: any) => p.projectId));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    return ids;
  };
  const all = await walk('');
  expect(new Set(all).size).toBe(all.length);
  const details = await Promise.all(all.map(async (id) => expectOk(await api.request('GET', `/projects/${id}`, { token })).body));
  const expected = (keep: (p: any) => boolean) => details.filter(keep).map((p) => p.projectId).sort();
  for (const [query, keep] of [
    ['&zoneId=NJ-HTZ', (p: any) => p.zoneId === 'NJ-HTZ'],
    ['&programCode=JS-2021-CLUSTER', (p: any) => p.programCode === 'JS-2021-CLUSTER'],
    ['&clusterId=NJ-CITY-AI', (p: any) => p.clusterId === 'NJ-CITY-AI'],
    ['&status=active', (p: any) => p.status === 'active'],
    ['&zoneId=NJ-HTZ&programCode=JS-2023-C', (p: any) => p.zoneId === 'NJ-HTZ' && p.programCode === 'JS-2023-C'],
    [`&city=${encodeURIComponent('南京市')}`, (p: any) => p.city === '南京市'],
  ] as const) {
    const listed = (await walk(query)).sort();
    expect(listed.length).toBeGreaterThan(0);
    expect({ query, listed }).toEqual({ query, listed: expected(keep) });
  }
});

/**
 * The project lifecycle through HTTP (API.md "Lifecycle"): adjustments and extensions (proposed,
 * checked again on approval by another person), inspections, holds, acceptance (application window,
 * once, results by the admin or the city bureau) and termination (four-eyes, pending money voided).
 */
import { NANJING, YUAN, expectCreated, expectOk, expectProblem, expectRule, footprint, ledger, registered, registration2023, today, useSeededApi } from './support/fixtures';
import { addDays } from '../../domain/dates';

const api = useSeededApi();
const W = 10_000 * YUAN; // 万元

/** A 2023 project in NJ-HTZ (Nanjing) whose period ended on 2024-12-31. */
const ended = () => registration2023({ contract: { ...registration2023().contract, endsOn: '2024-12-31' } });
const schedule = (p1: number, p2: number, z1: number, z2: number) => [
  { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: p1 },
  { trancheId: 'P2', funder: 'province', dueOn: '2024-03-31', amountFen: p2 },
  { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: z1 },
  { trancheId: 'Z2', funder: 'zone', dueOn: '2024-04-30', amountFen: z2 },
];

describe('adjustments and extensions', () => {
  test('a proposal changes nothing until another person approves it; then the contract, schedule and new investment change', async () => {
    const { id, l } = await registered(api, registration2023());
    const change = { contract: { provinceGrantFen: 500 * W, zoneGrantFen: 500 * W }, schedule: schedule(250 * W, 250 * W, 250 * W, 250 * W), newInvestmentFen: 4_000 * W };
    const proposal = expectCreated(await l.proposeAdjustment(id, change));
    expect(proposal.body.entry).toMatchObject({ type: 'adjustment-proposal', status: 'proposed', actor: { role: 'finance-officer' }, details: { change } });
    expect(proposal.body.project.proposals).toEqual([expect.objectContaining({ kind: 'adjustment', entryId: proposal.body.entry.entryId, proposedBy: 'fo-alice', change })]);
    expect(proposal.body.project.contract.provinceGrantFen).toBe(600 * W);
    expect(proposal.body.project.newInvestmentFen).toBe(4_500 * W);

    const approved = expectCreated(await l.approveAdjustment(id, proposal.body.entry.entryId));
    expect(approved.body.entry).toMatchObject({ type: 'adjustment-approval', refersTo: proposal.body.entry.entryId, status: 'approved', actor: { sub: 'adm-ann', role: 'admin' } });
    const p = approved.body.project;
    expect(p.contract).toMatchObject({ provinceGrantFen: 500 * W, zoneGrantFen: 500 * W, endsOn: '2026-12-31' });
    expect(p.registeredContract).toMatchObject({ provinceGrantFen: 600 * W, zoneGrantFen: 600 * W });
    expect(p.newInvestmentFen).toBe(4_000 * W);
    expect(p.schedule.map((t: any) => t.amountFen)).toEqual([250 * W, 250 * W, 250 * W, 250 * W]);
    expect(p.proposals).toEqual([]);
    expect(p.limits.find((x: any) => x.rule === 'contract-grant' && x.funder === 'province')).toMatchObject({ limitFen: 500 * W });
    // The new grants bind from now on.
    expectCreated(await l.allocate(id, 500 * W));
    expectRule(await l.allocate(id, 1), 'contract-grant', { limitFen: 500 * W, usedFen: 500 * W, attemptedFen: 1 });
  });

  test('checked again on approval: what was fine when proposed may not be any more', async () => {
    const { id, l } = await registered(api, registration2023());
    const alloc = l.entryIdOf(await l.allocate(id, 300 * W));
    expectCreated(await l.confirm(id, alloc, 300 * W));
    // Cut the zone grant to 400 万: fine while the zone has committed 300 万…
    const proposal = l.entryIdOf(await l.proposeAdjustment(id, { contract: { provinceGrantFen: 300 * W, zoneGrantFen: 400 * W }, schedule: schedule(150 * W, 150 * W, 200 * W, 200 * W) }));
    // …but the zone confirms 200 万 more above the ratio in the meantime.
    expectCreated(await l.confirm(id, null, 200 * W));
    const before = await footprint(api, id);
    expectRule(await l.approveAdjustment(id, proposal), 'contract-grant', { limitFen: 400 * W, usedFen: 500 * W, attemptedFen: 0 });
    expect(await footprint(api, id)).toEqual(before);
    // The proposal is still pending; a new one replaces it.
    expect((await l.project(id)).proposals).toHaveLength(1);
    const second = l.entryIdOf(await l.proposeAdjustment(id, { contract: { provinceGrantFen: 300 * W, zoneGrantFen: 500 * W }, schedule: schedule(150 * W, 150 * W, 250 * W, 250 * W) }));
    expect((await l.project(id)).proposals.map((x: any) => x.entryId)).toEqual([second]);
    expectRule(await l.approveAdjustment(id, proposal), 'proposal-not-pending');
    expectCreated(await l.approveAdjustment(id, second));
  });

  test('new investment cannot fall below what one third of it must carry; a grant cannot fall below what was committed', async () => {
    const { id, l } = await registered(api, registration2023());
    // 1,200 万 granted needs at least 3,600 万 of new investment.
    expectRule(await l.proposeAdjustment(id, { newInvestmentFen: 3_600 * W - 3 }), 'joint-share-of-new-investment', { limitFen: 1_200 * W - 1, attemptedFen: 1_200 * W });
    expectCreated(await l.proposeAdjustment(id, { newInvestmentFen: 3_600 * W }));
    await l.allocateMatched(id, 400 * W);
    expectRule(await l.proposeAdjustment(id, { contract: { provinceGrantFen: 400 * W - 1 }, schedule: schedule(200 * W, 200 * W - 1, 300 * W, 300 * W) }), 'contract-grant', { limitFen: 400 * W - 1, usedFen: 400 * W });
    expectProblem(await l.proposeAdjustment(id, {}), 400);
  });

  test('an extension moves the end by at most 12 months past the original, and the acceptance window with it', async () => {
    const { id, l } = await registered(api, ended());
    const first = l.entryIdOf(await l.proposeAdjustment(id, { contract: { endsOn: '2025-06-30' } }));
    expect((await l.approveAdjustment(id, first)).body.project.contract.endsOn).toBe('2025-06-30');
    // A second extension counts from the original end (2024-12-31), not from the new one.
    expectRule(await l.proposeAdjustment(id, { contract: { endsOn: '2026-01-01' } }), 'implementation-period');
    const second = l.entryIdOf(await l.proposeAdjustment(id, { contract: { endsOn: '2025-12-31' } }));
    const extended = expectCreated(await l.approveAdjustment(id, second));
    expect(extended.body.project.contract.endsOn).toBe('2025-12-31');
    expect(extended.body.project.registeredContract.endsOn).toBe('2024-12-31');
    // Payments up to the new end are in the period.
    await l.allocateMatched(id, 100 * W);
    expectCreated(await l.transfer(id, 100 * W, '2025-06-01'));
    expect(expectCreated(await l.disburse(id, 'province', 50 * W, '2025-12-31')).body.entry.details.afterPeriod).toBe(false);
    expect(expectCreated(await l.disburse(id, 'province', 50 * W, '2026-01-01')).body.entry.details.afterPeriod).toBe(true);
    expectRule(await l.applyAcceptance(id, '2025-10-01'), 'implementation-period');
    expectCreated(await l.applyAcceptance(id, '2025-10-02'));
  });
});

describe('inspections', () => {
  test('mid-term, supervision and fund-use inspections by the admin, the city bureau and the zone committee; the latest of each kind is shown', async () => {
    const { id, l } = await registered(api, registration2023());
    const mid = expectCreated(await l.inspect(id, 'mid-term', '2024-06-01', 'rectify', l.cityBureau));
    expect(mid.body.entry).toMatchObject({ type: 'inspection', valueDate: '2024-06-01', actor: { role: 'city-bureau' }, details: { kind: 'mid-term', result: 'rectify', notes: null } });
    expectCreated(await l.post(`/projects/${id}/inspections`, l.admin, { kind: 'supervision', inspectedOn: '2024-07-01', result: 'pass', reference: '督查', notes: '资金使用规范' }));
    expectCreated(await l.inspect(id, 'fund-use', '2024-08-01', 'fail', l.zone));
    const again = expectCreated(await l.inspect(id, 'mid-term', '2024-09-01', 'pass', l.admin));
    expect(again.body.project.inspections).toEqual(expect.arrayContaining([
      { kind: 'mid-term', entryId: again.body.entry.entryId, inspectedOn: '2024-09-01', result: 'pass' },
      expect.objectContaining({ kind: 'supervision', result: 'pass' }),
      expect.objectContaining({ kind: 'fund-use', result: 'fail' }),
    ]));
    expect(again.body.project.inspections).toHaveLength(3);
    const history = expectOk(await api.request('GET', `/projects/${id}/history?type=inspection`, { token: l.auditor })).body.entries;
    expect(history.map((e: any) => e.details.kind)).toEqual(['mid-term', 'supervision', 'fund-use', 'mid-term']);
    expect(history[1].memo).toBe('资金使用规范');
    // Inspections move no money.
    expect((await l.project(id)).balances.province.allocatedFen).toBe(0);
  });

  test('an inspection is dated inside the contract and not in the future', async () => {
    const { id, l } = await registered(api, registration2023());
    expectRule(await l.inspect(id, 'mid-term', '2023-05-31'), 'implementation-period');
    expectProblem(await l.inspect(id, 'mid-term', addDays(today(), 1)), 400);
    expectCreated(await l.inspect(id, 'mid-term', today()));
  });
});

describe('holds', () => {
  test('on hold nothing is transferred or paid; commitments go on; released, money moves again', async () => {
    const { id, l } = await registered(api, registration2023());
    await l.allocateMatched(id, 300 * W);
    expectCreated(await l.transfer(id, 100 * W));
    const hold = expectCreated(await l.hold(id, l.finance));
    expect(hold.body.entry).toMatchObject({ type: 'hold', valueDate: today(), actor: { role: 'finance-officer' } });
    expect(hold.body.project).toMatchObject({ status: 'on-hold', hold: { entryId: hold.body.entry.entryId, since: today() } });
    expectRule(await l.transfer(id, 1), 'project-on-hold');
    expectRule(await l.disburse(id, 'province', 1), 'project-on-hold');
    expectRule(await l.disburse(id, 'zone', 1), 'project-on-hold');
    expectRule(await l.hold(id), 'project-on-hold');
    // Commitments, recoveries and inspections are not payments.
    const alloc = l.entryIdOf(await l.allocate(id, 100 * W));
    expectCreated(await l.confirm(id, alloc, 100 * W));
    expectCreated(await l.inspect(id, 'supervision', today(), 'rectify'));
    // Listed by status.
    const held = expectOk(await api.request('GET', '/projects?status=on-hold&limit=500', { token: l.auditor })).body.projects;
    expect(held.map((p: any) => p.projectId)).toContain(id);
    expect(held.every((p: any) => p.status === 'on-hold')).toBe(true);
    // A reversal cannot slip a payment through either.
    const released = expectCreated(await l.release(id, hold.body.entry.entryId, l.admin));
    expect(released.body.entry).toMatchObject({ type: 'hold-release', refersTo: hold.body.entry.entryId });
    expect(released.body.project).toMatchObject({ status: 'active', hold: null });
    expectCreated(await l.disburse(id, 'province', 100 * W));
    expect((await api.request('GET', '/projects?status=on-hold&limit=500', { token: l.auditor })).body.projects.map((p: any) => p.projectId)).not.toContain(id);
  });

  test('an error correction that moves no money out (a transfer reversed) is fine while on hold', async () => {
    const { id, l } = await registered(api, registration2023());
    await l.allocateMatched(id, 300 * W);
    const transfer = l.entryIdOf(await l.transfer(id, 100 * W));
    const hold = l.entryIdOf(await l.hold(id));
    const undone = expectCreated(await l.reverse(id, transfer));
    expect(undone.body.project).toMatchObject({ status: 'on-hold', balances: { province: { transferredFen: 0, heldAtZoneFen: 0 } } });
    expectCreated(await l.release(id, hold));
  });
});

describe('acceptance', () => {
  test('the zone applies once, from 90 days before the end; the admin records the result; a passed project still pays what reached the zone', async () => {
    const { id, l } = await registered(api, ended());
    await l.allocateMatched(id, 300 * W);
    expectCreated(await l.transfer(id, 200 * W));
    expectRule(await l.decideAcceptance(id, 'pass', '2025-01-15'), 'acceptance-not-applied');
    expectRule(await l.applyAcceptance(id, '2024-10-01'), 'implementation-period');
    const applied = expectCreated(await l.applyAcceptance(id, '2024-10-02'));
    expect(applied.body.entry).toMatchObject({ type: 'acceptance-application', valueDate: '2024-10-02', actor: { role: 'zone-committee' } });
    expect(applied.body.project.acceptance).toEqual({ applicationEntryId: applied.body.entry.entryId, appliedOn: '2024-10-02', result: null, decidedOn: null });
    // A second application → 409, nothing written.
    const before = await footprint(api, id);
    const twice = await l.applyAcceptance(id, '2024-10-03');
    expectProblem(twice, 409);
    expect(await footprint(api, id)).toEqual(before);
    // The result may not precede the application.
    expectProblem(await l.decideAcceptance(id, 'pass', '2024-10-01'), 400);
    const passed = expectCreated(await l.decideAcceptance(id, 'pass', '2025-01-15'));
    expect(passed.body.entry).toMatchObject({ type: 'acceptance-result', refersTo: applied.body.entry.entryId, details: { result: 'pass', recoveryDue: null } });
    expect(passed.body.project).toMatchObject({ status: 'closed-accepted', acceptance: { result: 'pass', decidedOn: '2025-01-15' }, lagging: false });
    // Closed: no more commitments or transfers; what reached the zone and confirmed zone money can still be paid.
    expectRule(await l.allocate(id, 1), 'project-closed');
    expectRule(await l.transfer(id, 1, '2025-01-16'), 'project-closed');
    expectRule(await l.decideAcceptance(id, 'fail', '2025-01-16'), 'project-closed');
    expectCreated(await l.disburse(id, 'province', 200 * W, '2025-01-20'));
    expectCreated(await l.disburse(id, 'zone', 300 * W, '2025-01-20'));
    // Inspections go on after closing.
    expectCreated(await l.inspect(id, 'fund-use', '2025-02-01', 'pass', l.cityBureau));
    expect(expectOk(await api.request('GET', '/projects?status=closed-accepted&limit=500', { token: l.auditor })).body.projects.map((p: any) => p.projectId)).toContain(id);
  });

  test('the city bureau records a failed acceptance with a recovery due; the recovery due is checked', async () => {
    const { id, l } = await registered(api, ended());
    await l.allocateMatched(id, 300 * W);
    expectCreated(await l.transfer(id, 300 * W));
    expectCreated(await l.disburse(id, 'province', 300 * W));
    expectCreated(await l.applyAcceptance(id, '2025-01-05'));
    // Both fields or neither; not more than the owner holds; not due before the decision.
    expectProblem(await l.post(`/projects/${id}/acceptance-results`, l.cityBureau, { result: 'fail', decidedOn: '2025-02-01', reference: 'X', recoveryDueFen: 100 * W }), 400);
    expectRule(await l.decideAcceptance(id, 'fail', '2025-02-01', { recoveryDueFen: 300 * W + 1, recoveryDueOn: '2025-06-30' }, l.cityBureau), 'insufficient-disbursed-funds', { limitFen: 300 * W, attemptedFen: 300 * W + 1 });
    expectProblem(await l.decideAcceptance(id, 'fail', '2025-02-01', { recoveryDueFen: 100 * W, recoveryDueOn: '2025-01-31' }, l.cityBureau), 400);
    const failed = expectCreated(await l.decideAcceptance(id, 'fail', '2025-02-01', { recoveryDueFen: 100 * W, recoveryDueOn: '2025-06-30' }, l.cityBureau));
    expect(failed.body.entry.actor).toMatchObject({ role: 'city-bureau' });
    expect(failed.body.project).toMatchObject({
      status: 'closed-failed', city: NANJING, acceptance: { result: 'fail', decidedOn: '2025-02-01' },
      recoveryDue: { amountFen: 100 * W, dueOn: '2025-06-30', entryId: failed.body.entry.entryId, recoveredFen: 0, outstandingFen: 100 * W },
    });
    // Failed: nothing more is paid; money can still come back.
    expectRule(await l.disburse(id, 'zone', 1, '2025-02-02'), 'project-closed');
    const back = expectCreated(await l.recover(id, 'province', 60 * W, '2025-03-01'));
    expect(back.body.project.recoveryDue).toMatchObject({ recoveredFen: 60 * W, outstandingFen: 40 * W });
  });
});

describe('termination', () => {
  test('proposed by one admin, approved by another: pending money is voided and frees the cluster, nothing more is committed or passed on', async () => {
    const { id, l, reg } = await registered(api, registration2023());
    await l.allocateMatched(id, 200 * W);
    expectCreated(await l.allocate(id, 300 * W)); // pending
    expectCreated(await l.transfer(id, 150 * W));
    expectCreated(await l.disburse(id, 'province', 100 * W));
    const cluster = async () => expectOk(await api.request('GET', `/clusters/${reg.clusterId}`, { token: l.auditor })).body.usage;
    const clusterBefore = await cluster();
    // A recovery due may not be due before today.
    expectProblem(await l.proposeTermination(id, { recoveryDueFen: 50 * W, recoveryDueOn: addDays(today(), -1) }), 400);
    const proposal = expectCreated(await l.proposeTermination(id, { recoveryDueFen: 50 * W, recoveryDueOn: '2199-12-31' }));
    expect(proposal.body.project).toMatchObject({ status: 'active', proposals: [expect.objectContaining({ kind: 'termination', recoveryDue: { amountFen: 50 * W, dueOn: '2199-12-31' } })] });
    // Until approved, money moves as usual.
    expectCreated(await l.disburse(id, 'province', 10 * W));
    const approved = expectCreated(await l.approveTermination(id, proposal.body.entry.entryId));
    expect(approved.body.entry).toMatchObject({ type: 'termination-approval', refersTo: proposal.body.entry.entryId, details: { voidedFen: 300 * W, recoveryDue: { amountFen: 50 * W, dueOn: '2199-12-31' } } });
    expect(approved.body.project).toMatchObject({ status: 'terminated', proposals: [], recoveryDue: { amountFen: 50 * W, outstandingFen: 50 * W } });
    expect(approved.body.project.balances.province).toMatchObject({ allocatedFen: 200 * W, pendingFen: 0, confirmedFen: 200 * W, decommittedFen: 300 * W, transferredFen: 150 * W, disbursedFen: 110 * W });
    expect(approved.body.project.balances.zone).toMatchObject({ allocatedFen: 200 * W, pendingFen: 0 });
    const clusterAfter = await cluster();
    expect(clusterAfter.province.allocatedFen).toBe(clusterBefore.province.allocatedFen - 300 * W);
    expect(clusterAfter.zone.allocatedFen).toBe(clusterBefore.zone.allocatedFen - 300 * W);
    // Nothing more committed, passed on or paid; money can still come back; inspections go on.
    expectRule(await l.allocate(id, 1), 'project-closed');
    expectRule(await l.confirm(id, null, 1), 'project-closed');
    expectRule(await l.transfer(id, 1), 'project-closed');
    expectRule(await l.disburse(id, 'province', 1), 'project-closed');
    expectRule(await l.disburse(id, 'zone', 1), 'project-closed');
    expectRule(await l.proposeTermination(id), 'project-closed');
    expectRule(await l.proposeAdjustment(id, { newInvestmentFen: 5_000 * W }), 'project-closed');
    expectRule(await l.proposeException(id, 'province-per-project', 700 * W), 'project-closed');
    expectRule(await l.hold(id), 'project-closed');
    const back = expectCreated(await l.recover(id, 'province', 50 * W));
    expect(back.body.project.recoveryDue).toMatchObject({ recoveredFen: 50 * W, outstandingFen: 0 });
    expectCreated(await l.inspect(id, 'fund-use', today(), 'fail'));
    expect(expectOk(await api.request('GET', '/projects?status=terminated&limit=500', { token: l.auditor })).body.projects.map((p: any) => p.projectId)).toContain(id);
    // The chain still verifies and replays to the stored state.
    expect(expectOk(await api.request('GET', `/projects/${id}/verify`, { token: l.auditor })).body).toMatchObject({ valid: true });
  });

  test('a termination proposal is replaced by a newer one and cannot be approved by its proposer', async () => {
    const { id, l } = await registered(api, registration2023());
    const first = l.entryIdOf(await l.proposeTermination(id));
    const second = l.entryIdOf(await l.proposeTermination(id, undefined, l.admin2));
    expectRule(await l.approveTermination(id, first, l.admin), 'proposal-not-pending');
    expectRule(await l.approveTermination(id, second, l.admin2), 'four-eyes');
    expectCreated(await l.approveTermination(id, second, l.admin));
  });
});

test('lifecycle entries cannot be reversed: corrections are their own entries', async () => {
  const { id, l } = await registered(api, ended());
  const inspection = l.entryIdOf(await l.inspect(id, 'fund-use', '2024-06-01', 'pass', l.zone));
  const application = l.entryIdOf(await l.applyAcceptance(id, '2024-12-01'));
  for (const entryId of [inspection, application]) expectRule(await l.reverse(id, entryId, l.zone2), 'reversal-not-allowed');
  // An admin's entry: no role that reverses may even ask (reversals are by the role that posted the kind of entry).
  const exception = l.entryIdOf(await l.proposeException(id, 'province-per-project', 700 * W));
  expectProblem(await l.reverse(id, exception, l.finance2), 403);
  const view = await l.project(id);
  expect(view.acceptance).toMatchObject({ applicationEntryId: application });
  expect(view.proposals.map((p: any) => p.entryId)).toEqual([exception]);
});

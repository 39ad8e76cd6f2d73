/**
 * Corrections keep every day of history true (issue 18 §1), through HTTP: a reversal that would
 * leave a past day, or an obligation recorded since, in a state that cannot exist is refused with
 * the day it would break (`brokenOn`); so is money dated before entries already recorded that
 * would. Refused requests change nothing; every `?asOf=` day still answers 200.
 */
import { expectCreated, expectOk, expectRule, ledger, refusalFootprint, registration2023, today, useSeededApi, type Ledger } from './support/fixtures';

const api = useSeededApi();

/** Every day the history names (and the day before each) answers 200 as of that day, no figure below zero. */
async function expectEveryDayShown(l: Ledger, projectId: string): Promise<void> {
  const history = expectOk(await api.request('GET', `/projects/${projectId}/history?limit=500`, { token: l.auditor })).body.entries as { valueDate: string }[];
  const days = [...new Set(history.flatMap((e) => [e.valueDate]))].sort();
  for (const day of days) {
    const res = await api.request('GET', `/projects/${projectId}?asOf=${day}`, { token: l.auditor });
    expect({ day, status: res.status }).toEqual({ day, status: 200 });
    const figures = Object.values(res.body.balances as Record<string, Record<string, number>>).flatMap((b) => Object.values(b));
    expect({ day, negative: figures.filter((v) => v < 0) }).toEqual({ day, negative: [] });
  }
}

async function registered(l: Ledger): Promise<string> {
  const reg = registration2023();
  expectCreated(await l.register(reg));
  return reg.projectId;
}

describe('a reversal is refused when the history without its target breaks a day or an obligation', () => {
  it('a confirmation whose zone money a later decommitment cancelled: the days between would show −10,000,000 fen', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const id = await registered(l);
    const first = l.entryIdOf(await l.confirm(id, null, 10_000_000, '2024-01-10'));
    expectCreated(await l.decommit(id, { zoneFen: 10_000_000 }, '2024-02-01'));
    expectCreated(await l.confirm(id, null, 10_000_000, '2024-03-01'));
    const before = await refusalFootprint(api, id);
    const refused = await l.reverse(id, first, l.zone2);
    expectRule(refused, 'reversal-not-allowed');
    // The day it would break, the rule it would break there, and whose money.
    expect(refused.body).toMatchObject({ brokenOn: '2024-02-01', cause: 'insufficient-confirmed-funds', funder: 'zone' });
    expect(refused.body.detail).toContain('2024-02-01');
    expect(await refusalFootprint(api, id)).toEqual({ ...before, idemp: expect.any(Array) });
    for (const day of ['2024-02-01', '2024-02-15', '2024-02-29']) {
      const asOf = expectOk(await api.request('GET', `/projects/${id}?asOf=${day}`, { token: l.auditor })).body;
      expect(asOf.balances.zone).toMatchObject({ confirmedFen: 0, decommittedFen: 10_000_000 });
    }
    await expectEveryDayShown(l, id);
  });

  it('a payment behind a recovery due: the due would exceed what the owner was ever paid', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const id = await registered(l);
    await l.allocateMatched(id, 1_000_000_00);
    expectCreated(await l.transfer(id, 1_000_000_00, '2023-08-15'));
    const paid = l.entryIdOf(await l.disburse(id, 'province', 1_000_000_00, '2023-09-15'));
    const proposal = l.entryIdOf(await l.proposeTermination(id, { recoveryDueFen: 1_000_000_00, recoveryDueOn: today() }));
    expectCreated(await l.approveTermination(id, proposal));
    const refused = await l.reverse(id, paid, l.zone2);
    expectRule(refused, 'reversal-not-allowed', { limitFen: 0, attemptedFen: 1_000_000_00 });
    expect(refused.body).toMatchObject({ brokenOn: today() });
    // The due stays collectable: the owner holds what it was paid.
    expectCreated(await l.recover(id, 'province', 1_000_000_00, today()));
    expect((await l.project(id)).recoveryDue).toMatchObject({ outstandingFen: 0 });
  });

  it('a recovery made before a recovery due is reversed: the due runs against what is returned from then on', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const id = await registered(l);
    await l.allocateMatched(id, 1_000_000_00);
    expectCreated(await l.transfer(id, 1_000_000_00, '2023-08-15'));
    expectCreated(await l.disburse(id, 'province', 1_000_000_00, '2023-09-15'));
    const recovered = l.entryIdOf(await l.recover(id, 'province', 300_000_00, '2023-12-01'));
    const proposal = l.entryIdOf(await l.proposeTermination(id, { recoveryDueFen: 700_000_00, recoveryDueOn: today() }));
    expectCreated(await l.approveTermination(id, proposal));
    expectCreated(await l.reverse(id, recovered));
    expectCreated(await l.recover(id, 'province', 700_000_00, today()));
    expect((await l.project(id)).recoveryDue).toMatchObject({ amountFen: 700_000_00, recoveredFen: 700_000_00, outstandingFen: 0 });
    expect(expectOk(await api.request('GET', `/projects/${id}/verify`, { token: l.auditor })).body).toMatchObject({ valid: true });
  });

  it('money a termination voided does not come back with the reversal of a confirmation before it', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const id = await registered(l);
    const allocation = l.entryIdOf(await l.allocate(id, 1_000_000_00, '2023-07-15'));
    const confirmation = l.entryIdOf(await l.confirm(id, allocation, 400_000_00, '2023-08-01'));
    const proposal = l.entryIdOf(await l.proposeTermination(id));
    expectCreated(await l.approveTermination(id, proposal));
    const before = await refusalFootprint(api, id);
    const refused = await l.reverse(id, confirmation, l.zone2);
    expectRule(refused, 'reversal-not-allowed');
    expect(refused.body.detail).toContain(`voided ${600_000_00} fen`);
    expect(await refusalFootprint(api, id)).toEqual({ ...before, idemp: expect.any(Array) });
    expect((await l.project(id)).balances.province).toMatchObject({ pendingFen: 0, decommittedFen: 600_000_00 });
  });
});

describe('money dated before entries already recorded', () => {
  it('is refused where a day between would show money paid before it reached the zone, and accepted where every day holds', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const id = await registered(l);
    await l.allocateMatched(id, 1_000_000_00, '2023-07-15', '2023-08-01');
    expectCreated(await l.transfer(id, 1_000_000_00, '2023-09-01'));
    const before = await refusalFootprint(api, id);
    const early = await l.disburse(id, 'province', 1_000_000_00, '2023-08-20');
    expectRule(early, 'insufficient-transferred-funds', { limitFen: 0, attemptedFen: 1_000_000_00 });
    expect(early.body).toMatchObject({ brokenOn: '2023-08-20', funder: 'province' });
    expect(await refusalFootprint(api, id)).toEqual({ ...before, idemp: expect.any(Array) });
    // The transfer itself cannot be dated before the money it passes on was confirmed.
    expectRule(await l.transfer(id, 1, '2023-07-31'), 'insufficient-confirmed-funds');
    // A payment recorded late but dated after the transfer is fine.
    expectCreated(await l.inspect(id, 'mid-term', '2023-12-01'));
    expectCreated(await l.disburse(id, 'province', 1_000_000_00, '2023-09-10'));
    await expectEveryDayShown(l, id);
  });
});

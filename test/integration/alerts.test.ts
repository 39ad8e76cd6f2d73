/**
 * Schedule status and the alert sweep against DynamoDB Local, through the HTTP layer: every alert
 * kind raised at its boundary (not a day before), updated, and resolved; `responsible` moving from
 * the province to the zone once the money has reached it; `held` on hold; the same day swept twice
 * changes nothing. Sweeps take an explicit asOf so the dates are fixed; one test fakes the clock for
 * the China-time default. The tests that sweep today's date come last: such a sweep looks at every
 * project of the file.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, daysBetween } from '../../domain/dates';
import { doc as storageClient } from '../../functions/lib/storage/client';
import { readPartition, readTable } from './support/api';
import { atInstant, fakeNow } from './support/clock';
import { NANJING, YUAN, expectCreated, expectOk, ledger, registration2021, registration2023, registrationOutside2023, today, useSeededApi } from './support/fixtures';
import type { Registration } from '../../domain/project/types';
import { apiGatewayEvent } from '../support/api-gateway-event';

const api = useSeededApi();

type Sweep = { raised: number; updated: number; resolved: number; open: number; examined: number; skipped: number; published: number; publishFailed: number; asOf: string };

const admin = () => api.token('admin');
const sweep = async (asOf?: string): Promise<Sweep> => {
  const res = await api.request('POST', '/alerts/sweep', { token: admin(), body: asOf ? { asOf } : {} });
  expect(res.status).toBe(200);
  return res.body as Sweep;
};
const alertsOf = async (projectId: string, status?: string) =>
  (await api.request('GET', `/alerts?projectId=${projectId}&limit=500${status ? `&status=${status}` : ''}`, { token: api.token('auditor') })).body.alerts as Record<string, any>[];
const openOf = async (projectId: string, kind: string, funder?: string | null) =>
  (await alertsOf(projectId, 'open')).filter((a) => a.kind === kind && (funder === undefined || a.funder === funder));
/**
 * A write recorded on `day` (noon, China time), as in production, where sweeps run daily and a
 * write happens on the day the sweeps have reached: it resolves or updates the alerts whose cause
 * it removes or changes as of that day.
 */
const recordedOn = <T>(day: string, write: () => Promise<T>): Promise<T> => atInstant(`${day}T04:00:00.000Z`, write);

/** Province 1,000,000 due 2024-03-31 then 5,000,000 due 2025-03-31; zone likewise, a month later. */
function staged(overrides: Partial<Registration> = {}): Registration {
  return registration2023({
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2024-03-31', amountFen: 1_000_000 * YUAN },
      { trancheId: 'P2', funder: 'province', dueOn: '2025-03-31', amountFen: 5_000_000 * YUAN },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2024-04-30', amountFen: 1_000_000 * YUAN },
      { trancheId: 'Z2', funder: 'zone', dueOn: '2025-04-30', amountFen: 5_000_000 * YUAN },
    ],
    ...overrides,
  });
}

async function matchedProject(reg = staged()) {
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  await l.allocateMatched(reg.projectId, 6_000_000 * YUAN, '2023-07-15', '2023-08-01');
  return { reg, id: reg.projectId, l };
}

test('disbursement-lag: grace boundary, responsible province then zone, escalation, resolution', async () => {
  const { id, l } = await matchedProject();
  // dueOn 2024-03-31 + 30 grace days = 2024-04-30: not yet late; 2024-05-01 is.
  await sweep('2024-04-30');
  expect(await openOf(id, 'disbursement-lag')).toEqual([]);
  const onTime = await api.request('GET', `/projects/${id}?asOf=2024-04-30`, { token: api.token('auditor') });
  expect(onTime.body.schedule.find((t: any) => t.trancheId === 'P1').status).toBe('due');
  expect(onTime.body.lagging).toBe(false);

  const first = await sweep('2024-05-01');
  expect(first.raised).toBeGreaterThanOrEqual(1);
  const [lag] = await openOf(id, 'disbursement-lag', 'province');
  // Nothing has reached the zone yet: the province holds the money up.
  expect(lag).toMatchObject({
    projectId: id, zoneId: 'NJ-HTZ', city: NANJING, funder: 'province', trancheId: 'P1', gapFen: 1_000_000 * YUAN, daysOverdue: 31, severity: 'warning',
    status: 'open', raisedOn: '2024-05-01', lastSeenOn: '2024-05-01', resolvedOn: null, responsible: 'province', held: false,
  });
  const late = await api.request('GET', `/projects/${id}?asOf=2024-05-01`, { token: api.token('auditor') });
  expect(late.body.schedule.find((t: any) => t.trancheId === 'P1').status).toBe('overdue');
  expect(late.body.lagging).toBe(true);
  // The zone's own share lags too, and names the zone.
  expect((await openOf(id, 'disbursement-lag', 'zone'))).toHaveLength(0);
  await sweep('2024-05-31');
  expect((await openOf(id, 'disbursement-lag', 'zone'))[0]).toMatchObject({ trancheId: 'Z1', responsible: 'zone', daysOverdue: 31 });

  // The same day again changes nothing.
  const again = await sweep('2024-05-31');
  expect(again).toMatchObject({ raised: 0, updated: 0, resolved: 0 });
  const listed = await api.request('GET', '/alerts?status=open&limit=500', { token: api.token('auditor') });
  expect(listed.body.alerts).toHaveLength(again.open);

  // Once the money reached the zone, the lag is the zone's.
  expectCreated(await l.transfer(id, 1_000_000 * YUAN, '2024-06-03'));
  await sweep('2024-06-02');
  expect((await openOf(id, 'disbursement-lag', 'province'))[0]).toMatchObject({ alertId: lag!.alertId, responsible: 'province' });
  await sweep('2024-06-03');
  expect((await openOf(id, 'disbursement-lag', 'province'))[0]).toMatchObject({ alertId: lag!.alertId, responsible: 'zone', lastSeenOn: '2024-06-03' });

  // 90 days overdue is still a warning; 91 escalates to critical.
  await sweep('2024-06-29');
  expect((await openOf(id, 'disbursement-lag', 'province'))[0]).toMatchObject({ daysOverdue: 90, severity: 'warning', lastSeenOn: '2024-06-29' });
  const escalated = await sweep('2024-06-30');
  expect(escalated.updated).toBeGreaterThanOrEqual(1);
  expect((await openOf(id, 'disbursement-lag', 'province'))[0]).toMatchObject({ alertId: lag!.alertId, daysOverdue: 91, severity: 'critical' });

  // The zone pays the tranche that day: the payment resolves the lag at once; the next sweep has nothing left of it.
  const payment = expectCreated(await recordedOn('2024-06-30', () => l.disburse(id, 'province', 1_000_000 * YUAN, '2024-06-30', 'P1')));
  expect(payment.body.project.openAlerts.filter((a: any) => a.kind === 'disbursement-lag' && a.funder === 'province')).toEqual([]);
  expect((await alertsOf(id, 'resolved')).find((a) => a.alertId === lag!.alertId)).toMatchObject({ status: 'resolved', resolvedOn: '2024-06-30', responsible: 'zone' });
  const before = (await api.request('GET', '/alerts?status=open&limit=500', { token: api.token('auditor') })).body.alerts.length;
  const next = await sweep('2024-07-01');
  expect(next.open).toBe(before + next.raised - next.resolved);
  expect((await alertsOf(id, 'resolved')).find((a) => a.alertId === lag!.alertId)).toMatchObject({ resolvedOn: '2024-06-30' });
  expect(await openOf(id, 'disbursement-lag', 'province')).toEqual([]);

  // Notifications went out once each (raised, escalated, resolved) and were marked sent.
  const outbox = await readPartition(api.tableName, `OUTBOX#${lag!.alertId}.raised.2024-05-01`);
  expect(outbox).toHaveLength(1);
  expect(outbox[0]!.publishedAt).toBeDefined();
  expect(await readPartition(api.tableName, `OUTBOX#${lag!.alertId}.escalated.2024-06-30`)).toHaveLength(1);
  expect(await readPartition(api.tableName, `OUTBOX#${lag!.alertId}.resolved.2024-06-30.${payment.body.entry.seq}`)).toHaveLength(1);
});

test('payments made after D do not count; partial payments, and over-payment covering a later tranche', async () => {
  const { id, l } = await matchedProject();
  expectCreated(await l.transfer(id, 3_000_000 * YUAN, '2024-03-01'));
  // Paid on 2024-05-02: a sweep for 2024-05-01 still sees the lag.
  expectCreated(await l.disburse(id, 'province', 400_000 * YUAN, '2024-05-02'));
  await sweep('2024-05-01');
  expect((await openOf(id, 'disbursement-lag', 'province'))[0]).toMatchObject({ gapFen: 1_000_000 * YUAN, responsible: 'zone' });
  // On 2024-05-03 the partial payment shrinks the gap.
  await sweep('2024-05-03');
  expect((await openOf(id, 'disbursement-lag', 'province'))[0]).toMatchObject({ gapFen: 600_000 * YUAN, trancheId: 'P1' });
  const partial = await api.request('GET', `/projects/${id}?asOf=2024-05-03`, { token: api.token('auditor') });
  expect(partial.body.schedule.find((t: any) => t.trancheId === 'P1')).toMatchObject({ paidFen: 400_000 * YUAN, status: 'overdue' });
  // Over-paying: 2,000,000 more covers P1 in full and 1,400,000 of P2.
  expectCreated(await l.disburse(id, 'province', 2_000_000 * YUAN, '2024-05-03'));
  const paid = await api.request('GET', `/projects/${id}?asOf=2024-05-03`, { token: api.token('auditor') });
  expect(paid.body.schedule.find((t: any) => t.trancheId === 'P1')).toMatchObject({ paidFen: 1_000_000 * YUAN, status: 'paid' });
  expect(paid.body.schedule.find((t: any) => t.trancheId === 'P2')).toMatchObject({ paidFen: 1_400_000 * YUAN, status: 'partial' });
  await sweep('2024-05-04');
  expect(await openOf(id, 'disbursement-lag', 'province')).toEqual([]);
});

test('disbursement-lag outside the zone names the province', async () => {
  const reg = registrationOutside2023();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  expectCreated(await l.allocate(reg.projectId, 2_000_000 * YUAN));
  // P1 1,000,000 due 2023-09-30: late from 2023-10-31.
  await sweep('2023-10-30');
  expect(await openOf(reg.projectId, 'disbursement-lag')).toEqual([]);
  await sweep('2023-10-31');
  expect((await openOf(reg.projectId, 'disbursement-lag'))[0]).toMatchObject({ funder: 'province', responsible: 'province', gapFen: 1_000_000 * YUAN, daysOverdue: 31 });
  // Outside the zone province money is never held at the zone.
  expect(await openOf(reg.projectId, 'funds-held-at-zone')).toEqual([]);
  expectCreated(await recordedOn('2023-11-01', () => l.payOutside(reg.projectId, 1_000_000 * YUAN, '2023-11-01', 'P1')));
  await sweep('2023-11-02');
  expect(await openOf(reg.projectId, 'disbursement-lag')).toEqual([]);
});

test('match-overdue: 30 days after the value date is on time, 31 is overdue; a confirmation resolves it', async () => {
  const reg = staged();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  const alloc = l.entryIdOf(await l.allocate(reg.projectId, 2_000_000 * YUAN, '2023-07-15'));
  await sweep('2023-08-14');
  expect(await openOf(reg.projectId, 'match-overdue')).toEqual([]);
  await sweep('2023-08-15');
  expect((await openOf(reg.projectId, 'match-overdue'))[0]).toMatchObject({ funder: 'zone', responsible: 'zone', gapFen: 2_000_000 * YUAN, daysOverdue: 1, severity: 'warning' });
  // Half confirmed the next day: half the gap, as that day's sweep finds it too.
  const half = expectCreated(await recordedOn('2023-08-16', () => l.confirm(reg.projectId, alloc, 1_000_000 * YUAN, '2023-08-16')));
  expect(half.body.project.openAlerts.find((a: any) => a.kind === 'match-overdue')).toMatchObject({ gapFen: 1_000_000 * YUAN, daysOverdue: 2, lastSeenOn: '2023-08-16' });
  expect((await openOf(reg.projectId, 'match-overdue'))[0]).toMatchObject({ gapFen: 1_000_000 * YUAN, daysOverdue: 2 });
  expect(await sweep('2023-08-16')).toMatchObject({ raised: 0, updated: 0, resolved: 0 });
  // The rest confirmed: the confirmation resolves it.
  expectCreated(await recordedOn('2023-08-17', () => l.confirm(reg.projectId, alloc, 1_000_000 * YUAN, '2023-08-17')));
  expect(await openOf(reg.projectId, 'match-overdue')).toEqual([]);
  expect(await sweep('2023-08-17')).toMatchObject({ resolved: 0 });
  expect(await openOf(reg.projectId, 'match-overdue')).toEqual([]);
  expect((await alertsOf(reg.projectId, 'resolved')).find((a) => a.kind === 'match-overdue')).toMatchObject({ resolvedOn: '2023-08-17' });
});

test('disbursement-at-risk: a tranche due in 14 days is in the window, in 15 days it is not', async () => {
  const reg = staged();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  // P1 (1,000,000) due 2024-03-31 with nothing confirmed.
  await sweep('2024-03-16');
  expect(await openOf(reg.projectId, 'disbursement-at-risk')).toEqual([]);
  await sweep('2024-03-17');
  expect((await openOf(reg.projectId, 'disbursement-at-risk', 'province'))[0]).toMatchObject({ trancheId: 'P1', gapFen: 1_000_000 * YUAN, severity: 'warning' });
  // Confirmed money that covers the tranche clears the warning.
  const alloc = l.entryIdOf(await l.allocate(reg.projectId, 1_000_000 * YUAN, '2023-07-15'));
  expectCreated(await l.confirm(reg.projectId, alloc, 1_000_000 * YUAN, '2023-08-01'));
  const res = await sweep('2024-03-18');
  expect(res.resolved).toBeGreaterThanOrEqual(1);
  expect(await openOf(reg.projectId, 'disbursement-at-risk', 'province')).toEqual([]);
});

test('funds-held-at-zone: 30 days after the transfer is on time, 31 is not; payments cover the oldest transfer first', async () => {
  const { id, l } = await matchedProject(staged({ schedule: [
    { trancheId: 'P1', funder: 'province', dueOn: '2025-03-31', amountFen: 6_000_000 * YUAN },
    { trancheId: 'Z1', funder: 'zone', dueOn: '2025-04-30', amountFen: 6_000_000 * YUAN },
  ] }));
  expectCreated(await l.transfer(id, 2_000_000 * YUAN, '2024-01-10'));
  expectCreated(await l.transfer(id, 1_000_000 * YUAN, '2024-01-20'));
  // 2024-01-10 + 30 = 2024-02-09: still in time.
  await sweep('2024-02-09');
  expect(await openOf(id, 'funds-held-at-zone')).toEqual([]);
  await sweep('2024-02-10');
  expect((await openOf(id, 'funds-held-at-zone'))[0]).toMatchObject({ funder: 'province', responsible: 'zone', gapFen: 2_000_000 * YUAN, daysOverdue: 1, severity: 'warning', held: false, trancheId: null });
  // The second transfer passes its limit too.
  await sweep('2024-02-20');
  expect((await openOf(id, 'funds-held-at-zone'))[0]).toMatchObject({ gapFen: 3_000_000 * YUAN, daysOverdue: 11 });
  const view = await l.project(id);
  expect(view.balances.province).toMatchObject({ transferredFen: 300_000_000, heldAtZoneFen: 300_000_000, disbursedFen: 0 });
  expect(view.openAlerts.find((a: any) => a.kind === 'funds-held-at-zone')).toMatchObject({ gapFen: 300_000_000, responsible: 'zone' });
  // Paying 2,500,000 covers the first transfer and half of the second.
  expectCreated(await l.disburse(id, 'province', 2_500_000 * YUAN, '2024-02-21'));
  await sweep('2024-02-21');
  expect((await openOf(id, 'funds-held-at-zone'))[0]).toMatchObject({ gapFen: 500_000 * YUAN, daysOverdue: 2 });
  // The last of it paid on 2024-02-22: that payment resolves the alert.
  const paid = expectCreated(await recordedOn('2024-02-22', () => l.disburse(id, 'province', 500_000 * YUAN, '2024-02-22')));
  expect(paid.body.project.openAlerts.filter((a: any) => a.kind === 'funds-held-at-zone')).toEqual([]);
  expect(await openOf(id, 'funds-held-at-zone')).toEqual([]);
  expect(await sweep('2024-02-22')).toMatchObject({ resolved: 0 });
  expect((await l.project(id)).balances.province.heldAtZoneFen).toBe(0);
});

test('acceptance-overdue: 90 days after the end the zone must have applied; the application resolves it', async () => {
  const reg = registration2021();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg)); // ends 2024-12-31: applications due by 2025-03-31
  await sweep('2025-03-31');
  expect(await openOf(reg.projectId, 'acceptance-overdue')).toEqual([]);
  await sweep('2025-04-01');
  expect((await openOf(reg.projectId, 'acceptance-overdue'))[0]).toMatchObject({ funder: null, trancheId: null, responsible: 'zone', daysOverdue: 1, gapFen: 0, severity: 'warning' });
  await sweep('2025-06-30');
  expect((await openOf(reg.projectId, 'acceptance-overdue'))[0]).toMatchObject({ daysOverdue: 91, severity: 'critical' });
  expectCreated(await recordedOn('2025-07-01', () => l.applyAcceptance(reg.projectId, '2025-07-01')));
  expect(await openOf(reg.projectId, 'acceptance-overdue')).toEqual([]);
  expect(await sweep('2025-07-01')).toMatchObject({ resolved: 0 });
  expect((await alertsOf(reg.projectId, 'resolved')).find((a) => a.kind === 'acceptance-overdue')).toMatchObject({ resolvedOn: '2025-07-01' });
});

test('recovery-overdue: a failed acceptance\'s recovery due is overdue the day after its date; recoveries shrink and close it', async () => {
  const reg = registration2021();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  await l.allocateMatched(reg.projectId, 4_000_000 * YUAN, '2021-07-15', '2021-08-01');
  expectCreated(await l.transfer(reg.projectId, 4_000_000 * YUAN, '2021-08-15'));
  expectCreated(await l.disburse(reg.projectId, 'province', 4_000_000 * YUAN, '2021-09-15'));
  expectCreated(await l.disburse(reg.projectId, 'zone', 4_000_000 * YUAN, '2021-10-15'));
  expectCreated(await l.applyAcceptance(reg.projectId, '2025-01-05'));
  const failed = expectCreated(await l.decideAcceptance(reg.projectId, 'fail', '2025-01-20', { recoveryDueFen: 1_000_000 * YUAN, recoveryDueOn: '2025-03-31' }));
  expect(failed.body.project.recoveryDue).toMatchObject({ amountFen: 1_000_000 * YUAN, dueOn: '2025-03-31', recoveredFen: 0, outstandingFen: 1_000_000 * YUAN });
  await sweep('2025-03-31');
  expect(await openOf(reg.projectId, 'recovery-overdue')).toEqual([]);
  await sweep('2025-04-01');
  expect((await openOf(reg.projectId, 'recovery-overdue'))[0]).toMatchObject({ funder: null, gapFen: 1_000_000 * YUAN, daysOverdue: 1, severity: 'critical' });
  // A closed project raises no schedule alerts.
  expect(await openOf(reg.projectId, 'disbursement-lag')).toEqual([]);
  expect(await openOf(reg.projectId, 'acceptance-overdue')).toEqual([]);
  expectCreated(await l.recover(reg.projectId, 'province', 600_000 * YUAN, '2025-04-05'));
  await sweep('2025-04-05');
  expect((await openOf(reg.projectId, 'recovery-overdue'))[0]).toMatchObject({ gapFen: 400_000 * YUAN, severity: 'warning' });
  expectCreated(await l.recover(reg.projectId, 'zone', 400_000 * YUAN, '2025-04-08'));
  await sweep('2025-04-08');
  expect(await openOf(reg.projectId, 'recovery-overdue')).toEqual([]);
  expect((await l.project(reg.projectId)).recoveryDue).toMatchObject({ recoveredFen: 1_000_000 * YUAN, outstandingFen: 0 });
});

test('GET /alerts: filters by status and kind; zone committees and city bureaus see their own', async () => {
  const { reg } = await matchedProject(staged({ zoneId: 'SZ-SIP', clusterId: 'SZ-BIO-2023' }));
  await sweep('2024-05-01');
  const nj = await api.request('GET', '/alerts?limit=500', { token: api.token('zone-committee', 'NJ-HTZ') });
  expect(nj.body.alerts.length).toBeGreaterThan(0);
  expect(nj.body.alerts.every((a: any) => a.zoneId === 'NJ-HTZ')).toBe(true);
  const sz = await api.request('GET', '/alerts?limit=500', { token: api.token('zone-committee', 'SZ-SIP') });
  expect(sz.body.alerts.some((a: any) => a.projectId === reg.projectId)).toBe(true);
  expect(sz.body.alerts.every((a: any) => a.zoneId === 'SZ-SIP')).toBe(true);
  const nanjing = await api.request('GET', '/alerts?limit=500', { token: api.token('city-bureau', NANJING) });
  expect(nanjing.body.alerts.length).toBeGreaterThan(0);
  expect(nanjing.body.alerts.every((a: any) => a.city === NANJING)).toBe(true);
  expect((await api.request('GET', '/alerts?zoneId=SZ-SIP', { token: api.token('zone-committee', 'NJ-HTZ') })).status).toBe(403);
  const lagOnly = await api.request('GET', '/alerts?kind=disbursement-lag&status=open&limit=500', { token: api.token('auditor') });
  expect(lagOnly.body.alerts.length).toBeGreaterThan(0);
  expect(lagOnly.body.alerts.every((a: any) => a.kind === 'disbursement-lag' && a.status === 'open')).toBe(true);
  const resolvedOnly = await api.request('GET', '/alerts?status=resolved&limit=500', { token: api.token('auditor') });
  expect(resolvedOnly.body.alerts.every((a: any) => a.status === 'resolved' && a.resolvedOn !== null)).toBe(true);
  // Paging walks every open alert once.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await api.request('GET', `/alerts?status=open&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: api.token('auditor') });
    seen.push(...page.body.alerts.map((a: any) => a.alertId));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.length).toBe((await api.request('GET', '/alerts?status=open&limit=500', { token: api.token('auditor') })).body.alerts.length);
  expect((await api.request('POST', '/alerts/sweep', { token: api.token('auditor'), body: {} })).status).toBe(403);
  const lagging = await api.request('GET', '/projects?lagging=true&limit=500', { token: api.token('auditor') });
  expect(lagging.body.projects.length).toBeGreaterThan(0);
  expect(lagging.body.projects.every((p: any) => p.lagging === true)).toBe(true);
});

describe('the China-time business date', () => {
  afterEach(() => jest.useRealTimers());

  test('a sweep without asOf at 16:00Z is already the next day in China; at 15:59:59Z it is not', async () => {
    fakeNow('2024-05-14T16:00:00.000Z');
    expect((await sweep()).asOf).toBe('2024-05-15');
    fakeNow('2024-05-14T15:59:59.999Z');
    expect((await sweep()).asOf).toBe('2024-05-14');
  });

  test('a sweep of a day after today is refused (400) and changes no alert: lag that has not happened is not a fact', async () => {
    const all = async () => JSON.stringify((await api.request('GET', '/alerts?limit=500', { token: api.token('auditor') })).body.alerts);
    const before = await all();
    fakeNow('2024-05-14T15:59:59.999Z');
    const res = await api.request('POST', '/alerts/sweep', { token: admin(), body: { asOf: '2024-05-15' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'asOf', message: 'must not be after today (2024-05-14, China time)' }]);
    jest.useRealTimers();
    expect(await all()).toBe(before);
  });
});

describe('notifications are delivered at least once', () => {
  const pendingOutbox = async (projectId: string) =>
    (await Promise.all((await alertsOf(projectId)).map((a) => readPartition(api.tableName, `OUTBOX#${a.alertId}.raised.${a.raisedOn}`)))).flat();

  test('a failed publication stays pending; the next sweep publishes it', async () => {
    const { runSweep } = await import('../../functions/lib/alerts/sweep');
    const reg = staged();
    expectOk(await ledger(api, reg.zoneId).register(reg));
    const down = { publish: async () => { throw new Error('SNS unavailable'); } };
    const first = await runSweep('2024-05-01', new Date(), down, { publishOlderThanMs: 0 });
    expect(first.publishFailed).toBeGreaterThan(0);
    expect(first.published).toBe(0);
    const queued = await pendingOutbox(reg.projectId);
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((i) => i.publishedAt === undefined)).toBe(true);

    const sent: string[] = [];
    const again = await runSweep('2024-05-01', new Date(), { publish: async (n) => { sent.push(n.notificationId); } }, { publishOlderThanMs: 0 });
    expect(again).toMatchObject({ raised: 0, published: first.publishFailed, publishFailed: 0 });
    expect(sent).toEqual(expect.arrayContaining(queued.map((i) => i.notification.notificationId)));
    expect((await pendingOutbox(reg.projectId)).every((i) => typeof i.publishedAt === 'string')).toBe(true);
  });

  test('the stream relay publishes a new outbox item and marks it sent', async () => {
    const { runSweep } = await import('../../functions/lib/alerts/sweep');
    const { handler } = await import('../../functions/handlers/publish-alerts');
    const { marshall } = await import('@aws-sdk/util-dynamodb');
    const reg = staged();
    expectOk(await ledger(api, reg.zoneId).register(reg));
    await runSweep('2024-05-01', new Date(), { publish: async () => { throw new Error('down'); } }, { publishOlderThanMs: 0 });
    const [item] = await pendingOutbox(reg.projectId);
    const result = await handler({
      Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall(item!, { removeUndefinedValues: true }) as never } }],
    } as never);
    expect(result).toEqual({ batchItemFailures: [] });
    const [after] = await readPartition(api.tableName, item!.pk);
    expect(typeof after!.publishedAt).toBe('string');
  });
});

// Sweeps of today's date (holds are dated the day they are recorded): every project of the file
// is looked at, so these come last.
describe('as of today', () => {
  // A sweep may not run ahead of today, so tomorrow's sweep runs with the clock at tomorrow.
  const sweepTomorrow = (d: string): Promise<Sweep> => atInstant(new Date(Date.now() + 86_400_000).toISOString(), () => sweep(addDays(d, 1)));
  test('a reversed payment brings the lag back: dated as the payment, the reversal makes it never have happened', async () => {
    const { id, l } = await matchedProject();
    expectCreated(await l.transfer(id, 6_000_000 * YUAN, '2024-03-01'));
    const pay = l.entryIdOf(await l.disburse(id, 'province', 6_000_000 * YUAN, '2024-03-15'));
    await sweep('2024-05-01');
    expect(await openOf(id, 'disbursement-lag', 'province')).toEqual([]);
    expectCreated(await l.reverse(id, pay, l.zone2));
    await sweep('2024-05-02');
    const [lag] = await openOf(id, 'disbursement-lag', 'province');
    // As of that day only P1 (1,000,000 yuan, due 2024-03-31) is past its grace; all 6,000,000 sit at the zone.
    expect(lag).toMatchObject({ raisedOn: '2024-05-02', gapFen: 1_000_000 * YUAN, trancheId: 'P1', responsible: 'zone' });
    expect((await openOf(id, 'funds-held-at-zone'))[0]).toMatchObject({ gapFen: 6_000_000 * YUAN, responsible: 'zone' });
  });

  test('on hold, lag and held-money alerts say held: true, and the zone (which may not pay) is not blamed; released, they do not', async () => {
    const { id, l } = await matchedProject();
    expectCreated(await l.transfer(id, 1_000_000 * YUAN, '2024-03-01'));
    const d = today();
    await sweep(d);
    expect((await openOf(id, 'disbursement-lag', 'province'))[0]).toMatchObject({ held: false, responsible: 'province', severity: 'critical' });
    // The hold changes the lag alerts at once; that day's sweep finds them as it would make them.
    const holding = expectCreated(await l.hold(id));
    const hold = holding.body.entry.entryId as string;
    expect(holding.body.project.openAlerts.filter((a: any) => a.kind === 'disbursement-lag').map((a: any) => a.held)).toEqual([true, true]);
    expect(await sweep(d)).toMatchObject({ raised: 0, updated: 0, resolved: 0 });
    const [lag] = await openOf(id, 'disbursement-lag', 'province');
    // The province still has not transferred most of it; the zone may not pay while held.
    expect(lag).toMatchObject({ held: true, responsible: 'province', severity: 'warning' });
    expect((await openOf(id, 'disbursement-lag', 'zone'))[0]).toMatchObject({ held: true, responsible: null });
    expect((await openOf(id, 'funds-held-at-zone'))[0]).toMatchObject({ held: true, responsible: null });
    expect((await l.project(id)).openAlerts.every((a: any) => a.kind !== 'disbursement-lag' || a.held === true)).toBe(true);
    // Same day again: nothing more changes.
    expect(await sweep(d)).toMatchObject({ raised: 0, updated: 0, resolved: 0 });
    expectCreated(await l.release(id, hold));
    await sweepTomorrow(d);
    expect((await openOf(id, 'disbursement-lag', 'province'))[0]).toMatchObject({ alertId: lag!.alertId, held: false, responsible: 'province', severity: 'critical' });
  });

  /** The project as every reader of it sees it: its view, its list line, its open alert items. */
  const everyView = async (id: string) => {
    const auditor = api.token('auditor');
    const view = expectOk(await api.request('GET', `/projects/${id}`, { token: auditor })).body;
    const listed = expectOk(await api.request('GET', `/projects?zoneId=${view.zoneId}&limit=500`, { token: auditor })).body.projects.find((p: any) => p.projectId === id);
    const lagList = expectOk(await api.request('GET', '/projects?lagging=true&limit=500', { token: auditor })).body.projects.map((p: any) => p.projectId);
    const items = await alertsOf(id, 'open');
    return { view, listed, inLaggingList: lagList.includes(id), openItems: items.map((a) => a.alertId).sort() };
  };
  const clusterRow = async (clusterId: string) =>
    expectOk(await api.request('GET', '/reports/portfolio?groupBy=cluster', { token: api.token('auditor') })).body.rows.find((r: any) => r.group === clusterId);
  const expectConsistent = async (id: string) => {
    const seen = await everyView(id);
    expect(seen.openItems).toEqual(seen.view.openAlerts.map((a: any) => a.alertId).sort());
    expect(seen.listed.openAlertCount).toBe(seen.view.openAlerts.length);
    const lagging = seen.view.openAlerts.some((a: any) => a.kind === 'disbursement-lag');
    expect({ listed: seen.listed.lagging, index: seen.inLaggingList }).toEqual({ listed: lagging, index: lagging });
    return seen;
  };

  test('issue 19: the zone confirms an overdue allocation in full; its answer, the alerts and the lists show match-overdue resolved that day, and the day’s sweep has nothing left to do', async () => {
    const d = today();
    const reg = staged();
    const l = ledger(api, reg.zoneId);
    expectOk(await l.register(reg));
    const alloc = l.entryIdOf(await l.allocate(reg.projectId, 2_000_000 * YUAN, addDays(d, -40)));
    await sweep(d);
    const [raised] = await openOf(reg.projectId, 'match-overdue');
    expect(raised).toMatchObject({ gapFen: 2_000_000 * YUAN, daysOverdue: 10, lastSeenOn: d, status: 'open' });

    const confirmed = expectCreated(await l.confirm(reg.projectId, alloc, 2_000_000 * YUAN, d));
    expect(confirmed.body.project.pendingAllocations).toEqual([]);
    expect(confirmed.body.project.openAlerts.map((a: any) => a.kind)).not.toContain('match-overdue');
    expect((await alertsOf(reg.projectId, 'resolved')).find((a) => a.alertId === raised!.alertId)).toMatchObject({ status: 'resolved', resolvedOn: d, gapFen: 2_000_000 * YUAN });
    expect(await openOf(reg.projectId, 'match-overdue')).toEqual([]);
    const seen = await expectConsistent(reg.projectId);
    expect(seen.view.openAlerts).toEqual(confirmed.body.project.openAlerts);
    // People hear of it as they would from the sweep: one `resolved` notification, queued with the entry.
    const [queued] = await readPartition(api.tableName, `OUTBOX#${raised!.alertId}.resolved.${d}.${confirmed.body.entry.seq}`);
    expect(queued!.notification).toMatchObject({ event: 'resolved', alert: { alertId: raised!.alertId, status: 'resolved', resolvedOn: d, projectId: reg.projectId, zoneId: reg.zoneId, city: NANJING } });

    const after = await sweep(d);
    expect(after).toMatchObject({ raised: 0, updated: 0, resolved: 0 });
    expect(after.open).toBe((await api.request('GET', '/alerts?status=open&limit=500', { token: api.token('auditor') })).body.alerts.length);
  });

  test('payments that close the lags and the money held at the zone resolve those alerts with them: list flags, lagging index and portfolio counts follow', async () => {
    const d = today();
    const { reg, id, l } = await matchedProject();
    expectCreated(await l.transfer(id, 6_000_000 * YUAN, addDays(d, -60)));
    await sweep(d);
    expect((await alertsOf(id, 'open')).map((a) => `${a.kind}.${a.funder}`).sort()).toEqual(['disbursement-lag.province', 'disbursement-lag.zone', 'funds-held-at-zone.province']);
    await expectConsistent(id);
    const before = await clusterRow(reg.clusterId);

    // The province share paid in full: its lag and the money held at the zone are gone; the zone's lag stays.
    const province = expectCreated(await l.disburse(id, 'province', 6_000_000 * YUAN, d));
    expect(province.body.project.openAlerts.map((a: any) => `${a.kind}.${a.funder}`)).toEqual(['disbursement-lag.zone']);
    expect((await clusterRow(reg.clusterId))).toMatchObject({ laggingCount: before.laggingCount, heldCount: before.heldCount - 1 });
    expect((await expectConsistent(id)).listed.lagging).toBe(true);

    const zone = expectCreated(await l.disburse(id, 'zone', 6_000_000 * YUAN, d));
    expect(zone.body.project.openAlerts).toEqual([]);
    expect((await clusterRow(reg.clusterId))).toMatchObject({ laggingCount: before.laggingCount - 1, heldCount: before.heldCount - 1 });
    const seen = await expectConsistent(id);
    expect({ lagging: seen.listed.lagging, inLaggingList: seen.inLaggingList }).toEqual({ lagging: false, inLaggingList: false });
    expect((await alertsOf(id, 'resolved')).map((a) => `${a.kind}.${a.funder}.${a.resolvedOn}`).sort()).toEqual([`disbursement-lag.province.${d}`, `disbursement-lag.zone.${d}`, `funds-held-at-zone.province.${d}`]);

    expect(await sweep(d)).toMatchObject({ raised: 0, updated: 0, resolved: 0 });
    expect((await clusterRow(reg.clusterId))).toMatchObject({ laggingCount: before.laggingCount - 1, heldCount: before.heldCount - 1 });
  });

  test('a payment that only shrinks a lag updates the alert as the day’s sweep would, and that sweep then changes nothing', async () => {
    const d = today();
    const { id, l } = await matchedProject();
    expectCreated(await l.transfer(id, 6_000_000 * YUAN, addDays(d, -1)));
    await sweep(d);
    const [lag] = await openOf(id, 'disbursement-lag', 'province');
    expect(lag).toMatchObject({ gapFen: 6_000_000 * YUAN, trancheId: 'P1', responsible: 'zone' });

    // 2,000,000 covers P1 (1,000,000) and 1,000,000 of P2: the gap is 4,000,000 from P2 on.
    const paid = expectCreated(await l.disburse(id, 'province', 2_000_000 * YUAN, d));
    const updated = paid.body.project.openAlerts.find((a: any) => a.kind === 'disbursement-lag' && a.funder === 'province');
    expect(updated).toMatchObject({ alertId: lag!.alertId, gapFen: 4_000_000 * YUAN, trancheId: 'P2', daysOverdue: daysBetween('2025-03-31', d), lastSeenOn: d, raisedOn: lag!.raisedOn });
    expect((await openOf(id, 'disbursement-lag', 'province'))[0]).toMatchObject(updated);
    await expectConsistent(id);

    expect(await sweep(d)).toMatchObject({ raised: 0, updated: 0, resolved: 0 });
    expect((await openOf(id, 'disbursement-lag', 'province'))[0]).toMatchObject(updated);
  });

  test('a sweep that changes the open alerts between a write’s read and its transaction makes the write decide again: nothing the sweep wrote is lost', async () => {
    const d = today();
    const { id, l } = await matchedProject();
    expect(await alertsOf(id, 'open')).toEqual([]);
    const send = storageClient.send;
    let entryTransactions = 0;
    storageClient.send = (async (command: Parameters<typeof send>[0]) => {
      const ours = command instanceof TransactWriteCommand && (command.input.TransactItems ?? []).some((t) => t.Put?.Item?.pk === `PROJECT#${id}` && String(t.Put.Item.sk).startsWith('ENTRY#'));
      // The first attempt meets the day's sweep, which raises this project's lags first.
      if (ours && ++entryTransactions === 1) await sweep(d);
      return send(command);
    }) as typeof send;
    try {
      expectCreated(await l.inspect(id, 'supervision', d));
    } finally {
      storageClient.send = send;
    }
    expect(entryTransactions).toBe(2);
    const seen = await expectConsistent(id);
    expect(seen.view.openAlerts.map((a: any) => `${a.kind}.${a.funder}`).sort()).toEqual(['disbursement-lag.province', 'disbursement-lag.zone']);
  });

  test('a terminated project raises no schedule alerts; its recovery due does', async () => {
    const { id, l } = await matchedProject();
    expectCreated(await l.transfer(id, 1_000_000 * YUAN, '2024-03-01'));
    expectCreated(await l.disburse(id, 'province', 1_000_000 * YUAN, '2024-03-15'));
    const d = today();
    const proposal = l.entryIdOf(await l.proposeTermination(id, { recoveryDueFen: 500_000 * YUAN, recoveryDueOn: d }));
    expectCreated(await l.approveTermination(id, proposal));
    await sweep(d);
    expect((await alertsOf(id, 'open')).map((a) => a.kind)).toEqual([]);
    await sweepTomorrow(d);
    expect((await alertsOf(id, 'open')).map((a) => a.kind)).toEqual(['recovery-overdue']);
  });
});

describe('a sweep that runs out of time', () => {
  /** POST /alerts/sweep as API Gateway gives it to the write function, for an admin. */
  const sweepEvent = (asOf: string) => apiGatewayEvent('POST', '/alerts/sweep', '/alerts/sweep', { sub: 'admin-1', role: 'admin' }, { body: { asOf }, requestId: 'sweep-out-of-time' });

  test('told to stop, the sweep writes nothing more; run again, it finishes the day', async () => {
    const { runSweep } = await import('../../functions/lib/alerts/sweep');
    const reg = staged();
    expectOk(await ledger(api, reg.zoneId).register(reg));
    const quiet = { publish: async () => undefined };
    const before = await readTable(api.tableName);
    await expect(runSweep('2024-05-01', new Date(), quiet, { publishOlderThanMs: 0, signal: AbortSignal.abort(new Error('the function is out of time')) })).rejects.toThrow('the function is out of time');
    expect(await readTable(api.tableName)).toEqual(before);
    const done = await runSweep('2024-05-01', new Date(), quiet, { publishOlderThanMs: 0 });
    expect(done.raised).toBeGreaterThan(0);
    expect((await alertsOf(reg.projectId, 'open')).length).toBeGreaterThan(0);
  });

  test('on demand past the function’s time: 503 saying what was kept and that running it again is safe; the next run answers 200', async () => {
    const { handler } = await import('../../functions/handlers/write');
    const reg = staged();
    expectOk(await ledger(api, reg.zoneId).register(reg));
    // A few milliseconds left: middy answers before the sweep's first reads come back.
    const res = (await handler(sweepEvent('2024-05-02') as never, { functionName: 'write', awsRequestId: 'out-of-time', getRemainingTimeInMillis: () => 6 } as never)) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(JSON.parse(res.body)).toMatchObject({ type: 'https://fundledger.example/problems/timed-out', status: 503, title: 'Service Unavailable', detail: expect.stringContaining('ran out of time') });
    expect(JSON.parse(res.body).detail).toContain('the sweep carries on where it stopped');
    const again = expectOk(await api.request('POST', '/alerts/sweep', { token: api.token('admin'), body: { asOf: '2024-05-02' } }));
    expect(again.body.asOf).toBe('2024-05-02');
    expect((await alertsOf(reg.projectId, 'open')).length).toBeGreaterThan(0);
  });
});

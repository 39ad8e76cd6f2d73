/**
 * Schedule status and the alert sweep against DynamoDB Local, through the HTTP layer.
 * Sweeps take an explicit asOf so the dates are fixed; one test fakes the clock for the
 * China-time default.
 */
import { readPartition } from './support/api';
import { YUAN, expectOk, ledger, registration2023, useSeededApi } from './support/fixtures';
import type { Registration } from '../../domain/project/types';

const api = useSeededApi();

const admin = () => api.token('admin');
const sweep = async (asOf?: string) => {
  const res = await api.request('POST', '/alerts/sweep', { token: admin(), body: asOf ? { asOf } : {} });
  expect(res.status).toBe(200);
  return res.body as { raised: number; updated: number; resolved: number; open: number; examined: number; published: number; asOf: string };
};
const alertsOf = async (projectId: string, status?: string) =>
  (await api.request('GET', `/alerts?projectId=${projectId}${status ? `&status=${status}` : ''}`, { token: api.token('auditor') })).body.alerts as Record<string, any>[];

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
  return { reg, l };
}

test('disbursement-lag: grace boundary, update, escalation, resolution and re-raising', async () => {
  const { reg, l } = await matchedProject();
  const id = reg.projectId;
  // dueOn 2024-03-31 + 30 grace days = 2024-04-30: not yet late; 2024-05-01 is.
  await sweep('2024-04-30');
  expect((await alertsOf(id)).filter((a) => a.kind === 'disbursement-lag')).toEqual([]);
  const onTime = await api.request('GET', `/projects/${id}?asOf=2024-04-30`, { token: api.token('auditor') });
  expect(onTime.body.schedule.find((t: any) => t.trancheId === 'P1').status).toBe('due');
  expect(onTime.body.lagging).toBe(false);

  const first = await sweep('2024-05-01');
  expect(first.raised).toBeGreaterThanOrEqual(1);
  const [lag] = (await alertsOf(id, 'open')).filter((a) => a.kind === 'disbursement-lag' && a.funder === 'province');
  expect(lag).toMatchObject({ projectId: id, zoneId: 'NJ-HTZ', funder: 'province', trancheId: 'P1', gapFen: 1_000_000 * YUAN, daysOverdue: 31, severity: 'warning', status: 'open', raisedOn: '2024-05-01', lastSeenOn: '2024-05-01', resolvedOn: null });
  const late = await api.request('GET', `/projects/${id}?asOf=2024-05-01`, { token: api.token('auditor') });
  expect(late.body.schedule.find((t: any) => t.trancheId === 'P1').status).toBe('overdue');
  expect(late.body.lagging).toBe(true);

  // The same day again changes nothing.
  const again = await sweep('2024-05-01');
  expect(again).toMatchObject({ raised: 0, updated: 0, resolved: 0, open: first.open });
  // `open` counts every open alert, not just those of the projects a sweep looked at.
  const listed = await api.request('GET', '/alerts?status=open&limit=500', { token: api.token('auditor') });
  expect(listed.body.alerts).toHaveLength(again.open);
  expect(await alertsOf(id)).toEqual(await alertsOf(id));

  // 90 days overdue is still a warning; 91 escalates to critical.
  await sweep('2024-06-29');
  expect((await alertsOf(id, 'open')).find((a) => a.alertId === lag!.alertId)).toMatchObject({ daysOverdue: 90, severity: 'warning', lastSeenOn: '2024-06-29' });
  const escalated = await sweep('2024-06-30');
  expect(escalated.updated).toBeGreaterThanOrEqual(1);
  expect((await alertsOf(id, 'open')).find((a) => a.alertId === lag!.alertId)).toMatchObject({ daysOverdue: 91, severity: 'critical' });

  // Paying the tranche (paidOn before D) resolves it on the next sweep.
  const pay = expectOk(await l.disburse(id, 'province', 1_000_000 * YUAN, '2024-06-30', 'P1'));
  const before = (await api.request('GET', '/alerts?status=open&limit=500', { token: api.token('auditor') })).body.alerts.length;
  const resolved = await sweep('2024-07-01');
  expect(resolved.resolved).toBeGreaterThanOrEqual(1);
  expect(resolved.open).toBe(before + resolved.raised - resolved.resolved);
  expect((await alertsOf(id, 'resolved')).find((a) => a.alertId === lag!.alertId)).toMatchObject({ status: 'resolved', resolvedOn: '2024-07-01' });

  // Reversing the payment brings the lag back as a new alert; the resolved one stays in history.
  expectOk(await l.reverse(id, pay.body.entry.entryId));
  await sweep('2024-07-02');
  const open = (await alertsOf(id, 'open')).filter((a) => a.kind === 'disbursement-lag' && a.funder === 'province');
  expect(open).toHaveLength(1);
  expect(open[0]).toMatchObject({ raisedOn: '2024-07-02', status: 'open' });
  expect(open[0]!.alertId).not.toBe(lag!.alertId);

  // Notifications went out once each (raised, escalated, resolved, raised) and were marked sent.
  const outbox = (await readPartition(api.tableName, `OUTBOX#${lag!.alertId}.raised.2024-05-01`));
  expect(outbox).toHaveLength(1);
  expect(outbox[0]!.publishedAt).toBeDefined();
  expect(await readPartition(api.tableName, `OUTBOX#${lag!.alertId}.escalated.2024-06-30`)).toHaveLength(1);
  expect(await readPartition(api.tableName, `OUTBOX#${lag!.alertId}.resolved.2024-07-01`)).toHaveLength(1);
});

test('payments made after D do not count; partial payments and over-payment covering a later tranche', async () => {
  const { reg, l } = await matchedProject();
  const id = reg.projectId;
  // Paid on 2024-05-02: a sweep for 2024-05-01 still sees the lag.
  expectOk(await l.disburse(id, 'province', 400_000 * YUAN, '2024-05-02'));
  await sweep('2024-05-01');
  expect((await alertsOf(id, 'open')).find((a) => a.kind === 'disbursement-lag' && a.funder === 'province')).toMatchObject({ gapFen: 1_000_000 * YUAN });
  // On 2024-05-03 the partial payment shrinks the gap.
  await sweep('2024-05-03');
  expect((await alertsOf(id, 'open')).find((a) => a.kind === 'disbursement-lag' && a.funder === 'province')).toMatchObject({ gapFen: 600_000 * YUAN, trancheId: 'P1' });
  const partial = await api.request('GET', `/projects/${id}?asOf=2024-05-03`, { token: api.token('auditor') });
  expect(partial.body.schedule.find((t: any) => t.trancheId === 'P1')).toMatchObject({ paidFen: 400_000 * YUAN, status: 'overdue' });
  // Over-paying: 2,000,000 more covers P1 in full and 1,400,000 of P2.
  expectOk(await l.disburse(id, 'province', 2_000_000 * YUAN, '2024-05-03'));
  const paid = await api.request('GET', `/projects/${id}?asOf=2024-05-03`, { token: api.token('auditor') });
  expect(paid.body.schedule.find((t: any) => t.trancheId === 'P1')).toMatchObject({ paidFen: 1_000_000 * YUAN, status: 'paid' });
  expect(paid.body.schedule.find((t: any) => t.trancheId === 'P2')).toMatchObject({ paidFen: 1_400_000 * YUAN, status: 'partial' });
  await sweep('2024-05-04');
  expect((await alertsOf(id, 'open')).filter((a) => a.kind === 'disbursement-lag' && a.funder === 'province')).toEqual([]);
});

test('match-overdue: 30 days after the value date is on time, 31 is overdue', async () => {
  const reg = staged();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  expectOk(await l.allocate(reg.projectId, 2_000_000 * YUAN, '2023-07-15'));
  await sweep('2023-08-14');
  expect((await alertsOf(reg.projectId)).filter((a) => a.kind === 'match-overdue')).toEqual([]);
  await sweep('2023-08-15');
  expect((await alertsOf(reg.projectId, 'open')).find((a) => a.kind === 'match-overdue')).toMatchObject({ funder: 'zone', gapFen: 2_000_000 * YUAN, daysOverdue: 1, severity: 'warning' });
});

test('disbursement-at-risk: a tranche due in 14 days is in the window, in 15 days it is not', async () => {
  const reg = staged();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  // P1 (1,000,000) due 2024-03-31 with nothing confirmed.
  await sweep('2024-03-16');
  expect((await alertsOf(reg.projectId)).filter((a) => a.kind === 'disbursement-at-risk')).toEqual([]);
  await sweep('2024-03-17');
  expect((await alertsOf(reg.projectId, 'open')).find((a) => a.kind === 'disbursement-at-risk' && a.funder === 'province')).toMatchObject({ trancheId: 'P1', gapFen: 1_000_000 * YUAN });
  // Confirmed money that covers the tranche clears the warning.
  const alloc = expectOk(await l.allocate(reg.projectId, 1_000_000 * YUAN, '2023-07-15'));
  expectOk(await l.confirm(reg.projectId, alloc.body.entry.entryId, 1_000_000 * YUAN, '2023-08-01'));
  const res = await sweep('2024-03-18');
  expect(res.resolved).toBeGreaterThanOrEqual(1);
  expect((await alertsOf(reg.projectId, 'open')).filter((a) => a.kind === 'disbursement-at-risk' && a.funder === 'province')).toEqual([]);
});

test('GET /alerts: zone committees see only their zone; filters by status and kind', async () => {
  expectOk(await api.request('POST', '/clusters', { token: admin(), body: { clusterId: 'SZ-BIO-2023', programCode: 'JS-2023-C', zoneId: 'SZ-SIP', name: '苏州生物医药集群', industry: '生物医药' } }));
  const { reg } = await matchedProject(staged({ zoneId: 'SZ-SIP', clusterId: 'SZ-BIO-2023' }));
  await sweep('2024-05-01');
  const nj = await api.request('GET', '/alerts', { token: api.token('zone-committee', 'NJ-HTZ') });
  expect(nj.status).toBe(200);
  expect(nj.body.alerts.length).toBeGreaterThan(0);
  expect(nj.body.alerts.every((a: any) => a.zoneId === 'NJ-HTZ')).toBe(true);
  const sz = await api.request('GET', '/alerts', { token: api.token('zone-committee', 'SZ-SIP') });
  expect(sz.body.alerts.some((a: any) => a.projectId === reg.projectId)).toBe(true);
  expect(sz.body.alerts.every((a: any) => a.zoneId === 'SZ-SIP')).toBe(true);
  expect((await api.request('GET', '/alerts?zoneId=SZ-SIP', { token: api.token('zone-committee', 'NJ-HTZ') })).status).toBe(403);
  const lagOnly = await api.request('GET', '/alerts?kind=disbursement-lag&status=open', { token: api.token('auditor') });
  expect(lagOnly.body.alerts.length).toBeGreaterThan(0);
  expect(lagOnly.body.alerts.every((a: any) => a.kind === 'disbursement-lag' && a.status === 'open')).toBe(true);
  expect((await api.request('POST', '/alerts/sweep', { token: api.token('auditor'), body: {} })).status).toBe(403);
  const lagging = await api.request('GET', '/projects?lagging=true', { token: api.token('auditor') });
  expect(lagging.body.projects.every((p: any) => p.lagging === true)).toBe(true);
});

describe('the China-time business date', () => {
  afterEach(() => jest.useRealTimers());
  const fakeNow = (iso: string) =>
    jest.useFakeTimers({ now: new Date(iso), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask', 'hrtime', 'performance'] });

  test('a sweep without asOf at 16:00Z is already the next day in China; at 15:59:59Z it is not', async () => {
    fakeNow('2024-05-14T16:00:00.000Z');
    expect((await sweep()).asOf).toBe('2024-05-15');
    fakeNow('2024-05-14T15:59:59.999Z');
    expect((await sweep()).asOf).toBe('2024-05-14');
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
    // Other projects in this table may have had changes that day too; ours are all among them.
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

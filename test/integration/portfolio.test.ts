/**
 * Portfolio rollups: after a random sequence of commands over many projects (accepted and refused
 * alike) and a sweep, every row of GET /reports/portfolio equals the sum over its group's projects,
 * for every grouping and filter; concurrent writes on the same groups never fail a request; and a
 * ledger event's transaction meets the writers of other clusters on no item (no hot key per zone,
 * program or city).
 */
import { expectOk, freshCluster, ledger, registration2021, registration2023, registrationNanjing, registrationOutside2023, uniqueId, useSeededApi, YUAN, type Ledger } from './support/fixtures';
import type { Registration } from '../../domain/project/types';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { doc as storageClient } from '../../functions/lib/storage/client';

const api = useSeededApi();

/** A small deterministic PRNG (mulberry32): the same sequence every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tracked {
  reg: Registration;
  l: Ledger;
  city: string;
  pending: string[];
  holdId: string | null;
}

const FIELDS = ['grantFen', 'allocatedFen', 'confirmedFen', 'transferredFen', 'heldAtZoneFen', 'paidFen', 'recoveredFen', 'decommittedFen'] as const;

/** What the report must show for a set of projects, summed from their own views and alerts. */
function expectedSums(projects: any[], alertsByProject: Map<string, string[]>) {
  const statuses = { active: 0, 'on-hold': 0, 'closed-accepted': 0, 'closed-failed': 0, terminated: 0 } as Record<string, number>;
  const province = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<string, number>;
  const zone = Object.fromEntries(FIELDS.filter((f) => f !== 'transferredFen' && f !== 'heldAtZoneFen').map((f) => [f, 0])) as Record<string, number>;
  let lagging = 0;
  let held = 0;
  for (const p of projects) {
    statuses[p.status]!++;
    for (const [target, b, grant] of [[province, p.balances.province, p.contract.provinceGrantFen], [zone, p.balances.zone, p.contract.zoneGrantFen]] as const) {
      for (const f of Object.keys(target)) target[f]! += f === 'grantFen' ? grant : f === 'paidFen' ? b.disbursedFen : (b[f] ?? 0);
    }
    const kinds = alertsByProject.get(p.projectId) ?? [];
    if (kinds.includes('disbursement-lag')) lagging++;
    if (kinds.includes('funds-held-at-zone')) held++;
  }
  const paid = province.paidFen! + zone.paidFen! - province.recoveredFen! - zone.recoveredFen!;
  return { projects: projects.length, byStatus: statuses, province, zone, paidShare: { numerator: paid, denominator: province.grantFen! + zone.grantFen! }, laggingCount: lagging, heldCount: held };
}

async function randomCommand(t: Tracked, r: () => number): Promise<void> {
  const id = t.reg.projectId;
  const amount = (max: number) => Math.max(1, Math.floor(r() * max)) * 100;
  const pick = r();
  const day = `2023-${String(7 + Math.floor(r() * 5)).padStart(2, '0')}-${String(1 + Math.floor(r() * 27)).padStart(2, '0')}`;
  if (pick < 0.22) {
    const res = await t.l.allocate(id, amount(1_500_000), day);
    if (res.status === 201 && res.body.entry.status === 'pending-match') t.pending.push(res.body.entry.entryId);
  } else if (pick < 0.4 && t.pending.length) {
    const allocationEntryId = t.pending[Math.floor(r() * t.pending.length)]!;
    await t.l.confirm(id, allocationEntryId, amount(1_500_000), '2023-12-20');
  } else if (pick < 0.45) {
    await t.l.confirm(id, null, amount(300_000), '2023-12-20');
  } else if (pick < 0.58) {
    await t.l.transfer(id, amount(1_200_000), '2023-12-21');
  } else if (pick < 0.72) {
    const funder = r() < 0.5 ? 'province' : 'zone';
    if (t.reg.insideZone) await t.l.disburse(id, funder, amount(800_000), '2023-12-22');
    else await t.l.payOutside(id, amount(800_000), '2023-12-22');
  } else if (pick < 0.78) {
    await t.l.recover(id, r() < 0.5 ? 'province' : 'zone', amount(100_000), '2023-12-28');
  } else if (pick < 0.86) {
    await t.l.decommit(id, r() < 0.5 ? { provinceFen: amount(300_000) } : { zoneFen: amount(300_000) }, '2023-12-28');
  } else if (pick < 0.93) {
    if (t.holdId) {
      if ((await t.l.release(id, t.holdId)).status === 201) t.holdId = null;
    } else {
      const res = await t.l.hold(id);
      if (res.status === 201) t.holdId = res.body.entry.entryId;
    }
  } else {
    const res = await t.l.allocate(id, amount(500_000), day);
    if (res.status === 201 && res.body.entry.status === 'pending-match') t.pending.push(res.body.entry.entryId);
  }
}

it('equals the sum over each group’s projects after random commands and a sweep, for every grouping and filter', async () => {
  const changzhou = await freshCluster(api, 'JS-2023-C', '常州市');
  const tracked: Tracked[] = [];
  const add = async (reg: Registration, zoneId: string, city: string) => {
    const l = ledger(api, zoneId, city);
    expectOk(await l.register(reg));
    tracked.push({ reg, l, city, pending: [], holdId: null });
  };
  for (let i = 0; i < 4; i++) await add(registration2023(), 'NJ-HTZ', '南京市');
  for (let i = 0; i < 3; i++) await add(registration2021(), 'SZ-SIP', '苏州市');
  for (let i = 0; i < 2; i++) await add(registrationNanjing(), 'NJ-HTZ', '南京市');
  await add(registrationOutside2023(), 'NJ-HTZ', '南京市');
  for (let i = 0; i < 3; i++) {
    await add(registration2023({ projectId: uniqueId('CZ'), zoneId: changzhou.zoneId, clusterId: changzhou.clusterId }), changzhou.zoneId, '常州市');
  }
  const r = prng(20261124);
  for (let step = 0; step < 160; step++) await randomCommand(tracked[Math.floor(r() * tracked.length)]!, r);
  expectOk(await api.request('POST', '/alerts/sweep', { token: api.token('admin'), body: { asOf: '2024-06-30' } }));

  const auditor = api.token('auditor');
  const views = await Promise.all(tracked.map(async (t) => ({ ...(expectOk(await api.request('GET', `/projects/${t.reg.projectId}`, { token: auditor })).body), city: t.city })));
  const alerts = expectOk(await api.request('GET', '/alerts?status=open&limit=500', { token: auditor })).body.alerts as { projectId: string; kind: string }[];
  const alertsByProject = new Map<string, string[]>();
  for (const a of alerts) alertsByProject.set(a.projectId, [...(alertsByProject.get(a.projectId) ?? []), a.kind]);
  expect(views.some((v) => v.balances.province.disbursedFen > 0 && v.balances.zone.confirmedFen > 0)).toBe(true);
  expect(alerts.length).toBeGreaterThan(0);

  const groupOf = { program: (v: any) => v.programCode, zone: (v: any) => v.zoneId, cluster: (v: any) => v.clusterId, city: (v: any) => v.city } as const;
  const cases: [keyof typeof groupOf, string, (v: any) => boolean][] = [
    ['program', '', () => true],
    ['zone', '', () => true],
    ['cluster', '', () => true],
    ['city', '', () => true],
    ['program', '&zoneId=NJ-HTZ', (v) => v.zoneId === 'NJ-HTZ'],
    ['zone', `&city=${encodeURIComponent('南京市')}`, (v) => v.city === '南京市'],
    ['cluster', '&programCode=JS-2023-C', (v) => v.programCode === 'JS-2023-C'],
    ['city', '&programCode=JS-2021-CLUSTER', (v) => v.programCode === 'JS-2021-CLUSTER'],
  ];
  for (const [groupBy, filter, keep] of cases) {
    const report = expectOk(await api.request('GET', `/reports/portfolio?groupBy=${groupBy}${filter}`, { token: auditor })).body;
    const picked = views.filter(keep);
    const groups = [...new Set(picked.map(groupOf[groupBy]))].sort();
    expect({ groupBy, filter, groups: report.rows.map((row: any) => row.group) }).toEqual({ groupBy, filter, groups });
    for (const row of report.rows) {
      const { group: _g, attributes: _a, ...sums } = row;
      expect({ groupBy, filter, group: row.group, sums }).toEqual({ groupBy, filter, group: row.group, sums: expectedSums(picked.filter((v) => groupOf[groupBy](v) === row.group), alertsByProject) });
    }
    expect(report.totals).toEqual(expectedSums(picked, alertsByProject));
  }
}, 240_000);

it('shows a zone committee its zone’s rows and a city bureau its city’s', async () => {
  const zone = expectOk(await api.request('GET', '/reports/portfolio?groupBy=cluster', { token: api.token('zone-committee', 'SZ-SIP') })).body;
  expect(zone.rows.every((row: any) => row.attributes.zoneId === 'SZ-SIP')).toBe(true);
  expect(zone.rows.length).toBeGreaterThan(0);
  const city = expectOk(await api.request('GET', '/reports/portfolio?groupBy=zone', { token: api.token('city-bureau', '南京市') })).body;
  expect(city.rows.map((row: any) => row.group).sort()).toEqual(['NJ-HTZ']);
  const other = await api.request('GET', '/reports/portfolio?groupBy=zone&zoneId=NJ-HTZ', { token: api.token('zone-committee', 'SZ-SIP') });
  expect(other.status).toBe(403);
});

it('never fails a request when many projects of the same groups are written at once', async () => {
  const regs = Array.from({ length: 24 }, () => registration2023());
  const l = ledger(api, 'NJ-HTZ');
  for (const reg of regs) expectOk(await l.register(reg));
  const before = expectOk(await api.request('GET', '/reports/portfolio?groupBy=program&programCode=JS-2023-C', { token: api.token('auditor') })).body.totals.province.allocatedFen as number;
  // Every allocation adds to the same program, zone, cluster and city rollups.
  const answers = await Promise.all(regs.map((reg) => l.allocate(reg.projectId, 1_000_000 * YUAN, '2023-07-15')));
  expect(answers.map((a) => a.status)).toEqual(regs.map(() => 201));
  const after = expectOk(await api.request('GET', '/reports/portfolio?groupBy=program&programCode=JS-2023-C', { token: api.token('auditor') })).body.totals.province.allocatedFen;
  expect(after - before).toBe(24 * 1_000_000 * YUAN);
}, 120_000);

/** The keys of every TransactWriteItems the API sends while `run` runs, one list per transaction. */
async function transactionsOf(run: () => Promise<unknown>): Promise<string[][]> {
  const send = storageClient.send;
  const seen: string[][] = [];
  storageClient.send = (async (command: Parameters<typeof send>[0]) => {
    if (command instanceof TransactWriteCommand) {
      seen.push((command.input.TransactItems ?? []).map((t) => {
        const key = (t.Put?.Item ?? t.Update?.Key ?? t.ConditionCheck?.Key ?? t.Delete?.Key) as { pk: string; sk: string };
        return `${key.pk} ${key.sk}`;
      }));
    }
    return send(command);
  }) as typeof send;
  try {
    await run();
  } finally {
    storageClient.send = send;
  }
  return seen;
}

it('writes a ledger event with its own project’s items, its cluster’s counters and its cluster’s rollup only', async () => {
  // Two zones of one city, each with a cluster of the same program: before, every transaction of
  // either added to the same program, city (and per zone, zone) rollups.
  const a = await freshCluster(api, 'JS-2023-C', '无锡市');
  const b = await freshCluster(api, 'JS-2023-C', '无锡市');
  const regA = registration2023({ projectId: uniqueId('WXA'), zoneId: a.zoneId, clusterId: a.clusterId });
  const regB = registration2023({ projectId: uniqueId('WXB'), zoneId: b.zoneId, clusterId: b.clusterId });
  const la = ledger(api, a.zoneId, '无锡市');
  const lb = ledger(api, b.zoneId, '无锡市');
  expectOk(await la.register(regA));
  expectOk(await lb.register(regB));
  let allocationA = '';
  const written = await transactionsOf(async () => {
    allocationA = expectOk(await la.allocate(regA.projectId, 1_000_000 * YUAN)).body.entry.entryId;
    expectOk(await lb.allocate(regB.projectId, 1_000_000 * YUAN));
    expectOk(await la.confirm(regA.projectId, allocationA, 1_000_000 * YUAN));
  });
  expect(written).toHaveLength(3);
  const own = (reg: Registration) => (key: string) =>
    key.startsWith(`PROJECT#${reg.projectId} `) || key === `CLUSTER#${reg.clusterId} META` || key.startsWith(`ROLLUP#cluster ${reg.clusterId}#`);
  const [allocA, allocB, confirmA] = written as [string[], string[], string[]];
  for (const [keys, reg] of [[allocA, regA], [allocB, regB], [confirmA, regA]] as const) expect(keys.filter((k) => !own(reg)(k))).toEqual([]);
  expect(allocA.filter((k) => allocB.includes(k))).toEqual([]);
  // Entry, state, cluster counters, idempotency record, one rollup shard; a confirmation leaves the counters alone.
  expect(allocA).toHaveLength(5);
  expect(confirmA).toHaveLength(4);

  const report = expectOk(await api.request('GET', `/reports/portfolio?groupBy=city&city=${encodeURIComponent('无锡市')}`, { token: api.token('auditor') })).body;
  expect(report.rows).toHaveLength(1);
  expect(report.rows[0].province.allocatedFen).toBe(2_000_000 * YUAN);
  expect(report.rows[0].zone.confirmedFen).toBe(1_000_000 * YUAN);
}, 60_000);

/**
 * Portfolio rollups: after a random sequence of commands over many projects (accepted and refused
 * alike) and a sweep, every row of GET /reports/portfolio equals the sum over its group's projects,
 * for every grouping and filter; concurrent writes on the same groups never fail a request; and a
 * ledger event's transaction meets the writers of other clusters on no item (no hot key per zone,
 * program or city).
 */
import ExcelJS from 'exceljs';
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

/** The money of a set of projects (all of one pair of funding bodies), summed from their own views and alerts. */
function fundedSums(projects: any[], alertsByProject: Map<string, string[]>) {
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
  return { projects: projects.length, byStatus: statuses, laggingCount: lagging, heldCount: held, province, zone, paidShare: { numerator: paid, denominator: province.grantFen! + zone.grantFen! } };
}

/**
 * What the report must show for a set of projects: counts of projects over all of them, money per
 * pair of funding bodies (the program's funderNames), 省级 / 高新区 first, then the others by name.
 */
function expectedSums(projects: any[], alertsByProject: Map<string, string[]>) {
  const { province: _p, zone: _z, paidShare: _s, ...counts } = fundedSums(projects, alertsByProject);
  const pairs = new Map<string, any[]>();
  for (const p of projects) {
    const key = JSON.stringify([p.funderNames.province, p.funderNames.zone]);
    pairs.set(key, [...(pairs.get(key) ?? []), p]);
  }
  const order = ([a]: [string, any[]], [b]: [string, any[]]) => {
    const first = JSON.stringify(['省级', '高新区']);
    return a === first ? -1 : b === first ? 1 : a.localeCompare(b);
  };
  const funders = [...pairs.entries()].sort(order).map(([, members]) => ({ funderNames: members[0].funderNames, ...fundedSums(members, alertsByProject) }));
  return { ...counts, funders };
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
  let mixed = 0;
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
    if (groupBy === 'zone' || groupBy === 'city') mixed += report.rows.filter((row: any) => row.funders.length > 1).length;
  }
  // NJ-HTZ and 南京市 hold provincial and city projects: their rows carry both pairs, apart.
  expect(mixed).toBeGreaterThan(0);
}, 240_000);

it('never adds one funding body’s money to another’s: a zone and a city with provincial and Nanjing city projects show each pair apart, under its own names, in the API and in Excel', async () => {
  const city = `${uniqueId('测试')}市`;
  const provincialCluster = await freshCluster(api, 'JS-2023-C', city);
  const zoneId = provincialCluster.zoneId;
  const cityCluster = uniqueId('C');
  expectOk(await api.request('POST', '/clusters', { token: api.token('admin'), body: { clusterId: cityCluster, programCode: 'NJ-CITY-CLUSTER', zoneId, name: `集群 ${cityCluster}`, industry: '人工智能' } }));
  const l = ledger(api, zoneId, city);
  const provincial = registration2023({ projectId: uniqueId('MIXP'), zoneId, clusterId: provincialCluster.clusterId });
  const municipal = registrationNanjing({
    projectId: uniqueId('MIXC'), zoneId, clusterId: cityCluster,
    contract: { signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-06-30', provinceGrantFen: 3_000_000 * YUAN, zoneGrantFen: 1_000_000 * YUAN },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 3_000_000 * YUAN },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: 1_000_000 * YUAN },
    ],
  });
  expectOk(await l.register(provincial));
  expectOk(await l.register(municipal));
  // NJ2024-0301's story: 300 万元 of city money, beside 200 万元 of province money pending its match.
  expectOk(await l.allocate(provincial.projectId, 2_000_000 * YUAN));
  expectOk(await l.allocate(municipal.projectId, 3_000_000 * YUAN));
  expectOk(await l.transfer(municipal.projectId, 1_000_000 * YUAN));

  const auditor = api.token('auditor');
  const provincePair = { funderNames: { province: '省级', zone: '高新区' }, projects: 1, province: { grantFen: 6_000_000 * YUAN, allocatedFen: 2_000_000 * YUAN, confirmedFen: 0, transferredFen: 0 }, zone: { grantFen: 6_000_000 * YUAN } };
  const cityPair = { funderNames: { province: '市级', zone: '园区' }, projects: 1, province: { grantFen: 3_000_000 * YUAN, allocatedFen: 3_000_000 * YUAN, confirmedFen: 3_000_000 * YUAN, transferredFen: 1_000_000 * YUAN, heldAtZoneFen: 1_000_000 * YUAN }, zone: { grantFen: 1_000_000 * YUAN } };
  for (const query of [`groupBy=zone&zoneId=${zoneId}`, `groupBy=city&city=${encodeURIComponent(city)}`]) {
    const report = expectOk(await api.request('GET', `/reports/portfolio?${query}`, { token: auditor })).body;
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ projects: 2, funders: [provincePair, cityPair] });
    expect(report.totals).toMatchObject({ projects: 2, funders: [provincePair, cityPair] });
    // Nothing in the report is a sum of the two: no 500 万元 allocated, no 900 万元 granted by the province and the city.
    const figures = JSON.stringify(report).match(/\d+/g)!.map(Number);
    expect(figures).not.toContain(5_000_000 * YUAN);
    expect(figures).not.toContain(9_000_000 * YUAN);
  }
  // Each program's row names its own bodies only.
  const byProgram = expectOk(await api.request('GET', `/reports/portfolio?groupBy=program&zoneId=${zoneId}`, { token: auditor })).body;
  expect(byProgram.rows.map((r: any) => [r.group, r.funders.map((f: any) => `${f.funderNames.province}/${f.funderNames.zone}`)])).toEqual([['JS-2023-C', ['省级/高新区']], ['NJ-CITY-CLUSTER', ['市级/园区']]]);

  const res = await fetch(`${api.url}/reports/portfolio.xlsx?groupBy=city&city=${encodeURIComponent(city)}`, { headers: { authorization: `Bearer ${auditor}` } });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('资金到位情况表')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const row = (sheet.getRow(2).values as unknown[]).slice(1);
  const cell = (name: string) => {
    expect(header).toContain(name);
    return row[header.indexOf(name)];
  };
  expect(row[0]).toBe(city);
  expect([cell('省级资助合同额（万元）'), cell('省级已下达（万元）'), cell('高新区资助合同额（万元）'), cell('省级已划转至高新区（万元）')]).toEqual([600, 200, 600, 0]);
  expect([cell('市级资助合同额（万元）'), cell('市级已下达（万元）'), cell('园区资助合同额（万元）'), cell('市级已划转至园区（万元）'), cell('市级资金滞留园区（万元）')]).toEqual([300, 300, 100, 100, 100]);
  // Every money column is named by one pair's own funder; none by a body alone that could mix them.
  const moneyHeaders = header.filter((h) => h.endsWith('（万元）'));
  expect(moneyHeaders.every((h) => /^(省级|高新区)/.test(h) !== /^(市级|园区)/.test(h))).toBe(true);
  expect(moneyHeaders.filter((h) => /^(市级|园区)/.test(h))).toHaveLength(moneyHeaders.length / 2);
}, 60_000);

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
  const before = expectOk(await api.request('GET', '/reports/portfolio?groupBy=program&programCode=JS-2023-C', { token: api.token('auditor') })).body.totals.funders[0].province.allocatedFen as number;
  // Every allocation adds to the same program, zone, cluster and city rollups.
  const answers = await Promise.all(regs.map((reg) => l.allocate(reg.projectId, 1_000_000 * YUAN, '2023-07-15')));
  expect(answers.map((a) => a.status)).toEqual(regs.map(() => 201));
  const after = expectOk(await api.request('GET', '/reports/portfolio?groupBy=program&programCode=JS-2023-C', { token: api.token('auditor') })).body.totals.funders[0].province.allocatedFen;
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
  // The program is under budget control: a province allocation also draws on the program's budget
  // indicator (one item by design: its headroom is the allocation's condition) and moves the
  // execution rollup of its own zone and program (the allocation's month).
  const indicator = (key: string) => key.startsWith('INDICATOR#') && key.endsWith(' META');
  const own = (reg: Registration) => (key: string) =>
    key.startsWith(`PROJECT#${reg.projectId} `) || key === `CLUSTER#${reg.clusterId} META` || key.startsWith(`ROLLUP#cluster ${reg.clusterId}#`) ||
    indicator(key) || (key.startsWith('EXEC#') && key.includes(`#${reg.zoneId}#`));
  const [allocA, allocB, confirmA] = written as [string[], string[], string[]];
  for (const [keys, reg] of [[allocA, regA], [allocB, regB], [confirmA, regA]] as const) expect(keys.filter((k) => !own(reg)(k))).toEqual([]);
  expect(allocA.filter((k) => allocB.includes(k) && !indicator(k))).toEqual([]);
  // Entry, state, cluster counters, idempotency record, one rollup shard, the indicator, one execution
  // item; a confirmation (zone money) leaves the counters, the indicator and the execution alone.
  expect(allocA).toHaveLength(7);
  expect(confirmA).toHaveLength(4);

  const report = expectOk(await api.request('GET', `/reports/portfolio?groupBy=city&city=${encodeURIComponent('无锡市')}`, { token: api.token('auditor') })).body;
  expect(report.rows).toHaveLength(1);
  expect(report.rows[0].funders).toHaveLength(1);
  expect(report.rows[0].funders[0].province.allocatedFen).toBe(2_000_000 * YUAN);
  expect(report.rows[0].funders[0].zone.confirmedFen).toBe(1_000_000 * YUAN);
}, 60_000);

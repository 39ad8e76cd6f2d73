/**
 * Budget indicators (预算指标) and execution progress (支出进度) through HTTP on DynamoDB Local
 * (API.md v3): indicators created, replayed, listed and read with their figures; 40 concurrent
 * allocations across projects racing one indicator never overdraw it; decommitments and reversals
 * give the money back; carry-over and lapse with the chain visible on each; the execution report
 * and its workbook, scoped per role; the role matrix of every new route. The rule ids themselves
 * are refused, with their boundaries accepted, in rules.test.ts.
 */
import type { TestResponse } from './support/api';
import { readTable } from './support/api';
import {
  YUAN, expectCreated, expectOk, expectProblem, expectRule, freshCluster, ledger, registration2023, registrationOutside2023, today, uniqueId, useSeededApi,
} from './support/fixtures';

const api = useSeededApi();
const PROGRAM = 'JS-2023-C';
const THIS_YEAR = Number(today().slice(0, 4));
const finance = () => api.token('finance-officer', undefined, 'fo-budget-test');
const path = (no: string) => `/budget-indicators/${encodeURIComponent(no)}`;
const newNo = (fiscalYear: number, label: string) => `苏财教〔${fiscalYear}〕${uniqueId(label)}号`;

async function indicator(fiscalYear: number, amountFen: number, label = 'I'): Promise<string> {
  const indicatorNo = newNo(fiscalYear, label);
  expectCreated(await api.request('POST', '/budget-indicators', {
    token: finance(), body: { indicatorNo, fiscalYear, programCode: PROGRAM, amountFen, issuedOn: `${fiscalYear}-01-10`, reference: '测试' },
  }));
  return indicatorNo;
}
const read = async (no: string) => expectOk(await api.request('GET', path(no), { token: api.token('auditor') })).body.indicator;
const allocate = (l: ReturnType<typeof ledger>, projectId: string, amountFen: number, valueDate: string, indicatorNo: string, key?: string) =>
  l.post(`/projects/${projectId}/allocations`, l.finance, { amountFen, valueDate, reference: '苏财教〔分配〕1号', indicatorNo }, key);

describe('indicators: create, replay, list, read', () => {
  test('201 with zero figures; the same body again 200 with the same indicator; another body 409', async () => {
    const indicatorNo = newNo(2024, 'C');
    const body = { indicatorNo, fiscalYear: 2024, programCode: PROGRAM, amountFen: 5_000_000 * YUAN, issuedOn: '2024-01-15', reference: '苏财教〔2024〕发文' };
    const created = expectCreated(await api.request('POST', '/budget-indicators', { token: finance(), body }));
    expect(created.body.indicator).toMatchObject({
      indicatorNo, fiscalYear: 2024, programCode: PROGRAM, amountFen: 5_000_000 * YUAN,
      allocatedFen: 0, remainingFen: 5_000_000 * YUAN, transferredFen: 0, paidFen: 0, status: 'open',
    });
    const again = await api.request('POST', '/budget-indicators', { token: finance(), body });
    expect(again.status).toBe(200);
    expect(again.body.indicator).toEqual(created.body.indicator);
    const before = await readTable(api.tableName);
    expectProblem(await api.request('POST', '/budget-indicators', { token: finance(), body: { ...body, amountFen: body.amountFen + 1 } }), 409);
    expect(await readTable(api.tableName)).toEqual(before);

    expect(await read(indicatorNo)).toEqual(created.body.indicator);
    const listed = expectOk(await api.request('GET', `/budget-indicators?fiscalYear=2024&programCode=${PROGRAM}&limit=500`, { token: api.token('admin') })).body;
    expect(listed.indicators.map((i: { indicatorNo: string }) => i.indicatorNo)).toContain(indicatorNo);
    expect(listed.indicators.every((i: { fiscalYear: number; programCode: string }) => i.fiscalYear === 2024 && i.programCode === PROGRAM)).toBe(true);
    expectProblem(await api.request('GET', path(newNo(2024, 'NONE')), { token: api.token('auditor') }), 404);
  });

  test.each([
    ['indicatorNo', { indicatorNo: '苏财教/2024/1号' }],
    ['amountFen', { amountFen: 0 }],
    ['fiscalYear', { fiscalYear: 20240 }],
    ['issuedOn', { issuedOn: '2024-02-30' }],
  ])('bad %s → 400 naming it, nothing stored', async (field, change) => {
    const body = { indicatorNo: newNo(2024, 'BAD'), fiscalYear: 2024, programCode: PROGRAM, amountFen: 1_000 * YUAN, issuedOn: '2024-01-15', ...change };
    const before = await readTable(api.tableName);
    const res = await api.request('POST', '/budget-indicators', { token: finance(), body });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await readTable(api.tableName)).toEqual(before);
  });
});

describe('allocations draw on the indicator in their own transaction', () => {
  test('40 concurrent allocations across 8 projects racing one indicator: the sum allocated is exactly what fits', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const reg = registration2023();
      expectCreated(await l.register(reg));
      ids.push(reg.projectId);
    }
    const amountFen = 100_000 * YUAN;
    const indicatorNo = await indicator(2023, 1_000_000 * YUAN + 50_000 * YUAN, 'RACE'); // 10 fit, half of an 11th does not
    const send = Array.from({ length: 40 }, (_, i) => (key: string) => allocate(l, ids[i % ids.length]!, amountFen, '2023-07-20', indicatorNo, key));
    const keys = send.map((_, i) => `${indicatorNo}-${i}`.replace(/[^A-Za-z0-9-]/g, 'x'));
    let answers: TestResponse[] = await Promise.all(send.map((s, i) => s(keys[i]!)));
    // A client retries a 503 with the same key until it has a final answer.
    for (let round = 0; round < 20 && answers.some((a) => a.status === 503); round++) {
      answers = await Promise.all(answers.map((a, i) => (a.status === 503 ? send[i]!(keys[i]!) : Promise.resolve(a))));
    }
    for (const a of answers) {
      if (a.status !== 201 && !(a.status === 422 && a.body.rule === 'budget-indicator-exceeded')) throw new Error(`unexpected ${a.status}: ${a.text}`);
    }
    const posted = answers.filter((a) => a.status === 201).length;
    expect(posted).toBe(10);
    const after = await read(indicatorNo);
    expect(after).toMatchObject({ allocatedFen: 10 * amountFen, remainingFen: 50_000 * YUAN });
    // The projects' own books agree with the indicator.
    let booked = 0;
    for (const id of ids) booked += (await l.project(id)).balances.province.allocatedFen;
    expect(booked).toBe(10 * amountFen);
  });

  test('a decommitment gives its province money back, its reversal draws it again; a reversed allocation gives all back; payments count as paid', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const reg = registrationOutside2023();
    expectCreated(await l.register(reg));
    const indicatorNo = await indicator(2024, 3_000_000 * YUAN, 'BACK');
    const allocated = l.entryIdOf(await allocate(l, reg.projectId, 1_500_000 * YUAN, '2024-03-01', indicatorNo));
    expect(await read(indicatorNo)).toMatchObject({ allocatedFen: 1_500_000 * YUAN, remainingFen: 1_500_000 * YUAN });

    const decommitted = l.entryIdOf(await l.decommit(reg.projectId, { provinceFen: 500_000 * YUAN }, '2024-04-01'));
    expect(await read(indicatorNo)).toMatchObject({ allocatedFen: 1_000_000 * YUAN, remainingFen: 2_000_000 * YUAN });
    // The allocation cannot be reversed while part of it is decommitted.
    expect((await l.reverse(reg.projectId, allocated)).status).toBe(422);
    expectCreated(await l.reverse(reg.projectId, decommitted));
    expect(await read(indicatorNo)).toMatchObject({ allocatedFen: 1_500_000 * YUAN, remainingFen: 1_500_000 * YUAN });
    expectCreated(await l.reverse(reg.projectId, allocated));
    expect(await read(indicatorNo)).toMatchObject({ allocatedFen: 0, remainingFen: 3_000_000 * YUAN, paidFen: 0 });

    expectCreated(await allocate(l, reg.projectId, 800_000 * YUAN, '2024-05-01', indicatorNo));
    expectCreated(await l.payOutside(reg.projectId, 300_000 * YUAN, '2024-06-01'));
    expect(await read(indicatorNo)).toMatchObject({ allocatedFen: 800_000 * YUAN, paidFen: 300_000 * YUAN });
  });
});

describe('year end: carry-over once, lapse', () => {
  test('the rest carries over to the next year, the chain shows on both, and the carried one lapses', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const reg = registrationOutside2023();
    expectCreated(await l.register(reg));
    const old = await indicator(2024, 1_000_000 * YUAN, 'CO');
    expectCreated(await allocate(l, reg.projectId, 300_000 * YUAN, '2024-05-01', old));
    const next = newNo(2025, 'CO-NEXT');
    const carried = expectCreated(await api.request('POST', `${path(old)}/carry-over`, { token: finance(), body: { indicatorNo: next, reference: '苏财教〔2025〕结转1号' } })).body;
    expect(carried.indicator).toMatchObject({ indicatorNo: old, status: 'carried-over', carriedTo: next, allocatedFen: 300_000 * YUAN });
    expect(carried.created).toMatchObject({ indicatorNo: next, fiscalYear: 2025, programCode: PROGRAM, amountFen: 700_000 * YUAN, carriedFrom: old, status: 'open', allocatedFen: 0 });
    // The same request again answers the same pair.
    const repeated = await api.request('POST', `${path(old)}/carry-over`, { token: finance(), body: { indicatorNo: next, reference: '苏财教〔2025〕结转1号' } });
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual(carried);
    expect(await read(old)).toEqual(carried.indicator);
    expect(await read(next)).toEqual(carried.created);

    expectCreated(await allocate(l, reg.projectId, 200_000 * YUAN, '2025-03-01', next));
    const lapsed = expectOk(await api.request('POST', `${path(next)}/lapse`, { token: finance(), body: { reference: '苏财教〔2026〕收回1号' } })).body.indicator;
    expect(lapsed).toMatchObject({ indicatorNo: next, status: 'lapsed', lapsedFen: 500_000 * YUAN, allocatedFen: 200_000 * YUAN, carriedFrom: old });
    expect((await api.request('POST', `${path(next)}/lapse`, { token: finance(), body: { reference: '苏财教〔2026〕收回1号' } })).status).toBe(200);
    expect(await read(next)).toEqual(lapsed);
  });
});

describe('GET /reports/execution', () => {
  test('a zone’s row sums its projects as of the day, against time progress; zone and city see their own; the workbook downloads', async () => {
    const city = '镇江市';
    const { zoneId, clusterId } = await freshCluster(api, PROGRAM, city);
    const l = ledger(api, zoneId, city);
    const regs = [registrationOutside2023({ zoneId, clusterId }), registrationOutside2023({ zoneId, clusterId })];
    for (const reg of regs) expectCreated(await l.register(reg));
    const no = await indicator(2025, 5_000_000 * YUAN, 'EXE');
    expectCreated(await allocate(l, regs[0]!.projectId, 1_000_000 * YUAN, '2025-02-01', no));
    expectCreated(await allocate(l, regs[1]!.projectId, 1_000_000 * YUAN, '2025-03-01', no));
    expectCreated(await l.payOutside(regs[0]!.projectId, 400_000 * YUAN, '2025-05-01'));
    expectCreated(await l.payOutside(regs[1]!.projectId, 100_000 * YUAN, '2025-08-01'));

    const rowOf = async (asOf: string, token = api.token('auditor'), extra = '') => {
      const body = expectOk(await api.request('GET', `/reports/execution?fiscalYear=2025&groupBy=zone&asOf=${asOf}${extra}`, { token })).body;
      return { body, row: body.rows.find((r: { group: string }) => r.group === zoneId) };
    };
    // 2 July 2025: day 183 of 365; 400,000 of 2,000,000 paid is 20 % against 50.1 %: behind.
    const july = await rowOf('2025-07-02');
    expect(july.row).toMatchObject({
      allocatedFen: 2_000_000 * YUAN, paidFen: 400_000 * YUAN,
      progress: { numerator: 400_000 * YUAN, denominator: 2_000_000 * YUAN }, timeProgress: { numerator: 183, denominator: 365 }, behind: true,
    });
    // Outside the zone the province pays the owner directly: nothing passes through the zone.
    expect(july.row.transferredFen).toBe(0);
    // As of the end of February only the first allocation counts; later, both payments.
    expect((await rowOf('2025-02-28')).row).toMatchObject({ allocatedFen: 1_000_000 * YUAN, paidFen: 0 });
    expect((await rowOf('2025-12-31')).row).toMatchObject({ allocatedFen: 2_000_000 * YUAN, paidFen: 500_000 * YUAN, timeProgress: { numerator: 365, denominator: 365 } });
    // 30.1 points behind: behind at a tolerance of 3,000 basis points, not at 3,100.
    expect((await rowOf('2025-07-02', api.token('auditor'), '&toleranceBps=3000')).row.behind).toBe(true);
    expect((await rowOf('2025-07-02', api.token('auditor'), '&toleranceBps=3100')).row.behind).toBe(false);

    const zoneView = await rowOf('2025-07-02', l.zone);
    expect(zoneView.body.rows.map((r: { group: string }) => r.group)).toEqual([zoneId]);
    expect(zoneView.row).toEqual(july.row);
    const cityView = expectOk(await api.request('GET', '/reports/execution?fiscalYear=2025&groupBy=city&asOf=2025-07-02', { token: l.cityBureau })).body;
    expect(cityView.rows.map((r: { group: string }) => r.group)).toEqual([city]);
    expect(cityView.rows[0]).toMatchObject({ allocatedFen: 2_000_000 * YUAN, paidFen: 400_000 * YUAN });

    const xlsx = await api.request('GET', '/reports/execution.xlsx?fiscalYear=2025&groupBy=zone&asOf=2025-07-02', { token: l.finance });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expectProblem(await api.request('GET', '/reports/execution?fiscalYear=2025&groupBy=street', { token: api.token('auditor') }), 400);
  });
});

describe('the role matrix of the budget routes', () => {
  const ROLES = ['finance-officer', 'admin', 'auditor', 'zone-committee', 'city-bureau'] as const;
  const tokenOf = (role: (typeof ROLES)[number]) =>
    role === 'zone-committee' ? api.token(role, 'NJ-HTZ') : role === 'city-bureau' ? api.token(role, '南京市') : api.token(role);

  test('reads: indicators for finance officers, admins and auditors; the execution report for every role', async () => {
    const no = await indicator(2024, 1_000 * YUAN, 'RM');
    for (const role of ROLES) {
      const indicatorReader = role === 'finance-officer' || role === 'admin' || role === 'auditor';
      for (const url of [path(no), '/budget-indicators?fiscalYear=2024']) {
        const res = await api.request('GET', url, { token: tokenOf(role) });
        expect({ role, url, status: res.status }).toEqual({ role, url, status: indicatorReader ? 200 : 403 });
      }
      for (const url of ['/reports/execution?fiscalYear=2024&groupBy=zone', '/reports/execution.xlsx?fiscalYear=2024&groupBy=program']) {
        const res = await api.request('GET', url, { token: tokenOf(role) });
        expect({ role, url, status: res.status }).toEqual({ role, url, status: 200 });
      }
    }
  });

  test('writes: finance officers only; a refused role changes nothing', async () => {
    const no = await indicator(2024, 1_000 * YUAN, 'RMW');
    for (const role of ROLES.filter((r) => r !== 'finance-officer')) {
      const before = await readTable(api.tableName);
      const writes: [string, unknown][] = [
        ['/budget-indicators', { indicatorNo: newNo(2024, 'RMX'), fiscalYear: 2024, programCode: PROGRAM, amountFen: 1_000, issuedOn: '2024-01-10' }],
        [`${path(no)}/carry-over`, { indicatorNo: newNo(2025, 'RMC'), reference: '结转' }],
        [`${path(no)}/lapse`, { reference: '收回' }],
      ];
      for (const [url, body] of writes) {
        const res = await api.request('POST', url, { token: tokenOf(role), body });
        expect({ role, url, status: res.status }).toEqual({ role, url, status: 403 });
      }
      expect(await readTable(api.tableName)).toEqual(before);
    }
    expectOk(await api.request('POST', `${path(no)}/lapse`, { token: finance(), body: { reference: '收回' } }));
  });

  test('an allocation naming an indicator is refused to other roles before anything is read', async () => {
    const l = ledger(api, 'NJ-HTZ');
    const reg = registration2023();
    expectCreated(await l.register(reg));
    const no = await indicator(2023, 1_000 * YUAN, 'RMA');
    expectProblem(await l.post(`/projects/${reg.projectId}/allocations`, l.zone, { amountFen: 1_000, valueDate: '2023-07-20', reference: 'x', indicatorNo: no }), 403);
    expect(await read(no)).toMatchObject({ allocatedFen: 0 });
    expectRule(await allocate(l, reg.projectId, 1_000 * YUAN + 1, '2023-07-20', no), 'budget-indicator-exceeded', { limitFen: 1_000 * YUAN, usedFen: 0, attemptedFen: 1_000 * YUAN + 1 });
  });
});

test('this year’s indicator cannot be carried over or lapse yet', async () => {
  const no = await indicator(THIS_YEAR, 1_000 * YUAN, 'OPEN');
  expectRule(await api.request('POST', `${path(no)}/lapse`, { token: finance(), body: { reference: '收回' } }), 'fiscal-year-open');
});

describe('the sweep raises and resolves the budget’s alerts', () => {
  const sweep = async (asOf: string) => expectOk(await api.request('POST', '/alerts/sweep', { token: api.token('admin'), body: { asOf } })).body;
  const alerts = async (status: 'open' | 'resolved', kind: string, extra = '') =>
    expectOk(await api.request('GET', `/alerts?status=${status}&kind=${kind}&limit=500${extra}`, { token: api.token('auditor') })).body.alerts as Record<string, unknown>[];

  test('execution-behind while a zone is behind its time progress, resolved once it has paid enough', async () => {
    const city = '淮安市';
    const { zoneId, clusterId } = await freshCluster(api, PROGRAM, city);
    const l = ledger(api, zoneId, city);
    const reg = registrationOutside2023({ zoneId, clusterId });
    expectCreated(await l.register(reg));
    expectCreated(await allocate(l, reg.projectId, 1_000_000 * YUAN, '2024-02-01', await indicator(2024, 2_000_000 * YUAN, 'SW')));
    // 1 July 2024 is day 183 of 366: half of the 1,000,000 yuan should have been paid; none was.
    expect((await sweep('2024-07-01')).budget.raised).toBeGreaterThanOrEqual(1);
    const raised = await alerts('open', 'execution-behind', `&zoneId=${zoneId}`);
    expect(raised).toEqual([expect.objectContaining({ projectId: null, zoneId, fiscalYear: 2024, gapFen: 500_000 * YUAN, raisedOn: '2024-07-01' })]);
    // 600,000 paid by 30 June: 60 % against 50 %, not behind.
    expectCreated(await l.payOutside(reg.projectId, 600_000 * YUAN, '2024-06-30'));
    await sweep('2024-07-01');
    expect(await alerts('open', 'execution-behind', `&zoneId=${zoneId}`)).toEqual([]);
    expect((await alerts('resolved', 'execution-behind', `&zoneId=${zoneId}`)).map((a) => a.alertId)).toEqual(raised.map((a) => a.alertId));
  });

  test('indicator-unallocated from 1 November for an open indicator with money left, resolved when it lapses', async () => {
    const no = await indicator(2022, 3_000_000 * YUAN, 'UN');
    const ofIt = async (status: 'open' | 'resolved') => (await alerts(status, 'indicator-unallocated')).filter((a) => a.indicatorNo === no);
    await sweep('2022-10-31');
    expect(await ofIt('open')).toEqual([]);
    await sweep('2022-11-01');
    expect(await ofIt('open')).toEqual([expect.objectContaining({ projectId: null, indicatorNo: no, fiscalYear: 2022, programCode: PROGRAM, raisedOn: '2022-11-01', gapFen: 3_000_000 * YUAN })]);
    expectOk(await api.request('POST', `${path(no)}/lapse`, { token: finance(), body: { reference: '收回' } }));
    await sweep('2022-11-02');
    expect(await ofIt('open')).toEqual([]);
    expect(await ofIt('resolved')).toHaveLength(1);
  });
});

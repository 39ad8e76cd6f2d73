/**
 * The budget's items on DynamoDB Local: indicators created, listed, carried over and lapsed;
 * draws on an indicator with its headroom as the condition — 40 concurrent draws never overdraw
 * it, the sum drawn is exactly what fits; give-backs; execution rollups written as dated bucket
 * ADDs and read back as of any day, equal to the projects' own attribution; the first release's
 * rollups folded once, and the running totals of the releases after it read beside today's buckets.
 */
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { executionChanges, indicatorChanges } from '../../domain/budget/changes';
import { indicatorViolation } from '../../domain/budget/control';
import { executionRows, rollupDeltas } from '../../domain/budget/execution';
import { applyBudgetEvent, attributionAsOf, emptyFlows, type BudgetEvent, type ProvinceFlows } from '../../domain/budget/flows';
import { fiscalYearContributions, zeroFigures } from '../../domain/budget/attribution';
import { remainingFen, type Indicator } from '../../domain/budget/indicator';
import { carryOverIndicator, createIndicator, lapseIndicator } from '../../functions/lib/budget/indicators';
import { executionRollupItems, indicatorChangeItem, indicatorChangeItems } from '../../functions/lib/storage/budget-items';
import { foldLegacyExecution } from '../../functions/lib/storage/execution-fold';
import { executionMonthPrefix, executionPk, keys } from '../../functions/lib/storage/keys';
import { getIndicator, listIndicators, readExecutionCells } from '../../functions/lib/storage/budget-store';
import { decodeCancellation } from '../../functions/lib/storage/cancellation';
import { doc } from '../../functions/lib/storage/client';
import { StorageUnavailable } from '../../functions/lib/storage/errors';
import type { TxItem } from '../../functions/lib/storage/transaction-items';
import { readItem } from './support/api';
import { useSeededApi } from './support/fixtures';

const api = useSeededApi();
const PROGRAM = 'JS-2023-C';
let serial = 0;
const no = (label: string) => `苏财教〔2026〕${label}-${Date.now().toString(36)}-${++serial}号`;
const NOW = new Date('2027-03-01T02:00:00Z');

async function created(body: { indicatorNo: string; fiscalYear: number; amountFen: number; programCode?: string }, now = NOW): Promise<Indicator> {
  const o = await createIndicator({ programCode: PROGRAM, issuedOn: '2026-01-15', ...body }, now);
  if (!o.ok) throw new Error(`not created: ${JSON.stringify(o)}`);
  return o.indicator;
}

/** A ledger event's transaction, reduced to what matters here: the budget's items and an entry that must not exist yet. */
async function transact(items: TxItem[], entryKey: string): Promise<'written' | 'lost-race' | 'indicator-refused'> {
  const all: TxItem[] = [...items, { tag: 'entry', item: { Put: { TableName: api.tableName, Item: { pk: `TEST#${entryKey}`, sk: 'ENTRY' }, ConditionExpression: 'attribute_not_exists(pk)' } } }];
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: all.map((i) => i.item) }));
    return 'written';
  } catch (err) {
    if (err instanceof StorageUnavailable) return 'lost-race';
    if (!(err instanceof TransactionCanceledException)) throw err;
    const outcome = decodeCancellation(all, err, false);
    return outcome.kind === 'lost-race' && outcome.indicator ? 'indicator-refused' : 'lost-race';
  }
}

/**
 * An allocation drawing on an indicator as the write path would: read it, decide (the rule with
 * its figures if it does not fit), write with the headroom as condition, and on a refusal or a
 * collision read and decide again.
 */
async function draw(indicatorNo: string, amountFen: number, key: string): Promise<{ drawn: boolean; rule?: string }> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const indicator = await getIndicator(indicatorNo);
    const v = indicatorViolation({ code: PROGRAM, budgetControl: true }, indicator, { amountFen, valueDate: '2026-06-01', indicatorNo });
    if (v) return { drawn: false, rule: v.rule };
    const item = indicatorChangeItem({ indicatorNo, fiscalYear: 2026, allocatedFen: amountFen, transferredFen: 0, paidFen: 0 }, PROGRAM)!;
    if ((await transact([item], key)) === 'written') return { drawn: true };
    await new Promise((r) => setTimeout(r, Math.random() * 20));
  }
  throw new Error(`draw ${key} never settled`);
}

describe('drawing on an indicator', () => {
  test('40 concurrent draws never overdraw it: the sum drawn is exactly what fits', async () => {
    const amounts = Array.from({ length: 40 }, (_, i) => 20_000 + ((i * 7919) % 13) * 1_000);
    const amountFen = 500_000;
    const i = await created({ indicatorNo: no('race'), fiscalYear: 2026, amountFen });
    const results = await Promise.all(amounts.map((a, k) => draw(i.indicatorNo, a, `${i.indicatorNo}-${k}`)));
    const after = (await getIndicator(i.indicatorNo))!;
    const drawn = amounts.filter((_, k) => results[k]!.drawn).reduce((t, a) => t + a, 0);
    expect(after.allocatedFen).toBe(drawn);
    expect(remainingFen(after)).toBe(amountFen - drawn);
    expect(drawn).toBeLessThanOrEqual(amountFen);
    // Every refusal is the rule, and none of the refused draws would fit in what is left: full.
    const refused = amounts.filter((_, k) => !results[k]!.drawn);
    expect(results.filter((r) => !r.drawn).every((r) => r.rule === 'budget-indicator-exceeded')).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    expect(Math.min(...refused)).toBeGreaterThan(remainingFen(after));
    // The stored headroom is the figure the condition compares: it matches the item's own arithmetic.
    const item = await readItem(api.tableName, `INDICATOR#${i.indicatorNo}`, 'META');
    expect(item).toMatchObject({ allocatedFen: drawn, remainingFen: amountFen - drawn });
    // Each draw went with its entry, atomically: one entry per accepted draw.
    let entries = 0;
    for (let k = 0; k < amounts.length; k++) if (await readItem(api.tableName, `TEST#${i.indicatorNo}-${k}`, 'ENTRY')) entries++;
    expect(entries).toBe(results.filter((r) => r.drawn).length);
  }, 180_000);

  test('with equal amounts exactly the whole number that fits is drawn, to the fen', async () => {
    const i = await created({ indicatorNo: no('equal'), fiscalYear: 2026, amountFen: 100_001 });
    const results = await Promise.all(Array.from({ length: 40 }, (_, k) => draw(i.indicatorNo, 10_000, `${i.indicatorNo}-${k}`)));
    expect(results.filter((r) => r.drawn)).toHaveLength(10);
    expect(await getIndicator(i.indicatorNo)).toMatchObject({ allocatedFen: 100_000 });
  }, 180_000);

  test('the condition refuses a draw past the headroom, on a closed indicator, of another program or year; exactly the headroom fits', async () => {
    const i = await created({ indicatorNo: no('cond'), fiscalYear: 2026, amountFen: 1_000 });
    const change = (allocatedFen: number, fiscalYear = 2026) => ({ indicatorNo: i.indicatorNo, fiscalYear, allocatedFen, transferredFen: 0, paidFen: 0 });
    expect(await transact([indicatorChangeItem(change(1_001), PROGRAM)!], `${i.indicatorNo}-a`)).toBe('indicator-refused');
    expect(await transact([indicatorChangeItem(change(10), 'JS-2021-CLUSTER')!], `${i.indicatorNo}-b`)).toBe('indicator-refused');
    expect(await transact([indicatorChangeItem(change(10, 2025), PROGRAM)!], `${i.indicatorNo}-c`)).toBe('indicator-refused');
    expect(await getIndicator(i.indicatorNo)).toMatchObject({ allocatedFen: 0 });
    expect(await transact([indicatorChangeItem(change(1_000), PROGRAM)!], `${i.indicatorNo}-d`)).toBe('written');
    expect(await transact([indicatorChangeItem(change(1), PROGRAM)!], `${i.indicatorNo}-e`)).toBe('indicator-refused');
    // A give-back never takes it below zero; what is given back can be drawn again.
    expect(await transact([indicatorChangeItem(change(-1_001), PROGRAM)!], `${i.indicatorNo}-f`)).toBe('indicator-refused');
    expect(await transact([indicatorChangeItem({ ...change(-300), transferredFen: 5, paidFen: 2 }, PROGRAM)!], `${i.indicatorNo}-g`)).toBe('written');
    expect(await getIndicator(i.indicatorNo)).toMatchObject({ allocatedFen: 700, transferredFen: 5, paidFen: 2 });
    expect(await transact([indicatorChangeItem(change(300), PROGRAM)!], `${i.indicatorNo}-h`)).toBe('written');
    // No change, no item.
    expect(indicatorChangeItem(change(0), PROGRAM)).toBeNull();
  });

  test('after a lapse nothing more is drawn, money still comes back (and stays there)', async () => {
    const i = await created({ indicatorNo: no('lapsed'), fiscalYear: 2026, amountFen: 1_000 });
    expect(await transact([indicatorChangeItem({ indicatorNo: i.indicatorNo, fiscalYear: 2026, allocatedFen: 600, transferredFen: 0, paidFen: 0 }, PROGRAM)!], `${i.indicatorNo}-a`)).toBe('written');
    expect((await lapseIndicator(i.indicatorNo, { reference: '收回' }, NOW)).ok).toBe(true);
    expect(await transact([indicatorChangeItem({ indicatorNo: i.indicatorNo, fiscalYear: 2026, allocatedFen: 1, transferredFen: 0, paidFen: 0 }, PROGRAM)!], `${i.indicatorNo}-b`)).toBe('indicator-refused');
    expect(await transact([indicatorChangeItem({ indicatorNo: i.indicatorNo, fiscalYear: 2026, allocatedFen: -100, transferredFen: 0, paidFen: 0 }, PROGRAM)!], `${i.indicatorNo}-c`)).toBe('written');
    expect(await getIndicator(i.indicatorNo)).toMatchObject({ status: 'lapsed', lapsedFen: 400, allocatedFen: 500 });
  });
});

describe('indicators', () => {
  test('created once: the same body again answers it as it stands, another body is a conflict, bad input changes nothing', async () => {
    const body = { indicatorNo: no('create'), fiscalYear: 2026, programCode: PROGRAM, amountFen: 5_000, issuedOn: '2026-01-15', reference: '年初' };
    const first = await createIndicator(body, NOW);
    expect(first).toMatchObject({ ok: true, created: true });
    expect(await transact([indicatorChangeItem({ indicatorNo: body.indicatorNo, fiscalYear: 2026, allocatedFen: 7, transferredFen: 0, paidFen: 0 }, PROGRAM)!], `${body.indicatorNo}-a`)).toBe('written');
    expect(await createIndicator(body, NOW)).toMatchObject({ ok: true, created: false, indicator: { allocatedFen: 7 } });
    expect(await createIndicator({ ...body, amountFen: 5_001 }, NOW)).toMatchObject({ ok: false, conflict: expect.any(String) });
    const before = await readItem(api.tableName, `INDICATOR#${body.indicatorNo}`, 'META');
    expect(await createIndicator({ ...body, programCode: 'NO-SUCH' }, NOW)).toMatchObject({ ok: false, invalid: [{ path: 'programCode' }] });
    expect(await readItem(api.tableName, `INDICATOR#${body.indicatorNo}`, 'META')).toEqual(before);
    const bad = { ...body, indicatorNo: 'a#b' };
    expect(await createIndicator(bad, NOW)).toMatchObject({ ok: false, invalid: [{ path: 'indicatorNo' }] });
    expect(await getIndicator('a#b')).toBeNull();
  });

  test('listed newest fiscal year first, by fiscal year, by year and program, or by program alone, page by page', async () => {
    const program = `BUD-${Date.now().toString(36)}`;
    // A program of its own, so that its lists hold exactly these.
    const base = (await api.request('GET', `/programs/${PROGRAM}`, { token: api.token('admin') })).body;
    const { ruleDigest: _d, projectCount: _c, ...programBody } = base;
    expect((await api.request('POST', '/programs', { token: api.token('admin'), body: { ...programBody, code: program } })).status).toBe(201);
    const made: Indicator[] = [];
    for (const [fiscalYear, label] of [[2025, 'b'], [2026, 'a'], [2025, 'a'], [2027, 'x']] as const) {
      made.push(await created({ indicatorNo: `${program}-${fiscalYear}-${label}`, fiscalYear, amountFen: 100, programCode: program }, new Date('2027-06-01T00:00:00Z')));
    }
    const pages = async (f: { fiscalYear?: number; programCode?: string }) => {
      const out: string[] = [];
      let start: Record<string, string> | undefined;
      do {
        const page = await listIndicators(f, 1, start);
        out.push(...page.indicators.map((i) => i.indicatorNo));
        start = page.next;
      } while (start);
      return out;
    };
    expect(await pages({ programCode: program })).toEqual([`${program}-2027-x`, `${program}-2026-a`, `${program}-2025-a`, `${program}-2025-b`]);
    expect(await pages({ fiscalYear: 2025, programCode: program })).toEqual([`${program}-2025-a`, `${program}-2025-b`]);
    const year = await pages({ fiscalYear: 2027 });
    expect(year).toContain(`${program}-2027-x`);
    expect(year.every((n) => !n.includes('-2025-') && !n.includes('-2026-'))).toBe(true);
    const all = await pages({});
    expect(all.indexOf(`${program}-2027-x`)).toBeLessThan(all.indexOf(`${program}-2026-a`));
    expect(all.indexOf(`${program}-2026-a`)).toBeLessThan(all.indexOf(`${program}-2025-a`));
  });

  test('carry-over: refused before the year ends, then once, with the rest; the chain shows on both', async () => {
    const i = await created({ indicatorNo: no('carry'), fiscalYear: 2026, amountFen: 10_000 });
    expect(await transact([indicatorChangeItem({ indicatorNo: i.indicatorNo, fiscalYear: 2026, allocatedFen: 4_000, transferredFen: 0, paidFen: 0 }, PROGRAM)!], `${i.indicatorNo}-a`)).toBe('written');
    const next = no('carried');
    const body = { indicatorNo: next, reference: '苏财教〔2027〕结转' };
    const before = await readItem(api.tableName, `INDICATOR#${i.indicatorNo}`, 'META');
    expect(await carryOverIndicator(i.indicatorNo, body, new Date('2026-12-31T15:59:59Z'))).toMatchObject({ ok: false, violation: { rule: 'fiscal-year-open' } });
    expect(await readItem(api.tableName, `INDICATOR#${i.indicatorNo}`, 'META')).toEqual(before);
    expect(await getIndicator(next)).toBeNull();
    // 2026-12-31T16:00Z is 1 January in China.
    const done = await carryOverIndicator(i.indicatorNo, body, new Date('2026-12-31T16:00:00Z'));
    expect(done).toMatchObject({ ok: true, repeated: false });
    expect(await getIndicator(i.indicatorNo)).toMatchObject({ status: 'carried-over', carriedTo: next, closedOn: '2027-01-01', allocatedFen: 4_000 });
    expect(await getIndicator(next)).toMatchObject({ status: 'open', fiscalYear: 2027, amountFen: 6_000, allocatedFen: 0, carriedFrom: i.indicatorNo, programCode: PROGRAM });
    expect(await carryOverIndicator(i.indicatorNo, body, NOW)).toMatchObject({ ok: true, repeated: true });
    expect(await carryOverIndicator(next, { indicatorNo: no('again'), reference: 'r' }, new Date('2028-01-02T00:00:00Z'))).toMatchObject({ ok: false, violation: { rule: 'carry-over-limit' } });
    expect(await lapseIndicator(next, { reference: '收回' }, new Date('2028-01-02T00:00:00Z'))).toMatchObject({ ok: true, lapsed: { status: 'lapsed', lapsedFen: 6_000 } });
    expect(await carryOverIndicator('no such', body, NOW)).toMatchObject({ ok: false, notFound: expect.any(String) });
  });

  test('a carry-over racing draws carries exactly the rest left when it won', async () => {
    const i = await created({ indicatorNo: no('carry-race'), fiscalYear: 2026, amountFen: 100_000 });
    // Draws dated in 2026 may still arrive in January (bringing late documents in).
    const draws = Array.from({ length: 8 }, (_, k) => draw(i.indicatorNo, 3_000, `${i.indicatorNo}-${k}`));
    const next = no('carry-race-next');
    const carried = carryOverIndicator(i.indicatorNo, { indicatorNo: next, reference: 'r' }, NOW);
    const [results, outcome] = await Promise.all([Promise.all(draws), carried]);
    expect(outcome.ok).toBe(true);
    const old = (await getIndicator(i.indicatorNo))!;
    const created2 = (await getIndicator(next))!;
    expect(old.allocatedFen).toBe(3_000 * results.filter((r) => r.drawn).length);
    expect(created2.amountFen).toBe(remainingFen(old));
    expect(results.filter((r) => !r.drawn).every((r) => r.rule === 'indicator-closed')).toBe(true);
  }, 120_000);
});

describe('execution rollups', () => {
  const alloc = (n: number, valueDate: string, amountFen: number, indicatorNo: string): BudgetEvent => ({ type: 'allocation', entryId: `A${n}`, seq: n, valueDate, amountFen, indicatorNo, pending: false });

  test('ADDed in the entry\'s transaction and read back as of any day, equal to the projects\' own attribution', async () => {
    const year = 2031; // a fiscal year of its own in this table
    const ind = await created({ indicatorNo: no('exec'), fiscalYear: year, amountFen: 10_000_000 }, new Date('2031-01-10T00:00:00Z'));
    const zones = [{ zoneId: `Z-${serial}-a`, city: '南京市' }, { zoneId: `Z-${serial}-b`, city: '苏州市' }];
    const projects = Array.from({ length: 6 }, (_, k) => ({ projectId: `EXEC-${serial}-${k}`, place: { ...zones[k % 2]!, programCode: PROGRAM }, flows: emptyFlows(true) as ProvinceFlows }));
    const post = async (p: (typeof projects)[number], e: BudgetEvent) => {
      const after = applyBudgetEvent(p.flows, e);
      const items = [...indicatorChangeItems(indicatorChanges(p.flows, after), PROGRAM), ...executionRollupItems(p.place, rollupDeltas(executionChanges(p.flows, after)))];
      expect(await transact(items, `${p.projectId}-${Math.random()}`)).toBe('written');
      p.flows = after;
    };
    for (const [k, p] of projects.entries()) {
      await post(p, alloc(2, `${year}-0${1 + (k % 3)}-10`, 100_000 * (k + 1), ind.indicatorNo));
      await post(p, { type: 'transfer', valueDate: `${year}-04-0${1 + k}`, amountFen: 50_000 * (k + 1) });
      await post(p, { type: 'payment', valueDate: `${year}-05-1${k}`, amountFen: 20_000 * (k + 1), impliedTransfer: false });
    }
    // A late allocation dated in March of the year, and a reversal of a payment: days already shown change.
    await post(projects[0]!, alloc(3, `${year}-03-01`, 10_000, ind.indicatorNo));
    await post(projects[1]!, { type: 'reversal', undo: { type: 'payment', valueDate: `${year}-05-11`, amountFen: 40_000, impliedTransfer: false } });

    for (const asOf of [`${year - 1}-12-31`, `${year}-01-10`, `${year}-02-28`, `${year}-04-03`, `${year}-05-11`, `${year}-05-12`, `${year}-12-31`, `${year + 1}-03-01`]) {
      const { cells, read } = await readExecutionCells(year, asOf);
      // An item per zone and month with money (January to May in both zones) up to asOf's: not per project.
      expect(read).toBe(zones.length * ['01', '02', '03', '04', '05'].filter((m) => `${year}-${m}` <= asOf.slice(0, 7)).length);
      const direct = projects.map((p) => ({ ...p.place, figures: fiscalYearContributions(attributionAsOf(p.flows, asOf)).get(year) ?? zeroFigures() }));
      for (const groupBy of ['zone', 'city', 'program'] as const) {
        expect(executionRows(groupBy, cells, {}, { fiscalYear: year, asOf })).toEqual(executionRows(groupBy, direct, {}, { fiscalYear: year, asOf }));
      }
    }
    // The indicator equals the sum over projects too.
    const sums = projects.map((p) => attributionAsOf(p.flows, null).allocations).flat();
    expect(await getIndicator(ind.indicatorNo)).toMatchObject({
      allocatedFen: sums.reduce((t, a) => t + a.allocatedFen, 0),
      transferredFen: sums.reduce((t, a) => t + a.transferredFen, 0),
      paidFen: sums.reduce((t, a) => t + a.paidFen, 0),
    });
  }, 120_000);

  test('earlier releases\' rollups: the first layout\'s days items are folded once, beside live writes; running totals, split or not, count as they are beside today\'s day buckets', async () => {
    const year = 2032;
    const place = { zoneId: `Z-${serial}-fold`, city: '无锡市', programCode: PROGRAM };
    // What follows the prefix (and the month) in the keys of earlier releases: the place and its shard.
    const tail = `${keys.executionMonth(year, '2032-01', place.zoneId, PROGRAM).sk.slice(executionMonthPrefix('2032-01').length)}#03`;
    const item = (sk: string, buckets: Record<string, number>, month?: string) =>
      ({ pk: executionPk(year), sk, fiscalYear: year, zoneId: place.zoneId, programCode: PROGRAM, shard: 3, city: place.city, ...(month ? { month } : {}), ...buckets });
    const legacyDays = [
      item(`D#2032-03#${tail}`, { a10: 100_000 }, '2032-03'),
      item(`D#2032-04#${tail}`, { t02: 50_000 }, '2032-04'),
      item(`D#2032-05#${tail}`, { p15: 20_000 }, '2032-05'),
      item(`D#2033-01#${tail}`, { p31: 1_000 }, '2033-01'),
      // Folded into the item of the previous release's running totals (below): both count.
      item(`D#2032-07#${tail}`, { p02: 100 }, '2032-07'),
    ];
    const run = (letter: string, first: number, last: number, v: number) => Object.fromEntries(Array.from({ length: last - first + 1 }, (_, i) => [`${letter}${String(first + i).padStart(2, '0')}`, v]));
    const untouched = [
      // The months item of the first layout: what its days items hold already.
      item(`M#${tail}`, { a203203: 100_000, t203204: 50_000, p203205: 20_000, p203301: 1_000 }),
      // Two releases before: running totals split by shard (read as they are), and its month running totals (no longer read).
      item(`RD#2032-06#${tail}`, run('t', 15, 30, 2_000), '2032-06'),
      item(`RM#${tail}`, { t203206: 2_000, t203207: 2_000, t203212: 2_000 }),
    ];
    // The release before this one: unsharded running totals (a day's bucket holds the month through that day), which today's writes go beside.
    const runningJuly = { ...keys.executionMonth(year, '2032-07', place.zoneId, PROGRAM), fiscalYear: year, month: '2032-07', zoneId: place.zoneId, programCode: PROGRAM, city: place.city, ...run('p', 5, 31, 3_000) };
    for (const Item of [...legacyDays, ...untouched, runningJuly]) await doc.send(new PutCommand({ TableName: api.tableName, Item }));
    /** A ledger event's execution write of one change on a day, as the ledger makes it. */
    const writeOn = (on: string, change: { transferredFen?: number; paidFen?: number }, key: string) =>
      transact(executionRollupItems(place, rollupDeltas([{ fiscalYear: year, on, allocatedFen: 0, transferredFen: 0, paidFen: 0, ...change }])), key);
    const live = () => writeOn('2032-05-20', { paidFen: 5_000 }, `fold-${serial}-${Math.random()}`);
    const figures = async (asOf: string) => {
      const { cells } = await readExecutionCells(year, asOf);
      return executionRows('zone', cells, { zoneId: place.zoneId }, { fiscalYear: year, asOf }).map((r) => [r.allocatedFen, r.transferredFen, r.paidFen])[0] ?? [0, 0, 0];
    };
    /** [allocated, transferred, paid] as of each day. */
    const figuresAsOf = async (days: readonly string[]) => Object.fromEntries(await Promise.all(days.map(async (d) => [d, await figures(d)] as const)));
    // Before the fold the report reads none of the first layout; the running totals, split or not, and a live write count.
    expect(await live()).toBe('written');
    expect(await figures('2033-12-31')).toEqual([0, 2_000, 8_000]);

    const [first, again] = await Promise.all([foldLegacyExecution(new Date('2033-02-01T00:00:00Z')), foldLegacyExecution(new Date('2033-02-01T00:00:00Z'))]);
    expect(first.items).toBeGreaterThanOrEqual(legacyDays.length);
    expect(first.folded + again.folded).toBe(legacyDays.length); // two runs at once: each item folded by exactly one
    expect(await live()).toBe('written');
    expect(await foldLegacyExecution(new Date())).toEqual({ items: 0, folded: 0 });
    expect(await figuresAsOf(['2032-03-09', '2032-03-10', '2032-04-01', '2032-04-02', '2032-05-15', '2032-05-20', '2032-06-14', '2032-06-15'])).toEqual({
      '2032-03-09': [0, 0, 0],
      '2032-03-10': [100_000, 0, 0],
      '2032-04-01': [100_000, 0, 0],
      '2032-04-02': [100_000, 50_000, 0],
      '2032-05-15': [100_000, 50_000, 20_000],
      '2032-05-20': [100_000, 50_000, 30_000],
      '2032-06-14': [100_000, 50_000, 30_000],
      '2032-06-15': [100_000, 52_000, 30_000],
    });
    // A write now in the month and place of the split running totals: its item counts beside them.
    expect(await writeOn('2032-06-10', { transferredFen: 700 }, `fold-june-${serial}`)).toBe('written');
    expect(await figuresAsOf(['2032-06-09', '2032-06-10', '2032-06-30', '2032-07-01', '2032-07-02', '2032-07-05', '2033-01-30', '2033-01-31'])).toEqual({
      '2032-06-09': [100_000, 50_000, 30_000],
      '2032-06-10': [100_000, 50_700, 30_000],
      '2032-06-30': [100_000, 52_700, 30_000],
      '2032-07-01': [100_000, 52_700, 30_000],
      '2032-07-02': [100_000, 52_700, 30_100],
      '2032-07-05': [100_000, 52_700, 33_100],
      '2033-01-30': [100_000, 52_700, 33_100],
      '2033-01-31': [100_000, 52_700, 34_100],
    });
    // A write now into the item of the running totals: its day bucket beside them, both counted.
    expect(await writeOn('2032-07-03', { paidFen: 400 }, `fold-july-${serial}`)).toBe('written');
    expect(await readItem(api.tableName, runningJuly.pk, runningJuly.sk)).toMatchObject({ ...runningJuly, dp02: 100, dp03: 400 });
    expect(await figuresAsOf(['2032-07-02', '2032-07-03', '2032-07-05', '2033-01-31'])).toEqual({
      '2032-07-02': [100_000, 52_700, 30_100],
      '2032-07-03': [100_000, 52_700, 30_500],
      '2032-07-05': [100_000, 52_700, 33_500],
      '2033-01-31': [100_000, 52_700, 34_500],
    });
    // The old items stay: the folded ones marked, the others as they were; nothing deleted.
    for (const x of legacyDays) expect(await readItem(api.tableName, x.pk, x.sk)).toMatchObject({ ...x, foldedAt: '2033-02-01T00:00:00.000Z' });
    for (const x of untouched) expect(await readItem(api.tableName, x.pk, x.sk)).toEqual(x);
  }, 60_000);
});

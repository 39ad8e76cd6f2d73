/**
 * The budget's cost (issue 20, item 7): one allocation with `budgetControl` on against one with it
 * off, in the same run; and the execution report at 50,000 projects against 500 in the same groups.
 */
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { seedPrograms } from '../../domain/programs/seed';
import { doc as storageClient } from '../../functions/lib/storage/client';
import { dynamoLedgerStore } from '../../functions/lib/storage/ledger-store';
import { readExecutionCells } from '../../functions/lib/storage/budget-store';
import { executionMonthsThrough, executionPk } from '../../functions/lib/storage/keys';
import { writeBulkProjects } from '../support/bulk-projects';
import {
  ADMIN, AUDITOR, BENCH_GROUPS, BENCH_INDICATOR, FINANCE, allocate, benchRegistration, confirmMatch, loadApi, median, ms, now, percentile, seedCatalog, type Api, type Database,
} from './harness';

/** The 2023 program as seeded, but without budget control: its allocations name no indicator. */
const OFF_PROGRAM = 'JS-2023-NB';
const OFF_CLUSTER = 'B-CL-NB';

/**
 * Storage calls by command, the wall time spent waiting on storage (from the first call sent to
 * the last answered, overlapping calls counted once), and the transaction's wall time, while `run` runs.
 */
async function storageCalls<T>(run: () => Promise<T>): Promise<{ result: T; calls: Record<string, number>; storageMs: number; transactionMs: number }> {
  const send = storageClient.send;
  const calls: Record<string, number> = {};
  let inFlight = 0;
  let since = 0;
  let storageMs = 0;
  let transactionMs = 0;
  storageClient.send = (async (command: Parameters<typeof send>[0]) => {
    const name = command.constructor.name.replace(/Command$/, '');
    calls[name] = (calls[name] ?? 0) + 1;
    if (inFlight++ === 0) since = now();
    const t0 = now();
    try {
      return await send(command);
    } finally {
      if (command instanceof TransactWriteCommand) transactionMs += now() - t0;
      if (--inFlight === 0) storageMs += now() - since;
    }
  }) as typeof send;
  try {
    return { result: await run(), calls, storageMs, transactionMs };
  } finally {
    storageClient.send = send;
  }
}

const allocateOff = (api: Api, projectId: string, key: string) =>
  api.call('POST', '/projects/{projectId}/allocations', `/projects/${projectId}/allocations`, FINANCE, 201, {
    body: { amountFen: 100, valueDate: '2023-07-15', reference: 'BENCH' },
    key,
  });

/**
 * Interleaved, round by round: an allocation on a project of JS-2023-C (budget control on: it names
 * the bench indicator, which its transaction draws on with the headroom as a condition, and moves
 * the execution rollups) and one on a project of the same program without budget control. The zone
 * confirms each between rounds, untimed, so neither piles up allocations waiting for a match.
 *
 * Two series. Ordinary histories: the rounds go round 17 pairs of projects, so each ends with 11 or 12
 * allocations (a project of these programs gets two to four in its life). At the bound: every round
 * on one pair, which ends with 190 allocations, near the 200 a project keeps for the budget
 * (MAX_BUDGET_ALLOCATIONS): its flows, on the state item, are read, attributed and written again
 * with each allocation.
 */
async function budgetSeries(api: Api, label: string, pairs: number, firstOwner: number): Promise<{ onP50: number; offP50: number }> {
  const ONS = Array.from({ length: pairs }, (_, k) => `BENCH-BON-${label}-${k}`);
  const OFFS = Array.from({ length: pairs }, (_, k) => `BENCH-BOF-${label}-${k}`);
  for (let k = 0; k < pairs; k++) {
    await api.call('POST', '/projects', '/projects', FINANCE, 201, { body: benchRegistration(ONS[k]!, firstOwner + 2 * k), key: `reg-${ONS[k]}` });
    await api.call('POST', '/projects', '/projects', FINANCE, 201, { body: { ...benchRegistration(OFFS[k]!, firstOwner + 2 * k + 1), programCode: OFF_PROGRAM, clusterId: OFF_CLUSTER }, key: `reg-${OFFS[k]}` });
  }
  const ROUNDS = 170;
  const WARMUP = 20;
  const on: number[] = [];
  const off: number[] = [];
  const split = { on: { storage: [] as number[], tx: [] as number[] }, off: { storage: [] as number[], tx: [] as number[] } };
  let onTx: readonly string[] = [];
  let offTx: readonly string[] = [];
  const append = dynamoLedgerStore.append;
  let last: readonly string[] = [];
  dynamoLedgerStore.append = async (items, opts) => {
    last = items.map((x) => x.tag);
    return append(items, opts);
  };
  const onCalls: Record<string, number> = {};
  const offCalls: Record<string, number> = {};
  const addCalls = (into: Record<string, number>, c: Record<string, number>) => { for (const [k, v] of Object.entries(c)) into[k] = (into[k] ?? 0) + v; };
  try {
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      const [ON, OFF] = [ONS[i % pairs]!, OFFS[i % pairs]!];
      // Which one goes first alternates: the emulator's cost of a call depends on the one before it.
      const onFirst = i % 2 === 0;
      const timeOn = async () => {
        const t0 = now();
        const { result, calls, storageMs, transactionMs } = await storageCalls(() => allocate(api, ON, `${label}-on-${i}`));
        const t = now() - t0;
        onTx = last;
        if (i >= WARMUP) { on.push(t); addCalls(onCalls, calls); split.on.storage.push(storageMs); split.on.tx.push(transactionMs); }
        return result.entry.entryId as string;
      };
      const timeOff = async () => {
        const t0 = now();
        const { result, calls, storageMs, transactionMs } = await storageCalls(() => allocateOff(api, OFF, `${label}-off-${i}`));
        const t = now() - t0;
        offTx = last;
        if (i >= WARMUP) { off.push(t); addCalls(offCalls, calls); split.off.storage.push(storageMs); split.off.tx.push(transactionMs); }
        return result.entry.entryId as string;
      };
      const [onEntry, offEntry] = onFirst ? [await timeOn(), await timeOff()] : (([b, a]) => [a, b])([await timeOff(), await timeOn()]);
      await confirmMatch(api, ON, onEntry!, `${label}-onc-${i}`);
      await confirmMatch(api, OFF, offEntry!, `${label}-offc-${i}`);
    }
  } finally {
    dynamoLedgerStore.append = append;
  }
  const onP50 = median(on);
  const offP50 = median(off);
  const perCall = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k} ${(v / ROUNDS).toFixed(2)}`).join(', ');
  const allocations = Math.ceil((ROUNDS + WARMUP) / pairs);
  console.log(`   ${label === 'ordinary' ? `ordinary histories (${pairs} pairs of projects, up to ${allocations} allocations each)` : `at the bound (one pair of projects, up to ${allocations} allocations each)`}:`);
  console.log(`     on   p50 ${ms(onP50)}  p99 ${ms(percentile(on, 99))}   storage calls per allocation: ${perCall(onCalls)}; transaction of ${onTx.length} items: ${onTx.join(', ')}`);
  console.log(`     off  p50 ${ms(offP50)}  p99 ${ms(percentile(off, 99))}   storage calls per allocation: ${perCall(offCalls)}; transaction of ${offTx.length} items: ${offTx.join(', ')}`);
  const where = (x: { storage: number[]; tx: number[] }, all: number[]) =>
    `waiting on storage p50 ${ms(median(x.storage))} (the transaction ${ms(median(x.tx))}), the rest (handler CPU) p50 ${ms(median(all.map((t, k) => t - x.storage[k]!)))}`;
  console.log(`     where the time goes — on: ${where(split.on, on)}`);
  console.log(`                          off: ${where(split.off, off)}`);
  console.log(`     on/off at p50: ${(onP50 / offP50).toFixed(2)}${label === 'ordinary' ? '   (target ≤ 1.10)' : ''}`);
  return { onP50, offP50 };
}

export async function budgetControlCost(db: Database): Promise<{ onP50: number; offP50: number }> {
  await db.useNewTable('budget');
  const api = await loadApi();
  await seedCatalog(api);
  const base = seedPrograms.find((p) => p.code === 'JS-2023-C')!;
  await api.call('POST', '/programs', '/programs', ADMIN, 201, { body: { ...base, code: OFF_PROGRAM, name: `${base.name}（无预算控制）`, budgetControl: false } });
  await api.call('POST', '/clusters', '/clusters', ADMIN, 201, { body: { clusterId: OFF_CLUSTER, programCode: OFF_PROGRAM, zoneId: BENCH_GROUPS[0]!.zoneId, name: '基准集群（无预算控制）', industry: '生物医药' } });
  console.log('8. One allocation with budgetControl on vs off (170 rounds after 20 warm-up, interleaved, alternating which goes first)');
  const ordinary = await budgetSeries(api, 'ordinary', 17, 0);
  await budgetSeries(api, 'bound', 1, 34);
  await refusalCost(api, 36);
  console.log('');
  return ordinary;
}

/**
 * What a refusal by the indicator costs: the allocation is decided without reading its indicator
 * (every rule of it is the write's condition), so one past `remainingFen` is a cancelled
 * transaction, then the indicator read and the decision again, which names the rule; the 422 is
 * remembered under its Idempotency-Key. Interleaved with allocations that fit, on another project.
 */
async function refusalCost(api: Api, firstOwner: number): Promise<void> {
  const SMALL = '基准指标〔2023〕小额';
  await api.call('POST', '/budget-indicators', '/budget-indicators', FINANCE, 201, {
    body: { indicatorNo: SMALL, fiscalYear: 2023, programCode: 'JS-2023-C', amountFen: 50, issuedOn: '2023-01-10', reference: 'BENCH' },
  });
  const [REFUSED, FITS] = ['BENCH-REFUSED', 'BENCH-FITS'];
  await api.call('POST', '/projects', '/projects', FINANCE, 201, { body: benchRegistration(REFUSED, firstOwner), key: `reg-${REFUSED}` });
  await api.call('POST', '/projects', '/projects', FINANCE, 201, { body: benchRegistration(FITS, firstOwner + 1), key: `reg-${FITS}` });
  const ROUNDS = 100;
  const WARMUP = 20;
  const refused: number[] = [];
  const fits: number[] = [];
  let refusalCalls: Record<string, number> = {};
  for (let i = 0; i < ROUNDS + WARMUP; i++) {
    const t0 = now();
    const { calls } = await storageCalls(() => api.call('POST', '/projects/{projectId}/allocations', `/projects/${REFUSED}/allocations`, FINANCE, 422, {
      body: { amountFen: 100, valueDate: '2023-07-15', reference: 'BENCH', indicatorNo: SMALL },
      key: `refused-${i}`,
    }));
    const t1 = now();
    const entry = await allocate(api, FITS, `fits-${i}`);
    const t2 = now();
    await confirmMatch(api, FITS, entry.entry.entryId as string, `fits-c-${i}`);
    if (i >= WARMUP) { refused.push(t1 - t0); fits.push(t2 - t1); refusalCalls = calls; }
  }
  const perCall = Object.entries(refusalCalls).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`   refused past the indicator's remainingFen (422 budget-indicator-exceeded, ${ROUNDS} rounds after ${WARMUP} warm-up, interleaved with allocations that fit):`);
  console.log(`     refused p50 ${ms(median(refused))}  p99 ${ms(percentile(refused, 99))}   storage calls: ${perCall}   an allocation that fits p50 ${ms(median(fits))}`);
}

/** Items the functions' client read (scanned, for queries) inside `run`. */
async function itemsRead<T>(run: () => Promise<T>): Promise<{ result: T; items: number }> {
  const send = storageClient.send;
  let items = 0;
  storageClient.send = (async (command: Parameters<typeof send>[0]) => {
    const out = (await send(command)) as Record<string, unknown>;
    if (typeof out.ScannedCount === 'number') items += out.ScannedCount;
    else if (out.Item) items += 1;
    return out;
  }) as typeof send;
  try {
    return { result: await run(), items };
  } finally {
    storageClient.send = send;
  }
}

const REPORT_YEAR = 2023;
// Each of the eight zones holds an item of five of the first ten months and of November, at 500 projects as at 50,000.
const REPORT_AS_OF = '2023-11-20';

/**
 * A table of `total` bulk projects over the bench groups, each with an allocation on the bench
 * indicator and a payment (the execution rollups written as the projects' own transactions would
 * have left them: the sums of their ADDs).
 */
async function executionTable(db: Database, api: Api, total: number): Promise<string> {
  const t0 = now();
  const table = await db.useNewTable(`exec${total}`);
  await seedCatalog(api);
  await writeBulkProjects(db.doc, table, { total, late: 0, prefix: `E${total}`, groups: BENCH_GROUPS, execution: { indicatorNo: BENCH_INDICATOR, fiscalYear: REPORT_YEAR } });
  console.log(`   (${total.toLocaleString('en')} projects with their allocations and payments written in ${((now() - t0) / 1000).toFixed(1)} s)`);
  return table;
}

/**
 * The rollup items the report reads (every month's up to the as-of month's) and how many buckets
 * they hold on average: a bucket per field and day with money — at most 93 an item whatever the
 * number of projects.
 */
async function bucketsPerItem(db: Database, table: string): Promise<{ items: number; buckets: number }> {
  let items = 0;
  let buckets = 0;
  const { from, to } = executionMonthsThrough(REPORT_AS_OF.slice(0, 7));
  const out = await db.doc.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': executionPk(REPORT_YEAR), ':from': from, ':to': to } }));
  for (const item of out.Items ?? []) {
    items++;
    buckets += Object.keys(item).filter((k) => /^d[atp][0-9]{2}$/.test(k)).length;
  }
  return { items, buckets: buckets / Math.max(1, items) };
}

export async function executionScale(db: Database): Promise<void> {
  const api = await loadApi();
  console.log(`9. GET /reports/execution at 500, 5,000 and 50,000 projects (the same ${BENCH_GROUPS.length} zones in 2 cities, 1 program; fiscal year ${REPORT_YEAR} as of ${REPORT_AS_OF})`);
  const tables = { 500: await executionTable(db, api, 500), 5_000: await executionTable(db, api, 5_000), 50_000: await executionTable(db, api, 50_000) } as const;
  const sizes = [500, 5_000, 50_000] as const;
  const RUNS = 41;
  const groupBys = ['zone', 'city', 'program'] as const;
  const times: Record<string, number[]> = {};
  const reads: Record<string, number> = {};
  const allocated: Record<string, number> = {};
  // The storage floor: the report's query (readExecutionCells), issued alone on each table.
  const floor: Record<number, number[]> = { 500: [], 5_000: [], 50_000: [] };
  for (let i = 0; i < RUNS; i++) {
    // Which table goes first rotates: the emulator's cost of a call depends on the one before it.
    for (let j = 0; j < sizes.length; j++) {
      const total = sizes[(i + j) % sizes.length]!;
      db.use(tables[total]);
      const f0 = now();
      await readExecutionCells(REPORT_YEAR, REPORT_AS_OF);
      floor[total]!.push(now() - f0);
      for (const groupBy of groupBys) {
        const key = `${groupBy}|${total}`;
        const t0 = now();
        const { result, items } = await itemsRead(() => api.call('GET', '/reports/execution', '/reports/execution', AUDITOR, 200, { query: { fiscalYear: String(REPORT_YEAR), groupBy, asOf: REPORT_AS_OF } }));
        (times[key] ??= []).push(now() - t0);
        reads[key] = items;
        allocated[key] = result.totals.allocatedFen;
      }
    }
  }
  for (const groupBy of groupBys) {
    const [s, m, b] = [`${groupBy}|500`, `${groupBy}|5000`, `${groupBy}|50000`];
    if (allocated[b]! !== 100 * allocated[s]! || allocated[m]! !== 10 * allocated[s]!) throw new Error(`groupBy=${groupBy}: ${allocated[b]} fen allocated at 50,000 projects, ${allocated[m]} at 5,000, ${allocated[s]} at 500`);
    console.log(`   groupBy=${groupBy.padEnd(7)} 500: p50 ${ms(median(times[s]!))}, ${reads[s]} items read   5,000: p50 ${ms(median(times[m]!))}, ${reads[m]} items   50,000: p50 ${ms(median(times[b]!))}, ${reads[b]} items   50,000 ÷ 500 at p50 ${(median(times[b]!) / median(times[s]!)).toFixed(2)} (target ≤ 1.3); 50,000 ÷ 5,000 ${(median(times[b]!) / median(times[m]!)).toFixed(2)}`);
  }
  console.log(`   floor (the report's query alone) 500: p50 ${ms(median(floor[500]!))}   5,000: p50 ${ms(median(floor[5_000]!))}   50,000: p50 ${ms(median(floor[50_000]!))}   50,000 ÷ 500 ${(median(floor[50_000]!) / median(floor[500]!)).toFixed(2)}; 50,000 ÷ 5,000 ${(median(floor[50_000]!) / median(floor[5_000]!)).toFixed(2)}`);
  const fill = await Promise.all(sizes.map((total) => bucketsPerItem(db, tables[total])));
  console.log(`   what those items hold: ${sizes.map((total, i) => `${total.toLocaleString('en')}: ${fill[i]!.items} items, ${fill[i]!.buckets.toFixed(1)} buckets each`).join('   ')} (a bucket per field and day with money: at most 93)`);
  console.log('');
}

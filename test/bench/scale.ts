/**
 * The portfolio at provincial scale: the rollup report and the lagging list at 50,000 projects
 * against 500 (same groups), a plan document against the same allocations one by one, and the
 * peak memory of portfolio.xlsx.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runSweep } from '../../functions/lib/alerts/sweep';
import { doc as storageClient } from '../../functions/lib/storage/client';
import { writeBulkProjects } from '../support/bulk-projects';
import { AUDITOR, BENCH_GROUPS, BENCH_INDICATOR, CORES, FINANCE, allocate, measured, loadApi, median, ms, now, register, seedCatalog, type Api, type Database } from './harness';

/** Items DynamoDB read (scanned, for queries) for everything the functions' client sends inside `run`. */
async function countingReads<T>(run: () => Promise<T>): Promise<{ result: T; items: number }> {
  const send = storageClient.send;
  let items = 0;
  storageClient.send = (async (command: Parameters<typeof send>[0]) => {
    const out = (await send(command)) as Record<string, unknown>;
    if (typeof out.ScannedCount === 'number') items += out.ScannedCount;
    else if (out.Item) items += 1;
    else if (out.Responses && typeof out.Responses === 'object') for (const list of Object.values(out.Responses as Record<string, unknown[]>)) items += list.length;
    return out;
  }) as typeof send;
  try {
    return { result: await run(), items };
  } finally {
    storageClient.send = send;
  }
}

interface ScaleTable {
  table: string;
  projects: number;
}

/** A table with `total` bulk projects over the bench groups, their rollups, and 20 of them lagging. */
async function scaleTable(db: Database, api: Api, total: number): Promise<ScaleTable> {
  const t0 = now();
  const table = await db.useNewTable(`scale${total}`);
  await seedCatalog(api);
  await writeBulkProjects(db.doc, table, { total, late: 20, prefix: `P${total}`, groups: BENCH_GROUPS, rollups: true });
  // The sweep raises the lag alerts of the 20 (and marks them lagging in the rollups, as on AWS).
  const swept = await runSweep('2024-06-15', new Date(), { publish: async () => undefined }, { publishOlderThanMs: 0 });
  if (swept.examined !== 20) throw new Error(`expected 20 lagging projects, the sweep examined ${swept.examined}`);
  console.log(`   (${total.toLocaleString('en')} projects written, rolled up and swept in ${((now() - t0) / 1000).toFixed(1)} s)`);
  return { table, projects: total };
}

async function portfolioCall(api: Api): Promise<{ ms: number; items: number; projects: number }> {
  const t0 = now();
  const { result, items } = await countingReads(() => api.call('GET', '/reports/portfolio', '/reports/portfolio', AUDITOR, 200, { query: { groupBy: 'zone' } }));
  return { ms: now() - t0, items, projects: result.totals.projects as number };
}

async function laggingPage(api: Api): Promise<{ ms: number; items: number; listed: number }> {
  const t0 = now();
  const { result, items } = await countingReads(() => api.call('GET', '/projects', '/projects', FINANCE, 200, { query: { lagging: 'true', limit: '100' } }));
  return { ms: now() - t0, items, listed: result.projects.length as number };
}

export async function portfolioScale(db: Database): Promise<void> {
  const api = await loadApi();
  console.log('5. Portfolio at scale (8 zones in 2 cities, 1 program; rollups as the projects’ transactions write them)');
  const small = await scaleTable(db, api, 500);
  const big = await scaleTable(db, api, 50_000);
  const RUNS = 15;
  const portfolio: Record<number, number[]> = { 500: [], 50_000: [] };
  const reads: Record<number, number> = {};
  const lagging: Record<number, { ms: number[]; items: number; listed: number }> = { 500: { ms: [], items: 0, listed: 0 }, 50_000: { ms: [], items: 0, listed: 0 } };
  for (let i = 0; i < RUNS; i++) {
    for (const t of [small, big]) {
      db.use(t.table);
      const p = await portfolioCall(api);
      if (p.projects !== t.projects) throw new Error(`the portfolio counts ${p.projects} projects, not ${t.projects}`);
      portfolio[t.projects]!.push(p.ms);
      reads[t.projects] = p.items;
      const l = await laggingPage(api);
      if (l.listed !== 20) throw new Error(`lagging=true listed ${l.listed} projects, not 20`);
      lagging[t.projects]!.ms.push(l.ms);
      lagging[t.projects]!.items = l.items;
      lagging[t.projects]!.listed = l.listed;
    }
  }
  const ratio = median(portfolio[50_000]!) / median(portfolio[500]!);
  console.log(`   GET /reports/portfolio?groupBy=zone  500: p50 ${ms(median(portfolio[500]!))}, ${reads[500]} items read   50,000: p50 ${ms(median(portfolio[50_000]!))}, ${reads[50_000]} items read`);
  console.log(`   ratio 50,000/500 at p50: ${ratio.toFixed(2)}   (target ≤ 1.3)`);
  console.log(`   GET /projects?lagging=true (20 lagging)  500: p50 ${ms(median(lagging[500]!.ms))}, ${lagging[500]!.items} items read   50,000: p50 ${ms(median(lagging[50_000]!.ms))}, ${lagging[50_000]!.items} items read   (target ≤ 30 items at 50,000)`);

  // portfolio.xlsx in a process of its own, so its peak RSS is the export's alone.
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'xlsx-peak.ts')], { encoding: 'utf8', env: { ...process.env, TABLE_NAME: big.table } });
  if (child.status !== 0) throw new Error(`portfolio.xlsx run failed: ${child.stderr}`);
  console.log(`   ${child.stdout.trim()}\n`);
}

/** A plan document of 200 lines against the same 200 allocations posted one after another. */
export async function planDocument(db: Database): Promise<void> {
  await db.useNewTable('docs');
  const api = await loadApi();
  await seedCatalog(api);
  const LINES = 200;
  // Spread over the eight bench zones, as a provincial document funds projects across the province.
  for (let i = 0; i < LINES; i++) {
    await register(api, `BENCH-D${i}`, 1000 + i, i);
    await register(api, `BENCH-S${i}`, 2000 + i, i);
  }
  const RUNS = 3;
  const documentMs: number[] = [];
  const serialMs: number[] = [];
  const documentCpu: number[] = [];
  const serialCpu: number[] = [];
  const serialDbCpu: number[] = [];
  const dbPid = db.local.pid!;
  for (let run = 0; run < RUNS; run++) {
    const document = await measured(dbPid, () =>
      api.call('POST', '/allocation-documents', '/allocation-documents', FINANCE, 201, {
        body: { documentNo: `苏财教〔2023〕${900 + run}号`, issuedOn: '2023-07-15', indicatorNo: BENCH_INDICATOR, lines: Array.from({ length: LINES }, (_, i) => ({ projectId: `BENCH-D${i}`, amountFen: 100 })) },
      }),
    );
    const doc = document.result;
    if (doc.totals.posted !== LINES) throw new Error(`the document posted ${doc.totals.posted} of ${LINES} lines; the first line: ${JSON.stringify(doc.lines[0])}`);
    const serial = await measured(dbPid, async () => {
      for (let i = 0; i < LINES; i++) await allocate(api, `BENCH-S${i}`, `serial-${run}-${i}`);
    });
    documentMs.push(document.wallMs);
    serialMs.push(serial.wallMs);
    documentCpu.push(document.cpuMs);
    serialCpu.push(serial.cpuMs);
    serialDbCpu.push(serial.dbCpuMs);
  }
  const ratio = median(documentMs) / median(serialMs);
  // Here the database is an emulator on the same cores: every line costs CPU in it and in the
  // handler, so no concurrency can finish the document faster than its CPU time over the cores.
  const cpuBound = median(documentCpu) / CORES;
  console.log(`6. Plan document of ${LINES} lines (each its own transaction, bounded concurrency) vs the same ${LINES} allocations one after another (median of ${RUNS})`);
  console.log(`   document ${ms(median(documentMs))}   one by one ${ms(median(serialMs))}   ratio ${ratio.toFixed(2)}   (target ≤ 0.4)`);
  console.log(`   CPU used (this process + DynamoDB Local): document ${ms(median(documentCpu))}, one by one ${ms(median(serialCpu))} (of which DynamoDB Local ${ms(median(serialDbCpu))}); ${CORES} cores`);
  console.log(`   so on this machine the document cannot take less than ${ms(cpuBound)} = ratio ${(cpuBound / median(serialMs)).toFixed(2)}: the one-by-one run is`);
  console.log(`   ${((median(serialCpu) / median(serialMs)) * 100).toFixed(0)}% CPU-busy, not waiting on storage round trips as it would against DynamoDB\n`);
}

/**
 * `npm run bench [-- section ...]`: figures, not assertions, against DynamoDB Local in memory on
 * this machine. Sections: allocation, long-history, throughput, sweep, portfolio, documents, imports,
 * reconciliation, reconciliation-stored, budget, execution, cold, console (the project page in Chromium on the whole local stack). Without arguments, all of them. Every figure is printed with what it is compared to and the
 * target it answers; the machine's load average is printed at the start and the end, since a
 * busy machine moves every absolute figure (the ratios much less).
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { handlerVsFloor, longHistory, throughput } from './allocation';
import { importBounds } from './imports';
import { budgetControlCost, executionScale } from './budget';
import { coldStart } from './cold-start';
import { consolePage } from './console-page';
import { load, startDatabase, type Database } from './harness';
import { reconciliationScale } from './reconciliation';
import { reconciliationStored } from './reconciliation-stored';
import { planDocument, portfolioScale } from './scale';
import { sweepScale } from './sweep';

const SECTIONS: Record<string, (db: Database) => Promise<unknown>> = {
  allocation: handlerVsFloor,
  'long-history': longHistory,
  throughput,
  sweep: sweepScale,
  portfolio: portfolioScale,
  documents: planDocument,
  imports: importBounds,
  budget: budgetControlCost,
  execution: executionScale,
  'reconciliation-stored': reconciliationStored,
};
/**
 * Sections that measure pure code, with no emulator started beside them: DynamoDB Local's JVM,
 * still compiling on the other core after it starts, shares the caches such a figure depends on
 * (the reconciliation ratio of 50,000 to 5,000 payments is about cache misses, and moved with it).
 */
const PURE_SECTIONS: Record<string, () => Promise<unknown>> = {
  reconciliation: reconciliationScale,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  // cold and console start what they measure themselves (bundles; the whole local stack).
  const own = ['cold', 'console'];
  const unknown = asked.filter((a) => !own.includes(a) && !(a in SECTIONS) && !(a in PURE_SECTIONS));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${[...Object.keys(SECTIONS), ...Object.keys(PURE_SECTIONS), ...own].join(', ')}`);
  const wanted = (name: string) => asked.length === 0 || asked.includes(name);
  const inChild = process.env.BENCH_SECTION_ONLY === '1';
  if (!inChild) console.log(`FundLedger benchmark — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}, DynamoDB Local in memory; load average ${load()}\n`);
  const sections = Object.entries(SECTIONS).filter(([name]) => wanted(name));
  const pure = Object.entries(PURE_SECTIONS).filter(([name]) => wanted(name));
  if (sections.length + pure.length === 1 && pure.length === 1) {
    await pure[0]![1]();
  } else if (sections.length === 1 && pure.length === 0) {
    const db = await startDatabase();
    try {
      await sections[0]![1](db);
    } finally {
      await db.stop();
    }
  } else if (sections.length + pure.length > 1) {
    // Each section in a process and an emulator of its own: DynamoDB Local's transactions slow down
    // with what earlier sections wrote (an allocation measured 22 ms alone and 90 ms after section 1,
    // on a table of its own), so no figure may depend on which sections ran before it.
    for (const [name] of [...sections, ...pure]) {
      const section = spawnSync(process.execPath, [...process.execArgv, __filename, name], { stdio: 'inherit', env: { ...process.env, BENCH_SECTION_ONLY: '1' } });
      if (section.status !== 0) throw new Error(`bench section ${name} failed (exit ${section.status ?? section.signal})`);
    }
  }
  if (wanted('cold')) await coldStart();
  if (wanted('console')) await consolePage();
  if (!inChild) console.log(`load average at the end: ${load()}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

/**
 * `npm run build:console`: builds the web console with Vite (console/vite.config.ts) into
 * console/dist, prints every chunk's size, and fails past either budget:
 * - the initial JavaScript — the entry chunk and every chunk it imports statically, gzipped — at
 *   most INITIAL_JS_BUDGET_KB (everything else, each page, the Cognito sign-in, is split off and
 *   loaded on demand);
 * - no chunk larger than CHUNK_BUDGET_KB minified, so no page waits for one huge download (the
 *   portfolio's charts once took 1,625 KB).
 * test/e2e/budgets.spec.ts holds the built console to the same budgets.
 *
 * Also used by scripts/ensure-built.ts (npm start) through buildConsole().
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONSOLE_ROOT = join(__dirname, '..');
export const CONSOLE_DIST = join(CONSOLE_ROOT, 'dist');
export const INITIAL_JS_BUDGET_KB = 300;
export const CHUNK_BUDGET_KB = 1200;

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface ChunkSize {
  file: string;
  /** What loads it: the module a dynamic import() names, or "shared" for a common chunk. */
  name: string;
  initial: boolean;
  bytes: number;
  gzipBytes: number;
}

export interface ConsoleBuildReport {
  chunks: ChunkSize[];
  initialJsGzipBytes: number;
  budgetKb: number;
  /** The largest JavaScript chunk, minified (not gzipped). */
  largestChunk: ChunkSize;
  chunkBudgetKb: number;
  /** Both budgets hold. */
  withinBudget: boolean;
  /** Each budget that does not hold, in words. */
  overBudget: string[];
}

/** The entry chunk and, transitively, every chunk it imports statically. */
export function initialChunks(manifest: Manifest): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) return;
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return new Set([...seen].map((key) => manifest[key]!.file));
}

export function measure(distDir: string): ConsoleBuildReport {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const initial = initialChunks(manifest);
  const chunks: ChunkSize[] = [];
  const files = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    for (const file of [chunk.file, ...(chunk.css ?? [])]) {
      if (files.has(file)) continue;
      files.add(file);
      const content = readFileSync(join(distDir, file));
      chunks.push({
        file,
        name: chunk.isDynamicEntry && chunk.src ? `on demand: ${chunk.src}` : 'on demand: shared by the above',
        initial: initial.has(file) || (file.endsWith('.css') && chunk.isEntry === true),
        bytes: content.length,
        gzipBytes: gzipSync(content, { level: 9 }).length,
      });
    }
  }
  chunks.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipBytes - a.gzipBytes);
  const initialJsGzipBytes = chunks.filter((c) => c.initial && c.file.endsWith('.js')).reduce((sum, c) => sum + c.gzipBytes, 0);
  const largestChunk = chunks.filter((c) => c.file.endsWith('.js')).reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const overBudget = [
    ...(initialJsGzipBytes > INITIAL_JS_BUDGET_KB * 1024 ? [`the initial JavaScript is ${kb(initialJsGzipBytes)} gzip, over ${INITIAL_JS_BUDGET_KB} KB: split more code off the entry (React.lazy / import())`] : []),
    ...(largestChunk.bytes > CHUNK_BUDGET_KB * 1024 ? [`${largestChunk.file} (${largestChunk.name}) is ${kb(largestChunk.bytes)} minified, over ${CHUNK_BUDGET_KB} KB: import less of its libraries`] : []),
  ];
  return { chunks, initialJsGzipBytes, budgetKb: INITIAL_JS_BUDGET_KB, largestChunk, chunkBudgetKb: CHUNK_BUDGET_KB, withinBudget: overBudget.length === 0, overBudget };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

export function printReport(report: ConsoleBuildReport, log: (line: string) => void = console.log): void {
  const width = Math.max(...report.chunks.map((c) => c.file.length));
  log(`console bundle (console/dist):`);
  log(`  ${'file'.padEnd(width)}  ${'size'.padStart(10)}  ${'gzip'.padStart(10)}  loaded`);
  for (const c of report.chunks) {
    log(`  ${c.file.padEnd(width)}  ${kb(c.bytes).padStart(10)}  ${kb(c.gzipBytes).padStart(10)}  ${c.initial ? 'initial' : c.name}`);
  }
  const over = (within: boolean) => (within ? '' : '  — OVER BUDGET');
  log(`  initial JavaScript: ${kb(report.initialJsGzipBytes)} gzip (budget ${report.budgetKb} KB)${over(report.initialJsGzipBytes <= report.budgetKb * 1024)}`);
  log(`  largest chunk: ${report.largestChunk.file} ${kb(report.largestChunk.bytes)} minified (budget ${report.chunkBudgetKb} KB)${over(report.largestChunk.bytes <= report.chunkBudgetKb * 1024)}`);
}

/** Builds with Vite (its own log quietened to warnings, or to errors only) and measures the result. */
export async function buildConsole(viteLogLevel: 'warn' | 'error' = 'warn'): Promise<ConsoleBuildReport> {
  const { build } = await import('vite');
  // Always a production build: started from a test (jest sets NODE_ENV=test, and child processes
  // inherit it), Vite would otherwise ship React's development build (a 361 KB initial bundle, not 290).
  const inherited = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(CONSOLE_ROOT, 'vite.config.ts'), root: CONSOLE_ROOT, logLevel: viteLogLevel, mode: 'production' });
  } finally {
    if (inherited === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = inherited;
  }
  return measure(CONSOLE_DIST);
}

if (require.main === module) {
  const started = Date.now();
  buildConsole().then(
    (report) => {
      printReport(report);
      console.log(`  built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (!report.withinBudget) {
        for (const reason of report.overBudget) console.error(`\nOver budget: ${reason}.`);
        process.exitCode = 1;
      }
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}

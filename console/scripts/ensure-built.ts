/**
 * Run by `npm start` before the local stack: builds the console when console/dist is missing or
 * older than anything it is built from (console sources, the shared domain/functions modules it
 * imports, the lock file), and says so. A build over its size budget is reported, not fatal here.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildConsole, CONSOLE_DIST, CONSOLE_ROOT, printReport } from './build';

const REPO_ROOT = join(CONSOLE_ROOT, '..');
/** What the console bundle is made of. */
const SOURCES = [
  join(CONSOLE_ROOT, 'src'),
  join(CONSOLE_ROOT, 'public'),
  join(CONSOLE_ROOT, 'index.html'),
  join(CONSOLE_ROOT, 'vite.config.ts'),
  join(REPO_ROOT, 'domain'),
  join(REPO_ROOT, 'functions', 'lib', 'schemas'),
  join(REPO_ROOT, 'functions', 'lib', 'messages'),
  join(REPO_ROOT, 'package-lock.json'),
];

/** Newest modification time under path (files only), and which file it was. */
function newest(path: string): { mtimeMs: number; file: string } {
  if (!existsSync(path)) return { mtimeMs: 0, file: path };
  const stat = statSync(path);
  if (!stat.isDirectory()) return { mtimeMs: stat.mtimeMs, file: path };
  let best = { mtimeMs: 0, file: path };
  for (const entry of readdirSync(path)) {
    const candidate = newest(join(path, entry));
    if (candidate.mtimeMs > best.mtimeMs) best = candidate;
  }
  return best;
}

/** Why the console needs building, or null when console/dist is current. */
export function staleReason(): string | null {
  const index = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(index)) return 'console/dist is missing';
  const builtAt = statSync(index).mtimeMs;
  const latest = SOURCES.map(newest).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  return latest.mtimeMs > builtAt ? `console/dist is older than ${relative(REPO_ROOT, latest.file)}` : null;
}

async function main(): Promise<void> {
  const reason = staleReason();
  if (!reason) {
    console.log('console: console/dist is up to date (npm run build:console rebuilds it)');
    return;
  }
  console.log(`console: ${reason} — building the web console (npm run build:console)…`);
  const started = Date.now();
  const report = await buildConsole();
  printReport(report);
  console.log(`console: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const reason of report.overBudget) console.error(`console: WARNING — ${reason} (npm run build fails on this)`);
}

// Not fatal: the API is still useful without the console; the server then says the console is not built.
main().catch((err: unknown) => {
  console.error(`console: WARNING — the build failed, the console is not (re)built: ${(err as Error)?.stack ?? String(err)}`);
});

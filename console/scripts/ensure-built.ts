/**
 * Run by `npm start` (local/start.ts) before the local stack, and usable alone
 * (`tsx console/scripts/ensure-built.ts [--verbose]`): builds the console when console/dist is
 * missing or older than anything it is built from (console sources, the shared domain/functions
 * modules it imports, the lock file). Quiet by default: one line when it builds, and the warnings
 * that matter (over its size budget, a failed build; neither is fatal here). `verbose` adds Vite's
 * own warnings and the bundle table, also when console/dist was already current.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildConsole, CONSOLE_DIST, CONSOLE_ROOT, measure, printReport } from './build';

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

export interface EnsureBuiltOptions {
  verbose: boolean;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}

/** Builds the console if it is stale; never throws (the API is useful without the console). */
export async function ensureConsoleBuilt({ verbose, log = console.log, warn = console.error }: EnsureBuiltOptions): Promise<void> {
  try {
    const reason = staleReason();
    if (!reason) {
      if (verbose) {
        log('console: console/dist is up to date (npm run build:console rebuilds it)');
        printReport(measure(CONSOLE_DIST), log);
      }
      return;
    }
    log(`console: ${reason} — building the web console (npm run build:console)…`);
    const started = Date.now();
    const report = await buildConsole(verbose ? 'warn' : 'error');
    if (verbose) printReport(report, log);
    log(`console: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const reason of report.overBudget) warn(`console: WARNING — ${reason} (npm run build fails on this)`);
  } catch (err) {
    // Not fatal: the server then says the console is not built.
    warn(`console: WARNING — the build failed, the console is not (re)built: ${(err as Error)?.stack ?? String(err)}`);
  }
}

if (require.main === module) void ensureConsoleBuilt({ verbose: process.argv.includes('--verbose') });

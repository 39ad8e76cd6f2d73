/**
 * The Lambda bundles in dist/, current: built (as `npm run build` builds them) when one is missing
 * or older than anything it is made from. Used by `npm start -- --bundles` and by
 * test/integration/bundles.test.ts, so neither can run stale bundles and a fresh clone needs no
 * extra step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allHandlerNames } from '../functions/routes';
import { buildBundles, DIST_DIR, type BundleReport } from '../infra/build';
import { BUNDLE_FILE, REPO_ROOT } from '../infra/bundling';
import { UserError } from './user-error';

/** What the bundles are made of: a file here newer than a bundle makes dist/ stale. */
const BUNDLE_INPUTS = [
  'functions',
  'domain',
  'infra/bundling.ts',
  'infra/build.ts',
  'infra/handler-config.ts',
  'infra/shims',
  'package-lock.json',
  'tsconfig.json',
].map((p) => join(REPO_ROOT, p));

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

/** Why dist/ needs building, or null when every bundle is there and newer than its inputs. */
export function bundlesStaleReason(distDir = DIST_DIR): string | null {
  let oldest = Infinity;
  for (const name of allHandlerNames()) {
    const file = join(distDir, name, BUNDLE_FILE);
    if (!existsSync(file)) return `${relative(REPO_ROOT, file)} is missing`;
    oldest = Math.min(oldest, statSync(file).mtimeMs);
  }
  const latest = BUNDLE_INPUTS.map(newest).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  return latest.mtimeMs > oldest ? `dist/ is older than ${relative(REPO_ROOT, latest.file)}` : null;
}

export interface EnsureBundlesResult {
  /** Why it was built, or null when dist/ was current. */
  builtBecause: string | null;
  report: BundleReport | null;
  ms: number;
}

/** Builds dist/ when bundlesStaleReason() says so. `npm run build` fails on report.problems; the caller decides. */
export async function ensureBundles(): Promise<EnsureBundlesResult> {
  const started = Date.now();
  const reason = bundlesStaleReason();
  if (!reason) return { builtBecause: null, report: null, ms: Date.now() - started };
  const report = await buildBundles();
  return { builtBecause: reason, report, ms: Date.now() - started };
}

/**
 * `npm start -- --bundles`: one line saying which bundles are served and whether they were built.
 * A bundle that does not build stops the start (esbuild has printed why); a bundle over its size
 * limit is served with a warning (`npm run build` fails on it).
 */
export async function ensureBundlesForStart(): Promise<void> {
  let result: EnsureBundlesResult;
  try {
    result = await ensureBundles();
  } catch (err) {
    throw new UserError(`the Lambda bundles do not build (${(err as Error).message.split('\n')[0]}). Fix the error above, then npm start -- --bundles again.`);
  }
  const built = result.builtBecause ? `built in ${(result.ms / 1000).toFixed(1)} s because ${result.builtBecause}` : 'up to date';
  console.log(`bundles: serving the Lambda bundles in dist/ (${built})`);
  for (const problem of result.report?.problems ?? []) console.error(`bundles: WARNING — ${problem} (npm run build fails on this)`);
}

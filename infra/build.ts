/**
 * `npm run build` (its first half): bundle every handler with esbuild's JS API into
 * dist/<name>/index.js using the same options the CDK stack uses (infra/bundling.ts, and each
 * handler's `nodeModules` from infra/handler-config.ts), print sizes, and fail if any minified
 * bundle exceeds MAX_BUNDLE_KB (see bundling.ts for how that number was chosen), or if a handler's
 * `nodeModules` disagree with what its code imports. The AWS SDK is inside the bundles; packages shipped as node_modules
 * (exceljs) are not, and are named in the last column. dist/<name>/meta.json is esbuild's metafile:
 * inspect it with https://esbuild.github.io/analyze/ to see what makes a bundle big.
 */
import { build, type Metafile } from 'esbuild';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { allHandlerNames } from '../functions/routes';
import {
  BUNDLE_FILE,
  MAX_BUNDLE_KB,
  NODE_MODULES_SHIPPED,
  REPO_ROOT,
  externalModulesFor,
  handlerEntry,
  sharedEsbuildOptions,
} from './bundling';
import { handlerConfig } from './handler-config';

/** Packages (not Node built-ins) a bundle imports at run time instead of containing them. */
export function externalPackages(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external || imp.path.startsWith('node:') || builtinModules.includes(imp.path)) continue;
      const parts = imp.path.split('/');
      names.add(imp.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return [...names].sort();
}

/** Packages whose code ended up inside the bundle (files esbuild read but tree-shook away do not count). */
export function bundledPackages(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const at = input.lastIndexOf('node_modules/');
      if (at < 0 || bytesInOutput === 0) continue;
      const parts = input.slice(at + 'node_modules/'.length).split('/');
      names.add(parts[0]!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return [...names].sort();
}

/** Where `npm run build` writes the bundles: dist/<handler name>/index.js. */
export const DIST_DIR = path.join(REPO_ROOT, 'dist');

export interface BundleRow {
  name: string;
  kb: number;
  shipped: string[];
}

export interface BundleReport {
  rows: BundleRow[];
  /** Over the size limit, or nodeModules out of step with the imports: `npm run build` fails on these. */
  problems: string[];
}

/** Builds every handler's bundle into dist/ (what `npm run build` and the local `--bundles` mode use). */
export async function buildBundles(): Promise<BundleReport> {
  const rows: BundleRow[] = [];
  const problems: string[] = [];

  for (const name of allHandlerNames()) {
    const outdir = path.join(DIST_DIR, name);
    fs.rmSync(outdir, { recursive: true, force: true });
    const outfile = path.join(outdir, BUNDLE_FILE);
    const shipped = handlerConfig[name]?.nodeModules ?? [];
    const result = await build({
      ...sharedEsbuildOptions,
      external: externalModulesFor(shipped),
      entryPoints: [handlerEntry(name)],
      outfile,
      metafile: true,
      logLevel: 'warning',
    });
    fs.writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
    const kb = fs.statSync(outfile).size / 1024;
    rows.push({ name, kb, shipped: [...shipped] });
    if (kb > MAX_BUNDLE_KB) problems.push(`${name} is ${kb.toFixed(1)} KB minified, over ${MAX_BUNDLE_KB} KB`);
    const imported = externalPackages(result.metafile);
    const unused = shipped.filter((m) => !imported.includes(m));
    if (unused.length > 0) {
      problems.push(`${name} ships ${unused.join(', ')} but never imports it: remove it from its nodeModules`);
    }
    const inlined = NODE_MODULES_SHIPPED.filter((m) => bundledPackages(result.metafile).includes(m));
    if (inlined.length > 0) {
      problems.push(`${name} bundles ${inlined.join(', ')} inline: add it to ${name}'s nodeModules in infra/handler-config.ts`);
    }
  }
  return { rows, problems };
}

/** One line per bundle: name, size, the packages shipped beside it, and a flag when over the limit. */
export function formatBundleRows(rows: BundleRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.name.length));
  return rows.map(({ name, kb, shipped }) => {
    const flag = kb > MAX_BUNDLE_KB ? `  > ${MAX_BUNDLE_KB} KB limit` : '';
    const ships = shipped.length > 0 ? `  + node_modules: ${shipped.join(', ')}` : '';
    return `${name.padEnd(width)}  ${kb.toFixed(1).padStart(8)} KB${ships}${flag}`;
  });
}

async function main(): Promise<void> {
  const { rows, problems } = await buildBundles();
  for (const line of formatBundleRows(rows)) console.log(line);
  if (problems.length > 0) {
    console.error(`\n${problems.join('\n')}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}

/**
 * `npm run build`: bundle every handler with esbuild's JS API into dist/<name>/index.js using the
 * same options the CDK stack uses (infra/bundling.ts), print sizes, and fail if any minified
 * bundle exceeds MAX_BUNDLE_KB. dist/<name>/meta.json is esbuild's metafile: inspect it with
 * https://esbuild.github.io/analyze/ to see what makes a bundle big.
 */
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allHandlerNames } from '../functions/routes';
import { MAX_BUNDLE_KB, REPO_ROOT, handlerEntry, sharedEsbuildOptions } from './bundling';

async function main(): Promise<void> {
  const distDir = path.join(REPO_ROOT, 'dist');
  const rows: Array<{ name: string; kb: number }> = [];

  for (const name of allHandlerNames()) {
    const outdir = path.join(distDir, name);
    fs.rmSync(outdir, { recursive: true, force: true });
    const outfile = path.join(outdir, 'index.js');
    const result = await build({
      ...sharedEsbuildOptions,
      entryPoints: [handlerEntry(name)],
      outfile,
      metafile: true,
      logLevel: 'warning',
    });
    fs.writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
    rows.push({ name, kb: fs.statSync(outfile).size / 1024 });
  }

  const width = Math.max(...rows.map((r) => r.name.length));
  for (const { name, kb } of rows) {
    const flag = kb > MAX_BUNDLE_KB ? `  > ${MAX_BUNDLE_KB} KB limit` : '';
    console.log(`${name.padEnd(width)}  ${kb.toFixed(1).padStart(8)} KB${flag}`);
  }
  const tooBig = rows.filter((r) => r.kb > MAX_BUNDLE_KB);
  if (tooBig.length > 0) {
    console.error(`\n${tooBig.length} bundle(s) exceed ${MAX_BUNDLE_KB} KB minified: ${tooBig.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

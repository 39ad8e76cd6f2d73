/**
 * The console imports the API's schemas and the Chinese rule names: they (and everything they
 * import) must build for a browser — no Node built-in such as node:crypto may sneak in.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

it('bundles the shared schemas and messages for the browser', async () => {
  const root = join(__dirname, '..', '..', '..');
  const out = await build({
    entryPoints: [join(root, 'functions/lib/schemas/index.ts'), join(root, 'domain/glossary/refusals.ts'), join(root, 'domain/glossary/fields.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    outdir: '/tmp/browser-safe',
    logLevel: 'silent',
  });
  expect(out.errors).toEqual([]);
  const code = out.outputFiles.map((f) => f.text).join('\n');
  expect(code).not.toMatch(/node:crypto|require\("crypto"\)/);
});

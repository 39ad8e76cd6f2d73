/**
 * The one place that says how a handler becomes a Lambda bundle. `infra/build.ts` (esbuild JS API)
 * and the stack's NodejsFunction bundling both read these values, so `npm run build` measures
 * exactly what `cdk synth`/`cdk deploy` ships.
 *
 * Kept free of aws-cdk-lib imports so that build.ts stays a plain, fast esbuild script.
 */
import * as path from 'node:path';

/** Repository root (this file lives in <root>/infra). */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** Where handler entry points live: functions/handlers/<name>.ts exporting `handler`. */
export const handlerEntry = (name: string): string =>
  path.join(REPO_ROOT, 'functions', 'handlers', `${name}.ts`);

/** Lambda runtime is nodejs22.x, so emit syntax Node 22 understands natively (no down-levelling). */
export const NODE_TARGET = 'node22';

/**
 * The nodejs22.x runtime ships AWS SDK for JavaScript v3; leaving it out of the bundle keeps the
 * zip small and cold starts short. Trade-off: the runtime's SDK version lags npm by weeks, so
 * handlers must not depend on brand-new SDK features.
 */
export const EXTERNAL_MODULES = ['@aws-sdk/*'];

/**
 * Node flags every function runs with (the NODE_OPTIONS environment variable): map minified stack
 * traces back to the TypeScript sources through the bundled .map file. `npm run bench` measures
 * module initialisation with the same flags, since the map is read when the module loads.
 */
export const RUNTIME_NODE_OPTIONS = '--enable-source-maps';

/** Minified bundles larger than this fail `npm run build` (cold-start budget). */
export const MAX_BUNDLE_KB = 250;

/**
 * Shared esbuild settings (a subset of esbuild's BuildOptions; typed loosely so this module has
 * no type dependency on esbuild).
 */
export const sharedEsbuildOptions = {
  bundle: true,
  platform: 'node' as const,
  target: NODE_TARGET,
  // CommonJS: the Lambda Node runtime loads `index.handler` from a .js file as CJS without needing
  // a package.json "type": "module" next to it, and CJS tolerates dependencies that use require().
  format: 'cjs' as const,
  minify: true,
  // External .map file next to index.js; together with NODE_OPTIONS=--enable-source-maps stack
  // traces in CloudWatch point at the TypeScript sources.
  sourcemap: true,
  // The map only needs line mappings for stack traces; embedding every source file's text would
  // double the asset size for no runtime benefit.
  sourcesContent: false,
  // Prefer the ESM build of dependencies (zod, powertools, middy) so esbuild can tree-shake them,
  // falling back to "main" for CJS-only packages.
  mainFields: ['module', 'main'],
  external: EXTERNAL_MODULES,
  // Strip license banners from the minified output (the dependencies' licenses are in the
  // lock file / node_modules; the bundle is not redistributed).
  legalComments: 'none' as const,
};

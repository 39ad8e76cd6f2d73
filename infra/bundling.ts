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

/**
 * How Lambda finds the code in a bundle: the file NodejsFunction writes (`index.js`) and the export
 * the stack names as each function's `handler` ("index.handler"). The local server's Lambda
 * emulator (local/lambda-handlers.ts) loads a bundle with exactly this, so a renamed export fails
 * there as it would on AWS.
 */
export const BUNDLE_FILE = 'index.js';
export const HANDLER_EXPORT = 'handler';

/** Lambda runtime is nodejs22.x, so emit syntax Node 22 understands natively (no down-levelling). */
export const NODE_TARGET = 'node22';

/**
 * The AWS SDK v3 is bundled into every function, not taken from the one in the nodejs22.x runtime
 * (nothing is external by default):
 * - Cold starts are shorter. `npm run bench` measured module initialisation at 46–51 ms per
 *   function with the SDK bundled, against 57 ms with the runtime's SDK. esbuild tree-shakes the
 *   clients down to the commands we use, whereas the runtime's copy loads whole packages.
 * - The SDK version is the one in package-lock.json. It is the version the tests ran against and
 *   it changes only with a commit, not when Lambda updates its runtime.
 * The cost is bigger bundles (see MAX_BUNDLE_KB).
 *
 * The exceptions are the packages below. They are not bundled but shipped as real node_modules
 * next to index.js (NodejsFunction's `bundling.nodeModules`, at the version in package-lock.json),
 * and only to the handlers that list them in infra/handler-config.ts (`nodeModules`). The code
 * reaches each of them only through a dynamic import(), on the few requests that need it, so a
 * cold start never pays for it:
 * - exceljs (Excel in and out). Bundled inline it makes read and write about 1.9 MB and their
 *   module initialisation about three times slower (325–360 ms against 120–160 ms).
 * - the S3 client and presigner (exports, digests) and the SNS and EventBridge clients (alert
 *   notifications). esbuild keeps a dynamically imported package in the one bundle, where V8
 *   still has to read it at load: bundled, they cost read and write about 120 M instructions of
 *   module initialisation (valgrind, single-threaded V8), roughly 10 ms, for requests that
 *   seldom use them. The DynamoDB client, which every request uses, stays bundled.
 * The price is a bigger zip and an `npm ci` into each such asset during `cdk synth`. That install
 * is pure JavaScript, so it is the same on this machine as on Lambda's arm64, and it works offline
 * from the npm cache. The shipped packages are pinned by package-lock.json like the rest.
 */
export const NODE_MODULES_SHIPPED = [
  'exceljs',
  // The XML walk that bounds an Excel upload before exceljs sees it (excel/upload-limits.ts): 24 KB
  // of the write bundle for the few requests that import a workbook.
  'saxes',
  '@aws-sdk/client-s3',
  '@aws-sdk/s3-request-presigner',
  '@aws-sdk/client-sns',
  '@aws-sdk/client-eventbridge',
] as const;
export type ShippedModule = (typeof NODE_MODULES_SHIPPED)[number];

/**
 * Parts of a shipped package that Node never loads, removed from the asset after `npm ci`.
 * exceljs/dist holds its browser builds (21 MB); on Node, `main` (excel.js) requires lib/ only.
 * The SDK packages load dist-cjs; dist-es and dist-types are for bundlers and the compiler.
 */
const SDK_UNUSED = ['dist-es', 'dist-types'];
export const SHIPPED_MODULE_UNUSED_PATHS: Record<ShippedModule, string[]> = {
  exceljs: ['dist'],
  saxes: [],
  '@aws-sdk/client-s3': SDK_UNUSED,
  '@aws-sdk/s3-request-presigner': SDK_UNUSED,
  '@aws-sdk/client-sns': SDK_UNUSED,
  '@aws-sdk/client-eventbridge': SDK_UNUSED,
};

/**
 * esbuild's `external` for one handler: the packages it ships as node_modules, nothing else. A
 * handler that imports a shipped package without listing it still works (it is then bundled
 * inline), but `npm run build` and test/infra fail until the lists match the imports.
 */
export const externalModulesFor = (shipped: readonly ShippedModule[] = []): string[] => [...shipped];

/**
 * Functions run without `--enable-source-maps`: with it Node parses the bundle's .map file at module
 * load, which measured about 13 ms of the write function's cold start (valgrind instruction counts,
 * `npm run bench -- cold` prints it). The map still ships beside index.js, so while investigating an
 * incident one sets NODE_OPTIONS=--enable-source-maps on the function (configuration only, the code
 * is unchanged) and its stack traces point at the TypeScript sources again.
 */
export const SOURCE_MAPS_NODE_OPTIONS = '--enable-source-maps';

/**
 * `node:stream/web` → a stand-in (infra/shims/stream-web.cjs): @middy/core imports ReadableStream
 * at load for streamed responses, which no function here uses; loading the real module costs about
 * 4 ms of every cold start. esbuild resolves an alias from the working directory, hence absolute.
 */
export const STREAM_WEB_SHIM = path.join(__dirname, 'shims', 'stream-web.cjs');

/**
 * `jsonc-parser` → its parser module alone. The package's entry also loads its formatter and
 * editor, whose lookup tables are built at module load (about 3 M instructions of every cold
 * start of read and write) although only `visit` (the duplicate-key check of request bodies,
 * functions/lib/http/json-body.ts) is used. Under jest and tsx the package entry loads as usual;
 * it exports the same function.
 */
export const JSONC_PARSER_ONLY = path.join(REPO_ROOT, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'impl', 'parser.js');

/**
 * `@aws-sdk/credential-provider-node` → infra/shims/credentials-from-env.ts: every bundled SDK
 * client takes its credentials from the function's environment, where Lambda puts the execution
 * role's, and nowhere else. The SDK's default chain also bundles SSO, profile, process, web-identity
 * and metadata providers (about 130 KB with the STS/SSO clients they use) that never run on Lambda
 * but that V8 reads at every cold start: about 50 M instructions, as much as all of our own code.
 * Packages shipped as node_modules (S3, SNS, EventBridge) keep their own full chain, which also
 * starts with the environment.
 */
export const CREDENTIALS_FROM_ENV = path.join(__dirname, 'shims', 'credentials-from-env.ts');

/**
 * Minified bundles larger than this fail `npm run build`. First measured with the SDK bundled
 * (credentials from the environment only) and the packages above shipped: write 424 KB, read 372 KB.
 * The DynamoDB client and lib-dynamodb alone are about 200 KB of every bundle that uses them. Size is
 * cold start here: V8 reads every byte at load, about 0.04 ms per KB on the bench machine. The limit
 * was 550 KB; evidence files (+20 KB: the S3 presigner's signing code, file checks) and budget
 * indicators (+42 KB: routes, schemas, the indicator's transaction items) took write to 570 KB, read
 * to 500 KB, so it is 650 KB: about 4 ms more cold start than at 550, and it still fails the build if
 * something big is bundled by mistake (the S3, SNS and EventBridge clients inline add about 340 KB,
 * exceljs about 1 MB). The console's words never ship here (domain/glossary/with-console.ts).
 */
export const MAX_BUNDLE_KB = 650;

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
  // External .map file next to index.js, read only when NODE_OPTIONS=--enable-source-maps is set
  // (see SOURCE_MAPS_NODE_OPTIONS).
  sourcemap: true,
  // The map only needs line mappings for stack traces; embedding every source file's text would
  // double the asset size for no runtime benefit.
  sourcesContent: false,
  // Prefer the ESM build of dependencies (zod, powertools, middy) so esbuild can tree-shake them,
  // falling back to "main" for CJS-only packages.
  mainFields: ['module', 'main'],
  // No `external` here: it is per handler, see externalModulesFor().
  // Strip license banners from the minified output (the dependencies' licenses are in the
  // lock file / node_modules; the bundle is not redistributed).
  legalComments: 'none' as const,
  alias: { 'node:stream/web': STREAM_WEB_SHIM, 'jsonc-parser': JSONC_PARSER_ONLY, '@aws-sdk/credential-provider-node': CREDENTIALS_FROM_ENV },
};

/** sharedEsbuildOptions' settings that CDK's NodejsFunction has no property for, as esbuild flags. */
export const cdkEsbuildArgs: Record<string, string> = {
  '--legal-comments': sharedEsbuildOptions.legalComments,
  ...Object.fromEntries(Object.entries(sharedEsbuildOptions.alias).map(([from, to]) => [`--alias:${from}`, to])),
};

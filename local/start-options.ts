/**
 * `npm start` options from the command line and the environment, validated up front so that a
 * mistake is one clear message (a UserError) before anything is started.
 */
import { resolve } from 'node:path';
import { UserError } from './user-error';

export const USAGE = `usage: npm start [-- --in-memory] [-- --no-demo] [-- --verbose] [-- --bundles]
  --in-memory   keep nothing: no data directory, no lock
  --no-demo     seed the programs only, no demo data
  --verbose     also print the console's build output, one line per API request and each alert
                notification (by default only progress, warnings and the ready banner)
  --bundles     serve the Lambda bundles of npm run build (dist/, built first when stale), each
                function in its own Node process with the environment Lambda gives it,
                instead of the TypeScript sources
  (flags go after "--", e.g. npm start -- --in-memory --no-demo)
environment:
  PORT=3000                    the API's port on 127.0.0.1
  DYNAMODB_PORT=<port>         DynamoDB Local's port (default: a free one); never one already in use
  FUNDLEDGER_DATA_DIR=<dir>    where DynamoDB Local keeps its data (default .local-data/dynamodb);
                               one stack at a time per directory`;

export interface StartOptions {
  help: boolean;
  inMemory: boolean;
  demo: boolean;
  verbose: boolean;
  /** Serve dist/'s Lambda bundles as local Lambdas instead of the sources in process. */
  bundles: boolean;
  apiPort: number;
  /** Fixed DynamoDB Local port, or undefined for a free one. */
  dynamodbPort: number | undefined;
  /** Absolute; unused with inMemory. */
  dataDir: string;
  /** One line when npm swallowed our flags as its own config and we honoured them anyway. */
  npmFlagsNote?: string;
}

function portFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserError(`${name}=${raw} is not a port number (1–65535).\n${USAGE}`, 2);
  }
  return port;
}

/**
 * `npm start --in-memory` (without `--`) is taken by npm 11 as its own config: the script then
 * gets no argument, only `npm_config_in_memory=true`; `npm start --no-demo` gives
 * `npm_config_demo=` (empty: npm's false), `npm start --bundles` `npm_config_bundles=true`.
 * Checked with npm 11.19.
 */
function flagsSwallowedByNpm(env: NodeJS.ProcessEnv): { inMemory: boolean; noDemo: boolean; verbose: boolean; bundles: boolean } {
  const demo = env.npm_config_demo;
  // `npm start --verbose` is npm's own --loglevel verbose (npm then logs verbosely itself too).
  const loglevel = env.npm_config_loglevel;
  return { inMemory: env.npm_config_in_memory === 'true', noDemo: demo === '' || demo === 'false', verbose: loglevel === 'verbose' || loglevel === 'silly', bundles: env.npm_config_bundles === 'true' };
}

export function parseStartOptions(argv: string[], env: NodeJS.ProcessEnv, defaultDataDir: string): StartOptions {
  let help = false;
  let inMemory = false;
  let demo = true;
  let verbose = false;
  let bundles = false;
  for (const arg of argv) {
    if (arg === '--') continue; // `tsx local/start.ts -- --flag` passes the separator through
    if (arg === '--in-memory') inMemory = true;
    else if (arg === '--no-demo') demo = false;
    else if (arg === '--verbose') verbose = true;
    else if (arg === '--bundles') bundles = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else throw new UserError(`unknown flag "${arg}"\n${USAGE}`, 2);
  }

  const swallowed = flagsSwallowedByNpm(env);
  const honoured: string[] = [];
  if (swallowed.inMemory && !inMemory) {
    inMemory = true;
    honoured.push('--in-memory');
  }
  if (swallowed.noDemo && demo) {
    demo = false;
    honoured.push('--no-demo');
  }
  if (swallowed.verbose && !verbose) {
    verbose = true;
    honoured.push('--verbose');
  }
  if (swallowed.bundles && !bundles) {
    bundles = true;
    honoured.push('--bundles');
  }
  const exact = [inMemory ? '--in-memory' : '', demo ? '' : '--no-demo', verbose ? '--verbose' : '', bundles ? '--bundles' : ''].filter(Boolean).join(' ');
  const npmFlagsNote = honoured.length
    ? `note: npm took ${honoured.join(' ')} as its own option${honoured.length > 1 ? 's' : ''}; honoured anyway, but the exact form is: npm start -- ${exact}`
    : undefined;

  const rawDir = env.FUNDLEDGER_DATA_DIR;
  return {
    help,
    inMemory,
    demo,
    verbose,
    bundles,
    apiPort: portFromEnv(env, 'PORT') ?? 3000,
    dynamodbPort: portFromEnv(env, 'DYNAMODB_PORT'),
    dataDir: rawDir ? resolve(rawDir) : defaultDataDir,
    ...(npmFlagsNote ? { npmFlagsNote } : {}),
  };
}

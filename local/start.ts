/**
 * `npm start [-- --in-memory] [-- --no-demo] [-- --verbose]`: the whole stack on this machine.
 *
 * Options (local/start-options.ts) → lock on the data directory (FUNDLEDGER_DATA_DIR, default
 * .local-data/dynamodb; none with --in-memory) → both ports checked free → the console built if
 * stale → DynamoDB Local (port from DYNAMODB_PORT or a free one) → the table → the local API on
 * 127.0.0.1:PORT (default 3000), answering 503 until the stack is ready → seed programs → demo data
 * (first start only, unless --no-demo) → today's alert sweep and digest, all through an internal
 * address → the API opens → banner, ending with the console's address, how to sign in and the
 * tokens. Without --verbose nothing else is printed on the way (no build table, request lines or
 * alert notifications). Ctrl-C / SIGTERM stop everything and exit 0. A mistake the user can fix
 * (UserError) is one message and no stack trace.
 */
import './env-defaults';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureConsoleBuilt } from '../console/scripts/ensure-built';
import { chinaDate } from '../domain/dates';
import { DEFAULT_TABLE_NAME, TABLE_NAME_ENV } from '../functions/lib/storage/table-definition';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { DEFAULT_DATA_DIR, LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_STORAGE_MAX_ATTEMPTS, LOCAL_STORAGE_REQUEST_TIMEOUT_MS, freePort, startDynamoDbLocal, type DynamoDbLocalHandle } from './dynamodb-local';
import { DEMO_ZONES, DemoRequestError, demoIndicatorNo, isDemoLoaded, loadDemo, makeDemoTokens } from './demo';
import { assertPortFree } from './port-check';
import { ensureBundlesForStart } from './ensure-bundles';
import type { HandlerLoader } from './handler-loader';
import { lambdaHandlers } from './lambda-handlers';
import type { LocalServer } from './server';
import { parseStartOptions, USAGE } from './start-options';
import { ensureTable } from './table';
import { UserError } from './user-error';

const API_HOST = '127.0.0.1';
/** Printed once the stack serves; tests and playwright.config.ts wait for it. */
const READY_LINE = 'FundLedger local stack is up.';
const API_PORT_ADVICE = 'Stop it, or set PORT to another port (e.g. PORT=4000 npm start).';

function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UserError(
      `cannot use ${dir} as the data directory (${(err as Error).message}). ` +
        'Set FUNDLEDGER_DATA_DIR to a directory you can write, or use npm start -- --in-memory.',
    );
  }
}

async function adminPost(baseUrl: string, token: string, path: string, body: unknown, ok: number[]): Promise<{ status: number; body: any }> {
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  if (!ok.includes(res.status)) throw new DemoRequestError('POST', path, res.status, parsed);
  return { status: res.status, body: parsed };
}

/**
 * The launcher chain (npm → sh → tsx → this process). A signal sent to npm alone is not passed on
 * by `sh -c`, so npm exits and we would keep running. Remember our ancestors up to npm and stop
 * when any of them is gone (Linux /proc; elsewhere only the direct parent is watched).
 */
function watchAncestors(onGone: () => void): void {
  const ancestors: number[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    ancestors.push(pid);
    let stat: string;
    let cmdline: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      break;
    }
    if (/(^|[/\0])npm(-cli\.js)?(\0|$)/.test(cmdline) || cmdline.includes('npm-cli.js')) break;
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  const originalParent = process.ppid;
  const timer = setInterval(() => {
    const gone =
      process.ppid !== originalParent ||
      ancestors.some((ancestor) => {
        try {
          process.kill(ancestor, 0);
          return false;
        } catch (err) {
          return (err as NodeJS.ErrnoException).code === 'ESRCH';
        }
      });
    if (gone) {
      clearInterval(timer);
      onGone();
    }
  }, 1000);
  timer.unref();
}

async function main(): Promise<void> {
  let ddb: DynamoDbLocalHandle | undefined;
  let server: LocalServer | undefined;
  let handlers: HandlerLoader | undefined;
  let lock: DataDirLock | undefined;
  let stopping = false;
  const shutdown = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      await server?.close().catch(() => undefined);
      await handlers?.close().catch(() => undefined);
      await ddb?.stop().catch(() => undefined);
      // Only once DynamoDB Local is down: the next stack may then open the same files.
      lock?.release();
    }
    process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    console.log(`\n${signal}: stopping the API and DynamoDB Local…`);
    void shutdown(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  watchAncestors(() => {
    if (stopping) return;
    console.log('\nthe launching process went away: stopping the API and DynamoDB Local…');
    void shutdown(0);
  });

  try {
    const options = parseStartOptions(process.argv.slice(2), process.env, DEFAULT_DATA_DIR);
    if (options.help) {
      console.log(USAGE);
      return await shutdown(0);
    }
    if (options.npmFlagsNote) console.log(options.npmFlagsNote);
    const flags = { inMemory: options.inMemory, demo: options.demo, verbose: options.verbose };
    const apiPort = options.apiPort;
    const dynamoPort = options.dynamodbPort ?? (await freePort());

    // The lock comes first: a second start on the same data names the running stack, rather than
    // tripping over the ports that stack holds.
    if (!flags.inMemory) {
      ensureDataDir(options.dataDir);
      lock = acquireDataDirLock(options.dataDir, { apiUrl: `http://${API_HOST}:${apiPort}`, dynamodbPort: dynamoPort }, (line) =>
        console.log(line),
      );
    }
    // Checked before Java is spawned, so a busy API port costs no database start-up.
    await assertPortFree({ port: apiPort, host: API_HOST, purpose: 'the API', advice: API_PORT_ADVICE });
    if (options.bundles) await ensureBundlesForStart();

    await ensureConsoleBuilt({ verbose: flags.verbose });
    if (stopping) return;
    console.log(`Starting DynamoDB Local and the API, then ${flags.demo ? 'loading the demo data' : 'seeding the programs'}…`);
    ddb = await startDynamoDbLocal({
      inMemory: flags.inMemory,
      port: dynamoPort,
      ...(flags.inMemory ? {} : { dataDir: options.dataDir }),
    });
    if (ddb.pid !== undefined) lock?.recordDynamoDb(ddb.pid);
    if (stopping) return;

    // Environment for the handlers, set before they (and their DynamoDB client) are imported.
    process.env.DYNAMODB_ENDPOINT = ddb.endpoint;
    process.env.AWS_REGION ??= LOCAL_REGION;
    process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    // DynamoDB Local is a Java emulator: on a busy laptop one call can take longer than the 1 s
    // that suits DynamoDB (functions/lib/storage/client.ts). Overridable like any setting.
    process.env.STORAGE_REQUEST_TIMEOUT_MS ||= String(LOCAL_STORAGE_REQUEST_TIMEOUT_MS);
    process.env.STORAGE_MAX_ATTEMPTS ||= String(LOCAL_STORAGE_MAX_ATTEMPTS);
    // Alert notifications are printed locally (the stand-in for SNS): only when asked for.
    if (!flags.verbose) process.env.ALERT_LOG ||= 'off';
    const tableName = (process.env[TABLE_NAME_ENV] ||= DEFAULT_TABLE_NAME);
    // Digests go where the database cannot rewrite them: locally an append-only file, kept with the
    // data (or, in memory, in a temporary folder that nothing keeps).
    process.env.DIGEST_DIR ||= flags.inMemory ? mkdtempSync(join(tmpdir(), 'fundledger-digests-')) : join(options.dataDir, 'digests');
    // Evidence files (local/objects.ts): with the data, or in memory with --in-memory — in a
    // temporary folder when the functions are local Lambdas, processes that share no memory.
    if (!flags.inMemory) process.env.EVIDENCE_DIR ||= join(options.dataDir, 'evidence');
    else if (options.bundles) process.env.EVIDENCE_DIR ||= mkdtempSync(join(tmpdir(), 'fundledger-evidence-'));

    const admin = new DynamoDBClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      await ensureTable(admin, tableName);
    } finally {
      admin.destroy();
    }

    const { createLocalServer } = await import('./server');
    try {
      // --bundles: dist/'s bundles as local Lambdas, with the environment set above (credentials
      // as environment variables only, as Lambda gives them).
      // A function's own output (request logs, alert notifications) is shown like the API's: with --verbose.
      if (options.bundles) handlers = lambdaHandlers({ code: 'bundles', log: (line, fn) => { if (flags.verbose) console.log(`[${fn}] ${line}`); } });
      server = await createLocalServer({
        port: apiPort,
        host: API_HOST,
        ...(flags.verbose ? { log: (line: string) => console.log(`[api] ${line}`) } : {}),
        logError: (line) => console.error(`[api] ${line}`),
        // Nobody is shown books that are still being written: 503 until the banner.
        startingUp: flags.demo ? 'loading the demo data' : 'seeding the programs',
        ...(handlers ? { handlers } : {}),
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new UserError(`port ${apiPort} on ${API_HOST} (for the API) is already in use by another process. ${API_PORT_ADVICE}`);
      }
      throw err;
    }
    const url = server.url;
    // Everything until the banner goes through the address the start-up 503 does not cover.
    const internal = server.internalUrl;
    const tokens = makeDemoTokens();
    const today = chinaDate(new Date());

    // Seed programs (409: already there, or immutable because projects use it).
    const { seedPrograms } = await import('../domain/programs/seed');
    for (const program of seedPrograms) await adminPost(internal, tokens.admin, '/programs', program, [200, 201, 409]);
    // Clusters kept from an older version get the keys they are now listed by (as a deploy does).
    const { indexClusters } = await import('../functions/lib/storage/catalog-store');
    await indexClusters();
    // A data directory of an earlier release: its transfers and payments get the items reconciliation
    // finds them by (once per data directory: a marker item says it ran to the end).
    const { backfillMovementsOnce } = await import('../functions/lib/reconciliation/backfill');
    await backfillMovementsOnce((line) => console.log(line));
    // The first release's execution rollups are folded into today's items (once per data directory, as a deploy does).
    const { foldLegacyExecutionOnce } = await import('../functions/lib/storage/execution-fold');
    await foldLegacyExecutionOnce(new Date(), (line) => console.log(line));

    let demoNote = 'demo data: skipped (--no-demo)';
    if (flags.demo) {
      if (await isDemoLoaded(internal, tokens.admin)) {
        demoNote = `demo data: already loaded (persisted in ${options.dataDir}; use --in-memory for a fresh start)`;
      } else {
        try {
          const summary = await loadDemo(internal, tokens, today);
          demoNote = `demo data: loaded for ${today}\n${summary.projects.map((p) => `  ${p.projectId}  ${p.story}`).join('\n')}`;
        } catch (err) {
          if (!flags.inMemory) {
            console.error(`(if the stored data comes from an earlier, failed demo load, remove ${options.dataDir} or use --in-memory)`);
          }
          throw err;
        }
      }
    }

    let sweepNote: string;
    try {
      const sweep = await adminPost(internal, tokens.admin, '/alerts/sweep', { asOf: today }, [200]);
      sweepNote = JSON.stringify(sweep.body);
    } catch (err) {
      // Not fatal: the API is still useful without today's alerts. Loud, though.
      sweepNote = `FAILED — ${(err as Error).message}`;
      console.error(`WARNING: the alert sweep for ${today} failed: ${(err as Error).message}`);
    }

    let digestNote: string;
    try {
      const digest = await adminPost(internal, tokens.admin, '/digests', undefined, [201]);
      digestNote = `${digest.body.digestId} over ${digest.body.projects} project(s), root ${String(digest.body.root).slice(0, 16)}… (${process.env.DIGEST_DIR})`;
    } catch (err) {
      digestNote = `FAILED — ${(err as Error).message}`;
      console.error(`WARNING: the digest for ${today} failed: ${(err as Error).message}`);
    }

    await server.ready();
    const zoneTokens = DEMO_ZONES.map((z) => `export ZONE_${z.zoneId.replace(/-/g, '_')}='${tokens.zone[z.zoneId]}'`);
    // What to read first comes last, where the screen ends: the address, how to sign in, the tokens.
    console.log(`
DynamoDB Local: ${ddb.endpoint}  (table ${tableName}, ${flags.inMemory ? 'in memory' : `data in ${options.dataDir}`})
${demoNote}
alert sweep for ${today}: ${sweepNote}
digest: ${digestNote}

Try, once the export lines below are pasted:
  curl -s "$URL/health"
  curl -s -H "Authorization: Bearer $AUDITOR" "$URL/projects"
  curl -s -H "Authorization: Bearer $AUDITOR" "$URL/projects/BA2023-0101"
  curl -s -H "Authorization: Bearer $AUDITOR" "$URL/projects/BA2021-0201/history"
  curl -s -H "Authorization: Bearer $AUDITOR" "$URL/projects/BA2021-0201/verify?digest=${today}"
  curl -s -H "Authorization: Bearer $ZONE_NJ_HTZ" "$URL/alerts?status=open"
  curl -s -H "Authorization: Bearer $CITY_NANJING" "$URL/reports/portfolio?groupBy=zone"
  curl -s -X POST "$URL/projects/BA2023-0103/allocations" -H "Authorization: Bearer $FINANCE" \\
       -H 'Content-Type: application/json' -H 'Idempotency-Key: try-1' \\
       -d '{"amountFen":10000000,"valueDate":"${today}","reference":"苏科资-试-001","indicatorNo":"${demoIndicatorNo('JS-2023-C', Number(today.slice(0, 4)))}"}'

Tokens for curl, one per role (valid 12 h; more with: npm run --silent token -- --role <role> [--zone <zoneId>] [--city <city>] [--sub <id>]):
export URL='${url}'
export ADMIN='${tokens.admin}'
export FINANCE='${tokens.financeOfficer}'
export FINANCE2='${tokens.financeOfficer2}'
export ADMIN2='${tokens.admin2}'
${zoneTokens.join('\n')}
export CITY_NANJING='${tokens.city['南京市']}'
export AUDITOR='${tokens.auditor}'

${READY_LINE}
  Console:  ${url}/
  Sign in:  ${url}/signin: pick a person, one per role (two finance officers and two admins, for four-eyes)
  API:      ${url}  with the tokens above; described at ${url}/openapi.json
Ctrl-C stops the API and DynamoDB Local.`);
  } catch (err) {
    if (err instanceof UserError) {
      console.error(`\nnpm start: ${err.message}`);
      await shutdown(err.exitCode);
    }
    console.error(`\nnpm start failed unexpectedly: ${(err as Error)?.stack ?? String(err)}`);
    await shutdown(1);
  }
}

void main();

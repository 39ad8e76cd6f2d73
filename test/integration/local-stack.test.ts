/**
 * The local stack as `npm start` runs it (tsx local/start.ts), as a real process: the data
 * directory lock, busy ports, flags npm swallowed, user mistakes shown without a stack trace, what
 * the screen shows (quiet by default, --verbose), no answer but 503 before the demo data is
 * loaded, and a frozen DynamoDB Local answered 503 within the promised time on the stack's own
 * storage settings.
 *
 * Each stack runs in its own process group (tsx → node → java) on a temporary FUNDLEDGER_DATA_DIR
 * and free ports; every group is stopped at the end and no DynamoDB Local of ours may remain.
 * Four tests start Java; the refusals must happen before Java is spawned.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { STORAGE_UNAVAILABLE_WITHIN_MS } from '../../functions/lib/storage/client';
import { LOCK_FILE_NAME, type StackLockInfo } from '../../local/data-dir-lock';
import { DEMO_STORIES, makeDemoTokens } from '../../local/demo';
import { freePort } from '../../local/dynamodb-local';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const UP = 'FundLedger local stack is up.';
/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at /m;

interface RunningStack {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const started: RunningStack[] = [];
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fundledger-stack-'));
  tempDirs.push(dir);
  return dir;
}

function launch(args: string[], env: Record<string, string>): RunningStack {
  const base = { ...process.env };
  // Nothing from the outer run may leak in: npm's own config, ports, the test DynamoDB endpoint,
  // the harness's storage patience (the stack must run on its own settings).
  for (const name of ['npm_config_in_memory', 'npm_config_demo', 'npm_config_loglevel', 'npm_config_bundles', 'PORT', 'DYNAMODB_PORT', 'FUNDLEDGER_DATA_DIR', 'DYNAMODB_ENDPOINT', 'STORAGE_REQUEST_TIMEOUT_MS', 'STORAGE_CONNECT_TIMEOUT_MS', 'STORAGE_MAX_ATTEMPTS']) {
    delete base[name];
  }
  // detached: its own process group, so cleanup can reach tsx, node and java by the group id.
  const child = spawn(TSX, ['local/start.ts', '--', ...args], {
    cwd: ROOT,
    env: { ...base, POWERTOOLS_LOG_LEVEL: 'SILENT', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const stack = { child, output: () => output, exited };
  started.push(stack);
  return stack;
}

/** Runs a start that is expected to stop by itself; returns its exit code and output. */
async function runToExit(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const stack = launch(args, env);
  const code = await stack.exited;
  return { code, output: stack.output() };
}

async function waitUntilUp(stack: RunningStack): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (!stack.output().includes(UP)) {
    if (stack.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the stack did not come up (exit ${stack.child.exitCode}):\n${stack.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SIGTERM, as a service manager would send it; the exit code it ends with. */
async function stop(stack: RunningStack): Promise<number | null> {
  if (stack.child.exitCode === null && stack.child.signalCode === null) stack.child.kill('SIGTERM');
  return stack.exited;
}

/** The lines the screen ends with: the ready line, the console's address, how to sign in, the API. */
function lastBlock(output: string, apiPort: number): void {
  const lines = output.trimEnd().split('\n');
  const url = `http://127.0.0.1:${apiPort}`;
  expect(lines.slice(-5)).toEqual([
    UP,
    `  Console:  ${url}/`,
    expect.stringMatching(new RegExp(`^  Sign in:  ${url}/signin: pick a person, one per role`)),
    `  API:      ${url}  with the tokens above; described at ${url}/openapi.json`,
    'Ctrl-C stops the API and DynamoDB Local.',
  ]);
  // Just above: the tokens, one export line each, after a blank line.
  expect(lines[lines.length - 6]).toBe('');
  const tokens = lines.slice(lines.lastIndexOf('', lines.length - 7) + 1, -6);
  expect(tokens[0]).toMatch(/^Tokens for curl, one per role/);
  expect(tokens.slice(1).map((line) => line.replace(/='.*'$/, ''))).toEqual([
    'export URL', 'export ADMIN', 'export FINANCE', 'export FINANCE2', 'export ADMIN2', 'export ZONE_NJ_HTZ', 'export ZONE_SZ_SIP', 'export CITY_NANJING', 'export AUDITOR',
  ]);
  expect(tokens[1]).toBe(`export URL='${url}'`);
}

/** Lines only --verbose prints: the console's bundle table, request lines, alert notifications. */
const BUNDLE_TABLE = /^console bundle \(console\/dist\):$/m;
const REQUEST_LINE = /^\[api\] (GET|POST) \/\S* \d{3} \d+ms$/m;
const ALERT_LINE = /^ALERT RAISED /m;

/** Our DynamoDB Local processes, recognised by their port or data directory on the command line. */
function javaProcesses(marker: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(marker));
}

async function health(port: number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/health`)).status;
}

function readLock(dataDir: string): StackLockInfo {
  return JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')) as StackLockInfo;
}

/** A pid that belonged to a process which has already ended. */
function deadPid(): number {
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(gone.stdout);
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolveServer, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveServer(server));
  });
}

afterAll(async () => {
  for (const stack of started) {
    if (stack.child.exitCode === null && stack.child.signalCode === null) {
      stack.child.kill('SIGTERM');
      const done = await Promise.race([stack.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
      if (!done) {
        try {
          process.kill(-stack.child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('a persistent stack and the lock on its data directory', () => {
  let dataDir: string;
  let apiPort: number;
  let dynamodbPort: number;
  let stale: number;
  let first: RunningStack;

  beforeAll(async () => {
    dataDir = tempDir();
    apiPort = await freePort();
    dynamodbPort = await freePort();
    // A lock left by a stack that was killed outright (its pid no longer runs).
    stale = deadPid();
    const leftOver: StackLockInfo = {
      pid: stale,
      apiUrl: 'http://127.0.0.1:1',
      dynamodbPort: 1,
      startedAt: '2025-01-01T00:00:00.000Z',
      dataDir,
      nonce: 'left-over',
    };
    writeFileSync(join(dataDir, LOCK_FILE_NAME), JSON.stringify(leftOver));
    first = launch(['--no-demo'], { FUNDLEDGER_DATA_DIR: dataDir, PORT: String(apiPort), DYNAMODB_PORT: String(dynamodbPort) });
    await waitUntilUp(first);
  });

  it('takes over a stale lock with a notice and records itself in it', async () => {
    expect(first.output()).toMatch(new RegExp(`taking over the lock on .* no longer running \\(pid ${stale},`));
    const lock = readLock(dataDir);
    expect(lock.pid).not.toBe(stale);
    expect(lock.apiUrl).toBe(`http://127.0.0.1:${apiPort}`);
    expect(lock.dynamodbPort).toBe(dynamodbPort);
    expect(lock.dynamodbPid).toEqual(expect.any(Number));
    expect(await health(apiPort)).toBe(200);
  });

  it('refuses a second start on the same data directory, naming the stack that holds it', async () => {
    const otherApi = await freePort();
    const otherDb = await freePort();
    const holder = readLock(dataDir);
    const second = await runToExit(['--no-demo'], { FUNDLEDGER_DATA_DIR: dataDir, PORT: String(otherApi), DYNAMODB_PORT: String(otherDb) });

    expect(second.code).toBe(1);
    expect(second.output).toContain(`is in use by another FundLedger stack`);
    expect(second.output).toContain(`pid ${holder.pid}, API http://127.0.0.1:${apiPort}, DynamoDB Local on port ${dynamodbPort}, running since ${holder.startedAt}`);
    expect(second.output).toContain(`kill ${holder.pid}`);
    expect(second.output).toContain('FUNDLEDGER_DATA_DIR=');
    expect(second.output).not.toMatch(STACK_LINE);
    expect(javaProcesses(`-port ${otherDb}`)).toEqual([]); // refused before Java

    // The first stack is untouched and still serves.
    expect(await health(apiPort)).toBe(200);
    expect(readLock(dataDir).nonce).toBe(holder.nonce);
  });

  it('stops on SIGTERM with exit 0, releasing the lock and leaving no DynamoDB Local behind', async () => {
    expect(await stop(first)).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    expect(javaProcesses(`-port ${dynamodbPort}`)).toEqual([]);
  });
});

describe('refusals before anything is started', () => {
  it('refuses a DYNAMODB_PORT another process listens on, without a stack trace, and releases the lock', async () => {
    const port = await freePort();
    const squatter = await listenOn(port);
    try {
      const dataDir = tempDir();
      const run = await runToExit(['--no-demo'], { FUNDLEDGER_DATA_DIR: dataDir, PORT: String(await freePort()), DYNAMODB_PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.output).toContain(`port ${port} (for DynamoDB Local) is already in use`);
      expect(run.output).toContain('FundLedger will not attach to a database it did not start');
      expect(run.output).not.toMatch(STACK_LINE);
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
      expect(javaProcesses(`-port ${port}`)).toEqual([]);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });

  it('refuses a PORT another process listens on before starting DynamoDB Local', async () => {
    const port = await freePort();
    const dynamodbPort = await freePort();
    const squatter = await listenOn(port);
    try {
      const run = await runToExit(['--in-memory', '--no-demo'], { PORT: String(port), DYNAMODB_PORT: String(dynamodbPort) });
      expect(run.code).toBe(1);
      expect(run.output).toContain(`port ${port} on 127.0.0.1 (for the API) is already in use`);
      expect(run.output).toContain('set PORT to another port');
      expect(run.output).not.toMatch(STACK_LINE);
      expect(javaProcesses(`-port ${dynamodbPort}`)).toEqual([]);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });

  it('refuses a lock whose stack is gone while its DynamoDB Local still runs on the directory', async () => {
    const dataDir = tempDir();
    // Stands in for the orphaned Java process: alive, and not ours to kill from the stack.
    const orphan = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const lock: StackLockInfo = {
        pid: deadPid(),
        apiUrl: 'http://127.0.0.1:3000',
        dynamodbPort: 8123,
        startedAt: '2025-01-01T00:00:00.000Z',
        dataDir,
        dynamodbPid: orphan.pid!,
        nonce: 'crashed',
      };
      writeFileSync(join(dataDir, LOCK_FILE_NAME), JSON.stringify(lock));
      const run = await runToExit(['--no-demo'], { FUNDLEDGER_DATA_DIR: dataDir, PORT: String(await freePort()) });
      expect(run.code).toBe(1);
      expect(run.output).toContain(`its DynamoDB Local (pid ${orphan.pid}, port 8123) is still running`);
      expect(run.output).toContain(`kill ${orphan.pid}`);
      expect(run.output).not.toMatch(STACK_LINE);
      expect(readLock(dataDir).nonce).toBe('crashed'); // not ours to remove
      expect(orphan.exitCode).toBeNull();
    } finally {
      orphan.kill('SIGKILL');
    }
  });

  it('shows user mistakes as one message without a stack trace', async () => {
    const badFlag = await runToExit(['--bogus'], {});
    expect(badFlag.code).toBe(2);
    expect(badFlag.output).toContain('unknown flag "--bogus"');
    expect(badFlag.output).toContain('FUNDLEDGER_DATA_DIR=<dir>');
    expect(badFlag.output).not.toMatch(STACK_LINE);

    const badPort = await runToExit(['--in-memory'], { DYNAMODB_PORT: 'eighty' });
    expect(badPort.code).toBe(2);
    expect(badPort.output).toContain('DYNAMODB_PORT=eighty is not a port number');
    expect(badPort.output).not.toMatch(STACK_LINE);

    // No java on the PATH: only node is reachable.
    const bin = tempDir();
    symlinkSync(process.execPath, join(bin, 'node'));
    const noJava = await runToExit(['--in-memory', '--no-demo'], { PATH: bin, PORT: String(await freePort()) });
    expect(noJava.code).toBe(1);
    expect(noJava.output).toContain('DynamoDB Local needs a Java runtime');
    expect(noJava.output).not.toMatch(STACK_LINE);
  });
});

describe('flags npm took as its own config', () => {
  it('honours npm_config_in_memory, npm_config_demo and npm_config_loglevel (from `npm start --in-memory --no-demo --verbose`) and says the exact form', async () => {
    const parent = tempDir();
    const dataDir = join(parent, 'never-created');
    const apiPort = await freePort();
    const dynamodbPort = await freePort();
    const stack = launch([], {
      // What npm 11 sets for `npm start --in-memory --no-demo --verbose` (checked with npm 11.19).
      npm_config_in_memory: 'true',
      npm_config_demo: '',
      npm_config_loglevel: 'verbose',
      FUNDLEDGER_DATA_DIR: dataDir,
      PORT: String(apiPort),
      DYNAMODB_PORT: String(dynamodbPort),
    });
    await waitUntilUp(stack);
    const output = stack.output();
    expect(output).toContain('the exact form is: npm start -- --in-memory --no-demo --verbose');
    expect(output).toMatch(REQUEST_LINE);
    expect(output.match(/exact form/g)).toHaveLength(1);
    expect(output).toMatch(/\(table \w+, in memory\)/);
    expect(output).toContain('demo data: skipped');
    expect(existsSync(dataDir)).toBe(false);
    expect(javaProcesses(`-port ${dynamodbPort}`)[0]).toContain('-inMemory');
    expect(await health(apiPort)).toBe(200);

    expect(await stop(stack)).toBe(0);
    expect(javaProcesses(`-port ${dynamodbPort}`)).toEqual([]);
  });
});

describe('npm start as a person sees it: in memory, with the demo data, not verbose', () => {
  let apiPort: number;
  let dynamodbPort: number;
  let stack: RunningStack;
  /** What GET /projects answered while the stack was starting: a status, and the projects listed. */
  const duringStart: { status: number; retryAfter: string | null; projects: string[] }[] = [];

  beforeAll(async () => {
    apiPort = await freePort();
    dynamodbPort = await freePort();
    stack = launch(['--in-memory'], { PORT: String(apiPort), DYNAMODB_PORT: String(dynamodbPort) });
    // Ask for the books all through the start, as a browser tab left open or a probe would.
    const auditor = makeDemoTokens().auditor;
    const polling = (async () => {
      while (!stack.output().includes(UP) && stack.child.exitCode === null) {
        try {
          const res = await fetch(`http://127.0.0.1:${apiPort}/projects`, { headers: { authorization: `Bearer ${auditor}` } });
          const body = (await res.json()) as { projects?: { projectId: string }[] };
          duringStart.push({ status: res.status, retryAfter: res.headers.get('retry-after'), projects: (body.projects ?? []).map((p) => p.projectId) });
        } catch {
          // Not listening yet.
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await waitUntilUp(stack);
    await polling;
  });

  afterAll(async () => {
    await stop(stack);
  });

  it('answers 503 with Retry-After until the demo data is loaded, never a part of the books', async () => {
    const demoProjects = [...stack.output().matchAll(/^  ((?:BA|OUT|NJ)\d{4}-\d{4})  /gm)].map((m) => m[1]!).sort();
    expect(demoProjects).toEqual(DEMO_STORIES.map((s) => s.projectId).sort());
    expect(duringStart.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    for (const answer of duringStart) {
      if (answer.status === 503) expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      else expect({ status: answer.status, projects: [...answer.projects].sort() }).toEqual({ status: 200, projects: demoProjects });
    }
    const res = await fetch(`http://127.0.0.1:${apiPort}/projects`, { headers: { authorization: `Bearer ${makeDemoTokens().auditor}` } });
    expect(res.status).toBe(200);
  });

  it('serves the console\'s page to a client that does not ask for HTML', async () => {
    for (const path of ['/', '/signin']) {
      const res = await fetch(`http://127.0.0.1:${apiPort}${path}`);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({ path, status: 200, type: 'text/html; charset=utf-8' });
    }
  });

  it(`answers 503 within ${STORAGE_UNAVAILABLE_WITHIN_MS / 1000} s while its DynamoDB Local is frozen, on its own settings, and serves again after`, async () => {
    const [java] = javaProcesses(`-port ${dynamodbPort}`);
    const javaPid = Number(java!.trim().split(/\s+/)[0]);
    const auditor = makeDemoTokens().auditor;
    process.kill(javaPid, 'SIGSTOP');
    let during: Response;
    try {
      during = await fetch(`http://127.0.0.1:${apiPort}/projects`, {
        headers: { authorization: `Bearer ${auditor}` },
        // The README's figure: a request still hanging then is the failure being tested.
        signal: AbortSignal.timeout(STORAGE_UNAVAILABLE_WITHIN_MS),
      });
    } finally {
      process.kill(javaPid, 'SIGCONT');
    }
    expect(during.status).toBe(503);
    expect(during.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    const after = await fetch(`http://127.0.0.1:${apiPort}/projects`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(after.status).toBe(200);
  });

  it('ends the screen with the address, how to sign in and the tokens, with no build table, request line or alert notification', () => {
    // Checked last: the requests above must not have added anything after the banner.
    const output = stack.output();
    lastBlock(output, apiPort);
    expect(output.match(new RegExp(UP.replace('.', '\\.'), 'g'))).toHaveLength(1);
    expect(output).not.toMatch(BUNDLE_TABLE);
    expect(output).not.toMatch(REQUEST_LINE);
    expect(output).not.toMatch(ALERT_LINE);
    expect(output).not.toMatch(/Some chunks are larger/);
  });
});

describe('npm start -- --verbose', () => {
  it('adds the console\'s bundle table, one line per request and the alert notifications, and still ends with the banner', async () => {
    const apiPort = await freePort();
    const stack = launch(['--in-memory', '--verbose'], { PORT: String(apiPort) });
    await waitUntilUp(stack);
    const output = stack.output();
    expect(output).toMatch(BUNDLE_TABLE);
    expect(output).toMatch(REQUEST_LINE);
    expect(output).toMatch(/^\[api\] POST \/programs 20[01] \d+ms$/m);
    expect(output).toMatch(ALERT_LINE);
    lastBlock(output, apiPort);
    expect(await stop(stack)).toBe(0);
  });
});

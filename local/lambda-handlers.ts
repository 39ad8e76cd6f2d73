/**
 * A local Lambda: each function runs in execution environments of its own, child processes that
 * start `local/lambda-runtime.cjs` with plain Node, so what answers is what AWS would run.
 *
 * - Code: `bundles` loads dist/<name>/index.js by the export the stack names (`index.handler`),
 *   with the packages shipped beside it loaded by the bundle's own `import()`; `sources` loads
 *   functions/handlers/<name>.ts under tsx through the same runtime, for side-by-side comparisons.
 * - Environment: built, not inherited. The variables the stack sets (functionEnvironment(), with
 *   the local stand-ins of its resources), the ones Lambda's runtime sets (region, function name,
 *   memory, TZ=:UTC, task root), the credentials as environment variables only — the bundles'
 *   SDK reads nothing else, and there is no HOME, profile or config file to fall back to — and the
 *   local settings in LOCAL_SETTINGS (the DynamoDB Local endpoint, storage timeouts, log level).
 * - Invocation: one event at a time per environment; a busy function gets another environment
 *   (at most `maxEnvironments`), each paying its own cold start. Events and results cross as
 *   JSON. The handler-config timeout kills the environment (`Task timed out after N seconds`), a
 *   result above 6 MB is an error, a crash fails the invocation in flight — as on Lambda.
 *
 * Not emulated: the Node version (this machine's, not nodejs22.x), the memory limit beyond the
 * heap (--max-old-space-size = the function's memory), freezing between invocations, and the
 * runtime's own packages (the bundles need none: the SDK is bundled, the rest shipped). Shipped
 * packages resolve from the repository's node_modules rather than a copy beside index.js (a
 * bundle imports at run time only the packages its nodeModules list; the rest is inside it, and
 * `npm run build` checks both lists). Source maps are on, so that stacks in the local log point
 * at the TypeScript; on Lambda they are off until NODE_OPTIONS turns them on (infra/bundling.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Context } from 'aws-lambda';
import { BUNDLE_FILE, HANDLER_EXPORT, REPO_ROOT } from '../infra/bundling';
import { functionEnvironment, handlerConfig } from '../infra/handler-config';
import { DEFAULT_TABLE_NAME, TABLE_NAME_ENV } from '../functions/lib/storage/table-definition';
import { functionTimeoutMs, localFunctionName, type HandlerLoader, type LambdaHandler } from './handler-loader';

/** Lambda's limit on a synchronous invocation's response payload. */
export const MAX_RESPONSE_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** Where `npm run build` writes the bundles. */
export const DEFAULT_DIST_DIR = join(REPO_ROOT, 'dist');

const RUNTIME = join(__dirname, 'lambda-runtime.cjs');

/**
 * Settings that exist only off AWS (or that a test turns), passed on from the loader's
 * environment when set. Everything the functions read from process.env is either here, set by
 * functionEnvironment(), or set by Lambda itself (test/unit/lambda-environment.test.ts checks).
 */
export const LOCAL_SETTINGS = [
  'DYNAMODB_ENDPOINT',
  'STORAGE_CONNECT_TIMEOUT_MS',
  'STORAGE_REQUEST_TIMEOUT_MS',
  'STORAGE_MAX_ATTEMPTS',
  'IDEMPOTENCY_TTL_DAYS',
  'POWERTOOLS_LOG_LEVEL',
  'POWERTOOLS_METRICS_DISABLED',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
  // The local stand-in for SNS prints a line per notification unless `npm start` is quiet.
  'ALERT_LOG',
  // Stand-in endpoints for the services the shipped SDK packages call (SDK-wide convention).
  'AWS_ENDPOINT_URL_SNS',
  'AWS_ENDPOINT_URL_EVENTBRIDGE',
  'AWS_ENDPOINT_URL_S3',
] as const;

/** Where a function's digests go when it has no bucket: the local stack's append-only file. */
const DIGEST_DIR = 'DIGEST_DIR';
/**
 * Evidence without a bucket: the files under the local stack's data directory, and the local
 * server's object URLs (its origin, and the key its tokens are signed with, which the functions
 * that sign upload and download URLs must share with the server that checks them).
 */
export const LOCAL_EVIDENCE_SETTINGS = ['EVIDENCE_DIR', 'LOCAL_OBJECTS_ORIGIN', 'LOCAL_OBJECTS_SECRET'] as const;

/**
 * The complete environment of one function's execution environment. `base` supplies the values:
 * the table, the resources (ALERT_TOPIC_ARN, EVENT_BUS_NAME, DIGEST_BUCKET, EXPORT_BUCKET, EVIDENCE_BUCKET when set),
 * the region and credentials, and LOCAL_SETTINGS.
 */
export function lambdaEnvironment(name: string, base: NodeJS.ProcessEnv, taskRoot: string): Record<string, string> {
  const config = handlerConfig[name];
  if (!config) throw new Error(`no handler-config entry for ${name}`);
  const stack = functionEnvironment(name, {
    tableName: base[TABLE_NAME_ENV] || DEFAULT_TABLE_NAME,
    ...(base.ALERT_TOPIC_ARN ? { alertTopicArn: base.ALERT_TOPIC_ARN } : {}),
    ...(base.EVENT_BUS_NAME ? { eventBusName: base.EVENT_BUS_NAME } : {}),
    ...(base.DIGEST_BUCKET ? { digestBucket: base.DIGEST_BUCKET } : {}),
    ...(base.EXPORT_BUCKET ? { exportBucket: base.EXPORT_BUCKET } : {}),
    ...(base.EVIDENCE_BUCKET ? { evidenceBucket: base.EVIDENCE_BUCKET } : {}),
  });
  const region = base.AWS_REGION || base.AWS_DEFAULT_REGION;
  const runtime: Record<string, string | undefined> = {
    AWS_LAMBDA_FUNCTION_NAME: localFunctionName(name),
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: taskRoot,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    PATH: base.PATH,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    // Lambda hands the execution role's credentials to the function in exactly these variables.
    AWS_ACCESS_KEY_ID: base.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: base.AWS_SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN: base.AWS_SESSION_TOKEN,
  };
  const local: Record<string, string | undefined> = Object.fromEntries(LOCAL_SETTINGS.map((key) => [key, base[key]]));
  if (config.digests && !stack.DIGEST_BUCKET) local[DIGEST_DIR] = base[DIGEST_DIR];
  if (config.evidence && !stack.EVIDENCE_BUCKET) for (const key of LOCAL_EVIDENCE_SETTINGS) local[key] = base[key];
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...runtime, ...local, ...stack })) if (value !== undefined && value !== '') env[key] = value;
  return env;
}

type Pending = { resolve: (payload: string) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };

/** A function error as Lambda reports it (errorType, errorMessage), with the function's stack. */
class FunctionError extends Error {
  constructor(error: { errorType: string; errorMessage: string; trace?: string[] }) {
    super(error.errorMessage);
    this.name = error.errorType;
    if (error.trace?.length) this.stack = error.trace.join('\n');
  }
}

interface EnvironmentSpec {
  name: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  log: (line: string) => void;
}

/** One execution environment: a child process running one event at a time. */
class ExecutionEnvironment {
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private pending: Pending | null = null;
  private nextId = 0;
  alive = true;

  constructor(spec: EnvironmentSpec) {
    this.child = spawn(process.execPath, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', spec.log);
    }
    this.ready = new Promise<void>((resolveReady, rejectReady) => {
      this.child.on('message', (message: { type: string; payload?: string; error?: { errorType: string; errorMessage: string; trace?: string[] } }) => {
        if (message.type === 'ready') resolveReady();
        else if (message.type === 'init-error') rejectReady(new FunctionError(message.error!));
        else if (message.type === 'result') this.settle((p) => p.resolve(message.payload!));
        else if (message.type === 'error') this.settle((p) => p.reject(new FunctionError(message.error!)));
      });
      this.child.on('error', (err) => {
        this.alive = false;
        rejectReady(err);
        this.settle((p) => p.reject(err));
      });
      this.child.on('exit', (code, signal) => {
        this.alive = false;
        const why = new Error(`${localFunctionName(spec.name)}: the runtime exited (${signal ?? `code ${code}`}) ${this.pending ? 'during an invocation' : 'before it was ready'}`);
        rejectReady(why);
        this.settle((p) => p.reject(why));
      });
    });
    this.ready.catch(() => undefined); // observed by the pool; never an unhandled rejection here
  }

  private settle(fn: (p: Pending) => void): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    fn(p);
  }

  /** Runs one event; resolves with the result's JSON text. */
  invoke(event: unknown, awsRequestId: string, invokedFunctionArn: string, timeoutMs: number): Promise<string> {
    return new Promise<string>((resolveInvoke, rejectInvoke) => {
      const timer = setTimeout(() => {
        // Lambda stops the environment of a function that timed out; the next event gets a new one.
        this.settle((p) => p.reject(new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`)));
        this.kill();
      }, timeoutMs);
      this.pending = { resolve: resolveInvoke, reject: rejectInvoke, timer };
      this.child.send({ type: 'invoke', id: ++this.nextId, event, context: { awsRequestId, invokedFunctionArn, timeoutMs } });
    });
  }

  kill(): void {
    this.alive = false;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), 2000);
    await exited;
    clearTimeout(timer);
  }
}

/** The environments of one function: reused while idle, another started when all are busy. */
class FunctionPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly spec: () => EnvironmentSpec, private readonly maxEnvironments: number) {}

  private async start(): Promise<ExecutionEnvironment> {
    const environment = new ExecutionEnvironment(this.spec());
    this.all.add(environment);
    try {
      await environment.ready;
      return environment;
    } catch (err) {
      this.all.delete(environment);
      this.waiting.shift()?.();
      throw err;
    }
  }

  async acquire(): Promise<ExecutionEnvironment> {
    for (;;) {
      const environment = this.idle.pop();
      if (environment?.alive) return environment;
      if (environment) {
        this.all.delete(environment);
        continue;
      }
      if (this.all.size < this.maxEnvironments) return this.start();
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  release(environment: ExecutionEnvironment): void {
    if (environment.alive) this.idle.push(environment);
    else this.all.delete(environment);
    this.waiting.shift()?.();
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((e) => e.stop()));
    this.all.clear();
    this.idle.length = 0;
  }
}

export interface LambdaHandlersOptions {
  /** 'bundles': dist/<name>/index.js (build them first: local/ensure-bundles.ts); 'sources': the .ts files under tsx. */
  code: 'bundles' | 'sources';
  /** Where the values come from (see lambdaEnvironment); read when an environment starts. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The functions' output (console, Powertools), one line at a time. Default: this process's stdout. */
  log?: (line: string, functionName: string) => void;
  /** Default: dist/ at the repository root. */
  distDir?: string;
  /** Execution environments per function at most (default 4); further events wait. */
  maxEnvironments?: number;
}

/** The handlers of functions/routes.ts, each run as its own local Lambda (see the top of this file). */
export function lambdaHandlers(options: LambdaHandlersOptions): HandlerLoader {
  const distDir = resolve(options.distDir ?? DEFAULT_DIST_DIR);
  const log = options.log ?? ((line: string, fn: string) => process.stdout.write(`[${fn}] ${line}\n`));
  const pools = new Map<string, FunctionPool>();
  const loading = new Map<string, Promise<LambdaHandler>>();
  let closed = false;

  const specFor = (name: string) => (): EnvironmentSpec => {
    const memoryMb = handlerConfig[name]!.memoryMb;
    const common = [`--max-old-space-size=${memoryMb}`, '--enable-source-maps'];
    if (options.code === 'bundles') {
      const taskRoot = join(distDir, name);
      const entry = BUNDLE_FILE.replace(/\.js$/, '');
      return {
        name,
        args: [...common, RUNTIME, taskRoot, `${entry}.${HANDLER_EXPORT}`],
        cwd: taskRoot,
        env: lambdaEnvironment(name, options.env ?? process.env, taskRoot),
        log: (line) => log(line, name),
      };
    }
    const taskRoot = join(REPO_ROOT, 'functions', 'handlers');
    return {
      name,
      args: [...common, '--import', 'tsx', RUNTIME, taskRoot, `${name}.${HANDLER_EXPORT}`],
      cwd: REPO_ROOT,
      env: lambdaEnvironment(name, options.env ?? process.env, taskRoot),
      log: (line) => log(line, name),
    };
  };

  async function load(name: string): Promise<LambdaHandler> {
    if (closed) throw new Error('the local Lambda handlers are closed');
    if (!handlerConfig[name]) throw new Error(`no function ${name} (infra/handler-config.ts)`);
    if (options.code === 'bundles' && !existsSync(join(distDir, name, BUNDLE_FILE))) {
      throw new Error(`${join(distDir, name, BUNDLE_FILE)} is missing: run npm run build`);
    }
    const pool = new FunctionPool(specFor(name), options.maxEnvironments ?? 4);
    // The first environment starts now: a bundle that cannot load fails here, not at the first event.
    const first = await pool.acquire().catch(async (err: unknown) => {
      await pool.close();
      throw err;
    });
    pool.release(first);
    pools.set(name, pool);
    const timeoutMs = functionTimeoutMs(name);
    const arn = `arn:aws:lambda:us-east-1:123456789012:function:${localFunctionName(name)}`;
    return async (event: unknown, context: Context): Promise<unknown> => {
      const environment = await pool.acquire();
      try {
        const payload = await environment.invoke(event, context.awsRequestId, arn, timeoutMs);
        const bytes = Buffer.byteLength(payload);
        if (bytes > MAX_RESPONSE_PAYLOAD_BYTES) {
          throw new Error(`Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_PAYLOAD_BYTES} bytes).`);
        }
        return JSON.parse(payload) as unknown;
      } finally {
        pool.release(environment);
      }
    };
  }

  return {
    code: options.code,
    load(name) {
      let cached = loading.get(name);
      if (!cached) {
        cached = load(name);
        cached.catch(() => loading.delete(name)); // a fixed bundle loads on the next request
        loading.set(name, cached);
      }
      return cached;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...loading.values()]);
      await Promise.all([...pools.values()].map((p) => p.close()));
      pools.clear();
      loading.clear();
    },
  };
}

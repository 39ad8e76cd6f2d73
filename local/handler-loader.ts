/**
 * Where the local server's Lambda handlers come from: the one seam between local/server.ts (the
 * API Gateway stand-in) and the code it drives.
 *
 * - `inProcessSources()` (the default; `npm start`, every integration test): the TypeScript
 *   handlers in functions/handlers/, imported into this process.
 * - `lambdaHandlers({ code: 'bundles' })` (`npm start -- --bundles`, test/integration/bundles.test.ts):
 *   the esbuild bundles of `npm run build`, each run by plain Node in its own process with the
 *   environment Lambda gives it (local/lambda-handlers.ts).
 *
 * Either way a handler is called with the event API Gateway (or the stream, the scheduler) sends.
 */
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { handlerConfig } from '../infra/handler-config';

/** A Lambda entry point as the runtime calls it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface HandlerLoader {
  /** What runs: the TypeScript sources or the built bundles. */
  readonly code: 'sources' | 'bundles';
  /** The handler of functions/handlers/<name>.ts (or its bundle); rejects when it cannot be loaded. */
  load(name: string): Promise<LambdaHandler>;
  /** Stops whatever the loader started (processes); a no-op in process. */
  close(): Promise<void>;
}

/** The function name the stack would give (fundledger-<handler>); used in contexts and logs. */
export const localFunctionName = (name: string): string => `fundledger-${name}`;

/** The time a function may run (handler-config), as Lambda enforces it. */
export const functionTimeoutMs = (name: string): number => (handlerConfig[name]?.timeoutSeconds ?? 30) * 1000;

/** API Gateway's integration timeout: the deadline of a handler run in this process. */
const IN_PROCESS_DEADLINE_MS = 30_000;

/**
 * A Lambda context for an invocation in this process. Its deadline is API Gateway's 30 s rather
 * than the function's timeout: middy answers 500 at the deadline, and the in-process sources share
 * one process (and a slow emulator) with everything else. The local Lambdas enforce the function's
 * own timeout (local/lambda-handlers.ts).
 */
export function lambdaContext(name: string, requestId: string): Context {
  const functionName = localFunctionName(name);
  const deadline = Date.now() + IN_PROCESS_DEADLINE_MS;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: String(handlerConfig[name]?.memoryMb ?? 1024),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const handlersDir = join(__dirname, '..', 'functions', 'handlers');

/** The TypeScript handlers, imported into this process on first use and kept. */
export function inProcessSources(): HandlerLoader {
  const cache = new Map<string, Promise<LambdaHandler>>();
  return {
    code: 'sources',
    load(name) {
      let cached = cache.get(name);
      if (!cached) {
        cached = (async () => {
          const mod = (await import(join(handlersDir, name))) as { handler?: LambdaHandler; default?: { handler?: LambdaHandler } };
          const handler = mod.handler ?? mod.default?.handler;
          if (typeof handler !== 'function') throw new Error(`functions/handlers/${name}.ts exports no handler`);
          return handler;
        })();
        cached.catch(() => cache.delete(name)); // retry the import next time (e.g. after a fix)
        cache.set(name, cached);
      }
      return cached;
    },
    close: async () => undefined,
  };
}

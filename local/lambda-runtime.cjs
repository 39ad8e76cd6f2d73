// One Lambda execution environment for the local server (local/lambda-handlers.ts starts it).
//
//   node lambda-runtime.cjs <task root> <file.export>      e.g.  dist/read  index.handler
//
// Plain JavaScript run by plain Node, like Lambda's Node runtime: no tsx, no jest, no transform of
// any kind stands between the bundle and Node (for the TypeScript sources the parent adds
// `--import tsx`). What Lambda does and this does too:
// - init: require the file from the task root, take the named export; a throw or a missing
//   export fails the environment before any event reaches it (reported as 'init-error');
// - one event at a time; the event arrives and the result leaves as JSON (the IPC channel is JSON),
//   so whatever does not survive JSON.stringify does not reach the caller, as on AWS;
// - the context object with the request id and getRemainingTimeInMillis against the deadline.
// The parent enforces the timeout and the 6 MB response limit, and kills the process when the
// function times out (Lambda discards that environment too).
'use strict';

const path = require('node:path');

const [taskRoot, handlerSpec] = process.argv.slice(2);

function describeError(err) {
  if (err instanceof Error) return { errorType: err.name, errorMessage: err.message, trace: String(err.stack || '').split('\n') };
  return { errorType: 'Error', errorMessage: String(err), trace: [] };
}

function init() {
  const dot = handlerSpec.lastIndexOf('.');
  const file = handlerSpec.slice(0, dot);
  const exportName = handlerSpec.slice(dot + 1);
  let mod;
  try {
    mod = require(path.resolve(taskRoot, file));
  } catch (err) {
    const e = describeError(err);
    return { error: { ...e, errorType: `Runtime.ImportModuleError: ${e.errorType}` } };
  }
  const handler = mod[exportName];
  if (typeof handler !== 'function') {
    return { error: { errorType: 'Runtime.HandlerNotFound', errorMessage: `${file}.${exportName} is undefined or not exported`, trace: [] } };
  }
  return { handler };
}

const started = init();
if (started.error) {
  process.send({ type: 'init-error', error: started.error }, () => process.exit(1));
} else {
  const handler = started.handler;
  process.on('message', async (message) => {
    if (!message || message.type !== 'invoke') return;
    const { id, event, context } = message;
    const deadline = Date.now() + context.timeoutMs;
    const ctx = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      invokedFunctionArn: context.invokedFunctionArn,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      awsRequestId: context.awsRequestId,
      logGroupName: `/aws/lambda/${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
      logStreamName: `local/${process.pid}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    try {
      const result = await handler(event, ctx);
      // Lambda serialises the result as JSON; undefined becomes null.
      process.send({ type: 'result', id, payload: JSON.stringify(result === undefined ? null : result) });
    } catch (err) {
      process.send({ type: 'error', id, error: describeError(err) });
    }
  });
  // The parent went away (closed, crashed, Ctrl-C): nothing can reach this environment any more.
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready' });
}

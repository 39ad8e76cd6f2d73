// Stands in for `node:stream/web` in the Lambda bundles (esbuild alias, infra/bundling.ts).
// @middy/core imports ReadableStream at module load but uses it only for streamed responses,
// which these functions never use; loading node:stream/web eagerly costs about 5 ms of every
// cold start. The getter hands out Node's own class (the same global) if it is ever reached.
// It must not require('node:stream/web') itself: the alias would point that back at this file.
'use strict';
Object.defineProperty(exports, 'ReadableStream', { enumerable: true, get: () => globalThis.ReadableStream });

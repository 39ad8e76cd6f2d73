/**
 * Storage is busy or unreachable: nothing was written; the client should retry (HTTP 503).
 * In its own module so that code mapping errors to HTTP answers (every function, /health included)
 * does not load the DynamoDB client.
 */
export class StorageUnavailable extends Error {
  override readonly name = 'StorageUnavailable';
  constructor(cause: unknown) {
    super(`storage unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

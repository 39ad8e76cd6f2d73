import { conflict } from '../http/problems';
import type { IdempotencyRecord } from '../storage/transaction-items';

/** What the write path answers; the route turns it into an HTTP response through its schema. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** The body is a problem (application/problem+json). */
  problem?: boolean;
}

/**
 * The answer an Idempotency-Key already gave, marked as replayed — or 409 when the key comes
 * back with a different request.
 */
export function replayAnswer(record: IdempotencyRecord, requestHash: string): Answer {
  if (record.requestHash !== requestHash) {
    throw conflict(`Idempotency-Key ${record.key} was already used with a different request.`, 'idempotency-key-reuse');
  }
  return { status: record.status, body: record.body, problem: record.status >= 400, headers: { 'idempotent-replayed': 'true' } };
}

import type { InvalidField, RuleViolation } from '../../../domain/project/outcome';
import type { entryView, projectView } from '../views';

/**
 * What posting a ledger entry comes to, in the use case's words: no status codes here. The HTTP
 * adapter (functions/api/ledger-answers.ts) turns an outcome into an answer; plan documents and
 * imports read outcomes directly.
 */

/** An outcome remembered under an Idempotency-Key: a retry gets exactly this back. */
export type Remembered =
  | { kind: 'posted'; entry: ReturnType<typeof entryView>; project: ReturnType<typeof projectView> }
  | { kind: 'rejected'; violation: RuleViolation };

export type PostOutcome =
  | (Remembered & { replayed: boolean })
  /** Well-formed, but not meaningful for this project (a date after today, an unknown program …). */
  | { kind: 'invalid'; errors: InvalidField[] }
  /** The request repeats what happens once, or reuses an Idempotency-Key for another request. */
  | { kind: 'conflict'; detail: string; rule?: 'idempotency-key-reuse' }
  | { kind: 'forbidden'; detail: string }
  /** No such project, or one outside the caller's scope: the same answer. */
  | { kind: 'not-found'; detail: string }
  /** The project kept changing past the retry budget; nothing was written. */
  | { kind: 'busy'; detail: string };

/** A remembered outcome, given again for the same request or refused for another one. */
export function replayed(record: { key: string; requestHash: string; outcome: Remembered }, requestHash: string): PostOutcome {
  if (record.requestHash !== requestHash) {
    return { kind: 'conflict', detail: `Idempotency-Key ${record.key} was already used with a different request.`, rule: 'idempotency-key-reuse' };
  }
  return { ...record.outcome, replayed: true };
}

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

/** An evidence declaration's answer (POST …/evidence), remembered under its Idempotency-Key like an entry's. */
export interface EvidenceUploadTicket {
  evidenceId: string;
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
  expiresAt: string;
}
export type Declared = { kind: 'declared'; declaration: EvidenceUploadTicket };

/** What an Idempotency-Key record may hold: a ledger write's outcome, or a declaration's answer. */
export type RememberedAnswer = Remembered | Declared;

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

const reused = (key: string) => ({ kind: 'conflict' as const, detail: `Idempotency-Key ${key} was already used with a different request.`, rule: 'idempotency-key-reuse' as const });

/** A remembered outcome, given again for the same request or refused for another one. */
export function replayed(record: { key: string; requestHash: string; outcome: RememberedAnswer }, requestHash: string): PostOutcome {
  // A key a declaration used is another request's, whatever the hashes say.
  if (record.requestHash !== requestHash || record.outcome.kind === 'declared') return reused(record.key);
  return { ...record.outcome, replayed: true };
}

/** What a declaration comes to: its upload ticket (replayed or new), or why not. */
export type DeclareOutcome =
  | (Declared & { replayed: boolean })
  | Extract<PostOutcome, { kind: 'invalid' | 'conflict' | 'forbidden' | 'not-found' }>;

/** A declaration's remembered answer, given again for the same declaration or refused for any other request. */
export function replayedDeclaration(record: { key: string; requestHash: string; outcome: RememberedAnswer }, requestHash: string): DeclareOutcome {
  if (record.requestHash !== requestHash || record.outcome.kind !== 'declared') return reused(record.key);
  return { ...record.outcome, replayed: true };
}

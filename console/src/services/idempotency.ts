/**
 * One Idempotency-Key per form submission (API.md: every POST that writes a ledger entry needs
 * one; the same key and body replay the first answer, a 201 or a 422 alike).
 *
 * The key is made on the first submit and kept until the API gives a definitive answer, so a
 * double-click or a retry after a network failure, a 5xx or a 503 cannot post twice. It is kept
 * even if the form is edited before the retry: if the first attempt was in fact recorded the API
 * says 409 `idempotency-key-reuse` instead of posting a second entry; if it was not, the edited
 * body goes through. After a definitive answer (2xx, or a 4xx the API remembers or refuses) the
 * next submit gets a fresh key.
 */
import { useRef } from 'react';
import { ApiError } from './api';

export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not (e.g. http on a LAN address).
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Answers after which the same submission may be retried with the same key. */
function isRetryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true; // unknown failure: be safe, keep the key
  if (err.kind === 'network') return true;
  const s = err.status;
  return s === 401 || s === 408 || s === 429 || s >= 500;
}

export class Submission {
  private key: string | null = null;
  private inflight: Promise<unknown> | null = null;

  /** The key the next (or current) attempt uses. */
  get currentKey(): string | null {
    return this.key;
  }

  /**
   * Runs send(key). While an attempt is in flight, further calls get that same attempt
   * (double-click). Keeps the key after a retryable failure, drops it after a definitive answer.
   */
  run<T>(send: (idempotencyKey: string) => Promise<T>): Promise<T> {
    if (this.inflight) return this.inflight as Promise<T>;
    this.key ??= newIdempotencyKey();
    const attempt = send(this.key).then(
      (value) => {
        this.key = null;
        return value;
      },
      (err: unknown) => {
        if (!isRetryable(err)) this.key = null;
        throw err;
      },
    );
    this.inflight = attempt.finally(() => {
      this.inflight = null;
    });
    return this.inflight as Promise<T>;
  }

  /** A new form (not a retry of the last one): forget the key. */
  reset(): void {
    if (!this.inflight) this.key = null;
  }
}

/** One Submission per mounted form. */
export function useSubmission(): Submission {
  const ref = useRef<Submission | null>(null);
  ref.current ??= new Submission();
  return ref.current;
}

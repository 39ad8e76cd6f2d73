import { canonicalJson, sha256Hex } from '../canonical-json';
import type { Entry } from './types';

export const GENESIS_HASH = '0'.repeat(64);

/** hash = sha256(prevHash + canonical JSON of the entry without its own hash). */
export function entryHash(entry: Unsealed & { hash?: string }): string {
  const { hash: _ignored, ...body } = entry;
  return sha256Hex(entry.prevHash + canonicalJson(body));
}

/** An entry before it is sealed: each kind's fields without the hash. */
export type Unsealed = Entry extends infer E ? (E extends Entry ? Omit<E, 'hash'> : never) : never;

export function sealEntry(body: Unsealed): Entry {
  return { ...body, hash: entryHash(body) };
}

export type ChainVerdict =
  | { valid: true; entries: number; headHash: string }
  | { valid: false; brokenAtSeq: number; reason: string };

/**
 * Checks seq continuity, links and hashes, and — when the project's stored head is given —
 * that no entry is missing from the end.
 */
export function verifyChain(entries: readonly Entry[], head?: { version: number; headHash: string }): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const seq = i + 1;
    if (e.seq !== seq) return { valid: false, brokenAtSeq: seq, reason: `expected seq ${seq}, found ${e.seq}` };
    if (e.prevHash !== prev) return { valid: false, brokenAtSeq: seq, reason: 'prevHash does not link to the previous entry' };
    if (entryHash(e) !== e.hash) return { valid: false, brokenAtSeq: seq, reason: 'hash does not match the entry' };
    prev = e.hash;
  }
  if (head && (head.version !== entries.length || head.headHash !== prev)) {
    // Beyond the head: the extra entry is forged. Short of it: the first missing one. At it: the
    // last entry was re-sealed, since its hash is not the one the head recorded.
    const brokenAtSeq = entries.length > head.version ? head.version + 1 : Math.min(head.version, entries.length + 1);
    return { valid: false, brokenAtSeq, reason: 'the chain does not end at the project head' };
  }
  return { valid: true, entries: entries.length, headHash: prev };
}

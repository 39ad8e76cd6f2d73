import { createHash } from 'node:crypto';

/**
 * A Merkle tree as RFC 6962 §2.1 (Certificate Transparency) defines it, over one leaf per project:
 * a third party can check an inclusion proof with nothing but SHA-256 (docs/api.md, "Digests").
 *
 *   leaf hash  = SHA-256(0x00 ‖ UTF-8(projectId) ‖ 0x00 ‖ ASCII(entries, decimal) ‖ 0x00 ‖ ASCII(headHash, lower-case hex))
 *   node hash  = SHA-256(0x01 ‖ left ‖ right)            (32-byte digests, not hex)
 *   MTH(D[n])  = node hash of MTH(D[0:k]) and MTH(D[k:n]), k the largest power of two below n
 *
 * Leaves are sorted by projectId (UTF-16 code unit order, as JavaScript sorts strings).
 */
export interface DigestLeaf {
  projectId: string;
  /** The project's entry count (its version) when the digest was made. */
  entries: number;
  headHash: string;
}

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const ZERO = Buffer.from([0]);
const ONE = Buffer.from([1]);

export function leafHash(l: DigestLeaf): Buffer {
  return sha256(ZERO, Buffer.from(l.projectId, 'utf8'), ZERO, Buffer.from(String(l.entries), 'ascii'), ZERO, Buffer.from(l.headHash, 'ascii'));
}

const nodeHash = (left: Buffer, right: Buffer) => sha256(ONE, left, right);

/** The largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export const sortLeaves = (leaves: readonly DigestLeaf[]): DigestLeaf[] =>
  [...leaves].sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));

function mth(hashes: readonly Buffer[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 0) return sha256();
  if (n === 1) return hashes[from]!;
  const k = split(n);
  return nodeHash(mth(hashes, from, from + k), mth(hashes, from + k, to));
}

/** The root over sorted leaves, as lower-case hex. */
export function merkleRoot(sorted: readonly DigestLeaf[]): string {
  return mth(sorted.map(leafHash), 0, sorted.length).toString('hex');
}

/** The audit path of leaf m (RFC 6962 §2.1.1), bottom-up, as lower-case hex. */
export function inclusionProof(sorted: readonly DigestLeaf[], m: number): string[] {
  const hashes = sorted.map(leafHash);
  const path: Buffer[] = [];
  const walk = (index: number, from: number, to: number): void => {
    const n = to - from;
    if (n <= 1) return;
    const k = split(n);
    if (index < k) {
      walk(index, from, from + k);
      path.push(mth(hashes, from + k, to));
    } else {
      walk(index - k, from + k, to);
      path.push(mth(hashes, from, from + k));
    }
  };
  walk(m, 0, hashes.length);
  return path.map((h) => h.toString('hex'));
}

/** Checks an inclusion proof (RFC 9162 §2.1.3.2): the leaf at `index` of a tree of `size` leaves has `root`. */
export function verifyInclusion(leaf: DigestLeaf, index: number, size: number, proof: readonly string[], root: string): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(leaf);
  for (const hex of proof) {
    const p = Buffer.from(hex, 'hex');
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === root;
}

#!/usr/bin/env node
// Checks a FundLedger inclusion proof offline, with nothing but SHA-256 (node:crypto).
//
//   curl -s -H "Authorization: Bearer $AUDITOR" "$URL/projects/P1/verify?digest=2026-11-24.1" > proof.json
//   node scripts/verify-inclusion.mjs proof.json [expected-root-hex]
//
// The input is the /verify answer (or just its `digest` part). The root to trust should come from
// the digest store itself (S3 Object Lock, or the local append-only file), not from the same answer:
// pass it as the second argument. Exit code 0: the leaf is in the tree with that root; 1: it is not.
// Format (docs/api.md, "Digests"): RFC 6962 Merkle tree,
//   leaf = SHA-256(0x00 ‖ projectId ‖ 0x00 ‖ entries (decimal) ‖ 0x00 ‖ headHash (hex))
//   node = SHA-256(0x01 ‖ left ‖ right)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const [file, trustedRoot] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/verify-inclusion.mjs <verify-answer.json|-> [expected-root-hex]');
  process.exit(2);
}
const answer = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
const p = answer.digest ?? answer;
if (!p.included) {
  console.log(`NOT INCLUDED: digest ${p.digestId} does not contain this project`);
  process.exit(1);
}
const leaf = sha256(Buffer.from([0]), Buffer.from(p.leaf.projectId, 'utf8'), Buffer.from([0]), Buffer.from(String(p.leaf.entries)), Buffer.from([0]), Buffer.from(p.leaf.headHash));

// RFC 9162 §2.1.3.2: fold the audit path from the leaf up to the root.
let fn = p.leafIndex;
let sn = p.treeSize - 1;
let r = leaf;
let ok = fn >= 0 && fn <= sn;
for (const hex of p.proof) {
  const node = Buffer.from(hex, 'hex');
  if (sn === 0) { ok = false; break; }
  if (fn % 2 === 1 || fn === sn) {
    r = sha256(Buffer.from([1]), node, r);
    while (fn % 2 === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
  } else {
    r = sha256(Buffer.from([1]), r, node);
  }
  fn >>= 1;
  sn >>= 1;
}
const root = r.toString('hex');
const expected = trustedRoot ?? p.root;
ok = ok && sn === 0 && root === expected;
console.log(`${ok ? 'OK' : 'FAIL'}: ${p.leaf.projectId} with ${p.leaf.entries} entries (head ${p.leaf.headHash.slice(0, 12)}…) ${ok ? 'is' : 'is NOT'} in digest ${p.digestId}, root ${expected}${trustedRoot ? '' : ' (root taken from the answer itself: pass the stored root to check it)'}`);
process.exit(ok ? 0 : 1);

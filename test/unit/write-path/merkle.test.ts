/** The digest tree: every leaf's proof verifies against the root, and nothing else does. */
import { inclusionProof, merkleRoot, sortLeaves, verifyInclusion, type DigestLeaf } from '../../../domain/digest/merkle';
import { createHash } from 'node:crypto';

const leaves = (n: number): DigestLeaf[] =>
  sortLeaves(Array.from({ length: n }, (_, i) => ({ projectId: `P-${String(i).padStart(5, '0')}`, entries: i + 1, headHash: createHash('sha256').update(String(i)).digest('hex') })));

describe('Merkle digest (RFC 6962)', () => {
  it.each([1, 2, 3, 5, 7, 8, 9, 31, 100, 257])('proves every one of %i leaves and refuses a changed leaf, index or root', (n) => {
    const ls = leaves(n);
    const root = merkleRoot(ls);
    for (let i = 0; i < n; i++) {
      const proof = inclusionProof(ls, i);
      expect(verifyInclusion(ls[i]!, i, n, proof, root)).toBe(true);
      expect(verifyInclusion({ ...ls[i]!, entries: ls[i]!.entries + 1 }, i, n, proof, root)).toBe(false);
      if (n > 1) expect(verifyInclusion(ls[i]!, (i + 1) % n, n, proof, root)).toBe(false);
    }
    expect(verifyInclusion(ls[0]!, 0, n, inclusionProof(ls, 0), 'f'.repeat(64))).toBe(false);
  });

  it('matches RFC 6962 hashing for a one-leaf and an empty tree', () => {
    expect(merkleRoot([])).toBe(createHash('sha256').digest('hex'));
    const [l] = leaves(1);
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(l!.projectId), Buffer.from([0]), Buffer.from('1'), Buffer.from([0]), Buffer.from(l!.headHash)])).digest('hex');
    expect(merkleRoot([l!])).toBe(expected);
  });

  it('changes the root when any leaf changes', () => {
    const ls = leaves(10);
    const root = merkleRoot(ls);
    for (let i = 0; i < ls.length; i++) {
      const changed = ls.map((l, j) => (j === i ? { ...l, headHash: 'a'.repeat(64) } : l));
      expect(merkleRoot(changed)).not.toBe(root);
    }
  });
});

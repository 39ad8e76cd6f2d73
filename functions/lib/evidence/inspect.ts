import { createHash } from 'node:crypto';
import type { EvidenceContentType, EvidenceDeclaration } from './declaration';
import { OFD_ZIP_LIMITS, readZipDirectory, tailBytesFor, type ZipLimits } from './zip-directory';

/**
 * The check on completion (API.md, Evidence): the stored object's size, SHA-256 and leading bytes
 * against what was declared. One streaming pass over the object: the hash is fed chunk by chunk,
 * the first bytes are kept for the type, and for an OFD the last bytes for its ZIP directory, so
 * memory stays bounded whatever arrives, and reading stops as soon as the object is longer than
 * declared.
 */

export type EvidenceMismatch =
  | { check: 'size'; expected: number; actual: number; detail: string }
  | { check: 'sha256'; expected: string; actual: string; detail: string }
  | { check: 'content'; expected: EvidenceContentType; actual: string; detail: string };

export type Inspection = { ok: true; sizeBytes: number; sha256: string } | { ok: false; mismatch: EvidenceMismatch };

const HEAD_BYTES = 64;

const SIGNATURES: Record<EvidenceContentType, { bytes: number[]; name: string }> = {
  'application/pdf': { bytes: [...Buffer.from('%PDF-', 'latin1')], name: 'a PDF (%PDF-)' },
  'image/jpeg': { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image (FF D8 FF)' },
  'image/png': { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'a PNG image (89 50 4E 47 0D 0A 1A 0A)' },
  'application/ofd': { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'an OFD (a ZIP archive, PK 03 04)' },
};

/** What the leading bytes look like, for a message that says what the file really is. */
const KNOWN: { bytes: number[]; name: string }[] = [
  { bytes: [0x4d, 0x5a], name: 'a Windows executable (MZ)' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'an ELF executable' },
  { bytes: [0x23, 0x21], name: 'a script (#!)' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], name: 'a Mach-O executable' },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], name: 'a Mach-O executable' },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], name: 'a Mach-O executable' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], name: 'a Mach-O executable' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], name: 'a Java class or Mach-O universal binary' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], name: 'a WebAssembly module' },
  ...Object.values(SIGNATURES),
  { bytes: [...Buffer.from('GIF8', 'latin1')], name: 'a GIF image' },
  { bytes: [...Buffer.from('<', 'latin1')], name: 'markup (HTML, XML or SVG)' },
];

const startsWith = (head: Buffer, bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

export function describeLeadingBytes(head: Buffer): string {
  if (head.length === 0) return 'an empty file';
  const known = KNOWN.find((k) => startsWith(head, k.bytes));
  return known ? known.name : `a file starting ${[...head.subarray(0, 8)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')}`;
}

/** The leading bytes (and for an OFD its ZIP directory) against the declared type; null when they agree. */
export function contentMismatch(contentType: EvidenceContentType, head: Buffer, tail: Buffer, sizeBytes: number, limits: ZipLimits = OFD_ZIP_LIMITS): EvidenceMismatch | null {
  const expected = SIGNATURES[contentType];
  if (!startsWith(head, expected.bytes)) {
    const actual = describeLeadingBytes(head);
    return { check: 'content', expected: contentType, actual, detail: `declared ${contentType}, but the file is ${actual}, not ${expected.name}` };
  }
  if (contentType !== 'application/ofd') return null;
  const directory = readZipDirectory(tail, sizeBytes, limits);
  if (!directory.ok) return { check: 'content', expected: contentType, actual: 'a ZIP archive refused', detail: `declared application/ofd, but the ZIP archive is refused: ${directory.reason}` };
  if (!directory.entries.some((e) => e.name === 'OFD.xml')) {
    return { check: 'content', expected: contentType, actual: 'a ZIP archive without OFD.xml', detail: 'declared application/ofd, but the ZIP archive has no OFD.xml at its root' };
  }
  return null;
}

/** Keeps the last `limit` bytes of a stream in bounded memory. */
class Tail {
  private chunks: Buffer[] = [];
  private length = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    while (this.chunks.length > 1 && this.length - this.chunks[0]!.length >= this.limit) this.length -= this.chunks.shift()!.length;
  }
  bytes(): Buffer {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit));
  }
}

/**
 * Reads `body` once and compares it with the declaration: size first (reading stops one chunk past
 * the declared size), then the SHA-256, then the content. A mismatch is a value, never a throw;
 * an I/O failure of the stream itself still throws (that is the store's fault, a 5xx).
 */
export async function inspectEvidence(body: AsyncIterable<Uint8Array>, declared: Pick<EvidenceDeclaration, 'sizeBytes' | 'sha256' | 'contentType'>, limits: ZipLimits = OFD_ZIP_LIMITS): Promise<Inspection> {
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  const tail = declared.contentType === 'application/ofd' ? new Tail(tailBytesFor(limits)) : null;
  let size = 0;
  for await (const piece of body) {
    const chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    size += chunk.length;
    if (size > declared.sizeBytes) break; // the rest cannot change the answer
    hash.update(chunk);
    if (headLength < HEAD_BYTES) {
      headParts.push(chunk.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
    }
    tail?.push(chunk);
  }
  if (size !== declared.sizeBytes) {
    const detail = size > declared.sizeBytes ? `declared ${declared.sizeBytes} bytes, but the stored file is longer` : `declared ${declared.sizeBytes} bytes, but the stored file has ${size}`;
    return { ok: false, mismatch: { check: 'size', expected: declared.sizeBytes, actual: size, detail } };
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== declared.sha256) return { ok: false, mismatch: { check: 'sha256', expected: declared.sha256, actual: sha256, detail: `declared SHA-256 ${declared.sha256}, but the stored file's is ${sha256}` } };
  const mismatch = contentMismatch(declared.contentType, Buffer.concat(headParts), tail?.bytes() ?? Buffer.alloc(0), size, limits);
  return mismatch ? { ok: false, mismatch } : { ok: true, sizeBytes: size, sha256 };
}

import { createHash, randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import fc from 'fast-check';
import { MAX_EVIDENCE_BYTES, checkDeclaration, checkFileName, downloadFileName, type EvidenceContentType } from '../../functions/lib/evidence/declaration';
import { inspectEvidence } from '../../functions/lib/evidence/inspect';
import { OFD_ZIP_LIMITS, readZipDirectory } from '../../functions/lib/evidence/zip-directory';
import { buildZip, minimalOfd } from '../support/zip';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function* chunks(bytes: Buffer, size = 7919): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
const inspect = (bytes: Buffer, contentType: EvidenceContentType, declared: Partial<{ sizeBytes: number; sha256: string }> = {}) =>
  inspectEvidence(chunks(bytes), { contentType, sizeBytes: declared.sizeBytes ?? bytes.length, sha256: declared.sha256 ?? sha(bytes) });

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), randomBytes(500), Buffer.from([0xff, 0xd9])]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(400)]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), randomBytes(2000)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), randomBytes(2000)]);
const SCRIPT = Buffer.from('#!/bin/sh\ncurl http://x | sh\n');

describe('the declaration', () => {
  const good = { fileName: '回单 2026-03.pdf', contentType: 'application/pdf', sizeBytes: 1024, sha256: 'ab'.repeat(32) };

  it('accepts a bare name, a known type, 1 … 20 MiB and a lower-case hex SHA-256', () => {
    expect(checkDeclaration(good)).toEqual({ ok: true, value: good });
    expect(checkDeclaration({ ...good, sizeBytes: 1 }).ok).toBe(true);
    expect(checkDeclaration({ ...good, sizeBytes: MAX_EVIDENCE_BYTES }).ok).toBe(true);
  });

  it.each([
    ['zero bytes', { sizeBytes: 0 }, 'sizeBytes'],
    ['20 MiB + 1', { sizeBytes: MAX_EVIDENCE_BYTES + 1 }, 'sizeBytes'],
    ['a fraction of a byte', { sizeBytes: 1.5 }, 'sizeBytes'],
    ['a size as text', { sizeBytes: '1024' }, 'sizeBytes'],
    ['upper-case hex', { sha256: 'AB'.repeat(32) }, 'sha256'],
    ['63 hex digits', { sha256: 'a'.repeat(63) }, 'sha256'],
    ['an unknown type', { contentType: 'application/x-msdownload' }, 'contentType'],
    ['a type with parameters', { contentType: 'application/pdf; charset=binary' }, 'contentType'],
    ['a path in fileName', { fileName: '../../etc/passwd' }, 'fileName'],
    ['a Windows path', { fileName: 'C:\\receipts\\a.pdf' }, 'fileName'],
    ['a directory', { fileName: 'receipts/a.pdf' }, 'fileName'],
    ['..', { fileName: '..' }, 'fileName'],
    ['an NTFS stream', { fileName: 'a.pdf:evil.exe' }, 'fileName'],
    ['a NUL byte', { fileName: 'a.pdf\u0000.exe' }, 'fileName'],
    ['a newline', { fileName: 'a\n.pdf' }, 'fileName'],
    ['a right-to-left override', { fileName: 'invoice\u202Efdp.exe' }, 'fileName'],
    ['a zero-width space', { fileName: 'in\u200Bvoice.pdf' }, 'fileName'],
    ['a lone surrogate', { fileName: 'a\uD800.pdf' }, 'fileName'],
    ['surrounding spaces', { fileName: ' a.pdf' }, 'fileName'],
    ['256 bytes of UTF-8', { fileName: `${'票'.repeat(84)}.pdf` }, 'fileName'],
    ['an empty name', { fileName: '' }, 'fileName'],
  ])('refuses %s, naming the field', (_what, change, path) => {
    const result = checkDeclaration({ ...good, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual([path]);
  });

  it('lists every bad field at once', () => {
    const result = checkDeclaration({ fileName: 'a/b', contentType: 'text/html', sizeBytes: 0, sha256: 'x' });
    expect(result.ok ? [] : result.errors.map((e) => e.path).sort()).toEqual(['contentType', 'fileName', 'sha256', 'sizeBytes']);
  });

  it('keeps a name in NFC: decomposed accents (as macOS sends them) are composed', () => {
    expect(checkFileName('Re\u0301sume\u0301.pdf')).toEqual({ ok: true, value: 'Résumé.pdf' });
    expect(checkFileName(`${'票'.repeat(83)}.pdf`)).toEqual({ ok: true, value: `${'票'.repeat(83)}.pdf` }); // 253 bytes
  });

  it('never lets a name through that holds a separator or a control character (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (name) => {
      const r = checkFileName(name);
      if (r.ok) {
        expect(r.value).not.toMatch(/[/\\\u0000-\u001f\u007f]/);
        expect(r.value).not.toContain('..');
        expect(Buffer.byteLength(r.value)).toBeLessThanOrEqual(255);
        expect(r.value).toBe(r.value.normalize('NFC'));
      }
    }), { numRuns: 2000 });
  });

  it('a download gets the type’s extension when the recorded name lacks it', () => {
    expect(downloadFileName('回单', 'application/pdf')).toBe('回单.pdf');
    expect(downloadFileName('x.exe', 'application/pdf')).toBe('x.exe.pdf');
    expect(downloadFileName('IMG_1.JPG', 'image/jpeg')).toBe('IMG_1.JPG');
    expect(downloadFileName('发票.ofd', 'application/ofd')).toBe('发票.ofd');
  });
});

describe('the stored file against its declaration', () => {
  it.each([
    ['application/pdf', PDF],
    ['image/jpeg', JPEG],
    ['image/png', PNG],
    ['application/ofd', minimalOfd()],
  ] as const)('accepts %s with its size and SHA-256', async (type, bytes) => {
    expect(await inspect(bytes, type)).toEqual({ ok: true, sizeBytes: bytes.length, sha256: sha(bytes) });
  });

  it('accepts an OFD written by a real ZIP library (JSZip, deflate)', async () => {
    const zip = new JSZip();
    zip.file('OFD.xml', '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>');
    zip.file('Doc_0/Document.xml', '<ofd:Document/>');
    zip.file('Doc_0/Res/image.png', PNG);
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect((await inspect(bytes, 'application/ofd')).ok).toBe(true);
  });

  it('a wrong hash is a sha256 mismatch naming both hashes', async () => {
    const other = sha(Buffer.from('something else'));
    const result = await inspect(PDF, 'application/pdf', { sha256: other });
    expect(result).toEqual({ ok: false, mismatch: { check: 'sha256', expected: other, actual: sha(PDF), detail: expect.stringContaining(sha(PDF)) } });
  });

  it('a shorter or longer file is a size mismatch, and reading stops past the declared size', async () => {
    expect(await inspect(PDF, 'application/pdf', { sizeBytes: PDF.length + 1 })).toMatchObject({ ok: false, mismatch: { check: 'size', expected: PDF.length + 1, actual: PDF.length } });
    let read = 0;
    async function* endless(): AsyncIterable<Uint8Array> {
      for (;;) {
        read += 1;
        yield Buffer.alloc(65536, 0x25);
      }
    }
    const result = await inspectEvidence(endless(), { contentType: 'application/pdf', sizeBytes: 100_000, sha256: sha(PDF) });
    expect(result).toMatchObject({ ok: false, mismatch: { check: 'size', expected: 100_000 } });
    expect(read).toBe(2);
  });

  it('zero bytes stored is a size mismatch', async () => {
    expect(await inspectEvidence(chunks(Buffer.alloc(0)), { contentType: 'application/pdf', sizeBytes: 10, sha256: sha(Buffer.alloc(0)) })).toMatchObject({ ok: false, mismatch: { check: 'size', actual: 0 } });
  });

  it.each([
    ['an executable renamed .pdf (MZ)', EXE, 'application/pdf', 'a Windows executable (MZ)'],
    ['an ELF binary as a PNG', ELF, 'image/png', 'an ELF executable'],
    ['a shell script as a JPEG', SCRIPT, 'image/jpeg', 'a script (#!)'],
    ['a PNG declared as a PDF', PNG, 'application/pdf', 'a PNG image (89 50 4E 47 0D 0A 1A 0A)'],
    ['a PDF declared as an OFD', PDF, 'application/ofd', 'a PDF (%PDF-)'],
    ['a PDF whose header is not at the start', Buffer.concat([Buffer.from(' '), PDF]), 'application/pdf', 'a file starting 20 25 50 44 46 2D 31 2E'],
    ['a PNG missing its last signature byte', Buffer.concat([PNG.subarray(0, 7), Buffer.from([0x00]), PNG.subarray(8)]), 'image/png', 'a file starting 89 50 4E 47 0D 0A 1A 00'],
  ] as const)('%s: a content mismatch saying what the file is', async (_what, bytes, type, actual) => {
    const result = await inspect(bytes, type);
    expect(result).toEqual({ ok: false, mismatch: { check: 'content', expected: type, actual, detail: expect.stringContaining(actual) } });
  });
});

describe('an OFD is checked by its ZIP directory, never inflated', () => {
  const ofd = (bytes: Buffer) => inspect(bytes, 'application/ofd');
  const refusedFor = async (bytes: Buffer, reason: RegExp) => {
    const result = await ofd(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.mismatch.check).toBe('content');
      expect(result.mismatch.detail).toMatch(reason);
    }
  };

  it('a ZIP without OFD.xml at its root is refused (one in a folder does not count)', async () => {
    await refusedFor(buildZip([{ name: 'Doc_0/OFD.xml', data: Buffer.from('<x/>') }]), /no OFD\.xml at its root/);
    await refusedFor(buildZip([{ name: 'ofd.xml', data: Buffer.from('<x/>') }]), /no OFD\.xml/);
  });

  it('a zip bomb posing as OFD: a small archive whose directory declares a huge uncompressed size', async () => {
    const bomb = buildZip([
      { name: 'OFD.xml', data: Buffer.from('<ofd:OFD/>') },
      { name: 'Doc_0/Res/blob.bin', data: Buffer.alloc(1024 * 1024), declaredUncompressed: 0xfffffffe },
    ]);
    expect(bomb.length).toBeLessThan(10_000);
    await refusedFor(bomb, /declares 4294967294 bytes uncompressed/);
  });

  it('a real bomb: 60 MiB of zeros deflated to ~60 KiB, declared honestly, is refused for its ratio', async () => {
    const bomb = buildZip([{ name: 'OFD.xml', data: Buffer.from('<ofd:OFD/>') }, { name: 'zeros', data: Buffer.alloc(60 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100_000);
    await refusedFor(bomb, /would inflate \d+ bytes to 62914560 \(more than 100 times\)/);
  });

  it('many entries that together declare too much are refused', async () => {
    const entries = [{ name: 'OFD.xml', data: Buffer.from('<ofd:OFD/>') }, ...Array.from({ length: 5 }, (_, i) => ({ name: `r${i}`, data: Buffer.from('x'), method: 0, declaredCompressed: 60 * 1024 * 1024, declaredUncompressed: 60 * 1024 * 1024 }))];
    await refusedFor(buildZip(entries), /more than 268435456 bytes uncompressed in all/);
  });

  it('thousands of entries are refused from the end record, before the directory is walked', async () => {
    const many = buildZip([{ name: 'OFD.xml', data: Buffer.from('<ofd:OFD/>') }, ...Array.from({ length: 5000 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(0), method: 0 }))]);
    await refusedFor(many, /5001 entries: at most 1000/);
  });

  it('overlapping entries (one compressed stream named many times) are refused', async () => {
    const data = Buffer.alloc(200_000, 0x61);
    const entries = [{ name: 'OFD.xml', data: Buffer.from('<ofd:OFD/>') }, { name: 'a', data }, ...Array.from({ length: 20 }, (_, i) => ({ name: `copy${i}`, data, localHeaderOf: 1 }))];
    await refusedFor(buildZip(entries), /overlaps/);
  });

  it.each([
    ['an encrypted entry', [{ name: 'OFD.xml', data: Buffer.from('<x/>'), flags: 1 }], /encrypted/],
    ['an unknown method (LZMA)', [{ name: 'OFD.xml', data: Buffer.from('<x/>'), method: 14 }], /method 14/],
    ['a name that climbs out', [{ name: 'OFD.xml', data: Buffer.from('<x/>') }, { name: '../../evil.sh', data: Buffer.from('x') }], /outside the archive/],
    ['an absolute name', [{ name: 'OFD.xml', data: Buffer.from('<x/>') }, { name: '/etc/cron.d/x', data: Buffer.from('x') }], /outside the archive/],
    ['a name given twice', [{ name: 'OFD.xml', data: Buffer.from('<x/>') }, { name: 'OFD.xml', data: Buffer.from('<y/>') }], /appears twice/],
    ['data from nothing', [{ name: 'OFD.xml', data: Buffer.from('<x/>'), declaredCompressed: 0 }], /from no compressed data/],
  ])('%s is refused', async (_what, entries, reason) => {
    await refusedFor(buildZip(entries as never), reason);
  });

  it('a ZIP with bytes after its end record, or a truncated one, is refused', async () => {
    await refusedFor(buildZip([{ name: 'OFD.xml', data: Buffer.from('<x/>') }], { trailing: Buffer.from('MZ-appended') }), /no ZIP end-of-central-directory record/);
    await refusedFor(minimalOfd().subarray(0, 60), /no ZIP end-of-central-directory record/);
  });

  it('a ZIP64 end record is refused', async () => {
    const bytes = minimalOfd();
    bytes.writeUInt16LE(0xffff, bytes.length - 22 + 10);
    await refusedFor(bytes, /ZIP64/);
  });

  it('finds the end record behind a long archive comment, and only at the very end', () => {
    const bytes = buildZip([{ name: 'OFD.xml', data: Buffer.from('<x/>') }], { comment: Buffer.alloc(60_000, 0x50) });
    expect(readZipDirectory(bytes, bytes.length).ok).toBe(true);
  });

  it('readZipDirectory never throws on random or mangled bytes (property)', () => {
    const base = minimalOfd();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (random, flips) => {
      expect(() => readZipDirectory(Buffer.from(random), random.length, OFD_ZIP_LIMITS)).not.toThrow();
      const mangled = Buffer.from(base);
      for (const [at, value] of flips) mangled[at] = value;
      expect(() => readZipDirectory(mangled, mangled.length, OFD_ZIP_LIMITS)).not.toThrow();
    }), { numRuns: 1000 });
  });
});

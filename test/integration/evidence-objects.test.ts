/**
 * Evidence files on the local stack: the local server's stand-in for S3 (local/objects.ts, mounted
 * by local/server.ts) and the local object store behind it, on disk and in memory. Bytes out
 * exactly as in; every hostile upload refused with nothing left behind; recorded files never
 * overwritten; a changed or missing recorded file found.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'fundledger-evidence-'));
process.env.EVIDENCE_DIR = join(dataDir, 'evidence');

import { checkStoredEvidence, completeUpload } from '../../functions/lib/evidence/complete-upload';
import { MAX_EVIDENCE_BYTES, type EvidenceContentType, type EvidenceDeclaration } from '../../functions/lib/evidence/declaration';
import { LocalObjectStore, localObjectStore } from '../../functions/lib/evidence/local-object-store';
import type { EvidenceKey } from '../../functions/lib/evidence/object-store';
import { serveLocalObject } from '../../local/objects';
import { createLocalServer, type LocalServer } from '../../local/server';
import { minimalOfd } from '../support/zip';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(n - 9)]);
const declare = (bytes: Buffer, contentType: EvidenceContentType = 'application/pdf', fileName = '回单.pdf'): EvidenceDeclaration => ({ fileName, contentType, sizeBytes: bytes.length, sha256: sha(bytes) });
let n = 0;
const newKey = (): EvidenceKey => ({ projectId: 'BA2023-0900', evidenceId: `ev-${Date.now()}-${++n}` });

async function put(url: string, headers: Record<string, string>, body: Buffer) {
  const res = await fetch(url, { method: 'PUT', headers, body });
  return { status: res.status, body: await res.text() };
}

let server: LocalServer;
beforeAll(async () => {
  server = await createLocalServer({ consoleDir: null });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('through the local server, files under the data directory', () => {
  const store = () => localObjectStore();

  it('uses EVIDENCE_DIR, and its URLs point at the local server', async () => {
    expect(store().dir).toBe(process.env.EVIDENCE_DIR);
    const ticket = await store().presignUpload(newKey(), declare(pdf(100)), new Date());
    expect(ticket.url.startsWith(`${server.url}/local/objects/staging/BA2023-0900/`)).toBe(true);
  });

  it.each([
    ['a small PDF', pdf(2_000), 'application/pdf'],
    ['20 MiB exactly', pdf(MAX_EVIDENCE_BYTES), 'application/pdf'],
    ['an OFD', minimalOfd(), 'application/ofd'],
  ] as const)('round trip of %s: PUT, complete, download: the bytes out exactly as in', async (_what, bytes, type) => {
    const key = newKey();
    const declared = declare(bytes, type, type === 'application/ofd' ? '电子发票.ofd' : '回单 3月.pdf');
    const ticket = await store().presignUpload(key, declared, new Date());
    expect(await put(ticket.url, ticket.headers, bytes)).toMatchObject({ status: 200 });
    expect(await completeUpload(store(), key, declared)).toEqual({ status: 'recorded', sizeBytes: bytes.length, sha256: sha(bytes), versionId: null });
    // Staged copy gone, recorded copy on disk.
    expect(existsSync(join(process.env.EVIDENCE_DIR!, 'staging', key.projectId, key.evidenceId))).toBe(false);
    expect(existsSync(join(process.env.EVIDENCE_DIR!, 'recorded', key.projectId, key.evidenceId))).toBe(true);

    const download = await store().presignDownload(key, null, { fileName: declared.fileName, contentType: type }, new Date());
    const res = await fetch(download.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${declared.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(declared.fileName)}`);
    const out = Buffer.from(await res.arrayBuffer());
    expect(out.equals(bytes)).toBe(true);
    expect(sha(out)).toBe(declared.sha256);
    expect(await checkStoredEvidence(store(), key, declared)).toEqual({ status: 'intact' });
  }, 60_000);

  it('an upload that is not the signed one stores nothing: other bytes, type, length, checksum, key, method, expiry', async () => {
    const bytes = pdf(1_000);
    const key = newKey();
    const declared = declare(bytes);
    const t = await store().presignUpload(key, declared, new Date());
    const other = Buffer.from(bytes);
    other[500] = other[500]! ^ 0xff;
    expect(await put(t.url, t.headers, other)).toMatchObject({ status: 400, body: expect.stringContaining('BadDigest') });
    expect(await put(t.url, { ...t.headers, 'Content-Type': 'image/png' }, bytes)).toMatchObject({ status: 403 });
    expect(await put(t.url, t.headers, bytes.subarray(1))).toMatchObject({ status: 403 });
    expect(await put(t.url, { ...t.headers, 'x-amz-checksum-sha256': createHash('sha256').update(other).digest('base64') }, other)).toMatchObject({ status: 403 });
    expect(await put(t.url.replace(key.evidenceId, `${key.evidenceId}x`), t.headers, bytes)).toMatchObject({ status: 403 });
    expect(await put(t.url.replace(/token=[^&]+/, 'token=forged.token'), t.headers, bytes)).toMatchObject({ status: 403 });
    expect((await fetch(t.url)).status).toBe(403); // a PUT grant does not read
    const expired = await store().presignUpload(key, declared, new Date(Date.now() - 16 * 60 * 1000));
    expect(await put(expired.url, expired.headers, bytes)).toMatchObject({ status: 403, body: expect.stringContaining('expired') });
    expect(await store().openStaged(key)).toBeNull();
    expect(await completeUpload(store(), key, declared)).toEqual({ status: 'not-uploaded' });
    expect(readdirSync(join(process.env.EVIDENCE_DIR!, 'staging', key.projectId)).filter((f) => f.startsWith(key.evidenceId))).toEqual([]);
  });

  it('an executable renamed .pdf uploads (its hash is honest) and is refused on completion: the staged file is discarded, nothing recorded', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), randomBytes(4000)]);
    const key = newKey();
    const declared = declare(exe, 'application/pdf', 'invoice.pdf');
    const t = await store().presignUpload(key, declared, new Date());
    expect(await put(t.url, t.headers, exe)).toMatchObject({ status: 200 });
    const result = await completeUpload(store(), key, declared);
    expect(result).toMatchObject({ status: 'mismatch', mismatch: { check: 'content', actual: 'a Windows executable (MZ)' } });
    expect(await store().openStaged(key)).toBeNull();
    expect(await store().openRecorded(key)).toBeNull();
    // Once refused, completing again finds nothing (the client starts over with a new declaration).
    expect(await completeUpload(store(), key, declared)).toEqual({ status: 'not-uploaded' });
  });

  it('completing twice answers the same; a recorded file is never overwritten', async () => {
    const bytes = pdf(3_000);
    const key = newKey();
    const declared = declare(bytes);
    const t = await store().presignUpload(key, declared, new Date());
    await put(t.url, t.headers, bytes);
    const first = await completeUpload(store(), key, declared);
    expect(await completeUpload(store(), key, declared)).toEqual(first);
    // Stage something else under the same key and try to record it over the first file.
    await store().write(`staging/${key.projectId}/${key.evidenceId}`, pdf(3_000));
    expect(await store().record(key, null)).toEqual({ outcome: 'exists' });
    const res = await fetch((await store().presignDownload(key, null, { fileName: 'a.pdf', contentType: 'application/pdf' }, new Date())).url);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('a recorded file changed or removed on disk is found: changed (with the hashes) or missing', async () => {
    const bytes = pdf(2_000);
    const key = newKey();
    const declared = declare(bytes);
    const t = await store().presignUpload(key, declared, new Date());
    await put(t.url, t.headers, bytes);
    await completeUpload(store(), key, declared);
    const file = join(process.env.EVIDENCE_DIR!, 'recorded', key.projectId, key.evidenceId);
    const swapped = pdf(2_000);
    writeFileSync(file, swapped);
    expect(await checkStoredEvidence(store(), key, declared)).toEqual({ status: 'changed', mismatch: expect.objectContaining({ check: 'sha256', expected: declared.sha256, actual: sha(swapped) }) });
    rmSync(file);
    expect(await checkStoredEvidence(store(), key, declared)).toEqual({ status: 'missing' });
  });

  it('a download URL for another object, expired, or forged is refused', async () => {
    const key = newKey();
    const d = await store().presignDownload(key, null, { fileName: 'a.pdf', contentType: 'application/pdf' }, new Date());
    expect((await fetch(d.url)).status).toBe(404); // valid grant, nothing recorded
    expect((await fetch(d.url.replace('/recorded/', '/staging/'))).status).toBe(403);
    const old = await store().presignDownload(key, null, { fileName: 'a.pdf', contentType: 'application/pdf' }, new Date(Date.now() - 6 * 60 * 1000));
    expect((await fetch(old.url)).status).toBe(403);
  });
});

describe('in memory (npm start -- --in-memory)', () => {
  let bare: Server;
  let memory: LocalObjectStore;
  beforeAll(async () => {
    bare = createServer((req, res) => {
      const [path, query = ''] = (req.url ?? '').split('?');
      void serveLocalObject(req, res, req.method ?? 'GET', path!, query, memory);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    memory = new LocalObjectStore({ dir: null, origin: () => origin });
  });
  afterAll(() => new Promise<void>((resolve) => bare.close(() => resolve())));

  it('round trip: the bytes out exactly as in, and no file written anywhere', async () => {
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(70_000)]);
    const key = newKey();
    const declared = declare(bytes, 'image/png', 'receipt.png');
    const t = await memory.presignUpload(key, declared, new Date());
    expect(await put(t.url, t.headers, bytes)).toMatchObject({ status: 200 });
    expect(await completeUpload(memory, key, declared)).toMatchObject({ status: 'recorded' });
    const res = await fetch((await memory.presignDownload(key, null, { fileName: 'receipt.png', contentType: 'image/png' }, new Date())).url);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(memory.dir).toBeNull();
  });

  it('tokens of another store (another process) are refused', async () => {
    const other = new LocalObjectStore({ dir: null, origin: () => 'http://x' });
    const bytes = pdf(100);
    const t = await other.presignUpload(newKey(), declare(bytes), new Date());
    const url = new URL(t.url);
    const port = (bare.address() as AddressInfo).port;
    expect(await put(`http://127.0.0.1:${port}${url.pathname}${url.search}`, t.headers, bytes)).toMatchObject({ status: 403 });
  });
});

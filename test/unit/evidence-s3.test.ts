/**
 * The S3 adapter of the evidence store against a stand-in S3 endpoint that records each request:
 * what is signed into an upload URL, and that completion reads a version, copies exactly that
 * version to recorded/ without overwriting, and deletes only the staged key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completeUpload } from '../../functions/lib/evidence/complete-upload';
import type { EvidenceDeclaration } from '../../functions/lib/evidence/declaration';
import type { EvidenceObjectStore } from '../../functions/lib/evidence/object-store';
import { s3ObjectStore } from '../../functions/lib/evidence/s3-object-store';

interface Seen { method: string; path: string; headers: IncomingMessage['headers'] }
const objects = new Map<string, { bytes: Buffer; version: string }>();
const seen: Seen[] = [];
let server: Server;
let store: EvidenceObjectStore;
let versions = 0;

const xmlError = (code: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
      seen.push({ method: req.method!, path, headers: req.headers });
      const key = path.replace(/^\/bkt\//, '');
      if (req.method === 'GET') {
        const o = objects.get(key);
        if (!o) return void res.writeHead(404, { 'content-type': 'application/xml' }).end(xmlError('NoSuchKey'));
        return void res.writeHead(200, { 'content-length': o.bytes.length, 'x-amz-version-id': o.version }).end(o.bytes);
      }
      if (req.method === 'PUT' && req.headers['x-amz-copy-source']) {
        if (objects.has(key) && req.headers['if-none-match'] === '*') return void res.writeHead(412, { 'content-type': 'application/xml' }).end(xmlError('PreconditionFailed'));
        const source = objects.get(String(req.headers['x-amz-copy-source']).replace(/^bkt\//, '').split('?')[0]!)!;
        const version = `v${++versions}`;
        objects.set(key, { bytes: source.bytes, version });
        return void res.writeHead(200, { 'content-type': 'application/xml', 'x-amz-version-id': version }).end('<CopyObjectResult><ETag>"x"</ETag></CopyObjectResult>');
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        return void res.writeHead(204).end();
      }
      res.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  store = s3ObjectStore('bkt', {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forcePathStyle: true,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const key = { projectId: 'BA2023-0900', evidenceId: 'ev-1' };

describe('upload URL', () => {
  const declared: EvidenceDeclaration = { fileName: '回单.pdf', contentType: 'application/pdf', sizeBytes: 123_456, sha256: 'ab'.repeat(32) };

  it('signs Content-Length, Content-Type and x-amz-checksum-sha256 as headers, for 15 minutes, on the staging key', async () => {
    const now = new Date('2026-03-01T08:00:00Z');
    const ticket = await store.presignUpload(key, declared, now);
    const url = new URL(ticket.url);
    expect(url.pathname).toBe('/bkt/staging/BA2023-0900/ev-1');
    expect(url.searchParams.get('X-Amz-SignedHeaders')!.split(';')).toEqual(['content-length', 'content-type', 'host', 'x-amz-checksum-sha256']);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260301T080000Z');
    // Hoisted into the query, the checksum would not be checked against the body; no CRC32 of an empty body either.
    expect([...url.searchParams.keys()].filter((k) => /checksum|crc/i.test(k))).toEqual([]);
    expect(ticket.headers).toEqual({ 'Content-Type': 'application/pdf', 'x-amz-checksum-sha256': Buffer.from(declared.sha256, 'hex').toString('base64') });
    expect(ticket.expiresAt).toBe('2026-03-01T08:15:00.000Z');
  });

  it('a download URL is for the recorded key and version, 5 minutes, as an attachment with the UTF-8 name', async () => {
    const ticket = await store.presignDownload(key, 'v7', { fileName: '回单.pdf', contentType: 'application/pdf' }, new Date('2026-03-01T08:00:00Z'));
    const url = new URL(ticket.url);
    expect(url.pathname).toBe('/bkt/recorded/BA2023-0900/ev-1');
    expect(url.searchParams.get('versionId')).toBe('v7');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('回单.pdf')}`);
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
  });

  it('a view URL is the same recorded version, answered inline (the browser shows it) under the same name and type', async () => {
    const ticket = await store.presignDownload(key, 'v7', { fileName: '回单.pdf', contentType: 'application/pdf', disposition: 'inline' }, new Date('2026-03-01T08:00:00Z'));
    const url = new URL(ticket.url);
    expect(url.pathname).toBe('/bkt/recorded/BA2023-0900/ev-1');
    expect(url.searchParams.get('versionId')).toBe('v7');
    expect(url.searchParams.get('response-content-disposition')).toBe(`inline; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('回单.pdf')}`);
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
  });
});

describe('completion against S3', () => {
  it('reads the staged version, copies exactly it to recorded/ if absent, then deletes the staged key', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(5000)]);
    objects.set('staging/BA2023-0900/ev-1', { bytes, version: 'staged-v1' });
    const declared: EvidenceDeclaration = { fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, sha256: sha(bytes) };
    const result = await completeUpload(store, key, declared);
    expect(result).toEqual({ status: 'recorded', sizeBytes: bytes.length, sha256: sha(bytes), versionId: expect.stringMatching(/^v\d+$/) });
    const copy = seen.find((s) => s.method === 'PUT')!;
    expect(copy.path).toBe('/bkt/recorded/BA2023-0900/ev-1');
    expect(copy.headers['x-amz-copy-source']).toBe('bkt/staging/BA2023-0900/ev-1?versionId=staged-v1');
    expect(copy.headers['if-none-match']).toBe('*');
    expect(copy.headers['x-amz-checksum-algorithm']).toBe('SHA256');
    expect(seen.filter((s) => s.method === 'DELETE').map((s) => s.path)).toEqual(['/bkt/staging/BA2023-0900/ev-1']);
    expect(objects.has('staging/BA2023-0900/ev-1')).toBe(false);
    // Completing again reads the recorded file and answers the same, copying nothing.
    seen.length = 0;
    expect(await completeUpload(store, key, declared)).toEqual(result);
    expect(seen.map((s) => s.method)).toEqual(['GET']);
  });

  it('a mismatch deletes the staged key only; nothing is copied', async () => {
    const k = { projectId: 'BA2023-0900', evidenceId: 'ev-2' };
    const bytes = Buffer.concat([Buffer.from('MZ'), randomBytes(100)]);
    objects.set('staging/BA2023-0900/ev-2', { bytes, version: 's1' });
    const result = await completeUpload(store, k, { fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, sha256: sha(bytes) });
    expect(result).toMatchObject({ status: 'mismatch', mismatch: { check: 'content' } });
    expect(seen.filter((s) => s.method !== 'GET').map((s) => `${s.method} ${s.path}`)).toEqual(['DELETE /bkt/staging/BA2023-0900/ev-2']);
  });

  it('nothing uploaded: not-uploaded, and no write at all', async () => {
    const result = await completeUpload(store, { projectId: 'BA2023-0900', evidenceId: 'ev-none' }, { fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: 'a'.repeat(64) });
    expect(result).toEqual({ status: 'not-uploaded' });
    expect(seen.every((s) => s.method === 'GET')).toBe(true);
  });

  it('a copy refused with 412 (recorded/ already holds the key) is "exists", never an overwrite', async () => {
    objects.set('staging/BA2023-0900/ev-3', { bytes: Buffer.from('%PDF-x'), version: 's' });
    objects.set('recorded/BA2023-0900/ev-3', { bytes: Buffer.from('%PDF-y'), version: 'r' });
    expect(await store.record({ projectId: 'BA2023-0900', evidenceId: 'ev-3' }, 's')).toEqual({ outcome: 'exists' });
    expect(objects.get('recorded/BA2023-0900/ev-3')!.bytes.toString()).toBe('%PDF-y');
  });
});

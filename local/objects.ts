/**
 * The local server's stand-in for the evidence bucket's URLs (S3 on AWS): what the upload and
 * download URLs of functions/lib/evidence/local-object-store.ts point at. Mounted by
 * local/server.ts before it reads any body, because an upload may be 20 MiB (the API's own bodies
 * stop at 6 MiB) and is streamed here.
 *
 * - `PUT /local/objects/staging/<projectId>/<evidenceId>?token=…` stores the body when the token
 *   is valid and unexpired and the request has exactly the signed Content-Length, Content-Type and
 *   x-amz-checksum-sha256, and the bytes have that SHA-256 — what S3 checks for a presigned PUT.
 *   Anything else is refused (403 for the request, 400 for the bytes) and stores nothing.
 * - `GET /local/objects/recorded/<projectId>/<evidenceId>?token=…` answers the recorded bytes as
 *   an attachment, or inline when the token says so (`HEAD` likewise, without the body).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_EVIDENCE_BYTES } from '../functions/lib/evidence/declaration';
import { LOCAL_OBJECTS_PREFIX, localObjectStore, type LocalObjectStore } from '../functions/lib/evidence/local-object-store';
import { contentDisposition } from '../functions/lib/evidence/object-store';

export { LOCAL_OBJECTS_PREFIX, setLocalObjectsOrigin } from '../functions/lib/evidence/local-object-store';

function answer(res: ServerResponse, status: number, code: string, message: string): void {
  // S3 answers errors as XML with a Code; JSON here, with the same codes, is enough for a client.
  const body = JSON.stringify({ code, message });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/** Reads the request to its end without keeping it, so the client sees our answer, not a reset. */
async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) void _;
}

export async function serveLocalObject(req: IncomingMessage, res: ServerResponse, method: string, rawPath: string, rawQueryString: string, store: LocalObjectStore = localObjectStore()): Promise<void> {
  const key = rawPath.slice(LOCAL_OBJECTS_PREFIX.length);
  const token = new URLSearchParams(rawQueryString).get('token') ?? '';
  const grant = store.readToken(token);
  const wanted = method === 'HEAD' ? 'GET' : method;
  if (!grant || grant.key !== key || grant.method !== wanted) {
    await drain(req);
    return answer(res, 403, 'AccessDenied', 'the token is missing, invalid, or for another object or method');
  }
  if (grant.exp * 1000 < Date.now()) {
    await drain(req);
    return answer(res, 403, 'AccessDenied', 'the URL has expired');
  }

  if (grant.method === 'GET') {
    const object = await store.read(key);
    if (!object) return answer(res, 404, 'NoSuchKey', 'no such object');
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks);
    res.writeHead(200, {
      'content-type': grant.contentType,
      'content-length': bytes.length,
      'content-disposition': contentDisposition(grant.disposition ?? 'attachment', grant.fileName),
      'x-amz-checksum-sha256': createHash('sha256').update(bytes).digest('base64'),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    res.end(method === 'HEAD' ? undefined : bytes);
    return;
  }

  // PUT: the signed headers first, as S3 compares them with the signature before reading the body.
  const expectedChecksum = Buffer.from(grant.sha256, 'hex').toString('base64');
  const problems = [
    req.headers['content-length'] !== String(grant.sizeBytes) ? `Content-Length must be ${grant.sizeBytes}` : null,
    (req.headers['content-type'] ?? '') !== grant.contentType ? `Content-Type must be ${grant.contentType}` : null,
    req.headers['x-amz-checksum-sha256'] !== expectedChecksum ? `x-amz-checksum-sha256 must be ${expectedChecksum}` : null,
  ].filter(Boolean);
  if (problems.length) {
    await drain(req);
    return answer(res, 403, 'SignatureDoesNotMatch', `the request does not match the signed upload: ${problems.join('; ')}`);
  }
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > grant.sizeBytes || size > MAX_EVIDENCE_BYTES) continue; // Node stops at Content-Length; kept as a bound
    hash.update(chunk as Buffer);
    chunks.push(chunk as Buffer);
  }
  if (size !== grant.sizeBytes) return answer(res, 400, 'IncompleteBody', `received ${size} bytes, the upload is for ${grant.sizeBytes}`);
  const actual = hash.digest('base64');
  if (actual !== expectedChecksum) return answer(res, 400, 'BadDigest', 'the bytes do not have the signed SHA-256');
  await store.write(key, Buffer.concat(chunks));
  res.writeHead(200, { 'x-amz-checksum-sha256': actual, etag: `"${createHash('md5').update(Buffer.concat(chunks)).digest('hex')}"`, 'content-length': 0 });
  res.end();
}

import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256HexToBase64, type EvidenceContentType, type EvidenceDeclaration } from './declaration';
import {
  DOWNLOAD_URL_SECONDS, UPLOAD_URL_SECONDS, expiresAt, recordedKey, stagingKey,
  type Disposition, type DownloadFile, type DownloadTicket, type EvidenceKey, type EvidenceObjectStore, type RecordOutcome, type StoredObject, type UploadTicket,
} from './object-store';

/**
 * The local stand-in for the evidence bucket: files under a directory (the local stack's data
 * directory), or in memory (`npm start -- --in-memory`, tests). Upload and download URLs point at
 * the local server (`/local/objects/<key>?token=…`, local/objects.ts), with a token signed here
 * (HMAC-SHA256, a key made at start-up and never written down) that names the method, the key,
 * the expiry and, for an upload, the size, type and SHA-256 the bytes must have. So the client
 * code is the same as against S3: PUT the bytes with the headers it was given; a GET follows a 303.
 */

export const LOCAL_OBJECTS_PREFIX = '/local/objects/';

export type LocalGrant =
  /** contentType: an evidence type, or a statement's (statements/statement-files.ts uploads here too). */
  | { method: 'PUT'; key: string; exp: number; sizeBytes: number; contentType: string; sha256: string }
  | { method: 'GET'; key: string; exp: number; fileName: string; contentType: EvidenceContentType; disposition?: Disposition };

export interface LocalObjectStoreOptions {
  /** null: in memory. */
  dir: string | null;
  /** Origin of the local server, e.g. http://127.0.0.1:3000 (read at each presign: set once it listens). */
  origin: () => string;
  /** Token key; a fresh random one by default. */
  secret?: Buffer;
}

const sign = (secret: Buffer, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export class LocalObjectStore implements EvidenceObjectStore {
  private readonly memory = new Map<string, Buffer>();
  private readonly secret: Buffer;

  constructor(private readonly options: LocalObjectStoreOptions) {
    this.secret = options.secret ?? randomBytes(32);
  }

  get dir(): string | null {
    return this.options.dir;
  }

  /** A token for `grant`, for the query string of a local object URL. */
  token(grant: LocalGrant): string {
    const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
    return `${payload}.${sign(this.secret, payload)}`;
  }

  /** The grant a token carries when its signature is ours, else null (expiry is the caller's check). */
  readToken(token: string): LocalGrant | null {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(sign(this.secret, payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LocalGrant;
    } catch {
      return null;
    }
  }

  private url(key: string, grant: LocalGrant): string {
    return `${this.options.origin()}${LOCAL_OBJECTS_PREFIX}${key}?token=${encodeURIComponent(this.token(grant))}`;
  }

  private path(key: string): string {
    return join(this.options.dir!, ...key.split('/'));
  }

  async presignUpload(k: EvidenceKey, declared: EvidenceDeclaration, now: Date): Promise<UploadTicket> {
    return this.presignPut(stagingKey(k), declared, now);
  }

  /** An upload URL for exactly these bytes under any key of the store (evidence, statements). */
  presignPut(key: string, declared: { sizeBytes: number; contentType: string; sha256: string }, now: Date): UploadTicket {
    const exp = Math.floor(now.getTime() / 1000) + UPLOAD_URL_SECONDS;
    return {
      url: this.url(key, { method: 'PUT', key, exp, sizeBytes: declared.sizeBytes, contentType: declared.contentType, sha256: declared.sha256 }),
      headers: { 'Content-Type': declared.contentType, 'x-amz-checksum-sha256': sha256HexToBase64(declared.sha256) },
      expiresAt: expiresAt(now, UPLOAD_URL_SECONDS),
    };
  }

  async presignDownload(k: EvidenceKey, _versionId: string | null, file: DownloadFile, now: Date): Promise<DownloadTicket> {
    const key = recordedKey(k);
    const exp = Math.floor(now.getTime() / 1000) + DOWNLOAD_URL_SECONDS;
    const grant: LocalGrant = { method: 'GET', key, exp, fileName: file.fileName, contentType: file.contentType, disposition: file.disposition ?? 'attachment' };
    return { url: this.url(key, grant), expiresAt: expiresAt(now, DOWNLOAD_URL_SECONDS) };
  }

  /** Bytes under a key, or null. */
  async read(key: string): Promise<StoredObject | null> {
    if (this.options.dir === null) {
      const bytes = this.memory.get(key);
      return bytes ? { body: once(Buffer.from(bytes)), versionId: null } : null;
    }
    try {
      const handle = await fs.open(this.path(key), 'r');
      return { body: handle.createReadStream(), versionId: null };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /**
   * Stores bytes under a key atomically (a temporary file renamed into place), so a reader sees
   * the whole file or none. `exclusive`: refuse when the key holds something already.
   */
  async write(key: string, bytes: Buffer, exclusive = false): Promise<boolean> {
    if (this.options.dir === null) {
      if (exclusive && this.memory.has(key)) return false;
      this.memory.set(key, Buffer.from(bytes));
      return true;
    }
    const target = this.path(key);
    await fs.mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.part`;
    await fs.writeFile(temporary, bytes, { flag: 'wx' });
    try {
      if (exclusive) {
        // link() fails if the target exists: no window in which two writers both succeed.
        try {
          await fs.link(temporary, target);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
          throw err;
        }
      } else {
        await fs.rename(temporary, target);
      }
      return true;
    } finally {
      await fs.rm(temporary, { force: true });
    }
  }

  async remove(key: string): Promise<void> {
    if (this.options.dir === null) this.memory.delete(key);
    else await fs.rm(this.path(key), { force: true });
  }

  openStaged(k: EvidenceKey): Promise<StoredObject | null> {
    return this.read(stagingKey(k));
  }

  openRecorded(k: EvidenceKey): Promise<StoredObject | null> {
    return this.read(recordedKey(k));
  }

  async record(k: EvidenceKey, _versionId: string | null = null): Promise<RecordOutcome> {
    const staged = await this.read(stagingKey(k));
    if (!staged) throw new Error(`nothing staged under ${stagingKey(k)}`);
    const chunks: Buffer[] = [];
    for await (const chunk of staged.body) chunks.push(Buffer.from(chunk));
    return (await this.write(recordedKey(k), Buffer.concat(chunks), true)) ? { outcome: 'recorded', versionId: null } : { outcome: 'exists' };
  }

  async discardStaged(k: EvidenceKey): Promise<void> {
    await this.remove(stagingKey(k));
  }
}

/** SHA-256 of bytes as S3 reports it (base64), for the local PUT's checks. */
export const sha256Base64 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('base64');

async function* once(bytes: Buffer): AsyncIterable<Uint8Array> {
  yield bytes;
}

let configured: LocalObjectStore | undefined;

/**
 * Where the local server listens: its upload and download URLs point there. A local Lambda (a
 * process of its own) is told in LOCAL_OBJECTS_ORIGIN; the server in this process sets it.
 */
export function setLocalObjectsOrigin(origin: string): void {
  process.env.LOCAL_OBJECTS_ORIGIN = origin;
}
const localOrigin = (): string => process.env.LOCAL_OBJECTS_ORIGIN || 'http://127.0.0.1:3000';

/**
 * The process's local store: EVIDENCE_DIR (the local stack sets it in its data directory), else in
 * memory. Its tokens are signed with LOCAL_OBJECTS_SECRET when set — the local server sets it, so
 * that local Lambdas in processes of their own sign what it checks — else with a key of its own.
 */
export function localObjectStore(): LocalObjectStore {
  const secret = process.env.LOCAL_OBJECTS_SECRET;
  configured ??= new LocalObjectStore({ dir: process.env.EVIDENCE_DIR || null, origin: localOrigin, ...(secret ? { secret: Buffer.from(secret, 'base64url') } : {}) });
  return configured;
}

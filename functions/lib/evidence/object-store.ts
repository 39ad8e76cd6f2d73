import type { EvidenceDisposition } from '../../../domain/project/evidence';
import type { EvidenceContentType, EvidenceDeclaration } from './declaration';

/**
 * Where evidence files live: S3 on AWS (s3-object-store.ts), the local server's stand-in on a
 * laptop (local-object-store.ts). Files never pass through a Lambda: the client PUTs to an upload
 * URL, the server reads the stored object back to check it, and downloads are redirects.
 *
 * Two prefixes: `staging/` holds uploads until they are checked (and is all a lifecycle rule ever
 * expires); `recorded/` holds checked evidence, copied there on completion and never deleted.
 */

/** Seconds an upload URL stays valid: a 20 MiB file over a slow line, with room to retry. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** Seconds a download URL stays valid: it is followed at once (a 303), so short. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

export interface EvidenceKey {
  projectId: string;
  evidenceId: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Object keys; ids are checked here because a key is also a file path locally. */
function keyOf(prefix: 'staging' | 'recorded', k: EvidenceKey): string {
  if (!ID.test(k.projectId) || !ID.test(k.evidenceId)) throw new RangeError(`not an evidence key: ${JSON.stringify(k)}`);
  return `${prefix}/${k.projectId}/${k.evidenceId}`;
}
export const STAGING_PREFIX = 'staging/';
export const RECORDED_PREFIX = 'recorded/';
export const stagingKey = (k: EvidenceKey): string => keyOf('staging', k);
export const recordedKey = (k: EvidenceKey): string => keyOf('recorded', k);

export interface UploadTicket {
  url: string;
  /** Headers the client must send with its PUT, exactly (Content-Length, from the body, is signed too). */
  headers: Record<string, string>;
  expiresAt: string;
}

export interface DownloadTicket {
  url: string;
  expiresAt: string;
}

export interface StoredObject {
  body: AsyncIterable<Uint8Array>;
  /** The S3 version read (copies and downloads name it, so they get exactly these bytes); null locally. */
  versionId: string | null;
}

export type RecordOutcome = { outcome: 'recorded'; versionId: string | null } | { outcome: 'exists' };

export interface EvidenceObjectStore {
  /** A URL that accepts exactly the declared bytes (size, type and SHA-256 are part of its signature). */
  presignUpload(key: EvidenceKey, declared: EvidenceDeclaration, now: Date): Promise<UploadTicket>;
  /** The staged upload, or null when nothing was uploaded. */
  openStaged(key: EvidenceKey): Promise<StoredObject | null>;
  /** Copies that version of the staged object to recorded/; never over an object already there ('exists'). */
  record(key: EvidenceKey, versionId: string | null): Promise<RecordOutcome>;
  /** Removes the staged upload (a refused one, or one already copied). Never touches recorded/. */
  discardStaged(key: EvidenceKey): Promise<void>;
  /** The recorded file (that version when given), or null. */
  openRecorded(key: EvidenceKey, versionId?: string | null): Promise<StoredObject | null>;
  /** A short-lived URL of the recorded bytes named `fileName`: saved (attachment, the default) or shown by the browser (inline). */
  presignDownload(key: EvidenceKey, versionId: string | null, file: DownloadFile, now: Date): Promise<DownloadTicket>;
}

/** attachment: the browser saves the file; inline: it shows it (a PDF or an image opened in a tab of its own). */
export type Disposition = EvidenceDisposition;

export interface DownloadFile {
  fileName: string;
  contentType: EvidenceContentType;
  /** attachment when absent. */
  disposition?: Disposition;
}

/** Content-Disposition for a download or a view: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export const contentDisposition = (disposition: Disposition, fileName: string): string =>
  `${disposition}; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
export const attachment = (fileName: string): string => contentDisposition('attachment', fileName);

export const expiresAt = (now: Date, seconds: number): string => new Date(now.getTime() + seconds * 1000).toISOString();

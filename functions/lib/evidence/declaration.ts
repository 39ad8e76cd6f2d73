/**
 * What a client declares before it uploads evidence (API.md, Evidence): the file's name, type,
 * size and SHA-256. Checked here as typed results (no throws for what a client can get wrong), so
 * the route turns each into one `errors[]` item of a 400 and nothing is presigned.
 */

import { EVIDENCE_CONTENT_TYPES, type EvidenceContentType } from '../../../domain/project/evidence';

export const MIB = 1024 * 1024;
/** The contract's bounds: 1 byte … 20 MiB. */
export const MIN_EVIDENCE_BYTES = 1;
export const MAX_EVIDENCE_BYTES = 20 * MIB;

// The types and kinds are the domain's (the evidence entry records them); re-exported for the file checks.
export { EVIDENCE_CONTENT_TYPES, EVIDENCE_KINDS, type EvidenceContentType, type EvidenceKind } from '../../../domain/project/evidence';
export const isEvidenceContentType = (value: unknown): value is EvidenceContentType =>
  typeof value === 'string' && (EVIDENCE_CONTENT_TYPES as readonly string[]).includes(value);

/** The extension a downloaded file gets when its recorded name lacks the right one (see downloadFileName). */
export const EXTENSIONS: Record<EvidenceContentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg', '.jpe', '.jfif'],
  'image/png': ['.png'],
  'application/ofd': ['.ofd'],
};

export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** A file name is at most 255 bytes of UTF-8: what ext4, NTFS (in UTF-16 units, fewer) and S3 metadata all hold. */
export const MAX_FILE_NAME_BYTES = 255;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Characters no file name may hold: C0/C1 controls and DEL, path separators, the characters
 * Windows refuses (`: * ? " < > |`, where `name.pdf:x.exe` would be an NTFS alternate stream),
 * and invisible formatting (bidi overrides such as U+202E, which turn `fdp.exe` into something
 * that reads `exe.pdf`, zero-width characters), line and paragraph separators, surrogates and
 * private-use characters.
 */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]|\p{Cf}|\p{Zl}|\p{Zp}|\p{Cs}|\p{Co}/u;

/**
 * A bare file name as the client declared it, in NFC (macOS sends decomposed accents; Chinese
 * text is the same in both forms). Refused: empty, a path (`/`, `\`), `.` and `..` anywhere,
 * the characters above, surrounding spaces, more than 255 bytes of UTF-8.
 */
export function checkFileName(raw: unknown): Checked<string> {
  if (typeof raw !== 'string') return { ok: false, message: 'must be a file name (a string)' };
  if (raw.length === 0) return { ok: false, message: 'must not be empty' };
  const name = raw.normalize('NFC');
  if (/[/\\]/.test(name)) return { ok: false, message: 'must be a bare file name, not a path (no / or \\)' };
  if (name.includes('..')) return { ok: false, message: 'must not contain ".."' };
  const bad = FORBIDDEN.exec(name);
  if (bad) return { ok: false, message: `must not contain the character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (control, invisible formatting or reserved)` };
  if (name.trim() !== name) return { ok: false, message: 'must not begin or end with a space' };
  if (name === '.') return { ok: false, message: 'must be a file name' };
  if (Buffer.byteLength(name, 'utf8') > MAX_FILE_NAME_BYTES) return { ok: false, message: `must be at most ${MAX_FILE_NAME_BYTES} bytes in UTF-8` };
  return { ok: true, value: name };
}

export function checkSize(raw: unknown): Checked<number> {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) return { ok: false, message: 'must be a whole number of bytes' };
  if (raw < MIN_EVIDENCE_BYTES) return { ok: false, message: `must be at least ${MIN_EVIDENCE_BYTES} byte (an empty file is no evidence)` };
  if (raw > MAX_EVIDENCE_BYTES) return { ok: false, message: `must be at most ${MAX_EVIDENCE_BYTES} bytes (20 MiB)` };
  return { ok: true, value: raw };
}

export function checkSha256(raw: unknown): Checked<string> {
  if (typeof raw !== 'string' || !SHA256_HEX.test(raw)) return { ok: false, message: 'must be the SHA-256 of the file as 64 lower-case hex digits' };
  return { ok: true, value: raw };
}

export function checkContentType(raw: unknown): Checked<EvidenceContentType> {
  if (!isEvidenceContentType(raw)) return { ok: false, message: `must be one of ${EVIDENCE_CONTENT_TYPES.join(', ')}` };
  return { ok: true, value: raw };
}

export interface EvidenceDeclaration {
  fileName: string;
  contentType: EvidenceContentType;
  sizeBytes: number;
  sha256: string;
}

/**
 * The declaration, or one `{ path, message }` per bad field (paths as the body names them), so a
 * 400 lists every problem at once.
 */
export function checkDeclaration(body: { fileName?: unknown; contentType?: unknown; sizeBytes?: unknown; sha256?: unknown }):
  | { ok: true; value: EvidenceDeclaration }
  | { ok: false; errors: { path: string; message: string }[] } {
  const fileName = checkFileName(body.fileName);
  const contentType = checkContentType(body.contentType);
  const sizeBytes = checkSize(body.sizeBytes);
  const sha256 = checkSha256(body.sha256);
  const errors = Object.entries({ fileName, contentType, sizeBytes, sha256 }).flatMap(([path, r]) => (r.ok ? [] : [{ path, message: r.message }]));
  if (!fileName.ok || !contentType.ok || !sizeBytes.ok || !sha256.ok) return { ok: false, errors };
  return { ok: true, value: { fileName: fileName.value, contentType: contentType.value, sizeBytes: sizeBytes.value, sha256: sha256.value } };
}

/**
 * The name a download is saved under: the recorded name, with the type's extension added when it
 * has none of them, so a verified PDF recorded as `回单` or `x.exe` is saved as `回单.pdf`, `x.exe.pdf`.
 */
export function downloadFileName(fileName: string, contentType: EvidenceContentType): string {
  const lower = fileName.toLowerCase();
  return EXTENSIONS[contentType].some((ext) => lower.endsWith(ext)) ? fileName : `${fileName}${EXTENSIONS[contentType][0]}`;
}

/** SHA-256 as S3's x-amz-checksum-sha256 wants it: base64 of the 32 bytes. */
export const sha256HexToBase64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');
export const sha256Base64ToHex = (b64: string): string => Buffer.from(b64, 'base64').toString('hex');

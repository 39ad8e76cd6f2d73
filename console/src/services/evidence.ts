/**
 * Evidence files from the browser (API.md, Evidence): the SHA-256 computed here with Web Crypto,
 * the declaration, the bytes PUT straight to the signed URL (XMLHttpRequest, for its upload
 * progress: fetch has none), and the completion that appends the evidence entry. Downloads ask
 * for the short-lived URL as JSON and navigate to it: a fetch cannot carry the token across the
 * redirect to S3.
 */
import { EVIDENCE_CONTENT_TYPES, type EvidenceContentType, type EvidenceKind } from '../../../domain/project/evidence';
import { apiPath, ApiError, type ApiClient } from './api';
import { evidenceDeclarationOut, evidenceLinkOut, ledgerEventOut, type LedgerEventResult } from './schemas';

/** The contract's bound: 20 MiB. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd';

const BY_EXTENSION: Record<string, EvidenceContentType> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', ofd: 'application/ofd' };

/** The declared type: the name's extension first (browsers give OFD no type), else the browser's type. */
export function evidenceTypeOf(file: { name: string; type: string }): EvidenceContentType | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (ext && BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  return (EVIDENCE_CONTENT_TYPES as readonly string[]).includes(file.type) ? (file.type as EvidenceContentType) : null;
}

/** SHA-256 of the file as 64 lower-case hex digits (Web Crypto: a secure context, 127.0.0.1 included). */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A file chosen for upload, with what the declaration says of it. */
export interface ChosenFile {
  file: File;
  contentType: EvidenceContentType;
  sha256: string;
}

/** Why the upload itself failed (not the API): its status, or 0 when the connection broke. */
export class UploadError extends Error {
  override name = 'UploadError';
  constructor(readonly status: number, readonly body: string) {
    super(status ? `upload answered ${status}` : 'upload interrupted');
  }
}

/** PUT the bytes to the signed URL with exactly the signed headers, reporting progress (0…1). */
export function putWithProgress(url: string, headers: Record<string, string>, file: Blob, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? (onProgress(1), resolve()) : reject(new UploadError(xhr.status, xhr.responseText)));
    xhr.onerror = () => reject(new UploadError(0, ''));
    xhr.onabort = () => reject(new UploadError(0, ''));
    xhr.send(file);
  });
}

export type EvidenceStep = 'declaring' | 'uploading' | 'recording';

/**
 * Declare → PUT → complete, for one file documenting one entry. The keys derive from the
 * submission's key and the file's hash: a retry of the same submission with the same file replays
 * each step (nothing twice); another file is another declaration.
 */
export async function attachEvidence(
  api: ApiClient,
  projectId: string,
  refersTo: string,
  chosen: ChosenFile,
  kind: EvidenceKind,
  submissionKey: string,
  onStep: (step: EvidenceStep, progress: number) => void,
  supersedes?: string,
): Promise<LedgerEventResult> {
  const key = `${submissionKey}:ev:${chosen.sha256.slice(0, 16)}`;
  onStep('declaring', 0);
  const ticket = await api.post(
    apiPath`/projects/${projectId}/evidence`,
    { refersTo, kind, fileName: chosen.file.name, contentType: chosen.contentType, sizeBytes: chosen.file.size, sha256: chosen.sha256, ...(supersedes ? { supersedes } : {}) },
    { schema: evidenceDeclarationOut, idempotencyKey: `${key}:declare` },
  );
  onStep('uploading', 0);
  await putWithProgress(ticket.uploadUrl, ticket.uploadHeaders, chosen.file, (f) => onStep('uploading', f));
  onStep('recording', 1);
  return api.post(apiPath`/projects/${projectId}/evidence/${ticket.evidenceId}/complete`, {}, { schema: ledgerEventOut, idempotencyKey: `${key}:complete` });
}

/** A recorded file's download: the short-lived URL, navigated to (it answers as an attachment). */
export async function downloadEvidence(api: ApiClient, projectId: string, evidenceId: string): Promise<void> {
  const link = await api.get(apiPath`/projects/${projectId}/evidence/${evidenceId}`, evidenceLinkOut, { query: { redirect: 'false' } });
  window.location.assign(link.url);
}

/**
 * A recorded PDF or image shown by the browser in a tab of its own (the URL answers inline). The
 * tab is opened at the click, before the URL is asked for, so no popup blocker stops it; it is cut
 * from the console (no opener) and closed again when the URL cannot be had. The console's CSP has
 * no frames, so a tab rather than a preview inside the page.
 */
export async function viewEvidence(api: ApiClient, projectId: string, evidenceId: string): Promise<void> {
  const tab = window.open('about:blank', '_blank');
  if (tab) tab.opener = null;
  try {
    const link = await api.get(apiPath`/projects/${projectId}/evidence/${evidenceId}`, evidenceLinkOut, { query: { redirect: 'false', disposition: 'inline' } });
    if (tab) tab.location.replace(link.url);
    else window.open(link.url, '_blank', 'noopener');
  } catch (err) {
    tab?.close();
    throw err;
  }
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

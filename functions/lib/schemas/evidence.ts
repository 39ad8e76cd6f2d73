import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { EVIDENCE_CONTENT_TYPES, EVIDENCE_DISPOSITIONS, EVIDENCE_KINDS } from '../../../domain/project/evidence';
import { entryId, id, timestamp } from './common';
import { actorOut } from './projects';

/** 20 MiB: the contract's bound on one file. */
const MAX_BYTES = 20 * 1024 * 1024;

export const evidenceKind = lazySchema(() => meta(z.enum(EVIDENCE_KINDS), { id: 'EvidenceKind', description: 'payment-receipt (银行回单), match-document (配套资金文件), transfer-voucher (划转凭证), acceptance-report (验收报告), other' }));
export const evidenceContentType = lazySchema(() => meta(z.enum(EVIDENCE_CONTENT_TYPES), { id: 'EvidenceContentType', description: 'Exactly one of these, without parameters' }));

/** POST /projects/{projectId}/evidence: the file about to be uploaded (functions/lib/evidence/declaration.ts checks the name further). */
export const evidenceDeclarationSchema = lazySchema(() =>
  meta(
    z.strictObject({
      refersTo: meta(real(entryId), { description: 'The entry this file documents (not itself evidence)' }),
      kind: real(evidenceKind),
      fileName: meta(z.string().check(z.maxLength(1000)), { description: 'A bare file name: no path, no control or invisible formatting characters, none of : * ? " < > |, no surrounding spaces, at most 255 bytes of UTF-8; stored in NFC' }),
      contentType: real(evidenceContentType),
      sizeBytes: meta(z.int().check(z.minimum(1), z.maximum(MAX_BYTES)), { description: 'The file’s size in bytes, 1 … 20 MiB (20,971,520)' }),
      sha256: meta(z.string().check(z.regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the file as 64 lower-case hex digits')), { description: 'SHA-256 of the file, 64 lower-case hex digits' }),
      supersedes: meta(z.optional(z.nullable(id())), { description: 'The evidenceId of recorded evidence of the same entry that this file replaces (nothing is deleted)' }),
    }),
    { id: 'EvidenceDeclaration' },
  ),
);

export const evidenceDeclarationOut = lazySchema(() =>
  meta(
    z.strictObject({
      evidenceId: z.string(),
      uploadUrl: meta(z.string(), { description: 'PUT the file’s bytes here (S3 presigned on AWS; the local server locally), valid 15 minutes' }),
      uploadHeaders: meta(z.record(z.string(), z.string()), { description: 'Send exactly these headers with the PUT (Content-Type, x-amz-checksum-sha256)' }),
      expiresAt: real(timestamp),
    }),
    { id: 'EvidenceUploadTicket' },
  ),
);

export const evidenceParams = lazySchema(() => z.strictObject({ projectId: id(), evidenceId: id() }));

export const evidenceDownloadQuery = lazySchema(() =>
  z.strictObject({
    redirect: meta(z.optional(z.enum(['true', 'false'])), { description: 'false: 200 with the download URL as JSON instead of the 303 (a browser that must send a token cannot follow a redirect across origins)' }),
    disposition: meta(z.optional(z.enum(EVIDENCE_DISPOSITIONS)), { description: 'attachment (default): the URL saves the file; inline: the browser shows it (a PDF or an image opened in a tab). The same recorded bytes either way' }),
  }),
);
export const evidenceLinkOut = lazySchema(() =>
  meta(
    z.strictObject({
      url: meta(z.string(), { description: 'Short-lived URL (5 minutes) of the recorded bytes, as an attachment or inline (`disposition`)' }),
      expiresAt: real(timestamp),
      fileName: meta(z.string(), { description: 'The name the file downloads under' }),
      contentType: real(evidenceContentType),
      sizeBytes: z.int(),
      sha256: z.string(),
    }),
    { id: 'EvidenceLink' },
  ),
);

/** An entry's evidence as the history page shows it beside the entry. */
export const evidenceRefOut = lazySchema(() =>
  meta(
    z.strictObject({
      entryId: meta(z.string(), { description: 'The evidence entry' }),
      evidenceId: z.string(),
      kind: real(evidenceKind),
      fileName: z.string(),
      contentType: real(evidenceContentType),
      sizeBytes: z.int(),
      sha256: z.string(),
      recordedAt: real(timestamp),
      actor: real(actorOut),
      supersedes: z.nullable(z.string()),
      replaced: meta(z.boolean(), { description: 'A later file of the same entry supersedes this one' }),
    }),
    { id: 'EvidenceRef' },
  ),
);

export const verifyEvidenceProblemOut = lazySchema(() =>
  meta(
    z.strictObject({
      entryId: meta(z.string(), { description: 'The evidence entry' }),
      evidenceId: z.string(),
      fileName: z.string(),
      problem: z.enum(['missing', 'changed']),
      detail: z.string(),
    }),
    { id: 'EvidenceFileProblem', description: 'A recorded evidence file that is missing or no longer has the SHA-256 its entry recorded' },
  ),
);

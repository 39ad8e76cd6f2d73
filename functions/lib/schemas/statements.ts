import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { MAX_STATEMENT_BYTES } from '../statements/columns';
import { STATEMENT_UPLOAD_TYPES } from '../reconciliation/settings';
import { businessDate, cursor, dateOut, entryId, fen, id, timestamp } from './common';
import { actorOut } from './projects';

/** A statement's id: the SHA-256 of its file, 64 lower-case hex digits. */
export const statementId = lazySchema(() => meta(z.string().check(z.regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the statement file: 64 lower-case hex digits')), { description: 'SHA-256 of the statement file' }));
export const statementParams = lazySchema(() => z.strictObject({ statementId: real(statementId) }));
export const lineParams = lazySchema(() =>
  z.strictObject({ statementId: real(statementId), lineNo: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)) }),
);

export const dryRunQuery = lazySchema(() =>
  z.strictObject({ dryRun: z.optional(meta(z.enum(['true', 'false']), { description: 'true: match and answer, store nothing' })) }),
);

const reason = () => z.string().check(z.maxLength(500));
export const manualMatchSchema = lazySchema(() =>
  meta(
    z.strictObject({ lineNo: z.int().check(z.minimum(1)), entryId: real(entryId), reason: reason() }),
    { id: 'ManualMatch', description: 'This line is that transfer or payment: by the uploader’s role, another person (four-eyes), with a reason' },
  ),
);
export const undoSchema = lazySchema(() => meta(z.strictObject({ reason: reason() }), { id: 'MatchUndo', description: 'Why the line’s match is undone' }));

export const statementUploadSchema = lazySchema(() =>
  meta(
    z.strictObject({
      contentType: z.enum(STATEMENT_UPLOAD_TYPES),
      sizeBytes: z.int().check(z.minimum(1), z.maximum(MAX_STATEMENT_BYTES)),
      sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the file as 64 lower-case hex digits')),
    }),
    { id: 'StatementUpload', description: 'A statement file declared before it is uploaded (files too large for a request body)' },
  ),
);

const matchOut = () => z.nullable(z.strictObject({ entryId: z.string(), projectId: z.string(), how: z.enum(['voucher', 'payee-date', 'manual']) }));
const unmatchedOut = () =>
  meta(
    z.nullable(
      z.strictObject({
        reason: z.enum(['none', 'ambiguous', 'taken', 'duplicate', 'undone']),
        candidates: z.array(z.string()),
        duplicateOf: z.nullable(z.strictObject({ statementId: z.string(), lineNo: z.int() })),
      }),
    ),
    { description: 'Why the line is matched to nothing (null when it is matched): what the rule found at upload, or `undone`' },
  );

export const statementLineOut = lazySchema(() =>
  meta(
    z.strictObject({
      lineNo: z.int(),
      date: real(dateOut),
      amountFen: real(fen),
      payeeName: z.string(),
      payeeCreditCode: z.nullable(z.string()),
      voucherNo: z.nullable(z.string()),
      memo: z.nullable(z.string()),
      match: matchOut(),
      unmatched: unmatchedOut(),
    }),
    { id: 'StatementLine' },
  ),
);

export const movementOut = lazySchema(() =>
  meta(
    z.strictObject({ entryId: z.string(), projectId: z.string(), type: z.enum(['transfer', 'disbursement']), amountFen: real(fen), valueDate: real(dateOut), reference: z.nullable(z.string()) }),
    { id: 'LedgerMovement', description: 'A transfer or payment as reconciliation sees it' },
  ),
);

const statementSummary = () => ({
  statementId: z.string(),
  account: meta(z.string(), { description: '`province` or `zone:<zoneId>`: whose account the statement covers' }),
  zoneId: z.nullable(z.string()),
  status: meta(z.enum(['processing', 'draft', 'complete', 'failed']), { description: 'draft: a dry run of an uploaded file (kept two days, claims nothing); complete: stored' }),
  uploadedBy: real(actorOut),
  uploadedAt: real(timestamp),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.nullable(z.enum(['utf-8', 'gbk'])),
  fileName: z.nullable(z.string()),
  linesTotal: z.int(),
  linesDone: meta(z.int(), { description: 'Lines looked up so far; linesTotal once done' }),
  firstDate: z.nullable(real(dateOut)),
  lastDate: z.nullable(real(dateOut)),
  matched: z.int(),
  statementOnly: z.int(),
  failure: z.nullable(z.string()),
});

/** POST /statements: the contract's five members, and what this implementation adds. */
export const statementResultOut = lazySchema(() =>
  meta(
    z.strictObject({
      statementId: z.string(),
      dryRun: z.boolean(),
      status: z.enum(['processing', 'draft', 'complete', 'failed']),
      account: z.string(),
      format: z.enum(['csv', 'xlsx']),
      encoding: z.nullable(z.enum(['utf-8', 'gbk'])),
      lines: z.array(real(statementLineOut)),
      matched: z.int(),
      statementOnly: z.int(),
      ledgerOnly: z.array(real(movementOut)),
    }),
    { id: 'StatementResult' },
  ),
);

export const statementCompleteSchema = lazySchema(() =>
  meta(z.strictObject({ fileName: z.optional(z.string().check(z.maxLength(1000))) }), { id: 'StatementComplete', description: 'The file’s name as the person chose it (shown beside the statement); optional' }),
);

export const statementUploadOut = lazySchema(() =>
  meta(
    z.strictObject({
      statementId: z.string(),
      status: z.enum(['awaiting-upload', 'processing', 'draft', 'complete', 'failed']),
      uploadUrl: z.nullable(z.string()),
      uploadHeaders: z.nullable(z.record(z.string(), z.string())),
      expiresAt: z.nullable(real(timestamp)),
    }),
    { id: 'StatementUploadTicket' },
  ),
);

export const statementProgressOut = lazySchema(() => meta(z.strictObject(statementSummary()), { id: 'StatementProgress' }));

const eventOut = () =>
  z.strictObject({
    kind: z.enum(['match', 'undo']),
    lineNo: z.int(),
    entryId: z.string(),
    projectId: z.string(),
    how: z.optional(z.enum(['voucher', 'payee-date', 'manual'])),
    reason: z.nullable(z.string()),
    by: z.nullable(real(actorOut)),
    at: real(timestamp),
  });

export const statementOut = lazySchema(() =>
  meta(
    z.strictObject({
      ...statementSummary(),
      lines: z.array(real(statementLineOut)),
      nextCursor: z.nullable(z.string()),
      ledgerOnly: meta(z.array(real(movementOut)), { description: 'The account’s transfers and payments dated in the statement’s period that no line is matched to, now' }),
      events: meta(z.array(eventOut()), { description: 'Every manual match and undo, in order, with who, when and why' }),
    }),
    { id: 'Statement' },
  ),
);
export const statementGetQuery = lazySchema(() => z.strictObject({ cursor: real(cursor), limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10_000)), 10_000) }));

export const statementListQuery = lazySchema(() => z.strictObject({ zoneId: z.optional(id()), cursor: real(cursor), limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 100) }));
export const statementListOut = lazySchema(() => meta(z.strictObject({ statements: z.array(z.strictObject(statementSummary())), nextCursor: z.nullable(z.string()) }), { id: 'StatementList' }));

export const matchAnswerOut = lazySchema(() =>
  meta(z.strictObject({ statementId: z.string(), line: real(statementLineOut), event: eventOut() }), { id: 'MatchAnswer' }),
);

export const reconciliationQuery = lazySchema(() =>
  z.strictObject({ zoneId: z.optional(id()), projectId: z.optional(id()), from: z.optional(real(businessDate)), to: z.optional(real(businessDate)) }),
);
export const reconciliationOut = lazySchema(() =>
  meta(
    z.strictObject({
      from: real(dateOut),
      to: real(dateOut),
      entries: z.array(
        z.strictObject({
          entryId: z.string(), projectId: z.string(), type: z.enum(['transfer', 'disbursement']), amountFen: real(fen), valueDate: real(dateOut),
          reference: z.nullable(z.string()), account: z.string(), zoneId: z.string(),
          reconciled: z.boolean(),
          statementLines: z.array(z.strictObject({ statementId: z.string(), lineNo: z.int(), how: z.enum(['voucher', 'payee-date', 'manual']) })),
        }),
      ),
      statementOnly: z.array(z.strictObject({ ...real(statementLineOut).shape, statementId: z.string(), account: z.string() })),
    }),
    { id: 'Reconciliation' },
  ),
);

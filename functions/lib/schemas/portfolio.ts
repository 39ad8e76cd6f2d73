import * as z from 'zod';
import { lazySchema, real } from './lazy';
import { businessDate, cursor, dateOut, fen, id, limit, positiveFen, text, timestamp } from './common';
import { problemOut } from './problem';

export const DOCUMENT_NO = /^[^\u0000-\u001f/\\?#%]{1,100}$/u;
export const documentNo = lazySchema(() =>
  z.string().trim().min(1).max(100).regex(DOCUMENT_NO, 'a document number without / \\ ? # % or control characters')
    .meta({ description: 'The plan document number, e.g. 苏财教〔2025〕12号' }),
);

// --- portfolio -------------------------------------------------------------------------------

export const portfolioQuery = lazySchema(() =>
  z.strictObject({
    groupBy: z.enum(['program', 'zone', 'cluster', 'city']),
    programCode: id().optional(),
    zoneId: id().optional(),
    city: text(100).optional(),
  }),
);

const byStatus = lazySchema(() => z.strictObject({ active: z.int(), 'on-hold': z.int(), 'closed-accepted': z.int(), 'closed-failed': z.int(), terminated: z.int() }));
const provinceFigures = lazySchema(() =>
  z.strictObject({
    grantFen: real(fen), allocatedFen: real(fen), confirmedFen: real(fen), transferredFen: real(fen), heldAtZoneFen: real(fen), paidFen: real(fen), recoveredFen: real(fen), decommittedFen: real(fen),
  }),
);
const zoneFigures = lazySchema(() => z.strictObject({ grantFen: real(fen), allocatedFen: real(fen), confirmedFen: real(fen), paidFen: real(fen), recoveredFen: real(fen), decommittedFen: real(fen) }));
const figures = () => ({
  projects: z.int(),
  byStatus: real(byStatus),
  province: real(provinceFigures),
  zone: real(zoneFigures),
  paidShare: z.strictObject({ numerator: real(fen), denominator: real(fen) }).meta({ description: 'Paid to the owners (net of recoveries) ÷ granted, both funders, as an integer pair' }),
  laggingCount: z.int().meta({ description: 'Projects with an open disbursement-lag alert' }),
  heldCount: z.int().meta({ description: 'Projects with an open funds-held-at-zone alert' }),
});
export const portfolioRowOut = lazySchema(() =>
  z.strictObject({
    group: z.string(),
    attributes: z.strictObject({ programCode: z.string().optional(), zoneId: z.string().optional(), city: z.string().optional() }),
    ...figures(),
  }).meta({ id: 'PortfolioRow' }),
);
export const portfolioOut = lazySchema(() =>
  z.strictObject({
    groupBy: z.enum(['program', 'zone', 'cluster', 'city']),
    rows: z.array(real(portfolioRowOut)),
    totals: z.strictObject(figures()),
  }).meta({ id: 'Portfolio', description: 'Every figure equals the sum over the group’s projects' }),
);

// --- plan documents --------------------------------------------------------------------------

export const allocationDocumentSchema = lazySchema(() =>
  z
    .strictObject({
      documentNo: real(documentNo),
      issuedOn: real(businessDate),
      lines: z.array(z.strictObject({ projectId: id(), amountFen: real(positiveFen) })).min(1).max(500),
    })
    .meta({ id: 'AllocationDocument', description: 'One provincial plan document (计划下达文件) funding many projects; documentNo is the idempotency key of the whole' }),
);

const lineOutcome = lazySchema(() =>
  z.strictObject({
    line: z.int().min(1),
    projectId: z.string(),
    amountFen: real(fen),
    status: z.int().meta({ description: '201: posted as an allocation; 4xx/503: refused with `problem`' }),
    entryId: z.string().nullable(),
    problem: real(problemOut).nullable(),
  }),
);
const documentSummary = () => ({
  documentNo: z.string(),
  issuedOn: real(dateOut),
  status: z.enum(['complete', 'in-progress']).meta({ description: 'in-progress: a line met a busy database; sending the document again finishes it' }),
  createdBy: z.string(),
  createdAt: real(timestamp),
  completedAt: real(timestamp).nullable(),
  totals: z.strictObject({ lines: z.int(), posted: z.int(), refused: z.int(), postedFen: real(fen), refusedFen: real(fen) }),
});
export const allocationDocumentOut = lazySchema(() => z.strictObject({ ...documentSummary(), lines: z.array(real(lineOutcome)) }).meta({ id: 'AllocationDocumentResult' }));
export const allocationDocumentListOut = lazySchema(() => z.strictObject({ documents: z.array(z.strictObject(documentSummary())), nextCursor: z.string().nullable() }).meta({ id: 'AllocationDocumentList' }));
export const documentListQuery = lazySchema(() => z.strictObject({ cursor: real(cursor), limit: real(limit) }));

// --- digests ---------------------------------------------------------------------------------

export const DIGEST_ID = /^\d{4}-\d{2}-\d{2}(\.[1-9]\d{0,5})?$/;
export const digestIdParam = lazySchema(() => z.string().max(20).regex(DIGEST_ID, 'a date YYYY-MM-DD or a digest id YYYY-MM-DD.n'));

export const digestOut = lazySchema(() =>
  z
    .strictObject({
      digestId: z.string(),
      date: real(dateOut),
      n: z.int().min(1),
      createdAt: real(timestamp),
      trigger: z.enum(['sweep', 'on-demand']),
      algorithm: z.string(),
      projects: z.int(),
      root: z.string().meta({ description: 'Merkle root, lower-case hex SHA-256' }),
      dayDigests: z.array(z.string()).meta({ description: 'Every digest id of that day, in order' }),
    })
    .meta({ id: 'Digest' }),
);

export const inclusionOut = lazySchema(() =>
  z
    .strictObject({
      digestId: z.string(),
      root: z.string(),
      treeSize: z.int(),
      included: z.boolean().meta({ description: 'false: the project was registered after this digest' }),
      leafIndex: z.int().optional(),
      leaf: z.strictObject({ projectId: z.string(), entries: z.int(), headHash: z.string() }).optional(),
      proof: z.array(z.string()).optional().meta({ description: 'Audit path (RFC 6962 §2.1.1), bottom-up, hex' }),
      chainMatches: z.boolean().optional().meta({ description: 'The project’s entry number `entries` today still has the hash the digest recorded' }),
    })
    .meta({ id: 'InclusionProof' }),
);

// --- Excel import ----------------------------------------------------------------------------

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const importReportOut = lazySchema(() =>
  z
    .strictObject({
      registered: z.int(),
      failed: z.int(),
      rows: z.array(z.strictObject({
        sheet: z.string(),
        row: z.int().meta({ description: 'The worksheet row number (1 = the header)' }),
        projectId: z.string().nullable(),
        status: z.enum(['registered', 'failed']),
        entryId: z.string().nullable(),
        errors: z.array(z.strictObject({ field: z.string(), message: z.string().meta({ description: 'In Chinese' }) })),
      })),
    })
    .meta({ id: 'ImportReport', description: 'Per row of 项目登记: rows that fail change nothing, rows that pass are registered' }),
);

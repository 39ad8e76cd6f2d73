import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { EARLIEST_DATE, LATEST_DATE, businessDate, cursor, dateOut, fen, id, indicatorNo, limit, positiveFen, text, timestamp, cityName } from './common';
import { problemOut } from './problem';

export const DOCUMENT_NO = /^[^\u0000-\u001f/\\?#%]{1,100}$/u;
export const documentNo = lazySchema(() =>
  meta(
    z.string().check(z.trim(), z.minLength(1), z.maxLength(100), z.regex(DOCUMENT_NO, 'a document number without / \\ ? # % or control characters')),
    { description: 'The plan document number, e.g. 苏财教〔2025〕12号' },
  ),
);

// --- portfolio -------------------------------------------------------------------------------

export const portfolioQuery = lazySchema(() =>
  z.strictObject({
    groupBy: z.enum(['program', 'zone', 'cluster', 'city']),
    programCode: z.optional(id()),
    zoneId: z.optional(id()),
    city: z.optional(cityName()),
  }),
);

const byStatus = lazySchema(() => z.strictObject({ active: z.int(), 'on-hold': z.int(), 'closed-accepted': z.int(), 'closed-failed': z.int(), terminated: z.int() }));
const provinceFigures = lazySchema(() =>
  z.strictObject({
    grantFen: real(fen), allocatedFen: real(fen), confirmedFen: real(fen), transferredFen: real(fen), heldAtZoneFen: real(fen), paidFen: real(fen), recoveredFen: real(fen), decommittedFen: real(fen),
  }),
);
const zoneFigures = lazySchema(() => z.strictObject({ grantFen: real(fen), allocatedFen: real(fen), confirmedFen: real(fen), paidFen: real(fen), recoveredFen: real(fen), decommittedFen: real(fen) }));
const counts = () => ({
  projects: z.int(),
  byStatus: real(byStatus),
  laggingCount: meta(z.int(), { description: 'Projects with an open disbursement-lag alert' }),
  heldCount: meta(z.int(), { description: 'Projects with an open funds-held-at-zone alert' }),
});
export const fundedFiguresOut = lazySchema(() =>
  meta(
    z.strictObject({
      funderNames: meta(z.strictObject({ province: z.string(), zone: z.string() }), { description: 'The funding bodies, as their programs name them (省级 / 高新区; Nanjing: 市级 / 园区)' }),
      ...counts(),
      province: real(provinceFigures),
      zone: real(zoneFigures),
      paidShare: meta(z.strictObject({ numerator: real(fen), denominator: real(fen) }), { description: 'Paid to the owners (net of recoveries) ÷ granted, both funders of this pair, as an integer pair' }),
    }),
    {
      id: 'FundedFigures',
      description: 'The money of the projects whose programs name these two funding bodies: never added to another pair’s (programs naming the same bodies add up)',
    },
  ),
);
const figures = () => ({
  ...counts(),
  funders: meta(z.array(real(fundedFiguresOut)), { description: 'One entry per pair of funding bodies with projects in the group: 省级 / 高新区 first, then the others by name' }),
});
export const portfolioRowOut = lazySchema(() =>
  meta(
    z.strictObject({
    group: z.string(),
    attributes: z.strictObject({ programCode: z.optional(z.string()), zoneId: z.optional(z.string()), city: z.optional(z.string()) }),
    ...figures(),
  }),
    { id: 'PortfolioRow' },
  ),
);
export const portfolioOut = lazySchema(() =>
  meta(
    z.strictObject({
    groupBy: z.enum(['program', 'zone', 'cluster', 'city']),
    rows: z.array(real(portfolioRowOut)),
    totals: z.strictObject(figures()),
  }),
    { id: 'Portfolio', description: 'Every figure equals the sum over the group’s projects (the money of a funding pair: over its projects)' },
  ),
);

// --- plan documents --------------------------------------------------------------------------

export const allocationDocumentSchema = lazySchema(() =>
  meta(
    z.strictObject({
      documentNo: real(documentNo),
      issuedOn: real(businessDate),
      indicatorNo: meta(z.optional(real(indicatorNo)), { description: 'The budget indicator every line draws on; required when the lines’ programs are under budgetControl' }),
      lines: z.array(z.strictObject({ projectId: id(), amountFen: real(positiveFen) })).check(z.minLength(1), z.maxLength(500)),
    }),
    { id: 'AllocationDocument', description: 'One provincial plan document (计划下达文件) funding many projects; documentNo is the idempotency key of the whole' },
  ),
);

const lineOutcome = lazySchema(() =>
  z.strictObject({
    line: z.int().check(z.minimum(1)),
    projectId: z.string(),
    amountFen: real(fen),
    status: meta(z.int(), { description: '201: posted as an allocation; 4xx/503: refused with `problem`' }),
    entryId: z.nullable(z.string()),
    problem: z.nullable(real(problemOut)),
  }),
);
const documentSummary = () => ({
  documentNo: z.string(),
  issuedOn: real(dateOut),
  indicatorNo: meta(z.optional(z.string()), { description: 'The budget indicator its lines draw on' }),
  status: meta(z.enum(['complete', 'in-progress']), { description: 'in-progress: a line met a busy database; sending the document again finishes it' }),
  createdBy: z.string(),
  createdAt: real(timestamp),
  completedAt: z.nullable(real(timestamp)),
  totals: z.strictObject({ lines: z.int(), posted: z.int(), refused: z.int(), postedFen: real(fen), refusedFen: real(fen) }),
});
export const allocationDocumentOut = lazySchema(() => meta(z.strictObject({ ...documentSummary(), lines: z.array(real(lineOutcome)) }), { id: 'AllocationDocumentResult' }));
export const allocationDocumentListOut = lazySchema(() => meta(z.strictObject({ documents: z.array(z.strictObject(documentSummary())), nextCursor: z.nullable(z.string()) }), { id: 'AllocationDocumentList' }));
export const documentListQuery = lazySchema(() => z.strictObject({ cursor: real(cursor), limit: real(limit) }));

// --- digests ---------------------------------------------------------------------------------

export const DIGEST_ID = /^\d{4}-\d{2}-\d{2}(\.[1-9]\d{0,5})?$/;
/**
 * A digest by day (`YYYY-MM-DD`: the latest of that day) or by id (`YYYY-MM-DD.n`), in a path or a
 * query. Its day is held to the same rules as every date the API takes (a real calendar date in
 * the ledger's range): 2026-02-30 is a 400 here as it is in `?asOf=`, not a 404 "No digest".
 */
export const digestRef = lazySchema(() =>
  meta(
    z.string().check(
      z.maxLength(20),
      z.regex(DIGEST_ID, 'a date YYYY-MM-DD or a digest id YYYY-MM-DD.n'),
      z.refine((s) => !DIGEST_ID.test(s) || real(businessDate).safeParse(s.slice(0, 10)).success, { message: `its date must be a real calendar date YYYY-MM-DD between ${EARLIEST_DATE} and ${LATEST_DATE}` }),
    ),
    { description: 'A digest date YYYY-MM-DD (the latest digest of that day) or a digest id YYYY-MM-DD.n' },
  ),
);
export const digestIdParam = digestRef;

export const digestOut = lazySchema(() =>
  meta(
    z.strictObject({
      digestId: z.string(),
      date: real(dateOut),
      n: z.int().check(z.minimum(1)),
      createdAt: real(timestamp),
      trigger: z.enum(['sweep', 'on-demand']),
      algorithm: z.string(),
      projects: z.int(),
      root: meta(z.string(), { description: 'Merkle root, lower-case hex SHA-256' }),
      dayDigests: meta(z.array(z.string()), { description: 'Every digest id of that day, in order' }),
    }),
    { id: 'Digest' },
  ),
);

export const inclusionOut = lazySchema(() =>
  meta(
    z.strictObject({
      digestId: z.string(),
      root: z.string(),
      treeSize: z.int(),
      included: meta(z.boolean(), { description: 'false: the project was registered after this digest' }),
      leafIndex: z.optional(z.int()),
      leaf: z.optional(z.strictObject({ projectId: z.string(), entries: z.int(), headHash: z.string() })),
      proof: meta(z.optional(z.array(z.string())), { description: 'Audit path (RFC 6962 §2.1.1), bottom-up, hex' }),
      chainMatches: meta(z.optional(z.boolean()), { description: 'The project’s entry number `entries` today still has the hash the digest recorded' }),
    }),
    { id: 'InclusionProof' },
  ),
);

// --- Excel import ----------------------------------------------------------------------------

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const importReportOut = lazySchema(() =>
  meta(
    z.strictObject({
      registered: z.int(),
      failed: z.int(),
      rows: z.array(z.strictObject({
        sheet: z.string(),
        row: meta(z.int(), { description: 'The worksheet row number (1 = the header)' }),
        projectId: z.nullable(z.string()),
        status: z.enum(['registered', 'failed']),
        entryId: z.nullable(z.string()),
        errors: z.array(z.strictObject({ field: z.string(), message: meta(z.string(), { description: 'In Chinese' }) })),
      })),
    }),
    { id: 'ImportReport', description: 'Per row of 项目登记: rows that fail change nothing, rows that pass are registered' },
  ),
);

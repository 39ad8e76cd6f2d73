import * as z from 'zod/mini';
import type { RouteSpec } from '../lib/http/route-spec';
import * as s from '../lib/schemas';
import { lazySchema, real } from '../lib/schemas/lazy';

/**
 * The HTTP contract, route by route (API.md). Handlers are typed and validated by it, and
 * /openapi.json is generated from it, so a response that drifts from its schema fails a test.
 */
const projectParams = lazySchema(() => z.strictObject({ projectId: s.id() }));
const proposalParams = lazySchema(() => z.strictObject({ projectId: s.id(), entryId: real(s.entryId) }));
const clusterParams = lazySchema(() => z.strictObject({ clusterId: s.id() }));

const RETRY = { 'Retry-After': 'Seconds to wait before retrying' };
const XLSX_TYPE = s.XLSX;
const created = (description: string, schema: z.ZodMiniType) => ({ 201: { description, schema, headers: { Location: 'Where the new entry can be read' } } });
const replayable = { 'Idempotent-Replayed': 'true when this is the remembered answer to an earlier request with the same Idempotency-Key' };

/** Every route that writes a ledger entry: 201, a remembered 422, 409 on key reuse, 503 when storage is busy. */
const ledgerEvent = (summary: string, body: z.ZodMiniType, tags: string[], description?: string, bodyOptional = false): RouteSpec => ({
  summary,
  ...(description ? { description } : {}),
  tags,
  params: projectParams,
  body,
  bodyOptional,
  idempotencyKey: 'required',
  responses: {
    201: { description: 'The entry and the project after it', schema: s.ledgerEventOut, headers: { Location: 'The project history', ...replayable } },
    409: { description: 'Idempotency-Key reused with a different request (rule idempotency-key-reuse), or the event happens once' },
    422: { description: 'A funding rule would be broken: `rule` and, where a limit is involved, limitFen / usedFen / attemptedFen', headers: replayable },
    503: { description: 'Storage busy or unavailable past retries; nothing was written', headers: RETRY },
  },
});
const approval = (summary: string, tags: string[], description: string): RouteSpec => ({
  ...ledgerEvent(summary, s.approvalSchema, tags, description, true),
  params: proposalParams,
});

export const spec: Record<string, RouteSpec> = {
  'GET /health': { summary: 'Liveness', tags: ['Meta'], responses: { 200: { description: 'The service answers', schema: s.healthOut } } },
  'GET /openapi.json': {
    summary: 'This API as OpenAPI 3.1',
    tags: ['Meta'],
    responses: { 200: { description: 'The OpenAPI document', schema: lazySchema(() => z.record(z.string(), z.unknown())) } },
  },

  // --- catalog -------------------------------------------------------------------------------
  'POST /programs': {
    summary: 'Create or replace a program (rule set)',
    description: 'Admin. A program is immutable once a project uses it (409).',
    tags: ['Catalog'],
    body: s.programSchema,
    responses: { 200: { description: 'Replaced (no project used it)', schema: s.programOut }, 201: { description: 'Created', schema: s.programOut }, 409: { description: 'The program is used by registered projects' } },
  },
  'GET /programs': { summary: 'List programs', tags: ['Catalog'], responses: { 200: { description: 'All programs', schema: s.programListOut } } },
  'GET /programs/{code}': {
    summary: 'Read a program',
    tags: ['Catalog'],
    params: lazySchema(() => z.strictObject({ code: s.id() })),
    responses: { 200: { description: 'The program with its rule digest and project count', schema: s.storedProgramOut } },
  },
  'POST /zones': {
    summary: 'Create a high-tech zone',
    description: 'Admin.',
    tags: ['Catalog'],
    body: s.zoneSchema,
    responses: { 201: { description: 'Created', schema: s.zoneSchema }, 409: { description: 'The zone exists' } },
  },
  'GET /zones': { summary: 'List zones', tags: ['Catalog'], responses: { 200: { description: 'All zones', schema: s.zoneListOut } } },
  'POST /clusters': {
    summary: 'Create a cluster',
    description: 'Admin. The program’s clustersPerZone quota counts the zone’s open clusters (422 cluster-quota).',
    tags: ['Catalog'],
    body: s.clusterSchema,
    responses: { 201: { description: 'Created', schema: s.clusterOut }, 409: { description: 'The cluster exists' }, 422: { description: 'The zone’s cluster quota is full (cluster-quota)' } },
  },
  'GET /clusters': {
    summary: 'List clusters',
    tags: ['Catalog'],
    query: s.clusterListQuery,
    responses: { 200: { description: 'Clusters with their usage', schema: s.clusterListOut } },
  },
  'GET /clusters/{clusterId}': {
    summary: 'Read a cluster and its usage',
    description: 'Readable by every role: per funder allocated against the cluster caps, project count against the quota.',
    tags: ['Catalog'],
    params: clusterParams,
    responses: { 200: { description: 'The cluster', schema: s.clusterOut } },
  },
  'POST /clusters/{clusterId}/close': {
    summary: 'Close a cluster’s cycle',
    description: 'Admin. No new projects join it, and its place in the zone’s cluster quota is freed (Nanjing: one cluster per park per cycle).',
    tags: ['Catalog'],
    params: clusterParams,
    body: s.clusterCloseSchema,
    responses: { 200: { description: 'Closed', schema: s.clusterOut }, 409: { description: 'Already closed' } },
  },

  // --- projects ------------------------------------------------------------------------------
  'POST /projects': {
    summary: 'Register a project contract',
    description: 'Finance officer. Entry 1 of the project’s ledger; Idempotency-Key honoured when sent.',
    tags: ['Projects'],
    body: s.registrationSchema,
    idempotencyKey: 'optional',
    responses: {
      ...created('The registration entry and the project', s.ledgerEventOut),
      409: { description: 'The project id is registered, or Idempotency-Key reused with a different request' },
      422: { description: 'The contract breaks the program', headers: replayable },
      503: { description: 'Storage busy; nothing was written', headers: RETRY },
    },
  },
  'GET /projects': {
    summary: 'List projects',
    description: 'Every filter is a key condition on an index. Zone committees see their zone, city bureaus their city.',
    tags: ['Projects'],
    query: s.projectListQuery,
    responses: { 200: { description: 'A page of project summaries', schema: s.projectListOut } },
  },
  'GET /projects/{projectId}': {
    summary: 'Read a project',
    description: 'Balances per funder, limits with headroom (and exceptions), schedule status, open alerts, lifecycle. asOf: everything as of the end of that day (by value date).',
    tags: ['Projects'],
    params: projectParams,
    query: s.projectGetQuery,
    responses: { 200: { description: 'The project', schema: s.projectView } },
  },

  // --- ledger events -------------------------------------------------------------------------
  'POST /projects/{projectId}/allocations': ledgerEvent('Allocate province money', s.allocationSchema, ['Ledger'], 'Finance officer. Pending a zone match inside the zone under a match rule; checked against every cap (pending counts) and the contract grant.'),
  'POST /projects/{projectId}/match-confirmations': ledgerEvent('Confirm matching zone money', s.matchConfirmationSchema, ['Ledger'], 'Zone committee of the project’s zone. Part or all of an allocation’s pending money; above the ratio under at-least.'),
  'POST /projects/{projectId}/transfers': ledgerEvent('Transfer province money to the zone', s.transferSchema, ['Ledger'], 'Finance officer. Inside-zone projects only; at most confirmed − transferred.'),
  'POST /projects/{projectId}/disbursements': ledgerEvent('Pay the owner', s.disbursementSchema, ['Ledger'], 'Inside the zone: the zone committee, both shares (province share out of transferred money). Outside: the finance officer, province share.'),
  'POST /projects/{projectId}/recoveries': ledgerEvent('Record money the owner returned', s.recoverySchema, ['Ledger'], 'Province by the finance officer, zone by the zone committee; at most paid − recovered.'),
  'POST /projects/{projectId}/decommitments': ledgerEvent('Decommit money that will not be paid', s.decommitmentSchema, ['Ledger'], 'Finance officer. Pending money first; frees project and cluster headroom.'),
  'POST /projects/{projectId}/reversals': ledgerEvent('Reverse an entry (error correction)', s.reversalSchema, ['Ledger'], 'By the role that posted the entry, a different person; only if every invariant still holds.'),
  'POST /projects/{projectId}/cap-exceptions': ledgerEvent('Propose an exception to an in-principle cap', s.capExceptionSchema, ['Exceptions'], 'Admin. A cap the program does not list in inPrinciple → 422 cap-not-exceptable.'),
  'POST /projects/{projectId}/cap-exceptions/{entryId}/approval': approval('Approve a cap exception', ['Exceptions'], 'Admin, a different person than the proposer (four-eyes).'),

  // --- lifecycle -----------------------------------------------------------------------------
  'POST /projects/{projectId}/adjustments': ledgerEvent('Propose an adjustment or extension', s.adjustmentSchema, ['Lifecycle'], 'Finance officer. Checked against every rule now and again on approval.'),
  'POST /projects/{projectId}/adjustments/{entryId}/approval': approval('Approve an adjustment', ['Lifecycle'], 'Admin, a different person (four-eyes).'),
  'POST /projects/{projectId}/inspections': ledgerEvent('Record an inspection', s.inspectionSchema, ['Lifecycle'], 'Admin or the city bureau of the project’s city; the zone committee for fund use in its zone.'),
  'POST /projects/{projectId}/holds': ledgerEvent('Put the project on hold', s.holdSchema, ['Lifecycle'], 'Admin or finance officer. Transfers and payments are refused (project-on-hold).'),
  'POST /projects/{projectId}/holds/{entryId}/release': { ...ledgerEvent('Release a hold', s.releaseSchema, ['Lifecycle'], 'Admin or finance officer.', true), params: proposalParams },
  'POST /projects/{projectId}/acceptance-applications': ledgerEvent('Apply for acceptance', s.acceptanceApplicationSchema, ['Lifecycle'], 'Zone committee, on or after endsOn − 90 days.'),
  'POST /projects/{projectId}/acceptance-results': ledgerEvent('Record the acceptance result', s.acceptanceResultSchema, ['Lifecycle'], 'Admin, or the city bureau of the project’s city. Closes the project.'),
  'POST /projects/{projectId}/termination': ledgerEvent('Propose termination', s.terminationSchema, ['Lifecycle'], 'Admin.'),
  'POST /projects/{projectId}/termination/{entryId}/approval': approval('Approve termination', ['Lifecycle'], 'Another admin. Pending allocations are voided; nothing more can be committed or passed on.'),

  // --- history -------------------------------------------------------------------------------
  'GET /projects/{projectId}/history': {
    summary: 'Read the project’s ledger entries',
    tags: ['History'],
    params: projectParams,
    query: s.historyQuery,
    responses: { 200: { description: 'Entries in ascending seq', schema: s.historyOut } },
  },
  'GET /projects/{projectId}/history.csv': {
    summary: 'Export the history as CSV',
    description: 'UTF-8 with BOM (opens in Excel), yuan with two decimals; every amount signed by its effect, and per-balance columns that sum to the balances.',
    tags: ['History'],
    params: projectParams,
    query: s.historyFileQuery,
    responses: { 200: { description: 'The CSV file', contentType: 'text/csv; charset=utf-8', headers: { 'Content-Disposition': 'attachment; filename=<projectId>-history.csv' } } },
  },
  'GET /projects/{projectId}/verify': {
    summary: 'Verify the hash chain and the stored state',
    tags: ['History'],
    params: projectParams,
    query: s.verifyQuery,
    responses: { 200: { description: 'valid, or where it breaks', schema: s.verifyOut } },
  },

  'GET /activity': {
    summary: 'Recent ledger entries across projects, newest first',
    description: 'Zone committees see their zone’s, city bureaus their city’s.',
    tags: ['History'],
    query: s.activityQuery,
    responses: { 200: { description: 'A page of entries', schema: s.activityOut } },
  },

  // --- alerts --------------------------------------------------------------------------------
  'GET /alerts': {
    summary: 'List alerts',
    description: 'Zone committees see their zone, city bureaus their city.',
    tags: ['Alerts'],
    query: s.alertListQuery,
    responses: { 200: { description: 'A page of alerts', schema: s.alertListOut } },
  },
  'POST /alerts/sweep': {
    summary: 'Run the alert sweep for a day',
    description: 'Admin. The deployed stack runs it daily at 09:00 China time; twice for the same day changes nothing the second time.',
    tags: ['Alerts'],
    body: s.sweepSchema,
    bodyOptional: true,
    responses: { 200: { description: 'What the sweep changed', schema: s.sweepOut }, 503: { description: 'Storage busy', headers: RETRY } },
  },

  // --- portfolio and documents ---------------------------------------------------------------
  'GET /reports/portfolio': {
    summary: 'Portfolio rollup by program, zone, cluster or city',
    description: 'One row per group; every figure equals the sum over the group’s projects; the cost grows with the number of groups, not of projects. Zone committees and city bureaus see their own rows.',
    tags: ['Portfolio'],
    query: s.portfolioQuery,
    responses: { 200: { description: 'Rows and totals', schema: s.portfolioOut } },
  },
  'GET /reports/portfolio.xlsx': {
    summary: 'The portfolio as an Excel workbook (资金到位情况表)',
    description: '万元 with two decimals, Chinese headers, frozen header row, totals row.',
    tags: ['Portfolio'],
    query: s.portfolioQuery,
    responses: { 200: { description: 'The workbook', contentType: XLSX_TYPE, headers: { 'Content-Disposition': 'attachment' } }, 303: { description: 'Large workbook: download it from the presigned URL', headers: { Location: 'Presigned URL (15 minutes)' } } },
  },
  'POST /allocation-documents': {
    summary: 'Post a plan document funding many projects',
    description: 'Finance officer. Each line becomes that project’s allocation (its own transaction, its own rules). documentNo is the idempotency key of the whole: sending it again replays the outcomes; the same number with other lines → 409.',
    tags: ['Documents'],
    body: s.allocationDocumentSchema,
    responses: {
      201: { description: 'The outcome of every line', schema: s.allocationDocumentOut, headers: replayable },
      409: { description: 'The document number was used with other lines (rule idempotency-key-reuse), or an unfinished document is sent again after its lines’ retry records may have expired (rule document-resume-expired)' },
    },
  },
  'GET /allocation-documents': {
    summary: 'List plan documents, newest first',
    description: 'Finance officers, admins and auditors (a document names projects of every zone).',
    tags: ['Documents'],
    query: s.documentListQuery,
    responses: { 200: { description: 'A page of documents (without their lines)', schema: s.allocationDocumentListOut } },
  },
  'GET /allocation-documents/{documentNo}': {
    summary: 'Read a plan document with its lines and outcomes',
    description: 'Finance officers, admins and auditors (a document names projects of every zone).',
    tags: ['Documents'],
    params: lazySchema(() => z.strictObject({ documentNo: real(s.documentNo) })),
    responses: { 200: { description: 'The document', schema: s.allocationDocumentOut } },
  },
  'GET /projects/{projectId}/history.xlsx': {
    summary: 'Export the history as an Excel workbook',
    tags: ['History'],
    params: projectParams,
    query: s.historyFileQuery,
    responses: { 200: { description: 'The workbook', contentType: XLSX_TYPE, headers: { 'Content-Disposition': 'attachment' } }, 303: { description: 'Large workbook: download it from the presigned URL', headers: { Location: 'Presigned URL (15 minutes)' } } },
  },
  'GET /imports/projects/template.xlsx': {
    summary: 'The project registration template',
    description: 'Sheets 项目登记 and 拨付计划 with dropdowns for program, zone, cluster and funder.',
    tags: ['Imports'],
    responses: { 200: { description: 'The workbook', contentType: XLSX_TYPE, headers: { 'Content-Disposition': 'attachment' } } },
  },
  'POST /imports/projects': {
    summary: 'Register projects from a filled template',
    description: 'Finance officer. A per-row report (row, field, message in Chinese); rows that fail change nothing, rows that pass are registered.',
    tags: ['Imports'],
    binaryBody: { contentType: s.XLSX, maxBytes: 5 * 1024 * 1024 },
    responses: { 200: { description: 'The report', schema: s.importReportOut } },
  },
  'POST /digests': {
    summary: 'Make a digest now',
    description: 'Admin. A Merkle root over every project’s head, written where the database’s administrators cannot rewrite it (S3 Object Lock; locally an append-only file). The daily sweep makes one too.',
    tags: ['Digests'],
    responses: { 201: { description: 'The digest', schema: s.digestOut }, 503: { description: 'Storage busy', headers: RETRY } },
  },
  'GET /digests/{digestId}': {
    summary: 'Read a digest',
    description: 'By date (the latest of that day) or by id {date}.{n}.',
    tags: ['Digests'],
    params: lazySchema(() => z.strictObject({ digestId: real(s.digestIdParam) })),
    responses: { 200: { description: 'The digest (without its leaves)', schema: s.digestOut } },
  },
};

export const TAGS: { name: string; description: string }[] = [
  { name: 'Meta', description: 'Liveness and this document' },
  { name: 'Catalog', description: 'Programs (rule sets), zones and clusters' },
  { name: 'Projects', description: 'Contracts and their position' },
  { name: 'Ledger', description: 'The path of the money: allocation → match → transfer → payment; recoveries, decommitments, reversals' },
  { name: 'Exceptions', description: 'Four-eyes exceptions to in-principle (原则上) caps' },
  { name: 'Lifecycle', description: 'Adjustments, inspections, holds, acceptance, termination' },
  { name: 'History', description: 'The append-only, hash-chained history and its exports' },
  { name: 'Alerts', description: 'Schedule, match, money-held and lifecycle alerts' },
  { name: 'Portfolio', description: 'Rollups by program, zone, cluster and city' },
  { name: 'Documents', description: 'Plan documents (计划下达文件) funding many projects' },
  { name: 'Imports', description: 'Registration from Excel' },
  { name: 'Digests', description: 'Tamper evidence beyond the database: daily Merkle roots and inclusion proofs' },
];

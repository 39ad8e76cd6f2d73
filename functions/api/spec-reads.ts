import * as z from 'zod/mini';
import type { RouteSpec } from '../lib/http/route-spec';
import * as s from '../lib/schemas';
import { executionOut, executionQuery } from '../lib/schemas/execution';
import { lazySchema, real } from '../../domain/schema/lazy';
import { clusterParams, projectParams } from './spec-common';

/** Every authenticated GET, served by the read function. */
export const readSpec: Record<string, RouteSpec> = {
  // --- catalog -------------------------------------------------------------------------------
  'GET /programs': { summary: 'List programs', tags: ['Catalog'], responses: { 200: { description: 'All programs', schema: s.programListOut } } },
  'GET /programs/{code}': {
    summary: 'Read a program',
    tags: ['Catalog'],
    params: lazySchema(() => z.strictObject({ code: s.id() })),
    responses: { 200: { description: 'The program with its rule digest and project count', schema: s.storedProgramOut } },
  },
  'GET /zones': { summary: 'List zones', tags: ['Catalog'], responses: { 200: { description: 'All zones', schema: s.zoneListOut } } },
  'GET /clusters': {
    summary: 'List clusters',
    description: 'Readable by every role. Each filter is a key condition on an index: all clusters by id; zoneId (with programCode or not) by program, then id; programCode alone by id. Paged with cursors.',
    tags: ['Catalog'],
    query: s.clusterListQuery,
    responses: { 200: { description: 'A page of clusters with their usage', schema: s.clusterListOut } },
  },
  'GET /clusters/{clusterId}': {
    summary: 'Read a cluster and its usage',
    description: 'Readable by every role: per funder allocated against the cluster caps, project count against the quota.',
    tags: ['Catalog'],
    params: clusterParams,
    responses: { 200: { description: 'The cluster', schema: s.clusterOut } },
  },

  // --- projects ------------------------------------------------------------------------------
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

  // --- evidence ------------------------------------------------------------------------------
  'GET /projects/{projectId}/evidence/{evidenceId}': {
    summary: 'Download recorded evidence',
    description:
      'Whoever may read the project: 303 to a short-lived URL (5 minutes) of the recorded bytes, exactly as recorded, as an attachment (S3 on AWS; the local server locally). `redirect=false` answers the URL as JSON instead, for a browser that sends a token and navigates to the URL itself. Check a downloaded file with sha256sum against the entry’s details.sha256 (docs/api.md).',
    tags: ['Evidence'],
    params: s.evidenceParams,
    query: s.evidenceDownloadQuery,
    responses: {
      200: { description: 'redirect=false: the download URL and the recorded file’s facts', schema: s.evidenceLinkOut },
      303: { description: 'Download the recorded bytes from this URL', headers: { Location: 'Short-lived download URL (5 minutes)' } },
    },
  },

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
    description: 'UTF-8 with BOM (opens in Excel), yuan with two decimals; every amount signed by its effect, and per-balance columns that sum to the balances. For people by default (the console’s words, funders as the program names them, China time); `format=machine` gives ids and codes with ISO 8601 UTC times.',
    tags: ['History'],
    params: projectParams,
    query: s.historyCsvQuery,
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
    responses: { 200: { description: 'The workbook', contentType: s.XLSX, headers: { 'Content-Disposition': 'attachment' } }, 303: { description: 'Large workbook: download it from the presigned URL', headers: { Location: 'Presigned URL (15 minutes)' } } },
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
    responses: { 200: { description: 'The workbook', contentType: s.XLSX, headers: { 'Content-Disposition': 'attachment' } }, 303: { description: 'Large workbook: download it from the presigned URL', headers: { Location: 'Presigned URL (15 minutes)' } } },
  },

  // --- budget indicators and execution progress (v3) ----------------------------------------
  'GET /budget-indicators': {
    summary: 'List budget indicators (预算指标)',
    description: 'Finance officers, admins and auditors. Newest fiscal year first, then program, then number; fiscalYear, fiscalYear with programCode, and programCode alone are each a key condition.',
    tags: ['Budget'],
    query: s.indicatorListQuery,
    responses: { 200: { description: 'A page of indicators with their figures', schema: s.indicatorListOut } },
  },
  'GET /budget-indicators/{indicatorNo}': {
    summary: 'Read a budget indicator',
    description: 'Finance officers, admins and auditors. Allocated, remaining, transferred and paid; carriedFrom / carriedTo show the chain of carry-overs. URL-encode the number.',
    tags: ['Budget'],
    params: s.indicatorParams,
    responses: { 200: { description: 'The indicator', schema: s.indicatorReply } },
  },
  'GET /reports/execution': {
    summary: 'Execution progress (支出进度) by zone, city or program',
    description: 'Per group, the province money of the fiscal year’s indicators allocated, transferred and paid as of asOf (default today), progress against time progress, and whether it is behind. Ranked by progress. Every figure equals the sum over the group’s projects; the cost grows with the groups, not the projects. Zone committees and city bureaus get their own rows.',
    tags: ['Budget'],
    query: executionQuery,
    responses: { 200: { description: 'Rows and totals', schema: executionOut } },
  },
  'GET /reports/execution.xlsx': {
    summary: 'The execution report as an Excel workbook (支出进度表)',
    description: 'Ranked by progress, in 万元 with two decimals, with a 说明 sheet.',
    tags: ['Budget'],
    query: executionQuery,
    responses: { 200: { description: 'The workbook', contentType: s.XLSX, headers: { 'Content-Disposition': 'attachment' } }, 303: { description: 'Large workbook: download it from the presigned URL', headers: { Location: 'Presigned URL (15 minutes)' } } },
  },

  // --- imports and digests -------------------------------------------------------------------
  'GET /imports/projects/template.xlsx': {
    summary: 'The project registration template',
    description: 'Sheets 项目登记 and 拨付计划 with dropdowns for program, zone, cluster and funder.',
    tags: ['Imports'],
    responses: { 200: { description: 'The workbook', contentType: s.XLSX, headers: { 'Content-Disposition': 'attachment' } } },
  },
  'GET /digests/{digestId}': {
    summary: 'Read a digest',
    description: 'By date (the latest of that day) or by id {date}.{n}.',
    tags: ['Digests'],
    params: lazySchema(() => z.strictObject({ digestId: real(s.digestIdParam) })),
    responses: { 200: { description: 'The digest (without its leaves)', schema: s.digestOut } },
  },

  // --- statements and reconciliation ---------------------------------------------------------
  'GET /statements/template.xlsx': {
    summary: 'The statement template (对账单模板.xlsx)',
    description: 'Sheet 对账单 with the six columns (credit code and voucher number as text, so Excel keeps every digit) and a sheet of notes. Every role but a city bureau.',
    tags: ['Statements'],
    responses: { 200: { description: 'The workbook', contentType: s.XLSX, headers: { 'Content-Disposition': 'attachment' } } },
  },
  'GET /statements': {
    summary: 'List stored statements, newest first',
    description: 'Finance officers, admins and auditors: every account’s (`zoneId` narrows to a zone’s); a zone committee its own zone’s. City bureaus: 403.',
    tags: ['Statements'],
    query: s.statementListQuery,
    responses: { 200: { description: 'A page of statements (without their lines)', schema: s.statementListOut } },
  },
  'GET /statements/{statementId}': {
    summary: 'Read a statement: its lines with their matches, progress, and the story of manual matches and undos',
    description: 'Lines by page (`limit` ≤ 10,000, `cursor`); `ledgerOnly` on the first page. While a large statement runs in the background, `status` is processing and `linesDone` of `linesTotal` says how far it is. A zone committee asking for another account’s statement gets 404, as for an unknown id.',
    tags: ['Statements'],
    params: s.statementParams,
    query: s.statementGetQuery,
    responses: { 200: { description: 'The statement', schema: s.statementOut } },
  },
  'GET /reconciliation': {
    summary: 'Transfers and payments with whether they are reconciled, and statement lines matched to nothing',
    description: 'from/to: value dates (default the 90 days to today; one bound alone: 90 days from or to it; at most 366 days, 10,000 entries and lines). A zone committee sees its zone’s account; the others a zone’s transfers and payments with `zoneId`, every account without. `projectId`: one project’s transfers and payments (all dates unless from/to are given).',
    tags: ['Statements'],
    query: s.reconciliationQuery,
    responses: { 200: { description: 'Entries and unmatched lines', schema: s.reconciliationOut }, 404: { description: 'No such project (or not the caller’s to read), with projectId' } },
  },
};

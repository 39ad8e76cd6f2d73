import type { RouteSpec } from '../lib/http/route-spec';
import * as s from '../lib/schemas';
import { KINDS, PROJECT_KINDS } from '../../domain/project/kinds';
import { registration } from '../../domain/project/kinds/registration';
import { clusterParams, created, ledgerEvent, projectParams, proposalParams, replayable, RETRY } from './spec-common';

/** The completion's answers beside every ledger event's. */
const EVIDENCE_COMPLETION = {
  409: { description: 'Nothing uploaded for this evidence (or the upload expired), the evidence is recorded already, or Idempotency-Key reused with a different request (rule idempotency-key-reuse)' },
  422: { description: 'evidence-mismatch: the stored file’s size, SHA-256 or leading bytes are not the declared ones; nothing appended, the upload discarded', headers: replayable },
};

/** Every POST, served by the write function. */
export const writeSpec: Record<string, RouteSpec> = {
  // --- catalog -------------------------------------------------------------------------------
  'POST /programs': {
    summary: 'Create or replace a program (rule set)',
    description: 'Admin. A program is immutable once a project uses it (409), but for its settings: the same rules with another `budgetControl` or `basis` answer 200 (the rules every entry was checked against, its ruleDigest, never change).',
    tags: ['Catalog'],
    body: s.programSchema,
    responses: { 200: { description: 'Replaced (no project used it), or its settings changed', schema: s.programOut }, 201: { description: 'Created', schema: s.programOut }, 409: { description: 'The program is used by registered projects and its rules differ' } },
  },
  'POST /zones': {
    summary: 'Create a high-tech zone',
    description: 'Admin.',
    tags: ['Catalog'],
    body: s.zoneSchema,
    responses: { 201: { description: 'Created', schema: s.zoneSchema }, 409: { description: 'The zone exists' } },
  },
  'POST /clusters': {
    summary: 'Create a cluster',
    description: 'Admin. The program’s clustersPerZone quota counts the zone’s open clusters (422 cluster-quota).',
    tags: ['Catalog'],
    body: s.clusterSchema,
    responses: { 201: { description: 'Created', schema: s.clusterOut }, 409: { description: 'The cluster exists' }, 422: { description: 'The zone’s cluster quota is full (cluster-quota)' } },
  },
  'POST /clusters/{clusterId}/close': {
    summary: 'Close a cluster’s cycle',
    description: 'Admin. No new projects join it, and its place in the zone’s cluster quota is freed (Nanjing: one cluster per park per cycle).',
    tags: ['Catalog'],
    params: clusterParams,
    body: s.clusterCloseSchema,
    responses: { 200: { description: 'Closed', schema: s.clusterOut }, 409: { description: 'Already closed' } },
  },

  // --- projects and their ledger: one route per kind of the catalogue -------------------------
  'POST /projects': {
    summary: registration.route.summary,
    description: registration.route.description,
    tags: [...registration.route.tags],
    body: registration.route.body,
    idempotencyKey: 'optional',
    responses: {
      ...created('The registration entry and the project', s.ledgerEventOut),
      409: { description: 'The project id is registered, or Idempotency-Key reused with a different request' },
      422: { description: 'The contract breaks the program', headers: replayable },
      503: { description: 'Storage busy; nothing was written', headers: RETRY },
    },
  },
  ...Object.fromEntries(
    PROJECT_KINDS.map((type) => {
      const r = KINDS[type].route;
      const spec = ledgerEvent(r.summary, r.body, [...r.tags], r.description, r.bodyOptional ?? false);
      if (r.path.includes('{evidenceId}')) return [`POST ${r.path}`, { ...spec, params: s.evidenceParams, responses: { ...spec.responses, ...EVIDENCE_COMPLETION } }];
      return [`POST ${r.path}`, r.path.includes('{entryId}') ? { ...spec, params: proposalParams } : spec];
    }),
  ),

  // --- budget indicators (v3) -----------------------------------------------------------------
  'POST /budget-indicators': {
    summary: 'Record a budget indicator (预算指标)',
    description: 'Finance officer. indicatorNo is its key: the same body again → 200 with the indicator as it stands, another body → 409. Indicators of any fiscal year may be recorded; issuedOn is not after today.',
    tags: ['Budget'],
    body: s.indicatorCreateSchema,
    responses: { 200: { description: 'Recorded before with the same body', schema: s.indicatorReply }, 201: { description: 'Recorded', schema: s.indicatorReply }, 409: { description: 'The number is taken by an indicator with other figures' } },
  },
  'POST /budget-indicators/{indicatorNo}/carry-over': {
    summary: 'Carry an indicator’s rest over to the next fiscal year (结转)',
    description: 'Finance officer, after its fiscal year has ended (422 fiscal-year-open). Creates the next year’s indicator with the remaining amount; the old one becomes carried-over. Once only: a carried indicator is never carried again (422 carry-over-limit). The same request again → 200 with the same pair.',
    tags: ['Budget'],
    params: s.indicatorParams,
    body: s.carryOverSchema,
    responses: {
      200: { description: 'Carried over before by the same request', schema: s.carryOverOut },
      201: { description: 'Carried over', schema: s.carryOverOut },
      409: { description: 'The new number is taken' },
      422: { description: 'fiscal-year-open, indicator-closed or carry-over-limit' },
    },
  },
  'POST /budget-indicators/{indicatorNo}/lapse': {
    summary: 'Let an indicator’s rest lapse',
    description: 'Finance officer, after its fiscal year has ended (422 fiscal-year-open): the rest becomes lapsedFen, status lapsed. The same reference again → 200.',
    tags: ['Budget'],
    params: s.indicatorParams,
    body: s.lapseSchema,
    responses: { 200: { description: 'Lapsed', schema: s.indicatorReply }, 422: { description: 'fiscal-year-open or indicator-closed' } },
  },

  // --- evidence: the declaration before the upload (the completion is the evidence kind's route) ---
  'POST /projects/{projectId}/evidence': {
    summary: 'Declare an evidence file',
    description:
      'Whoever may post the kind of entry it documents, for their scope. Checks the declaration (400 per field, nothing signed) and answers an upload URL that accepts exactly the declared bytes: PUT them there with uploadHeaders, then POST …/evidence/{evidenceId}/complete. No entry is appended until then; a declaration not completed within a day expires.',
    tags: ['Evidence'],
    params: projectParams,
    body: s.evidenceDeclarationSchema,
    idempotencyKey: 'required',
    responses: {
      201: { description: 'The evidence id and where to upload the file', schema: s.evidenceDeclarationOut, headers: replayable },
      409: { description: 'Idempotency-Key reused with a different request (rule idempotency-key-reuse)' },
      503: { description: 'Storage busy or unavailable past retries; nothing was stored', headers: RETRY },
    },
  },

  // --- alerts, documents, imports and digests ------------------------------------------------
  'POST /alerts/sweep': {
    summary: 'Run the alert sweep for a day',
    description: 'Admin. asOf defaults to today and may not be later (400): the alerts it raises are stored and notified. The deployed stack runs it daily at 09:00 China time; twice for the same day changes nothing the second time.',
    tags: ['Alerts'],
    body: s.sweepSchema,
    bodyOptional: true,
    responses: { 200: { description: 'What the sweep changed', schema: s.sweepOut }, 503: { description: 'Storage busy; or …/problems/timed-out, out of time: what the sweep finished is kept, and run again it carries on where it stopped', headers: RETRY } },
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
    responses: { 201: { description: 'The digest', schema: s.digestOut }, 503: { description: 'Storage busy; or …/problems/timed-out, out of time: what the sweep finished is kept, and run again it carries on where it stopped', headers: RETRY } },
  },

  // --- statements and reconciliation ---------------------------------------------------------
  'POST /statements': {
    summary: 'Upload a statement: dry run, or match and store it',
    description: 'Finance officer (the province’s account: transfers, payments of outside-zone projects) or zone committee (its zone’s account: payments of its projects). The body is the file: CSV (UTF-8 with or without BOM; GBK read when its header then reads as the template’s) or XLSX, first row the header. Send CSV as text/csv only when it is UTF-8; send any file as application/octet-stream to keep its bytes exactly. At most 5 MiB and 2,000 lines here; larger files through POST /statements/uploads. statementId is the SHA-256 of the file: the same file again answers its stored result (200). A bad row: 400 with one errors[] item per row and field (path rows.<row>.<column>), nothing stored.',
    tags: ['Statements'],
    query: s.dryRunQuery,
    binaryBody: { contentType: 'text/csv', alsoAccepts: [s.XLSX, 'application/octet-stream'], maxBytes: 5 * 1024 * 1024 },
    responses: {
      200: { description: 'Dry run (nothing stored), or the statement stored before', schema: s.statementResultOut },
      201: { description: 'Matched and stored', schema: s.statementResultOut, headers: { Location: 'The statement' } },
      409: { description: 'The same file is stored for another account, or is being processed (rule statement-processing)' },
      503: { description: 'Storage busy; retry with the same file', headers: RETRY },
    },
  },
  'POST /statements/uploads': {
    summary: 'Declare a statement file to upload (large statements)',
    description: 'Same callers as POST /statements. Answers a presigned PUT (15 minutes) for exactly these bytes; the statementId is the declared SHA-256. 200 with no uploadUrl when that statement is stored already.',
    tags: ['Statements'],
    body: s.statementUploadSchema,
    responses: {
      200: { description: 'Stored already', schema: s.statementUploadOut },
      201: { description: 'Upload here', schema: s.statementUploadOut },
      409: { description: 'The same file is stored for another account' },
    },
  },
  'POST /statements/uploads/{statementId}/complete': {
    summary: 'Process an uploaded statement in the background',
    description: 'The file is read now: a bad row is a 400 (nothing kept). Then it is matched and stored — with dryRun=true, matched into a draft kept two days that claims nothing — in the background: 202 with the progress, which GET /statements/{statementId} keeps showing. Nothing uploaded: 409.',
    tags: ['Statements'],
    params: s.statementParams,
    query: s.dryRunQuery,
    body: s.statementCompleteSchema,
    bodyOptional: true,
    responses: {
      200: { description: 'Stored already', schema: s.statementProgressOut },
      202: { description: 'Running', schema: s.statementProgressOut, headers: { Location: 'The statement, with its progress' } },
      409: { description: 'Nothing uploaded; stored for another account; or a run of the other kind is under way (rule statement-processing)' },
    },
  },
  'POST /statements/{statementId}/matches': {
    summary: 'Match a statement line to a transfer or payment by hand',
    description: 'The uploader’s role, another person than the uploader (422 four-eyes), with a reason. 409 line-already-matched, entry-already-matched (undo first), entry-reversed; 422 account-mismatch (the money left another account, or the entry is no transfer or payment), amount-mismatch.',
    tags: ['Statements'],
    params: s.statementParams,
    body: s.manualMatchSchema,
    responses: {
      201: { description: 'The line and the event recorded (who, when, why)', schema: s.matchAnswerOut },
      409: { description: 'The line or the entry is matched already, the entry is reversed, or the statement is still being processed' },
      422: { description: 'four-eyes, account-mismatch or amount-mismatch' },
    },
  },
  'POST /statements/{statementId}/matches/{lineNo}/undo': {
    summary: 'Undo a line’s match',
    description: 'The uploader’s role, another person than the uploader (422 four-eyes), with a reason; the line and its entry are then unmatched. 409 line-not-matched.',
    tags: ['Statements'],
    params: s.lineParams,
    body: s.undoSchema,
    responses: {
      201: { description: 'The line and the event recorded (who, when, why)', schema: s.matchAnswerOut },
      409: { description: 'The line is not matched, or the statement is still being processed' },
      422: { description: 'four-eyes' },
    },
  },
};

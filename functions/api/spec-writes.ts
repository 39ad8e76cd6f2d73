import type { RouteSpec } from '../lib/http/route-spec';
import * as s from '../lib/schemas';
import { approval, clusterParams, created, ledgerEvent, proposalParams, projectParams, replayable, RETRY } from './spec-common';

/** Every POST, served by the write function. */
export const writeSpec: Record<string, RouteSpec> = {
  // --- catalog -------------------------------------------------------------------------------
  'POST /programs': {
    summary: 'Create or replace a program (rule set)',
    description: 'Admin. A program is immutable once a project uses it (409).',
    tags: ['Catalog'],
    body: s.programSchema,
    responses: { 200: { description: 'Replaced (no project used it)', schema: s.programOut }, 201: { description: 'Created', schema: s.programOut }, 409: { description: 'The program is used by registered projects' } },
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

  // --- alerts, documents, imports and digests ------------------------------------------------
  'POST /alerts/sweep': {
    summary: 'Run the alert sweep for a day',
    description: 'Admin. asOf defaults to today and may not be later (400): the alerts it raises are stored and notified. The deployed stack runs it daily at 09:00 China time; twice for the same day changes nothing the second time.',
    tags: ['Alerts'],
    body: s.sweepSchema,
    bodyOptional: true,
    responses: { 200: { description: 'What the sweep changed', schema: s.sweepOut }, 503: { description: 'Storage busy', headers: RETRY } },
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
    responses: { 201: { description: 'The digest', schema: s.digestOut }, 503: { description: 'Storage busy', headers: RETRY } },
  },
};

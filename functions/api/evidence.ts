import type * as z from 'zod/mini';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { requireReadable } from '../lib/authorize';
import { configuredEvidenceStore } from '../lib/evidence/configured-store';
import { declareEvidence } from '../lib/evidence/declare-evidence';
import { downloadFileName } from '../lib/evidence/declaration';
import { badRequest, conflict, forbidden, notFound } from '../lib/http/problems';
import type { DeclareOutcome } from '../lib/ledger/outcomes';
import { getEvidence } from '../lib/storage/evidence-store';
import { dynamoLedgerStore, getProject } from '../lib/storage/ledger-store';
import type { evidenceDeclarationSchema, evidenceDownloadQuery } from '../lib/schemas';

/**
 * Evidence files (API.md, Evidence): the declaration that signs an upload URL, and the download.
 * The completion that appends the evidence entry is the catalogue's route of the `evidence` kind
 * (functions/api/ledger.ts). Files never pass through here: the client PUTs to the URL given, and
 * a download is a redirect to a short-lived URL of the recorded bytes.
 */

function declarationReply(o: DeclareOutcome): Reply {
  switch (o.kind) {
    case 'declared':
      return { status: 201, body: o.declaration, headers: o.replayed ? { 'idempotent-replayed': 'true' } : {} };
    case 'invalid':
      throw badRequest(o.errors);
    case 'forbidden':
      throw forbidden(o.detail);
    case 'not-found':
      throw notFound(o.detail);
    case 'conflict':
      throw conflict(o.detail, o.rule);
  }
}

async function declare(req: Req<{ projectId: string }, unknown, z.infer<typeof evidenceDeclarationSchema>>): Promise<Reply> {
  return declarationReply(
    await declareEvidence(dynamoLedgerStore, configuredEvidenceStore(), {
      projectId: req.params.projectId,
      body: req.body,
      principal: req.principal,
      idempotencyKey: req.idempotencyKey!,
      fingerprint: { route: req.event.routeKey, params: req.params, body: req.body },
      now: req.now,
    }),
  );
}

/** Whoever may read the project: a short-lived URL of exactly the recorded version, to save or (inline) to view. */
async function download(req: Req<{ projectId: string; evidenceId: string }, z.infer<typeof evidenceDownloadQuery>>): Promise<Reply> {
  const { projectId, evidenceId } = req.params;
  const stored = await getProject(projectId);
  requireReadable(req.principal, projectId, stored ? { zoneId: stored.state.registration.zoneId, city: stored.city } : null);
  const record = await getEvidence(projectId, evidenceId, req.now);
  // A declaration not yet completed is no evidence: nothing recorded to download.
  if (!record || record.status !== 'recorded') throw notFound(`No evidence ${evidenceId} in project ${projectId}.`);
  const fileName = downloadFileName(record.fileName, record.contentType);
  const disposition = req.query.disposition ?? 'attachment';
  const ticket = await configuredEvidenceStore().presignDownload({ projectId, evidenceId }, record.versionId, { fileName, contentType: record.contentType, disposition }, req.now);
  if (req.query.redirect === 'false') {
    return { status: 200, body: { url: ticket.url, expiresAt: ticket.expiresAt, fileName, contentType: record.contentType, sizeBytes: record.sizeBytes, sha256: record.sha256 }, headers: { 'cache-control': 'no-store' } };
  }
  return { status: 303, raw: '', contentType: 'text/plain', headers: { location: ticket.url, 'cache-control': 'no-store' } };
}

export const evidenceWrites: Record<string, RouteImpl> = {
  'POST /projects/{projectId}/evidence': declare,
};

export const evidenceReads: Record<string, RouteImpl> = {
  'GET /projects/{projectId}/evidence/{evidenceId}': download,
};

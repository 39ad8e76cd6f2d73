import { randomBytes } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../../../domain/canonical-json';
import { evidenceTargetProblem, type EvidenceDeclared, type EvidenceKind } from '../../../domain/project/evidence';
import type { EvidenceCommand } from '../../../domain/project/kinds/evidence';
import { canRead, type Principal } from '../http/principal';
import { actorFor, lacksEveryRole } from '../ledger/command-roles';
import { replayedDeclaration, type DeclareOutcome, type EvidenceUploadTicket } from '../ledger/outcomes';
import { evidenceFacts } from '../ledger/post-entry';
import { declarationItem } from '../storage/evidence-store';
import type { LedgerStore } from '../storage/ledger-store';
import { idempotencyItem } from '../storage/transaction-items';
import { checkDeclaration } from './declaration';
import type { EvidenceObjectStore } from './object-store';

export interface DeclareRequest {
  projectId: string;
  body: { refersTo: string; kind: EvidenceKind; fileName: string; contentType: string; sizeBytes: number; sha256: string; supersedes?: string | null };
  principal: Principal;
  idempotencyKey: string;
  /** What identifies "the same request" for Idempotency-Key: route and parsed body. */
  fingerprint: unknown;
  now: Date;
}

/** 22 characters of base64url: 128 random bits, never guessed, usable as an id and an object key. */
const newEvidenceId = (): string => randomBytes(16).toString('base64url');

/**
 * POST /projects/{projectId}/evidence: check the declaration → authorize (whoever may post the
 * documented entry, for their scope) → sign an upload URL that accepts exactly the declared
 * bytes → store the declaration (pending, expiring) with the answer under the Idempotency-Key, in
 * one transaction. No entry: the chain changes only when the upload is completed.
 */
export async function declareEvidence(ledger: LedgerStore, objects: EvidenceObjectStore, req: DeclareRequest): Promise<DeclareOutcome> {
  const checked = checkDeclaration(req.body);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
  const evidenceId = newEvidenceId();
  const command: EvidenceCommand = { type: 'evidence', evidenceId };
  const lacking = lacksEveryRole(req.principal, command);
  if (lacking) return { kind: 'forbidden', detail: lacking };

  const stored = await ledger.getProject(req.projectId);
  const scope = stored ? { zoneId: stored.state.registration.zoneId, city: stored.city } : null;
  // A project outside the caller's scope answers exactly as one that does not exist.
  if (!stored || !scope || !canRead(req.principal, scope)) return { kind: 'not-found', detail: `No project ${req.projectId}.` };

  const requestHash = sha256Hex(canonicalJson(req.fingerprint));
  const earlier = await ledger.getAnswer(req.projectId, req.idempotencyKey, req.now);
  if (earlier) return replayedDeclaration(earlier, requestHash);

  const declared: EvidenceDeclared = { evidenceId, refersTo: req.body.refersTo, kind: req.body.kind, ...checked.value, supersedes: req.body.supersedes ?? null };
  const facts = await evidenceFacts(ledger, req.projectId, declared, req.now);
  const actor = actorFor(req.principal, command, scope, stored.state, facts.target);
  if ('refused' in actor) return { kind: 'forbidden', detail: actor.refused };
  const problem = evidenceTargetProblem(stored.state, { declaration: declared, ...facts });
  if (problem) return { kind: 'invalid', errors: [problem] };

  const ticket = await objects.presignUpload({ projectId: req.projectId, evidenceId }, checked.value, req.now);
  const answer: EvidenceUploadTicket = { evidenceId, uploadUrl: ticket.url, uploadHeaders: ticket.headers, expiresAt: ticket.expiresAt };
  const saved = await ledger.append(
    [declarationItem(req.projectId, declared, actor, req.now), idempotencyItem(req.projectId, { key: req.idempotencyKey, requestHash, outcome: { kind: 'declared', declaration: answer } }, req.now)],
    { registering: false },
  );
  switch (saved.kind) {
    case 'appended':
      return { kind: 'declared', declaration: answer, replayed: false };
    case 'idempotency-key-taken':
      return replayedDeclaration(saved.record, requestHash);
    default:
      // A new random id cannot be taken, and nothing else is guarded: a collision with another writer.
      return { kind: 'conflict', detail: 'The declaration met another write; nothing was stored. Send it again.' };
  }
}

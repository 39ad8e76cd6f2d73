import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema } from '../../schema/lazy';
import type { DecideContext } from '../commands';
import { evidenceTargetProblem, type EvidenceContentType, type EvidenceKind } from '../evidence';
import { conflictWith, violation, type Decision } from '../outcome';
import { recordDraft, settle, todayOf } from '../posting';
import type { ProjectState } from '../types';
import type { EntryKind, EntryOf } from './kind';

/**
 * Evidence comes in two steps (API.md, Evidence): `POST …/evidence` declares the file and gets an
 * upload URL — no entry, nothing in the chain; the client uploads the bytes; then
 * `POST …/evidence/{evidenceId}/complete` is the kind's route: once the stored file matches the
 * declaration, the `evidence` entry is appended. Its command names only the declaration, which
 * the caller reads with the documented entry (DecideContext.evidence).
 */
export const evidenceCompletionSchema = lazySchema(() =>
  meta(z.strictObject({}), { id: 'EvidenceCompletion', description: 'No fields (an empty body, or none): the declaration says what the stored file must be' }),
);

export interface EvidenceDetails {
  evidenceId: string;
  kind: EvidenceKind;
  /** SHA-256 of the file as recorded (64 lower-case hex): the chain's hashes cover it. */
  sha256: string;
  sizeBytes: number;
  contentType: EvidenceContentType;
  fileName: string;
  /** The evidenceId of an earlier file of the same entry that this one replaces (never deleted). */
  supersedes?: string;
}
export type EvidenceEntry = EntryOf<'evidence', EvidenceDetails>;
export interface EvidenceCommand {
  type: 'evidence';
  evidenceId: string;
}

/** Every role that posts some kind of entry: evidence is added by whoever may post the entry it documents. */
export const EVIDENCE_ROLES = ['finance-officer', 'zone-committee', 'city-bureau', 'admin'] as const;

function decideEvidence(state: ProjectState, command: EvidenceCommand, ctx: DecideContext): Decision {
  const ev = ctx.evidence;
  if (!ev || ev.declaration.evidenceId !== command.evidenceId) throw new Error(`evidence ${command.evidenceId} is decided on its declaration (DecideContext.evidence)`);
  if (ev.recordedAs) return conflictWith(`evidence ${command.evidenceId} is already recorded as ${ev.recordedAs}`);
  // Only a stored file that is exactly the one declared becomes evidence.
  if (!ev.upload) throw new Error(`evidence ${command.evidenceId} is decided on its stored file (DecideContext.evidence.upload)`);
  if (ev.upload.kind === 'not-uploaded') {
    return conflictWith(`nothing is uploaded for evidence ${command.evidenceId}: PUT the file to its uploadUrl first (a refused or expired upload is gone: declare the file again)`);
  }
  if (ev.upload.kind === 'mismatch') return violation({ rule: 'evidence-mismatch', detail: ev.upload.detail });
  const problem = evidenceTargetProblem(state, ev);
  if (problem) return { ok: false, invalid: [problem] };
  const d = ev.declaration;
  return settle(state, recordDraft({
    type: 'evidence',
    // Evidence enters the books the day it is recorded: a view of an earlier day shows the entry without it.
    valueDate: todayOf(ctx),
    reference: null,
    memo: null,
    refersTo: d.refersTo,
    status: 'posted',
    details: {
      evidenceId: d.evidenceId, kind: d.kind, sha256: d.sha256, sizeBytes: d.sizeBytes, contentType: d.contentType, fileName: d.fileName,
      ...(d.supersedes !== null ? { supersedes: d.supersedes } : {}),
    },
  }), ctx);
}

/** A file behind an entry (凭证): a bank receipt, a matching-fund document, an acceptance report. */
export const evidence: EntryKind<'evidence', EvidenceDetails, EvidenceCommand> = {
  type: 'evidence',
  term: 'entry.evidence',
  route: {
    path: '/projects/{projectId}/evidence/{evidenceId}/complete',
    summary: 'Record uploaded evidence',
    description:
      'The caller of the declaration (whoever may post the kind of entry it documents, for their scope). The stored file is checked — size, SHA-256, leading bytes against the declared type — and only then is the evidence entry appended. A mismatch: 422 evidence-mismatch, nothing appended, the upload discarded. Nothing uploaded: 409.',
    tags: ['Evidence'],
    body: evidenceCompletionSchema,
    bodyOptional: true,
    toCommand: (_body: unknown, params) => ({ type: 'evidence', evidenceId: params.evidenceId! }),
  },
  // Narrowed to the roles that may post the documented entry, for their scope (rolesFor, index.ts).
  roles: EVIDENCE_ROLES,
  decide: (state, command, ctx) => decideEvidence(state, command, ctx),
  // Its effect, the documented entry no longer awaiting evidence, is the bookkeeping every entry
  // goes through (evolve.ts, awaitingAfter).
  evolve: (s) => s,
  sign: 0,
  // A wrong file is followed by another evidence entry with `supersedes`; nothing takes one back.
  reversible: false,
};

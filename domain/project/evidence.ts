/**
 * Evidence (凭证) behind ledger entries, in the domain's terms: what a declaration names, which
 * entries it may document, and the entries a program requires evidence for that still have none
 * (the project state's `awaitingEvidence`, what the `evidence-missing` alert reads). The files
 * themselves never reach the domain: functions/lib/evidence checks them.
 */
import { compareDates, type BusinessDate } from '../dates';
import type { Fen } from '../money';
import { evidenceRequiredOf } from '../programs/program';
import type { InvalidField } from './outcome';
import type { Entry, Funder, ProjectState, Role } from './types';

export const EVIDENCE_KINDS = ['payment-receipt', 'match-document', 'transfer-voucher', 'acceptance-report', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd'] as const;
export type EvidenceContentType = (typeof EVIDENCE_CONTENT_TYPES)[number];
/** The types a browser shows itself (an OFD needs a reader of its own: it is only downloaded). */
export const VIEWABLE_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const satisfies readonly EvidenceContentType[];
export const isViewable = (t: string): boolean => (VIEWABLE_CONTENT_TYPES as readonly string[]).includes(t);
/** How a file's URL answers: attachment, saved; inline, shown by the browser. */
export const EVIDENCE_DISPOSITIONS = ['attachment', 'inline'] as const;
export type EvidenceDisposition = (typeof EVIDENCE_DISPOSITIONS)[number];

/** A file as declared before its upload, with the entry it documents (API.md, Evidence). */
export interface EvidenceDeclared {
  evidenceId: string;
  refersTo: string;
  kind: EvidenceKind;
  fileName: string;
  contentType: EvidenceContentType;
  sizeBytes: number;
  sha256: string;
  /** The evidence (its evidenceId) this file replaces: a wrong file is never deleted, it is superseded. */
  supersedes: string | null;
}

/** What an evidence decision needs besides the state, read by the caller (DecideContext.evidence). */
export interface EvidenceContext {
  declaration: EvidenceDeclared;
  /** The entry the declaration names, or null when the project has none of that id. */
  target: Entry | null;
  /** The recorded evidence `supersedes` names: the entry it documents; null when none is recorded. */
  superseded: { evidenceId: string; refersTo: string } | null;
  /** The evidence entry already recorded for this declaration (a completion is recorded once). */
  recordedAs: string | null;
  /** The stored file against the declaration (size, SHA-256, leading bytes); null when not checked. */
  upload: StoredFile | null;
}

/** What the stored object of a declaration turned out to be. */
export type StoredFile = { kind: 'matches' } | { kind: 'not-uploaded' } | { kind: 'mismatch'; detail: string };

const field = (path: string, message: string): InvalidField => ({ path, message });

/**
 * Why the declared file may not document its target, or null: the target must be an entry of the
 * project and not itself evidence; a file it supersedes must be recorded evidence of the same entry.
 */
export function evidenceTargetProblem(state: ProjectState, ev: Pick<EvidenceContext, 'declaration' | 'target' | 'superseded'>): InvalidField | null {
  const { declaration: d, target } = ev;
  if (!target || target.projectId !== state.registration.projectId || target.entryId !== d.refersTo) {
    return field('refersTo', `project ${state.registration.projectId} has no entry ${d.refersTo}`);
  }
  if (target.type === 'evidence') {
    return field('refersTo', `${d.refersTo} is itself evidence: evidence documents a ledger entry (to replace a file, declare a new one of the same entry with supersedes)`);
  }
  if (d.supersedes !== null) {
    if (!ev.superseded) return field('supersedes', `no recorded evidence ${d.supersedes} in project ${state.registration.projectId}`);
    if (ev.superseded.refersTo !== d.refersTo) return field('supersedes', `evidence ${d.supersedes} documents ${ev.superseded.refersTo}, not ${d.refersTo}`);
  }
  return null;
}

/** An entry of a type the program requires evidence for, still without any. */
export interface AwaitingEvidence {
  entryId: string;
  seq: number;
  type: string;
  funder: Funder | null;
  amountFen: Fen | null;
  valueDate: BusinessDate;
  /** The role that posted it: who is to provide the evidence. */
  role: Role;
}

export const awaitingOf = (s: ProjectState): readonly AwaitingEvidence[] => s.awaitingEvidence ?? [];

/** The state with this list; without the member when it is empty (states from before evidence read the same). */
function withAwaiting(s: ProjectState, list: AwaitingEvidence[]): ProjectState {
  const { awaitingEvidence: _old, ...rest } = s;
  return list.length > 0 ? { ...rest, awaitingEvidence: list } : rest;
}

const byDateThenSeq = (a: AwaitingEvidence, b: AwaitingEvidence) => compareDates(a.valueDate, b.valueDate) || a.seq - b.seq;

/**
 * The bookkeeping every entry does for evidence: an entry of a required type waits for evidence
 * (kept in value-date order, so any replay order gives the same state); a reversed entry needs
 * none; evidence ends the wait of the entry it documents.
 */
export function awaitingAfter(s: ProjectState, e: Entry): ProjectState {
  const list = awaitingOf(s);
  if (e.type === 'evidence' || e.type === 'reversal') {
    return list.some((a) => a.entryId === e.refersTo) ? withAwaiting(s, list.filter((a) => a.entryId !== e.refersTo)) : s;
  }
  if (!evidenceRequiredOf(s.rules).includes(e.type)) return s;
  const waiting: AwaitingEvidence = { entryId: e.entryId, seq: e.seq, type: e.type, funder: e.funder, amountFen: e.amountFen, valueDate: e.valueDate, role: e.actor.role };
  return withAwaiting(s, [...list.filter((a) => a.entryId !== e.entryId), waiting].sort(byDateThenSeq));
}

/** An entry's evidence as people read it beside the entry: the evidence entry and its file. */
export interface EvidenceRef {
  entryId: string;
  evidenceId: string;
  kind: EvidenceKind;
  fileName: string;
  contentType: EvidenceContentType;
  sizeBytes: number;
  sha256: string;
  recordedAt: string;
  actor: Entry['actor'];
  supersedes: string | null;
  /** A later file of the same entry supersedes this one. */
  replaced: boolean;
}

/** The evidence of each documented entry, in the order it was recorded (history in seq order). */
export function evidenceByEntry(entries: readonly Entry[]): Map<string, EvidenceRef[]> {
  const files = entries.flatMap((e) => (e.type === 'evidence' && e.refersTo ? [{ e, d: e.details, refersTo: e.refersTo }] : []));
  const replaced = new Set(files.flatMap(({ d }) => (d.supersedes ? [d.supersedes] : [])));
  const out = new Map<string, EvidenceRef[]>();
  for (const { e, d, refersTo } of files) {
    const ref: EvidenceRef = {
      entryId: e.entryId, evidenceId: d.evidenceId, kind: d.kind, fileName: d.fileName, contentType: d.contentType, sizeBytes: d.sizeBytes, sha256: d.sha256,
      recordedAt: e.recordedAt, actor: e.actor, supersedes: d.supersedes ?? null, replaced: replaced.has(d.evidenceId),
    };
    out.set(refersTo, [...(out.get(refersTo) ?? []), ref]);
  }
  return out;
}

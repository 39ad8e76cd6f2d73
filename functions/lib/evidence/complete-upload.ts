import type { EvidenceDeclaration } from './declaration';
import { inspectEvidence, type EvidenceMismatch } from './inspect';
import type { EvidenceKey, EvidenceObjectStore } from './object-store';

/**
 * POST …/evidence/{evidenceId}/complete, up to (not including) the ledger entry:
 * - `recorded`: the bytes match the declaration and are in recorded/ (this version): append the
 *   `evidence` entry (201). The staged copy is gone.
 * - `not-uploaded`: nothing staged and nothing recorded (409).
 * - `mismatch`: size, SHA-256 or content differ (422 `evidence-mismatch`); the staged upload is
 *   discarded, so a refusal leaves nothing behind.
 *
 * A retry after the entry could not be appended (a 503 after the copy) finds the file recorded,
 * checks it again and answers `recorded`: the copy to recorded/ is the point of no return, and
 * it is only ever made of checked bytes.
 */
export type Completion =
  | { status: 'recorded'; sizeBytes: number; sha256: string; versionId: string | null }
  | { status: 'not-uploaded' }
  | { status: 'mismatch'; mismatch: EvidenceMismatch };

async function checkRecorded(store: EvidenceObjectStore, key: EvidenceKey, declared: EvidenceDeclaration): Promise<Completion | null> {
  const recorded = await store.openRecorded(key);
  if (!recorded) return null;
  const inspection = await inspectEvidence(recorded.body, declared);
  // Never discarded: a recorded file that no longer matches is for /verify to report.
  return inspection.ok ? { status: 'recorded', sizeBytes: inspection.sizeBytes, sha256: inspection.sha256, versionId: recorded.versionId } : { status: 'mismatch', mismatch: inspection.mismatch };
}

export async function completeUpload(store: EvidenceObjectStore, key: EvidenceKey, declared: EvidenceDeclaration): Promise<Completion> {
  const already = await checkRecorded(store, key, declared);
  if (already) return already;
  const staged = await store.openStaged(key);
  if (!staged) return { status: 'not-uploaded' };
  const inspection = await inspectEvidence(staged.body, declared);
  if (!inspection.ok) {
    await store.discardStaged(key);
    return { status: 'mismatch', mismatch: inspection.mismatch };
  }
  const copy = await store.record(key, staged.versionId);
  if (copy.outcome === 'exists') return (await checkRecorded(store, key, declared)) ?? { status: 'not-uploaded' };
  await store.discardStaged(key);
  return { status: 'recorded', sizeBytes: inspection.sizeBytes, sha256: inspection.sha256, versionId: copy.versionId };
}

/**
 * For /verify: whether the recorded file still has the hash the ledger recorded. `missing` and
 * `changed` both break the chain's evidence.
 */
export type StoredEvidenceCheck = { status: 'intact' } | { status: 'missing' } | { status: 'changed'; mismatch: EvidenceMismatch };

export async function checkStoredEvidence(store: EvidenceObjectStore, key: EvidenceKey, recorded: EvidenceDeclaration, versionId: string | null = null): Promise<StoredEvidenceCheck> {
  const object = await store.openRecorded(key, versionId);
  if (!object) return { status: 'missing' };
  const inspection = await inspectEvidence(object.body, recorded);
  return inspection.ok ? { status: 'intact' } : { status: 'changed', mismatch: inspection.mismatch };
}

import type { Entry } from '../../../domain/project/types';
import type { EvidenceRecord } from '../storage/evidence-store';
import { checkStoredEvidence } from './complete-upload';
import type { EvidenceObjectStore } from './object-store';

export interface EvidenceFileProblem {
  /** The evidence entry. */
  entryId: string;
  seq: number;
  evidenceId: string;
  fileName: string;
  problem: 'missing' | 'changed';
  detail: string;
}

/** Files read at once: each is streamed (bounded memory); a few in parallel keep /verify short. */
const PARALLEL = 4;

/**
 * For /verify: every evidence entry's recorded file read back and hashed (the version its record
 * names on S3), in seq order; the entries whose file is missing or no longer has the SHA-256 the
 * chain recorded. The expected values come from the entries themselves, which the chain covers.
 */
export async function evidenceFileProblems(store: EvidenceObjectStore, projectId: string, entries: readonly Entry[], records: readonly EvidenceRecord[]): Promise<{ checked: number; problems: EvidenceFileProblem[] }> {
  const versions = new Map(records.map((r) => [r.evidenceId, r.versionId]));
  const files = entries.flatMap((e) => (e.type === 'evidence' ? [e] : []));
  const problems: (EvidenceFileProblem | null)[] = new Array(files.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const e = files[i]!;
      const d = e.details;
      const check = await checkStoredEvidence(store, { projectId, evidenceId: d.evidenceId }, d, versions.get(d.evidenceId) ?? null);
      if (check.status === 'intact') continue;
      problems[i] = {
        entryId: e.entryId, seq: e.seq, evidenceId: d.evidenceId, fileName: d.fileName, problem: check.status,
        detail: check.status === 'missing'
          ? `the recorded file of evidence ${d.evidenceId} (${d.fileName}, entry ${e.entryId}) is missing`
          : `the recorded file of evidence ${d.evidenceId} (${d.fileName}, entry ${e.entryId}) no longer has its recorded SHA-256: ${check.mismatch.detail}`,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, worker));
  return { checked: files.length, problems: problems.filter((p): p is EvidenceFileProblem => p !== null) };
}

import type { EvidenceDeclared } from '../../../domain/project/evidence';
import type { UploadCheck } from '../ledger/post-entry';
import { completeUpload } from './complete-upload';
import { configuredEvidenceStore } from './configured-store';
import type { EvidenceObjectStore } from './object-store';

/**
 * The write path's view of an evidence completion (PostEntryRequest.checkUpload): the stored file
 * checked against its declaration and, when it matches, recorded (complete-upload.ts).
 */
export function uploadCheck(store: () => EvidenceObjectStore = configuredEvidenceStore) {
  return async (projectId: string, declared: EvidenceDeclared): Promise<UploadCheck> => {
    const done = await completeUpload(store(), { projectId, evidenceId: declared.evidenceId }, declared);
    switch (done.status) {
      case 'recorded':
        return { kind: 'recorded', versionId: done.versionId };
      case 'not-uploaded':
        return { kind: 'not-uploaded' };
      case 'mismatch':
        return { kind: 'mismatch', detail: done.mismatch.detail };
    }
  };
}

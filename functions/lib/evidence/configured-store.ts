import { localObjectStore } from './local-object-store';
import type { EvidenceObjectStore } from './object-store';
import { s3ObjectStore } from './s3-object-store';

/** Env var naming the evidence bucket on AWS (infra/handler-config.ts `evidence`). */
export const EVIDENCE_BUCKET_ENV = 'EVIDENCE_BUCKET';

let configured: EvidenceObjectStore | undefined;

/** EVIDENCE_BUCKET on AWS; locally the local server's stand-in (EVIDENCE_DIR, or in memory). */
export function configuredEvidenceStore(): EvidenceObjectStore {
  if (!configured) {
    const bucket = process.env[EVIDENCE_BUCKET_ENV];
    configured = bucket ? s3ObjectStore(bucket) : localObjectStore();
  }
  return configured;
}

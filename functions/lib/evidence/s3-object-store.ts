import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { sha256HexToBase64, type EvidenceContentType, type EvidenceDeclaration } from './declaration';
import {
  DOWNLOAD_URL_SECONDS, UPLOAD_URL_SECONDS, contentDisposition, expiresAt, recordedKey, stagingKey,
  type DownloadFile, type DownloadTicket, type EvidenceKey, type EvidenceObjectStore, type RecordOutcome, type StoredObject, type UploadTicket,
} from './object-store';

/**
 * Evidence in the S3 bucket of infra/constructs/evidence-bucket.ts. The SDK and the presigner are
 * shipped beside the bundle and loaded on first use (infra/bundling.ts).
 *
 * Upload URLs sign Content-Type, Content-Length and x-amz-checksum-sha256 as headers: S3 refuses
 * a PUT whose size or type differ (the signature no longer matches) or whose bytes do not have
 * that SHA-256 (BadDigest), and stores the checksum with the object. The checksum header must not
 * be hoisted into the query string, where S3 does not check it against the body.
 */

const statusOf = (err: unknown): number | undefined => (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const missing = (err: unknown): boolean => {
  const name = (err as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchVersion' || statusOf(err) === 404;
};

export function s3ObjectStore(bucket: string, config: S3ClientConfig = {}): EvidenceObjectStore {
  const sdk = Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]).then(([s3, presigner]) => ({
    s3,
    getSignedUrl: presigner.getSignedUrl,
    // WHEN_REQUIRED: otherwise the SDK adds a CRC32 of the (empty) body to every presigned PUT,
    // and S3 would refuse the real upload. The SHA-256 is given explicitly instead.
    client: new s3.S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED', ...config }) as S3Client,
  }));

  const open = async (Key: string, VersionId?: string | null): Promise<StoredObject | null> => {
    const { s3, client } = await sdk;
    try {
      const out = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key, ...(VersionId ? { VersionId } : {}) }));
      return { body: out.Body as AsyncIterable<Uint8Array>, versionId: out.VersionId ?? null };
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  };

  return {
    async presignUpload(k: EvidenceKey, declared: EvidenceDeclaration, now: Date): Promise<UploadTicket> {
      const { s3, client, getSignedUrl } = await sdk;
      const checksum = sha256HexToBase64(declared.sha256);
      const command = new s3.PutObjectCommand({ Bucket: bucket, Key: stagingKey(k), ContentType: declared.contentType, ContentLength: declared.sizeBytes, ChecksumSHA256: checksum });
      const url = await getSignedUrl(client, command, {
        expiresIn: UPLOAD_URL_SECONDS,
        signingDate: now,
        signableHeaders: new Set(['content-type', 'content-length']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      });
      return { url, headers: { 'Content-Type': declared.contentType, 'x-amz-checksum-sha256': checksum }, expiresAt: expiresAt(now, UPLOAD_URL_SECONDS) };
    },

    openStaged: (k) => open(stagingKey(k)),
    openRecorded: (k, versionId) => open(recordedKey(k), versionId),

    async record(k: EvidenceKey, versionId: string | null): Promise<RecordOutcome> {
      const { s3, client } = await sdk;
      const source = `${bucket}/${stagingKey(k)}${versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''}`;
      try {
        const out = await client.send(new s3.CopyObjectCommand({
          Bucket: bucket, Key: recordedKey(k), CopySource: source,
          // Never over recorded evidence (412 instead); the checksum is computed again for the copy.
          IfNoneMatch: '*', ChecksumAlgorithm: 'SHA256', MetadataDirective: 'COPY',
        }));
        return { outcome: 'recorded', versionId: out.VersionId ?? null };
      } catch (err) {
        if (statusOf(err) === 412 || (err as { name?: string }).name === 'PreconditionFailed') return { outcome: 'exists' };
        throw err;
      }
    },

    async discardStaged(k: EvidenceKey): Promise<void> {
      const { s3, client } = await sdk;
      await client.send(new s3.DeleteObjectCommand({ Bucket: bucket, Key: stagingKey(k) }));
    },

    async presignDownload(k: EvidenceKey, versionId: string | null, file: DownloadFile, now: Date): Promise<DownloadTicket> {
      const { s3, client, getSignedUrl } = await sdk;
      const command = new s3.GetObjectCommand({
        Bucket: bucket, Key: recordedKey(k), ...(versionId ? { VersionId: versionId } : {}),
        ResponseContentDisposition: contentDisposition(file.disposition ?? 'attachment', file.fileName), ResponseContentType: file.contentType,
      });
      return { url: await getSignedUrl(client, command, { expiresIn: DOWNLOAD_URL_SECONDS, signingDate: now }), expiresAt: expiresAt(now, DOWNLOAD_URL_SECONDS) };
    },
  };
}

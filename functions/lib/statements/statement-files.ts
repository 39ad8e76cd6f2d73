import type { S3Client } from '@aws-sdk/client-s3';
import { EVIDENCE_BUCKET_ENV } from '../evidence/configured-store';
import { sha256HexToBase64 } from '../evidence/declaration';
import { localObjectStore } from '../evidence/local-object-store';
import { UPLOAD_URL_SECONDS, expiresAt, type UploadTicket } from '../evidence/object-store';
import { STATEMENTS_PREFIX, type StatementUploadType } from '../reconciliation/settings';

/**
 * Statement files too large for a request body (API Gateway takes 10 MB, Lambda 6 MB) go where
 * evidence goes, under a prefix of their own: `statements/<statementId>` in the evidence bucket on
 * AWS (the SHA-256 of the file is its id, so a key holds one content only), the local server's
 * stand-in locally. The client PUTs to a presigned URL that accepts exactly the declared bytes;
 * the functions read them back. The bucket's lifecycle removes them after a week: what is kept
 * is the statement's lines in the table, and the id says which file they came from.
 */

export interface StatementDeclaration {
  sizeBytes: number;
  contentType: StatementUploadType;
  sha256: string;
}

export interface StatementFiles {
  presignUpload(declared: StatementDeclaration, now: Date): Promise<UploadTicket>;
  /** The uploaded bytes, or null when nothing was uploaded. */
  read(statementId: string): Promise<Buffer | null>;
}

const ID = /^[0-9a-f]{64}$/;
export function statementKey(statementId: string): string {
  if (!ID.test(statementId)) throw new RangeError(`not a statement id: ${statementId}`);
  return `${STATEMENTS_PREFIX}${statementId}`;
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function s3StatementFiles(bucket: string): StatementFiles {
  const sdk = Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]).then(([s3, presigner]) => ({
    s3,
    getSignedUrl: presigner.getSignedUrl,
    // As for evidence: the SHA-256 is signed explicitly, no CRC32 of an empty body.
    client: new s3.S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' }) as S3Client,
  }));
  return {
    async presignUpload(declared, now) {
      const { s3, client, getSignedUrl } = await sdk;
      const checksum = sha256HexToBase64(declared.sha256);
      const command = new s3.PutObjectCommand({ Bucket: bucket, Key: statementKey(declared.sha256), ContentType: declared.contentType, ContentLength: declared.sizeBytes, ChecksumSHA256: checksum });
      const url = await getSignedUrl(client, command, {
        expiresIn: UPLOAD_URL_SECONDS,
        signingDate: now,
        signableHeaders: new Set(['content-type', 'content-length']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      });
      return { url, headers: { 'Content-Type': declared.contentType, 'x-amz-checksum-sha256': checksum }, expiresAt: expiresAt(now, UPLOAD_URL_SECONDS) };
    },
    async read(statementId) {
      const { s3, client } = await sdk;
      try {
        const out = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: statementKey(statementId) }));
        return collect(out.Body as AsyncIterable<Uint8Array>);
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
        throw err;
      }
    },
  };
}

function localStatementFiles(): StatementFiles {
  const store = localObjectStore();
  return {
    presignUpload: async (declared, now) => store.presignPut(statementKey(declared.sha256), declared, now),
    async read(statementId) {
      const object = await store.read(statementKey(statementId));
      return object ? collect(object.body) : null;
    },
  };
}

let configured: StatementFiles | undefined;

/** The evidence bucket on AWS (EVIDENCE_BUCKET), the local stand-in otherwise. */
export function configuredStatementFiles(): StatementFiles {
  if (!configured) {
    const bucket = process.env[EVIDENCE_BUCKET_ENV];
    configured = bucket ? s3StatementFiles(bucket) : localStatementFiles();
  }
  return configured;
}

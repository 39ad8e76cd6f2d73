import { randomUUID } from 'node:crypto';
import type { Reply } from './http/handler';

/**
 * Lambda answers at most 6 MB, and binary bodies travel base64-encoded (4/3 larger): above this
 * size an export goes through S3 and the client is sent to a presigned URL instead.
 */
export const INLINE_MAX_BYTES = 4 * 1024 * 1024;
const PRESIGNED_SECONDS = 15 * 60;

const disposition = (filename: string) => `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

/** A file download: inline when small or local, else (EXPORT_BUCKET on AWS) a 303 to a presigned S3 URL. */
export async function fileReply(bytes: Buffer, filename: string, contentType: string): Promise<Reply> {
  const bucket = process.env.EXPORT_BUCKET;
  if (!bucket || bytes.byteLength <= INLINE_MAX_BYTES) {
    return { status: 200, raw: bytes, contentType, headers: { 'content-disposition': disposition(filename) } };
  }
  const [{ S3Client, PutObjectCommand, GetObjectCommand }, { getSignedUrl }] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
  const s3 = new S3Client({});
  const key = `exports/${randomUUID()}/${filename}`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType, ContentDisposition: disposition(filename) }));
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: PRESIGNED_SECONDS });
  return { status: 303, raw: '', contentType: 'text/plain', headers: { location: url } };
}

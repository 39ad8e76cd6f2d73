import { Aws, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { RECORDED_PREFIX, STAGING_PREFIX } from '../../functions/lib/evidence/object-store';
import { STATEMENTS_PREFIX } from '../../functions/lib/reconciliation/settings';

/** Days a staged upload (checked or not) stays before the lifecycle removes it. */
export const EVIDENCE_STAGING_EXPIRY_DAYS = 1;
/** Days an uploaded statement file stays: its lines are kept in the table, its SHA-256 is its id. */
export const STATEMENT_FILE_EXPIRY_DAYS = 7;

/**
 * The evidence bucket's name, known before the bucket exists: the console's Content-Security-Policy
 * must name the bucket's origin (the browser PUTs there), and the bucket's CORS names the console's
 * origin. With a Ref each way CloudFormation would see a cycle; a name of stack, account and region
 * breaks it and is unique per stack.
 */
export function evidenceBucketName(scope: Construct): string {
  const stackName = Stack.of(scope).stackName;
  if (Token.isUnresolved(stackName)) throw new Error('the evidence bucket is named after the stack: give the stack a literal name');
  return `${stackName.toLowerCase()}-evidence-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/** https origin of the bucket as the SDK's presigner writes URLs (virtual-hosted style). */
export const evidenceBucketOrigin = (scope: Construct): string => `https://${evidenceBucketName(scope)}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;

export interface EvidenceBucketProps {
  /** The console's origin (https://…, no trailing slash): the only origin CORS admits. */
  consoleOrigin: string;
  /** Where S3 server access logs go. */
  accessLogs: s3.IBucket;
}

/**
 * Evidence files (bank receipts, matching-fund documents, acceptance reports) behind ledger
 * entries (API.md, Evidence).
 *
 * - `staging/<projectId>/<evidenceId>`: what clients upload with a presigned PUT. Expired after a
 *   day (current and noncurrent versions, and the delete markers left behind): a refused or
 *   abandoned upload leaves nothing behind for long, and a checked one is copied out at once.
 * - `recorded/<projectId>/<evidenceId>`: checked evidence, copied from staging/ on completion. No
 *   lifecycle rule touches it, and the bucket policy denies every principal the deletion of an
 *   object or a version under it. Versioning keeps the recorded version if anyone overwrites the
 *   key (the write role can only copy from staging/, and does so with If-None-Match).
 *
 * Encryption is SSE-KMS with a key of its own (rotated yearly, S3 Bucket Keys to keep KMS calls
 * few), not SSE-S3 as the digest and export buckets: receipts carry bank account numbers and
 * names, and with a key of our own reading one takes kms:Decrypt as well as s3:GetObject (an S3
 * permission granted by mistake reads nothing), each decryption is in CloudTrail, and access can
 * be cut at the key. The access logs go to the log bucket as for the other buckets (S3 logging
 * only needs the *destination* to be SSE-S3).
 *
 * - `statements/<statementId>`: bank and treasury statements too large for a request body,
 *   uploaded the same way and read by the functions that reconcile them. Expired after a week
 *   (what is kept is the statement's lines in the table; the file's SHA-256 is its id).
 *
 * CORS admits the console's origin only: PUT (uploads, with the two headers the URL signs) and
 * GET/HEAD (a download fetched by the console).
 */
export class EvidenceBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);

    this.key = new kms.Key(this, 'Key', {
      description: 'FundLedger evidence files (SSE-KMS of the evidence bucket)',
      enableKeyRotation: true,
      // Evidence encrypted with it must stay readable if the stack is deleted.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: evidenceBucketName(this),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-staging',
          prefix: STAGING_PREFIX,
          expiration: Duration.days(EVIDENCE_STAGING_EXPIRY_DAYS),
          noncurrentVersionExpiration: Duration.days(EVIDENCE_STAGING_EXPIRY_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(EVIDENCE_STAGING_EXPIRY_DAYS),
        },
        // Separate rule: S3 does not allow this action beside Days in one rule.
        { id: 'staging-delete-markers', prefix: STAGING_PREFIX, expiredObjectDeleteMarker: true },
        {
          id: 'expire-statements',
          prefix: STATEMENTS_PREFIX,
          expiration: Duration.days(STATEMENT_FILE_EXPIRY_DAYS),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        { id: 'statements-delete-markers', prefix: STATEMENTS_PREFIX, expiredObjectDeleteMarker: true },
      ],
      cors: [
        {
          allowedOrigins: [props.consoleOrigin],
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
          exposedHeaders: ['ETag', 'x-amz-version-id', 'x-amz-checksum-sha256', 'Content-Disposition'],
          maxAge: 3600,
        },
      ],
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      // Evidence outlives the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyRecordedEvidenceDeletion',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.bucket.arnForObjects(`${RECORDED_PREFIX}*`)],
      }),
    );
  }

  /** Objects under staging/ or recorded/ (ARN pattern). */
  objects(prefix: typeof STAGING_PREFIX | typeof RECORDED_PREFIX): string {
    return this.bucket.arnForObjects(`${prefix}*`);
  }

  /** Statement files (statements/<statementId>). */
  statementObjects(): string {
    return this.bucket.arnForObjects(`${STATEMENTS_PREFIX}*`);
  }

  /** Acknowledges, on a role, the object wildcard its statement grant needs (the key is the file's SHA-256). */
  acknowledgeStatementGrant(role: iam.IRole, name: string, access: 'write' | 'read'): void {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${STATEMENTS_PREFIX}*]`,
      reason: access === 'write'
        ? `${name} presigns uploads to statements/<statementId> (the file's SHA-256, known only at run time) and reads them back: PutObject and GetObject under statements/ only, which a lifecycle rule empties after a week.`
        : `${name} reads statements/<statementId> (the file's SHA-256, known only at run time) to reconcile it: GetObject under statements/ only.`,
    });
  }

  /** The value of s3:x-amz-copy-source for copies out of staging/. */
  get stagingCopySource(): string {
    return `${this.bucket.bucketName}/${STAGING_PREFIX}*`;
  }

  /** Acknowledges, on a role, the object wildcards its evidence grants need (keys are made at run time). */
  acknowledgeObjectGrants(role: iam.IRole, name: string, prefixes: readonly (typeof STAGING_PREFIX | typeof RECORDED_PREFIX)[]): void {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    for (const prefix of prefixes) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason:
          prefix === STAGING_PREFIX
            ? `${name} presigns uploads to staging/<projectId>/<evidenceId> (the id is made per upload), reads them back to check them, and deletes them: only under staging/, which a lifecycle rule empties daily.`
            : `${name} works on recorded/<projectId>/<evidenceId>, keys made at run time: ${name === 'write' ? 'copies checked files there (PutObject only with a copy source under staging/) and reads them back' : 'reads (and presigns downloads of) recorded files'}; the bucket policy denies any deletion there.`,
      });
    }
  }
}

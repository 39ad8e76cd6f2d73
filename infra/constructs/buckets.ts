import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface BucketsProps {
  /** How long each digest is locked (S3 Object Lock, compliance mode). */
  digestRetention: Duration;
}

/** How long S3 server access logs are kept. This matches the API access logs (one year). */
export const ACCESS_LOG_RETENTION_DAYS = 365;
/** How long an Excel export stays in the exports bucket. Presigned URLs are shorter-lived. */
export const EXPORT_EXPIRY_DAYS = 1;

/**
 * The stack's S3 buckets except the console's (that one is in web-console.ts):
 * - `digests`: the daily Merkle roots (tamper evidence beyond the database). Object Lock in
 *   COMPLIANCE mode means that nobody, the account root included, can delete or overwrite a
 *   locked version before its retention ends, and the retention cannot be shortened.
 * - `exports`: large Excel exports, fetched through presigned URLs. They expire after a day.
 * - `accessLogs`: S3 server access logs of every other bucket (who read or wrote what, when).
 *
 * All buckets have S3-managed encryption (SSE-S3). SSE-KMS would add kms:* grants to every reader
 * and a key policy for the log delivery service, and S3 server access logging cannot deliver to a
 * bucket that uses SSE-KMS. All of them block public access, refuse plain HTTP, and disable ACLs
 * (BucketOwnerEnforced).
 */
export class Buckets extends Construct {
  readonly accessLogs: s3.Bucket;
  readonly digests: s3.Bucket;
  readonly exports: s3.Bucket;

  constructor(scope: Construct, id: string, props: BucketsProps) {
    super(scope, id);

    const common = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    } satisfies s3.BucketProps;

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...common,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(ACCESS_LOG_RETENTION_DAYS) }],
      // Audit evidence: kept if the stack is deleted.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // With @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy (cdk.json), each bucket that logs here
    // adds a statement to this bucket's policy that lets logging.s3.amazonaws.com write, limited to
    // that source bucket and this account. No ACLs are involved.
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket itself: S3 server access logs of the digest, export and console ' +
        'buckets are delivered here. Logging it into itself would log every log delivery. Changes to ' +
        'it are still recorded by CloudTrail management events.',
    });

    this.digests = new s3.Bucket(this, 'Digests', {
      ...common,
      // Object Lock requires versioning (CDK turns it on; spelled out here). An overwrite makes a new
      // version, and the locked old version stays readable by its version id.
      versioned: true,
      objectLockEnabled: true,
      // Every object gets this retention when it is written. The writers have no
      // s3:PutObjectRetention, so they cannot choose a different mode or date.
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(props.digestRetention),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'digests/',
      // Locked objects cannot be deleted anyway, so a stack deletion leaves the bucket.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Compliance mode already protects every locked version. A plain DeleteObject would still add
    // a delete marker, and a reader without a version id would see the digest as gone. No FundLedger
    // role has a delete permission; this denies it to every principal as well, including
    // administrators (they would have to change this policy first, which CloudTrail records).
    this.digests.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyDigestDeletion',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.digests.arnForObjects('*')],
      }),
    );

    this.exports = new s3.Bucket(this, 'Exports', {
      ...common,
      lifecycleRules: [
        // An export is fetched right after it is made. Keeping copies of ledger extracts around
        // would only widen what a leaked presigned URL or a mistaken grant could expose.
        { id: 'expire-exports', expiration: Duration.days(EXPORT_EXPIRY_DAYS) },
        { id: 'abort-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'exports/',
      // The console downloads with fetch(): for a large export the API answers 303 with a presigned
      // URL, and the browser follows it to S3 as a CORS request whose Origin is "null" (the spec's
      // rule after a cross-origin redirect). So any origin may read, which grants nothing: the
      // presigned URL itself is the credential (15 minutes), and without it S3 refuses. The
      // console reads the file name from Content-Disposition. GET only.
      cors: [
        {
          allowedMethods: [s3.HttpMethods.GET],
          allowedOrigins: ['*'],
          exposedHeaders: ['Content-Disposition'],
          maxAge: 3600,
        },
      ],
      // Objects expire within a day. Retaining the bucket avoids a failed stack deletion while one
      // is still there.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

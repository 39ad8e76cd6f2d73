import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A domain of your own for the console, instead of the distribution's *.cloudfront.net name. */
export interface ConsoleDomain {
  /** e.g. fundledger.example.gov.cn. You point it at the distribution (CNAME) yourself. */
  domainName: string;
  /** ACM certificate for domainName, in us-east-1 (CloudFront only uses certificates from there). */
  certificateArn: string;
}

export interface WebConsoleProps {
  /** Directory of the built console (index.html at its root), e.g. console/dist. */
  consoleDir: string;
  /** Origin of the HTTP API, https://<id>.execute-api.<region>.amazonaws.com (for connect-src). */
  apiOrigin: string;
  /** The hosted sign-in page's origin, https://<prefix>.auth.<region>.amazoncognito.com. */
  authDomainUrl: string;
  /** The user pool's issuer URL, https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  issuer: string;
  /** Origin of presigned export URLs, https://<bucket>.s3.<region>.amazonaws.com. */
  exportsOrigin: string;
  /** Origin of the evidence bucket, where the console PUTs evidence files (presigned). */
  evidenceOrigin: string;
  /** Where S3 server access logs of the console bucket go. */
  accessLogs: s3.IBucket;
  domain?: ConsoleDomain;
}

/** What the console reads from /config.json at start-up (console/src/config.ts). */
export interface ConsoleRuntimeConfig {
  apiUrl: string;
  auth: { kind: 'cognito'; authority: string; clientId: string; domain: string };
}

/**
 * Throws a clear error unless `dir` holds a built console (index.html). Returns the absolute path.
 * The stack calls it first, so a missing build fails `cdk synth` before any bundling.
 */
export function assertConsoleBuilt(dir: string): string {
  const absolute = path.resolve(dir);
  const index = path.join(absolute, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `The web console is not built: ${index} does not exist. Run \`npm run build\` (it builds ` +
        'the console into console/dist), then run cdk synth or cdk deploy again.',
    );
  }
  return absolute;
}

/** Cache-Control of the content-hashed files under assets/: a new build has new names. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of everything else (index.html, config.json, favicon): revalidate every time. */
export const REVALIDATE = 'no-cache';

/**
 * Content-Security-Policy of every console response.
 * - Scripts only from the console's own origin. The Vite build has no inline scripts and no eval.
 * - style-src allows 'unsafe-inline' because antd writes its styles into <style> elements at run
 *   time (CSS-in-JS). Inline styles cannot run code.
 * - connect-src lists what the console fetches: the API, the hosted sign-in domain (token
 *   endpoint), the user pool's issuer path (OIDC discovery and keys; the trailing slash makes it a
 *   path prefix, so this pool and no other), and the exports bucket, where the API redirects
 *   downloads too big for a response (presigned URLs), and the evidence bucket, where evidence
 *   files are uploaded and downloaded (presigned URLs).
 * - No frames at all, and nobody may frame the console (clickjacking). Silent renew in an iframe
 *   is therefore impossible; the console renews with its refresh token.
 */
export function contentSecurityPolicy(
  p: Pick<WebConsoleProps, 'apiOrigin' | 'authDomainUrl' | 'issuer' | 'exportsOrigin' | 'evidenceOrigin'>,
): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${p.apiOrigin} ${p.authDomainUrl} ${p.issuer}/ ${p.exportsOrigin} ${p.evidenceOrigin}`,
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The web console on AWS: a private S3 bucket that only this CloudFront distribution can read
 * (Origin Access Control), security headers on every response, and a deploy-time upload of the
 * built console plus a config.json naming this stage's API and user pool. One build serves every
 * stage.
 */
export class WebConsole extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  /** https://<domain> of the console, no trailing slash: the CORS origin and the redirect base. */
  readonly origin: string;
  /** Role of the function that uploads the console (deploy time only). */
  readonly deployRole: iam.Role;
  readonly deployments: s3deploy.BucketDeployment[] = [];
  private readonly consoleDir: string;
  private readonly deployLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebConsoleProps) {
    super(scope, id);

    this.consoleDir = assertConsoleBuilt(props.consoleDir);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      // Private: no website hosting, no public access. CloudFront reads it with OAC (below).
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // SSE-S3: OAC could read SSE-KMS objects only with a key policy for CloudFront, and these
      // files are public anyway once served.
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'console/',
      // Only build output, which any deploy re-creates. RETAIN because CloudFormation cannot delete
      // a bucket that still has objects; delete it by hand after `cdk destroy` if you want.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'FundLedger console: CSP, HSTS, nosniff, no framing, referrer policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props), override: true },
        // Two years, the usual value for HSTS. No preload: that needs a domain of our own.
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        // Full referrer to our own origin only. The API and Cognito see no path, so no ?code=.
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          // The console uses none of these browser features.
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
        ],
      },
    });

    const certificate = props.domain
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn)
      : undefined;

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'FundLedger web console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        // OAC: CloudFront signs its requests (SigV4) and the bucket policy admits this
        // distribution only (condition on AWS:SourceArn). Read-only (GetObject).
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        // Honours the files' Cache-Control (see deploy()); compresses JS/CSS.
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: this.headers,
      },
      // Single-page app: a deep link such as /projects/P-1 is no object in the bucket. S3 answers
      // 403 to CloudFront for a missing key (CloudFront may not list the bucket) and 404 only if it
      // could, so both become index.html with 200, and the console's router takes over. ttl 0:
      // a deploy's new index.html is served at once, not after an error-cache period.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Price class 200 includes the Asian edge locations (Hong Kong, Japan, Singapore...), the
      // nearest ones to Jiangsu outside mainland China; price class 100 has only North America and
      // Europe.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      ...(certificate && props.domain
        ? {
            domainNames: [props.domain.domainName],
            certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.origin = `https://${props.domain ? props.domain.domainName : this.distribution.distributionDomainName}`;

    // cdk-nag acknowledgments for the distribution.
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'With its default *.cloudfront.net certificate CloudFront fixes the viewer security policy at ' +
          'TLSv1; TLS 1.2+ (TLSv1.2_2021) needs a certificate of our own, which is set as soon as the ' +
          'stack is given a console domain (FundLedgerStackProps.consoleDomain). Current browsers ' +
          'negotiate TLS 1.2/1.3 with it anyway, and HTTP is redirected to HTTPS.',
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: officials must reach the console while travelling. It serves only the ' +
        'static application bundle; every data request goes to the API and needs a Cognito token with MFA.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF web ACL: the distribution serves only the static, public application bundle (no data, ' +
        'no forms posted to it). The API it talks to is throttled per stage and requires Cognito tokens.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'No CloudFront access logs: the distribution serves only the static application bundle. Every ' +
        'data access goes through the API, whose access log records caller, route and status for a year. ' +
        'CloudFront standard logs would also need an ACL-enabled bucket, while every bucket here has ' +
        'ACLs disabled (BucketOwnerEnforced).',
    });

    // Deploy-time upload: own role and log group instead of CDK's defaults (see deploy()).
    this.deployLogs = new logs.LogGroup(this, 'DeployLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.deployRole = new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'FundLedger: upload the web console to its bucket (deploy time only)',
    });
  }

  /**
   * Uploads the built console and writes /config.json for this stage, then invalidates the
   * distribution's cache. Called once the API and the console's app client exist.
   */
  deploy(config: ConsoleRuntimeConfig): void {
    if (this.deployments.length > 0) throw new Error('deploy() was called already');
    // .vite/manifest.json is a build report (console/scripts/build.ts), not something to serve.
    const build = () => s3deploy.Source.asset(this.consoleDir, { exclude: ['.vite'] });
    // CDK's grants for a BucketDeployment are broad (s3:GetObject*, s3:List*, s3:DeleteObject* on
    // both buckets, cloudfront:CreateInvalidation on "*"). It gets this role without policy
    // updates, so those grants do nothing, and the statements below are all it can do.
    const role = this.deployRole.withoutPolicyUpdates();
    const common = {
      destinationBucket: this.bucket,
      role,
      logGroup: this.deployLogs,
      // Files from earlier builds stay. A browser that still runs the previous index.html can then
      // load that build's lazy chunks after a deploy. Old chunks are small, and no DeleteObject
      // permission is needed.
      prune: false,
    };

    // 1. The content-hashed bundles, cached for a year.
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      ...common,
      sources: [build()],
      exclude: ['*'],
      include: ['assets/*'],
      cacheControl: [s3deploy.CacheControl.fromString(IMMUTABLE)],
    });
    // 2. Then index.html, the rest and config.json, which browsers must revalidate, so that a new
    //    deploy shows at once. Deploy-time values (API URL, pool, client) are filled into
    //    config.json by the upload function, as CloudFormation resolves them.
    const entry = new s3deploy.BucketDeployment(this, 'DeployEntry', {
      ...common,
      sources: [build(), s3deploy.Source.jsonData('config.json', config)],
      exclude: ['assets/*'],
      cacheControl: [s3deploy.CacheControl.fromString(REVALIDATE)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    // index.html must not point at bundles that are not uploaded yet.
    entry.node.addDependency(assets);
    this.deployments.push(assets, entry);

    // What the upload function may do, and nothing more.
    const sources = new Set<string>();
    for (const deployment of this.deployments) {
      for (const child of deployment.node.findAll()) {
        if (child instanceof s3assets.Asset) sources.add(child.bucket.arnForObjects(child.s3ObjectKey));
      }
    }
    const policy = new iam.Policy(this, 'DeployPolicy', {
      roles: [this.deployRole],
      statements: [
        // This deploy's zip files in the CDK asset bucket, each by its key.
        new iam.PolicyStatement({ sid: 'ReadConsoleAssets', actions: ['s3:GetObject'], resources: [...sources] }),
        // `aws s3 sync` lists the destination, then uploads.
        new iam.PolicyStatement({ sid: 'ListConsoleBucket', actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }),
        new iam.PolicyStatement({
          sid: 'UploadConsole',
          actions: ['s3:PutObject'],
          resources: [this.bucket.arnForObjects('*')],
        }),
        new iam.PolicyStatement({
          sid: 'InvalidateConsoleCache',
          actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
          resources: [this.distribution.distributionArn],
        }),
        new iam.PolicyStatement({
          sid: 'WriteDeployLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.deployLogs.logGroupArn],
        }),
      ],
    });
    // The upload runs only after its permissions are in place.
    for (const deployment of this.deployments) deployment.node.addDependency(policy);

    // The upload function is a stack-wide singleton generated by aws-cdk-lib: Python with the AWS
    // CLI as a layer, on arm64.
    const uploader = Stack.of(this)
      .node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!uploader) throw new Error('BucketDeployment function not found');
    Validations.of(uploader).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The BucketDeployment function is generated by aws-cdk-lib, which picks the Python runtime its ' +
        'AWS CLI layer is built and tested for. It runs only during deploys, to copy the console build ' +
        'into its bucket; it follows aws-cdk-lib upgrades.',
    });
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.logicalIdOf(this.bucket)}.Arn>/*]`,
      reason:
        'The deploy-time upload writes the console build (file names change with every build) into the ' +
        'console bucket: s3:PutObject on that bucket only, no delete, no read.',
    });
  }

  private logicalIdOf(construct: Construct): string {
    return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
  }
}

import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import * as path from 'node:path';
import { allHandlerNames } from '../../functions/routes';
import {
  HANDLER_EXPORT,
  REPO_ROOT,
  cdkEsbuildArgs,
  SHIPPED_MODULE_UNUSED_PATHS,
  externalModulesFor,
  handlerEntry,
  sharedEsbuildOptions,
} from '../bundling';
import { DDB, assertHandlerConfigComplete, functionEnvironment, handlerConfig } from '../handler-config';
import { EVIDENCE_BUCKET_ENV } from '../../functions/lib/evidence/configured-store';
import { RECORDED_PREFIX, STAGING_PREFIX } from '../../functions/lib/evidence/object-store';
import { STATEMENT_JOBS_ENV } from '../../functions/lib/reconciliation/settings';
import type { EvidenceBucket } from './evidence-bucket';
import type { LedgerTable } from './ledger-table';

/** detail-type of the events the outbox publisher puts on the default bus. */
export const ALERT_DETAIL_TYPE = 'FundLedger Alert';

export interface HandlerFunctionsProps {
  ledger: LedgerTable;
  alertTopic: sns.ITopic;
  /** CMK that encrypts the alert topic: publishers need GenerateDataKey + Decrypt on it. */
  messagingKey: kms.IKey;
  /** Object Lock bucket for daily digests (handler-config `digests`). */
  digestBucket: s3.IBucket;
  /** Short-lived Excel exports (handler-config `exports`). */
  exportBucket: s3.IBucket;
}

/**
 * One Lambda per handler name in functions/routes.ts, each with its own role, its own log group
 * and only the permissions listed for it in infra/handler-config.ts.
 */
export class HandlerFunctions extends Construct {
  readonly functions: Record<string, nodejs.NodejsFunction> = {};
  readonly roles: Record<string, iam.Role> = {};

  constructor(scope: Construct, id: string, props: HandlerFunctionsProps) {
    super(scope, id);
    const names = allHandlerNames();
    assertHandlerConfigComplete(names);
    const { table, indexArns } = props.ledger;

    for (const name of names) {
      const config = handlerConfig[name]!;

      // A log group per function with a retention, created by us (not the legacy LogRetention
      // custom resource, which needs its own Lambda and a logs:PutRetentionPolicy on "*").
      const logGroup = new logs.LogGroup(this, `${name}-logs`, {
        retention: logs.RetentionDays.THREE_MONTHS,
        // Logs are evidence in a disbursement dispute; keep them if the stack is torn down.
        removalPolicy: RemovalPolicy.RETAIN,
      });

      // Own role instead of the default one: the default attaches the AWS managed policy
      // AWSLambdaBasicExecutionRole (logs:* on every log group in the account).
      const role = new iam.Role(this, `${name}-role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `FundLedger ${name} handler`,
      });
      // logs:CreateLogStream + logs:PutLogEvents on this function's log group only.
      logGroup.grantWrite(role);

      if (config.tableActions.length > 0) {
        role.addToPolicy(
          new iam.PolicyStatement({
            sid: 'TableItems',
            actions: [...config.tableActions],
            resources: [table.tableArn],
          }),
        );
        if (config.tableActions.includes(DDB.Query)) {
          // Query is the only action that can target an index; GSIs are listed one by one from
          // the table definition instead of "<table>/index/*".
          role.addToPolicy(
            new iam.PolicyStatement({ sid: 'IndexQuery', actions: [DDB.Query], resources: indexArns }),
          );
        }
      }

      const environment = functionEnvironment(name, {
        tableName: table.tableName,
        alertTopicArn: props.alertTopic.topicArn,
        eventBusName: 'default',
        digestBucket: props.digestBucket.bucketName,
        exportBucket: props.exportBucket.bucketName,
      });

      if (config.publishesAlerts) {
        role.addToPolicy(
          new iam.PolicyStatement({
            sid: 'PublishAlertTopic',
            actions: ['sns:Publish'],
            resources: [props.alertTopic.topicArn],
          }),
        );
        // Publishing to a KMS-encrypted topic: SNS asks KMS for a data key on the caller's
        // behalf. Spelled out instead of topic.grantPublish(), which adds kms:GenerateDataKey*.
        role.addToPolicy(
          new iam.PolicyStatement({
            sid: 'EncryptForAlertTopic',
            actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            resources: [props.messagingKey.keyArn],
          }),
        );
        role.addToPolicy(
          new iam.PolicyStatement({
            sid: 'PutAlertEventsOnDefaultBus',
            actions: ['events:PutEvents'],
            resources: [
              Stack.of(this).formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' }),
            ],
            // Only alert events; the publisher cannot impersonate other producers' detail-types.
            conditions: { StringEquals: { 'events:detail-type': ALERT_DETAIL_TYPE } },
          }),
        );
      }

      // S3 statements are written out action by action rather than with bucket.grantPut() /
      // grantRead(), which add wildcard actions (s3:GetObject*, s3:List*, s3:Abort*). Objects are
      // addressed as "<bucket>/*" because keys are made at run time (dates, export ids). Each bucket
      // holds one kind of object only.
      if (config.digests) {
        role.addToPolicy(
          new iam.PolicyStatement({
            // 'write': PutObject only. No DeleteObject*, no PutObjectRetention or PutObjectLegalHold
            // (the bucket's default compliance retention applies to every put), no GetObject.
            // Digests are written with If-None-Match: *, so a taken {date}.{n} is never overwritten.
            sid: config.digests === 'write' ? 'WriteDigests' : 'ReadDigests',
            actions: [config.digests === 'write' ? 's3:PutObject' : 's3:GetObject'],
            resources: [props.digestBucket.arnForObjects('*')],
          }),
        );
        // Both sides list a day's digests: the writer to pick the next {n}, the reader to find the
        // latest. Without it S3 would also answer a missing digest with 403 instead of 404.
        role.addToPolicy(
          new iam.PolicyStatement({
            sid: 'ListDigests',
            actions: ['s3:ListBucket'],
            resources: [props.digestBucket.bucketArn],
          }),
        );
      }
      if (config.exports) {
        // A presigned URL carries this role's authority, so GetObject is what lets a browser
        // download with it. PutObject stores the workbook first.
        role.addToPolicy(
          new iam.PolicyStatement({
            sid: 'ReadWriteExports',
            actions: ['s3:PutObject', 's3:GetObject'],
            resources: [props.exportBucket.arnForObjects('*')],
          }),
        );
      }

      const fn = new nodejs.NodejsFunction(this, name, {
        description: `FundLedger ${name} (functions/handlers/${name}.ts)`,
        entry: handlerEntry(name),
        handler: HANDLER_EXPORT,
        runtime: lambda.Runtime.NODEJS_22_X,
        // Graviton: ~20% cheaper per GB-s than x86 and at least as fast for Node; no native deps.
        architecture: lambda.Architecture.ARM_64,
        memorySize: config.memoryMb,
        timeout: Duration.seconds(config.timeoutSeconds),
        role,
        logGroup,
        environment,
        projectRoot: REPO_ROOT,
        depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
        bundling: {
          // esbuild is a devDependency, so bundle on this machine: no Docker daemon, no image pull,
          // works offline. (CDK would fall back to Docker only if esbuild were missing.)
          forceDockerBundling: false,
          // The remaining options mirror infra/bundling.ts, which `npm run build` uses as well.
          target: sharedEsbuildOptions.target,
          format: nodejs.OutputFormat.CJS,
          minify: sharedEsbuildOptions.minify,
          sourceMap: sharedEsbuildOptions.sourcemap,
          sourcesContent: sharedEsbuildOptions.sourcesContent,
          mainFields: sharedEsbuildOptions.mainFields,
          // Always stated, even when empty: left unset, NodejsFunction would treat `@aws-sdk/*` as
          // external, and the SDK is bundled on purpose (see infra/bundling.ts).
          externalModules: externalModulesFor(config.nodeModules),
          // exceljs for read and write, installed next to the bundle (see NODE_MODULES_SHIPPED).
          // Passed only when there are some: CDK runs `npm ci` into the asset for any array, even
          // an empty one.
          ...(config.nodeModules?.length
            ? {
                nodeModules: [...config.nodeModules],
                commandHooks: {
                  beforeBundling: () => [],
                  beforeInstall: () => [],
                  // Then drop what Node never loads (see SHIPPED_MODULE_UNUSED_PATHS): a smaller zip.
                  afterBundling: (_inputDir: string, outputDir: string) =>
                    config.nodeModules!.flatMap((m) =>
                      SHIPPED_MODULE_UNUSED_PATHS[m].map(
                        (unused) =>
                          `node -e "require('fs').rmSync(process.argv[1], { recursive: true, force: true })" ` +
                          JSON.stringify(path.join(outputDir, 'node_modules', m, unused)),
                      ),
                    ),
                },
              }
            : {}),
          // For that `npm ci`: versions and checksums come from package-lock.json, so npm's cache
          // answers without the registry (synth works offline once `npm ci` has run here); no audit
          // or funding calls either.
          environment: { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
          esbuildArgs: cdkEsbuildArgs,
        },
      });
      this.functions[name] = fn;
      this.roles[name] = role;

      // Object ARNs with "/*": keys are made at run time, and each bucket holds one kind of object.
      if (config.digests) {
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(props.digestBucket)}.Arn>/*]`,
          reason:
            config.digests === 'write'
              ? `${name} writes digests named by date ({date}.{n}), so the key is known only at run time: ` +
                "s3:PutObject on the digest bucket's objects (and ListBucket on that bucket), no delete, no " +
                'retention change. Object Lock (compliance) keeps every version for the retention period.'
              : `${name} reads digests by date, so the key is known only at run time: s3:GetObject on the ` +
                "digest bucket's objects (and ListBucket on that bucket), nothing else.",
        });
      }
      if (config.exports) {
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(props.exportBucket)}.Arn>/*]`,
          reason:
            `${name} stores each large Excel export under a new key and signs a GET URL for it: ` +
            "s3:PutObject and s3:GetObject on the exports bucket's objects only; they expire after a day.",
        });
      }
    }
  }

  /**
   * Grants each handler whose config names `evidence` its part of the evidence bucket and sets
   * EVIDENCE_BUCKET. Called once the bucket exists: it is made after the console (its CORS names
   * the console's origin), the functions before it.
   */
  useEvidenceBucket(evidence: EvidenceBucket): void {
    const region = Stack.of(this).region;
    for (const [name, config] of Object.entries(handlerConfig)) {
      if (!config.evidence) continue;
      const role = this.roles[name]!;
      this.functions[name]!.addEnvironment(EVIDENCE_BUCKET_ENV, evidence.bucket.bucketName);
      const statements =
        config.evidence === 'write'
          ? [
              new iam.PolicyStatement({ sid: 'EvidenceStaging', actions: ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject'], resources: [evidence.objects(STAGING_PREFIX)] }),
              new iam.PolicyStatement({ sid: 'EvidenceReadRecorded', actions: ['s3:GetObject'], resources: [evidence.objects(RECORDED_PREFIX)] }),
              // Only a copy of a checked upload: PutObject with a copy source under staging/.
              new iam.PolicyStatement({
                sid: 'EvidenceRecordCopy',
                actions: ['s3:PutObject'],
                resources: [evidence.objects(RECORDED_PREFIX)],
                conditions: { StringLike: { 's3:x-amz-copy-source': evidence.stagingCopySource } },
              }),
            ]
          : [new iam.PolicyStatement({ sid: 'EvidenceReadRecorded', actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [evidence.objects(RECORDED_PREFIX)] })];
      for (const statement of statements) role.addToPrincipalPolicy(statement);
      role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'EvidenceList', actions: ['s3:ListBucket'], resources: [evidence.bucket.bucketArn] }));
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'EvidenceKey',
          actions: config.evidence === 'write' ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:Decrypt'],
          resources: [evidence.key.keyArn],
          // Through S3 only: the key opens evidence objects, nothing else.
          conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
        }),
      );
      evidence.acknowledgeObjectGrants(role, name, config.evidence === 'write' ? [STAGING_PREFIX, RECORDED_PREFIX] : [RECORDED_PREFIX]);
    }
  }

  /**
   * Grants each handler whose config names `statements` its part of the evidence bucket's
   * statements/ prefix (and the bucket key, through S3 only), and sets EVIDENCE_BUCKET; a 'write'
   * one starts statement jobs through the table's stream.
   */
  useStatementFiles(evidence: EvidenceBucket): void {
    const region = Stack.of(this).region;
    for (const [name, config] of Object.entries(handlerConfig)) {
      if (!config.statements) continue;
      const role = this.roles[name]!;
      const fn = this.functions[name]!;
      fn.addEnvironment(EVIDENCE_BUCKET_ENV, evidence.bucket.bucketName);
      if (config.statements === 'write') fn.addEnvironment(STATEMENT_JOBS_ENV, 'stream');
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: config.statements === 'write' ? 'StatementFilesWrite' : 'StatementFilesRead',
        actions: config.statements === 'write' ? ['s3:PutObject', 's3:GetObject'] : ['s3:GetObject'],
        resources: [evidence.statementObjects()],
      }));
      if (!config.evidence) {
        role.addToPrincipalPolicy(new iam.PolicyStatement({
          sid: 'StatementFilesKey',
          actions: config.statements === 'write' ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:Decrypt'],
          resources: [evidence.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
        }));
      }
      evidence.acknowledgeStatementGrant(role, name, config.statements);
    }
  }

  get(name: string): nodejs.NodejsFunction {
    const fn = this.functions[name];
    if (!fn) throw new Error(`no function for handler ${name}`);
    return fn;
  }
}

/** CloudFormation logical id of a construct's resource, as cdk-nag prints it in IAM5 findings. */
function logicalIdOf(construct: Construct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

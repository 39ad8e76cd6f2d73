import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import * as path from 'node:path';
import { routeKey, routes } from '../functions/routes';
import { REPO_ROOT } from './bundling';
import { Api } from './constructs/api';
import { Auth } from './constructs/auth';
import { Background } from './constructs/background';
import { Buckets } from './constructs/buckets';
import { EvidenceBucket, evidenceBucketOrigin } from './constructs/evidence-bucket';
import { HandlerFunctions } from './constructs/handler-functions';
import { LedgerTable } from './constructs/ledger-table';
import { Messaging } from './constructs/messaging';
import { Monitoring } from './constructs/monitoring';
import { type ConsoleDomain, WebConsole, assertConsoleBuilt } from './constructs/web-console';

/** Where `npm run build` puts the web console. */
export const DEFAULT_CONSOLE_DIR = path.join(REPO_ROOT, 'console', 'dist');
/** Object Lock retention of each digest: ten years (leap days included). */
export const DEFAULT_DIGEST_RETENTION = Duration.days(3653);

export interface FundLedgerStackProps extends StackProps {
  /** The built web console (index.html at its root). Default: console/dist. */
  consoleDir?: string;
  /** A domain of your own for the console; without it, the *.cloudfront.net name is used. */
  consoleDomain?: ConsoleDomain;
  /**
   * How long each daily digest is locked in COMPLIANCE mode: nobody can delete it or shorten this
   * before it ends, not even the account root. Default: DEFAULT_DIGEST_RETENTION (10 years).
   */
  digestRetention?: Duration;
}

/**
 * FundLedger: HTTP API + Cognito, one Lambda per handler, the single DynamoDB table, the daily
 * sweep schedule, the alert outbox publisher, seed data on deploy, alarms, the digest, export and
 * evidence buckets, and the web console (S3 + CloudFront).
 *
 * Environment-agnostic on purpose (no env, no lookups): `cdk synth` works offline with no
 * credentials; account and region are resolved by CloudFormation at deploy time.
 */
export class FundLedgerStack extends Stack {
  readonly ledger: LedgerTable;
  readonly messaging: Messaging;
  readonly buckets: Buckets;
  readonly evidence: EvidenceBucket;
  readonly handlers: HandlerFunctions;
  readonly auth: Auth;
  readonly api: Api;
  readonly webConsole: WebConsole;
  readonly background: Background;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: FundLedgerStackProps = {}) {
    super(scope, id, props);
    const consoleDir = assertConsoleBuilt(props.consoleDir ?? DEFAULT_CONSOLE_DIR);

    this.ledger = new LedgerTable(this, 'Ledger');
    this.messaging = new Messaging(this, 'Messaging');
    this.buckets = new Buckets(this, 'Buckets', { digestRetention: props.digestRetention ?? DEFAULT_DIGEST_RETENTION });
    this.handlers = new HandlerFunctions(this, 'Handlers', {
      ledger: this.ledger,
      alertTopic: this.messaging.alertTopic,
      messagingKey: this.messaging.key,
      digestBucket: this.buckets.digests,
      exportBucket: this.buckets.exports,
    });

    // The API, the user pool and the console refer to each other (see Api), hence the order:
    // API and pool first, then the console's hosting (its CSP names both), then the console's app
    // client (redirects to the console), the routes (the authorizer accepts both clients), CORS
    // (the console's origin) and finally the console's files with this stage's config.json.
    this.api = new Api(this, 'Api');
    this.auth = new Auth(this, 'Auth');
    this.webConsole = new WebConsole(this, 'Console', {
      consoleDir,
      apiOrigin: this.api.httpApi.apiEndpoint,
      authDomainUrl: this.auth.domain.baseUrl(),
      issuer: this.auth.userPool.userPoolProviderUrl,
      // Virtual-hosted style, as the SDK v3 presigner writes it.
      exportsOrigin: `https://${this.buckets.exports.bucketName}.s3.${this.region}.${this.urlSuffix}`,
      evidenceOrigin: evidenceBucketOrigin(this),
      accessLogs: this.buckets.accessLogs,
      ...(props.consoleDomain ? { domain: props.consoleDomain } : {}),
    });
    const consoleClient = this.auth.addConsoleClient(this.webConsole.origin);
    // After the console: the evidence bucket's CORS admits the console's origin only.
    this.evidence = new EvidenceBucket(this, 'Evidence', { consoleOrigin: this.webConsole.origin, accessLogs: this.buckets.accessLogs });
    this.handlers.useEvidenceBucket(this.evidence);
    this.handlers.useStatementFiles(this.evidence);
    this.api.addRoutes({
      userPool: this.auth.userPool,
      clients: this.auth.clients,
      functionFor: (name) => this.handlers.get(name),
    });
    this.api.allowOrigin(this.webConsole.origin);
    this.webConsole.deploy({
      apiUrl: this.api.url,
      auth: {
        kind: 'cognito',
        authority: this.auth.userPool.userPoolProviderUrl,
        clientId: consoleClient.userPoolClientId,
        domain: this.auth.domain.baseUrl(),
      },
    });

    this.background = new Background(this, 'Background', {
      ledger: this.ledger,
      messaging: this.messaging,
      sweep: this.handlers.get('sweep-scheduled'),
      publisher: this.handlers.get('publish-alerts'),
      statementJobs: this.handlers.get('reconcile-statements'),
      seeder: this.handlers.get('seed-programs'),
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      opsTopic: this.messaging.opsTopic,
      httpApi: this.api.httpApi,
      functions: this.handlers.functions,
      table: this.ledger.table,
      scheduleGroup: this.background.scheduleGroup,
      deadLetterQueues: { SweepDlq: this.messaging.sweepDlq, OutboxDlq: this.messaging.outboxDlq, StatementDlq: this.messaging.statementDlq },
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'ConsoleUrl', { value: `${this.webConsole.origin}/`, description: 'The web console' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.auth.client.userPoolClientId,
      description: 'App client for scripts and the CLI (USER_PASSWORD_AUTH / SRP)',
    });
    new CfnOutput(this, 'ConsoleClientId', {
      value: consoleClient.userPoolClientId,
      description: 'App client of the web console (hosted sign-in, code + PKCE)',
    });
    new CfnOutput(this, 'AuthDomainUrl', { value: this.auth.domain.baseUrl(), description: 'Hosted sign-in page' });
    new CfnOutput(this, 'TableName', { value: this.ledger.table.tableName });
    new CfnOutput(this, 'DigestBucketName', { value: this.buckets.digests.bucketName });
    new CfnOutput(this, 'ExportBucketName', { value: this.buckets.exports.bucketName });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidence.bucket.bucketName });
    new CfnOutput(this, 'AlertTopicArn', { value: this.messaging.alertTopic.topicArn });
    new CfnOutput(this, 'OpsTopicArn', { value: this.messaging.opsTopic.topicArn });

    this.addNagSuppressions();
  }

  /**
   * cdk-nag (AwsSolutions) findings that are accepted, each acknowledged on the one construct it
   * concerns (cdk-nag v3 uses CDK's Validations.of(x).acknowledge), with the reason. Everything
   * else must pass: an unacknowledged finding fails synth.
   */
  private addNagSuppressions(): void {
    for (const route of routes.filter((r) => !r.auth)) {
      Validations.of(this.api.routes[routeKey(route)]!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          `${routeKey(route)} is public by contract (API.md): a liveness probe / the OpenAPI ` +
          'document, returning no ledger data. Every other route uses the Cognito JWT authorizer.',
      });
    }

    for (const [name, fn] of Object.entries(this.handlers.functions)) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'Pinned to nodejs22.x (an LTS release supported by Lambda) on purpose: the esbuild target, ' +
          `the local dev server and CI use Node 22; runtime upgrades are a deliberate change (${name}).`,
      });
    }

    for (const streamReader of ['publish-alerts', 'reconcile-statements']) {
      Validations.of(this.handlers.roles[streamReader]!).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'dynamodb:ListStreams does not support resource-level permissions, so the DynamoDB event ' +
          'source grants it on "*"; it only lists stream ARNs. Reading records (GetRecords etc.) is ' +
          "limited to this table's stream.",
      });
    }

    for (const queue of [this.messaging.sweepDlq, this.messaging.outboxDlq, this.messaging.statementDlq]) {
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue IS a dead-letter queue (of the Scheduler target / Lambda async invoke / the ' +
          'stream event source); a DLQ for a DLQ would only move the problem. Its depth is alarmed.',
      });
    }
  }
}

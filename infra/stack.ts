import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { routeKey, routes } from '../functions/routes';
import { Api } from './constructs/api';
import { Auth } from './constructs/auth';
import { Background } from './constructs/background';
import { HandlerFunctions } from './constructs/handler-functions';
import { LedgerTable } from './constructs/ledger-table';
import { Messaging } from './constructs/messaging';
import { Monitoring } from './constructs/monitoring';

export type FundLedgerStackProps = StackProps;

/**
 * FundLedger: HTTP API + Cognito, one Lambda per handler, the single DynamoDB table, the daily
 * sweep schedule, the alert outbox publisher, seed data on deploy, and alarms.
 *
 * Environment-agnostic on purpose (no env, no lookups): `cdk synth` works offline with no
 * credentials; account and region are resolved by CloudFormation at deploy time.
 */
export class FundLedgerStack extends Stack {
  readonly ledger: LedgerTable;
  readonly messaging: Messaging;
  readonly handlers: HandlerFunctions;
  readonly auth: Auth;
  readonly api: Api;
  readonly background: Background;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: FundLedgerStackProps = {}) {
    super(scope, id, props);

    this.ledger = new LedgerTable(this, 'Ledger');
    this.messaging = new Messaging(this, 'Messaging');
    this.handlers = new HandlerFunctions(this, 'Handlers', {
      ledger: this.ledger,
      alertTopic: this.messaging.alertTopic,
      messagingKey: this.messaging.key,
    });
    this.auth = new Auth(this, 'Auth');
    this.api = new Api(this, 'Api', {
      userPool: this.auth.userPool,
      client: this.auth.client,
      functionFor: (name) => this.handlers.get(name),
    });
    this.background = new Background(this, 'Background', {
      ledger: this.ledger,
      messaging: this.messaging,
      sweep: this.handlers.get('sweep-scheduled'),
      publisher: this.handlers.get('publish-alerts'),
      seeder: this.handlers.get('seed-programs'),
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      opsTopic: this.messaging.opsTopic,
      httpApi: this.api.httpApi,
      functions: this.handlers.functions,
      table: this.ledger.table,
      scheduleGroup: this.background.scheduleGroup,
      deadLetterQueues: { SweepDlq: this.messaging.sweepDlq, OutboxDlq: this.messaging.outboxDlq },
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.ledger.table.tableName });
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

    Validations.of(this.handlers.roles['publish-alerts']!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams does not support resource-level permissions, so the DynamoDB event ' +
        'source grants it on "*"; it only lists stream ARNs. Reading records (GetRecords etc.) is ' +
        "limited to this table's stream.",
    });

    for (const queue of [this.messaging.sweepDlq, this.messaging.outboxDlq]) {
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue IS a dead-letter queue (of the Scheduler target / Lambda async invoke / the ' +
          'stream event source); a DLQ for a DLQ would only move the problem. Its depth is alarmed.',
      });
    }
  }
}

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Topics and dead-letter queues.
 *
 * Topics use a customer-managed key (not alias/aws/sns): CloudWatch alarms can only publish to an
 * encrypted topic whose key policy lets cloudwatch.amazonaws.com use it, which an AWS-managed key
 * cannot be edited to allow.
 *
 * Queues use SSE-SQS (SQS-managed keys): EventBridge Scheduler and Lambda destinations can write
 * to them without any key-policy plumbing, and they only ever hold failure envelopes.
 */
export class Messaging extends Construct {
  readonly key: kms.Key;
  /** Business alerts (deadline missed, headroom exhausted...) published by 'publish-alerts'. */
  readonly alertTopic: sns.Topic;
  /** Operational alarms. */
  readonly opsTopic: sns.Topic;
  /** Failed scheduled sweeps (Scheduler delivery failures and the function's async failures). */
  readonly sweepDlq: sqs.Queue;
  /** Stream records the outbox publisher could not process after retries. */
  readonly outboxDlq: sqs.Queue;
  /** Statement jobs the reconcile-statements function gave up on (stream event source). */
  readonly statementDlq: sqs.Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new kms.Key(this, 'MessagingKey', {
      description: 'FundLedger SNS topics (alerts, ops alarms)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to the ops topic; scoped to alarms of this account.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToUseKey',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'], // in a key policy "*" means "this key"
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );

    this.alertTopic = new sns.Topic(this, 'AlertTopic', {
      displayName: 'FundLedger alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.opsTopic = new sns.Topic(this, 'OpsTopic', {
      displayName: 'FundLedger operations',
      masterKey: this.key,
      enforceSSL: true,
    });

    const dlq = (name: string) =>
      new sqs.Queue(this, name, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // The maximum: failures need investigating, not silently expiring over a long weekend.
        retentionPeriod: Duration.days(14),
      });
    this.sweepDlq = dlq('SweepDlq');
    this.outboxDlq = dlq('OutboxDlq');
    this.statementDlq = dlq('StatementDlq');
  }
}

import { type CfnElement, CustomResource, Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { Messaging } from './messaging';
import type { LedgerTable } from './ledger-table';
import { JOB_PK_PREFIX } from '../../functions/lib/storage/reconciliation-keys';

/** Outbox items: pk = OUTBOX#<id> (see table-definition.ts). */
export const OUTBOX_PK_PREFIX = 'OUTBOX#';

export interface BackgroundProps {
  ledger: LedgerTable;
  messaging: Messaging;
  sweep: lambda.Function;
  publisher: lambda.Function;
  /** Runs large statements in the background: fed by inserts of statement job items. */
  statementJobs: lambda.Function;
  seeder: lambda.Function;
}

/** The daily sweep schedule, the outbox stream consumer and the seed-on-deploy custom resource. */
export class Background extends Construct {
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly schedule: scheduler.Schedule;
  readonly seed: CustomResource;

  constructor(scope: Construct, id: string, props: BackgroundProps) {
    super(scope, id);
    const { messaging } = props;

    // ---- daily sweep: 09:00 China Standard Time ------------------------------------------
    // A dedicated group so the Scheduler's CloudWatch metrics (per group) are ours alone.
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'Group', {
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Explicit role (instead of the stack-level singleton the target would create) so that the
    // acknowledgment below sits on the exact resource it excuses.
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invoke the FundLedger daily sweep',
    });
    this.schedule = new scheduler.Schedule(this, 'DailySweep', {
      description: 'FundLedger attention sweep, daily 09:00 Asia/Shanghai',
      scheduleGroup: this.scheduleGroup,
      // Business dates are CST (UTC+8); letting the Scheduler apply the zone keeps "09:00" true
      // without UTC arithmetic in the expression. => cron(0 9 * * ? *) in Asia/Shanghai.
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '9', timeZone: TimeZone.ASIA_SHANGHAI }),
      timeWindow: scheduler.TimeWindow.off(),
      target: new targets.LambdaInvoke(props.sweep, {
        role: schedulerRole,
        // Scheduler-side retries (throttling, Lambda unavailable), then the DLQ.
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: messaging.sweepDlq,
        input: scheduler.ScheduleTargetInput.fromObject({ source: 'fundledger.schedule', job: 'daily-sweep' }),
      }),
    });
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId(props.sweep)}.Arn>:*]`,
      reason:
        'The Scheduler Lambda target grants lambda:InvokeFunction on the sweep function ARN and ' +
        '"<arn>:*" (its versions/aliases). The wildcard is confined to that single function.',
    });
    // The Scheduler invokes Lambda asynchronously, so a sweep that *throws* is retried by Lambda
    // (not the Scheduler) and then dropped. Send those failures to the same DLQ as well.
    props.sweep.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(2),
      onFailure: new destinations.SqsDestination(messaging.sweepDlq),
    });

    // ---- outbox publisher fed by the table stream -------------------------------------------
    props.publisher.addEventSource(
      new DynamoEventSource(props.ledger.table, {
        // Nothing written to the outbox may be skipped, including records from before a redeploy.
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(1),
        // A poison record is isolated by halving the batch instead of blocking the shard ...
        bisectBatchOnError: true,
        // ... and given up on after a bounded number of attempts / a day, landing in the DLQ.
        retryAttempts: 5,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(messaging.outboxDlq),
        // Only newly inserted outbox items invoke the function (filtering is free and happens
        // before invocation). MODIFY events are excluded, so the publisher marking an item as
        // sent (UpdateItem) does not trigger itself again.
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith(OUTBOX_PK_PREFIX) } } },
          }),
        ],
      }),
    );

    // ---- statement jobs fed by the table stream ----------------------------------------------
    props.statementJobs.addEventSource(
      new DynamoEventSource(props.ledger.table, {
        // Jobs are recent by nature; one written before a deploy is still owed its run.
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        // One statement per invocation: a run may take minutes, and a failure retries that one only.
        batchSize: 1,
        bisectBatchOnError: false,
        // A run is resumable (its claims are its own); after two more tries it lands in the DLQ.
        retryAttempts: 2,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(messaging.statementDlq),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith(JOB_PK_PREFIX) } } },
          }),
        ],
      }),
    );

    // ---- seed programs on every create/update -----------------------------------------------
    const providerLogs = new logs.LogGroup(this, 'SeedProviderLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Own role for the provider framework Lambda, so it does not get AWSLambdaBasicExecutionRole.
    const frameworkRole = new iam.Role(this, 'SeedProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'FundLedger seed custom resource provider framework',
    });
    providerLogs.grantWrite(frameworkRole);
    const provider = new cr.Provider(this, 'SeedProvider', {
      onEventHandler: props.seeder,
      logGroup: providerLogs,
      frameworkOnEventRole: frameworkRole,
    });
    // The framework Lambda is plain JavaScript generated by aws-cdk-lib (it defaults to the newest
    // Node runtime on x86_64). Align it with the fleet: one runtime to track, Graviton pricing.
    for (const child of provider.node.findAll()) {
      if (child instanceof lambda.CfnFunction) {
        child.runtime = lambda.Runtime.NODEJS_22_X.name;
        child.architectures = [lambda.Architecture.ARM_64.name];
      }
    }

    // cdk-nag acknowledgments for constructs generated by aws-cdk-lib's Provider framework.
    Validations.of(provider).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The provider framework function (aws-cdk-lib generated) is pinned to nodejs22.x like every ' +
        'FundLedger function; it only relays CloudFormation events to seed-programs during deploys.',
    });
    Validations.of(frameworkRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId(props.seeder)}.Arn>:*]`,
      reason:
        'CDK Provider grants lambda:InvokeFunction on the seed-programs function ARN and "<arn>:*" ' +
        '(its versions/aliases). The wildcard is confined to that single function.',
    });

    // The seed data ships inside the seed-programs bundle, so the bundle's content hash (the S3 key
    // of its asset) changes exactly when the seed data can have changed. Passing it as a property
    // makes CloudFormation send an Update -> the idempotent handler writes the programs again.
    const code = (props.seeder.node.defaultChild as lambda.CfnFunction).code as lambda.CfnFunction.CodeProperty;
    this.seed = new CustomResource(this, 'SeedPrograms', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::FundLedgerSeedPrograms',
      properties: { CodeRevision: code.s3Key },
      // Seed data is business data: deleting the stack must not try to "un-seed" anything.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/** CloudFormation logical id of a function, as cdk-nag prints it in IAM5 findings. */
function logicalId(fn: lambda.Function): string {
  return Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement);
}

import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface MonitoringProps {
  opsTopic: sns.ITopic;
  httpApi: apigw.HttpApi;
  functions: Record<string, lambda.IFunction>;
  table: dynamodb.ITable;
  scheduleGroup: scheduler.ScheduleGroup;
  deadLetterQueues: Record<string, sqs.IQueue>;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms, every one notifying the ops topic. Thresholds are deliberately low: this system has
 * little traffic, so a single failed disbursement call or sweep is worth a look.
 */
export class Monitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.action = new actions.SnsAction(props.opsTopic);

    this.alarm('Api5xx', props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), 5,
      'API returned 5 or more 5xx responses in 5 minutes');

    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}-Errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 1,
        name === 'sweep-scheduled' ? 'Daily sweep failed (function error)' : `Lambda ${name} reported errors`);
      this.alarm(`${name}-Throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 1,
        `Lambda ${name} was throttled`);
    }

    // ThrottledRequests counts requests in which any part (table or GSI) was throttled.
    this.alarm(
      'TableThrottles',
      props.table.metricThrottledRequestsForOperations({
        operations: [
          dynamodb.Operation.GET_ITEM,
          dynamodb.Operation.BATCH_GET_ITEM,
          dynamodb.Operation.QUERY,
          dynamodb.Operation.PUT_ITEM,
          dynamodb.Operation.UPDATE_ITEM,
          dynamodb.Operation.TRANSACT_WRITE_ITEMS,
          dynamodb.Operation.TRANSACT_GET_ITEMS,
        ],
        period: FIVE_MINUTES,
      }),
      1,
      'DynamoDB throttled FundLedger requests',
    );

    // EventBridge Scheduler, per schedule group (the group only holds the daily sweep).
    const group = props.scheduleGroup;
    this.alarm('SweepTargetErrors', group.metricTargetErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 1,
      'Scheduler could not invoke the sweep function');
    this.alarm('SweepDropped', group.metricDropped({ period: FIVE_MINUTES, statistic: 'Sum' }), 1,
      'Scheduler dropped the sweep invocation after all retries');
    this.alarm('SweepFailedToDlq', group.metricFailedToBeSentToDLQ(undefined, { period: FIVE_MINUTES, statistic: 'Sum' }), 1,
      'Scheduler could not even deliver the failed sweep to its DLQ');

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarm(`${name}-Depth`, queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }), 1,
        `Dead-letter queue ${name} has messages (> 0)`);
    }
  }

  private alarm(id: string, metric: cloudwatch.IMetric, threshold: number, description: string): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data = nothing happened (no requests, no failures), not an outage.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `FundLedger: ${description}`,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
  }
}

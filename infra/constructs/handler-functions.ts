import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import * as path from 'node:path';
import { TABLE_NAME_ENV } from '../../functions/lib/storage/table-definition';
import { allHandlerNames } from '../../functions/routes';
import { EXTERNAL_MODULES, REPO_ROOT, RUNTIME_NODE_OPTIONS, handlerEntry, sharedEsbuildOptions } from '../bundling';
import { DDB, assertHandlerConfigComplete, handlerConfig } from '../handler-config';
import type { LedgerTable } from './ledger-table';

/** detail-type of the events the outbox publisher puts on the default bus. */
export const ALERT_DETAIL_TYPE = 'FundLedger Alert';

export interface HandlerFunctionsProps {
  ledger: LedgerTable;
  alertTopic: sns.ITopic;
  /** CMK that encrypts the alert topic: publishers need GenerateDataKey + Decrypt on it. */
  messagingKey: kms.IKey;
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

      const environment: Record<string, string> = {
        [TABLE_NAME_ENV]: table.tableName,
        POWERTOOLS_SERVICE_NAME: 'fundledger',
        POWERTOOLS_METRICS_NAMESPACE: 'FundLedger',
        NODE_OPTIONS: RUNTIME_NODE_OPTIONS,
      };

      if (config.publishesAlerts) {
        environment.ALERT_TOPIC_ARN = props.alertTopic.topicArn;
        environment.EVENT_BUS_NAME = 'default';
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

      const fn = new nodejs.NodejsFunction(this, name, {
        description: `FundLedger ${name} (functions/handlers/${name}.ts)`,
        entry: handlerEntry(name),
        handler: 'handler',
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
          externalModules: EXTERNAL_MODULES,
          esbuildArgs: { '--legal-comments': sharedEsbuildOptions.legalComments },
        },
      });
      this.functions[name] = fn;
      this.roles[name] = role;
    }
  }

  get(name: string): nodejs.NodejsFunction {
    const fn = this.functions[name];
    if (!fn) throw new Error(`no function for handler ${name}`);
    return fn;
  }
}

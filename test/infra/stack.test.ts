/**
 * Stack tests: synthesize FundLedgerStack once and assert on the CloudFormation template.
 *
 * Speed: the App gets the CDK context `aws:cdk:bundling-stacks: []`, which tells every asset with
 * bundling (our NodejsFunctions) to skip esbuild and stage a placeholder instead. The functions'
 * properties (runtime, architecture, memory, env, roles) are unaffected; only the zip content is
 * not built. `npm run synth` / `cdk deploy` bundle for real, and `npm run build` checks bundle
 * sizes with the same esbuild options (infra/bundling.ts).
 */
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tableDefinition } from '../../functions/lib/storage/table-definition';
import { allHandlerNames, routeKey, routes } from '../../functions/routes';
import { ROLE_GROUPS } from '../../infra/constructs/auth';
import { DDB, handlerConfig } from '../../infra/handler-config';
import { FundLedgerStack } from '../../infra/stack';

type Resource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource?: unknown; Condition?: unknown };

// Same feature flags as `cdk synth` (cdk.json), so the tested template is the deployed one.
const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8'));

const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const stack = new FundLedgerStack(app, 'FundLedger');
const nag = new AwsSolutionsChecks(app);
Validations.of(app).addPlugins(nag);
const template = Template.fromStack(stack);
const resources = template.toJSON().Resources as Record<string, Resource>;

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as any);

/** Every identity-policy statement in the template: inline role policies, Policy, ManagedPolicy. */
function identityStatements(): Array<{ id: string; statement: Statement }> {
  const out: Array<{ id: string; statement: Statement }> = [];
  for (const [id, r] of Object.entries(resources)) {
    const docs: any[] = [];
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') docs.push(r.Properties!.PolicyDocument);
    if (r.Type === 'AWS::IAM::Role') for (const p of r.Properties!.Policies ?? []) docs.push(p.PolicyDocument);
    for (const doc of docs) for (const statement of doc.Statement) out.push({ id, statement });
  }
  return out;
}

/** Allowed actions of one function's role (its Policy resources). */
function allowedActionsFor(handler: string): Set<string> {
  const roleId = logicalIdOf(stack.handlers.roles[handler]!);
  const actions = new Set<string>();
  for (const [, r] of ofType('AWS::IAM::Policy')) {
    if (!r.Properties!.Roles.some((ref: any) => ref.Ref === roleId)) continue;
    for (const s of r.Properties!.PolicyDocument.Statement as Statement[]) {
      if (s.Effect === 'Allow') actionsOf(s).forEach((a) => actions.add(a));
    }
  }
  return actions;
}

describe('DynamoDB table', () => {
  const [[, table]] = ofType('AWS::DynamoDB::Table') as [[string, Resource]];

  it('is built from the shared table definition', () => {
    expect(table.Properties!.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    const gsis = table.Properties!.GlobalSecondaryIndexes as any[];
    expect(gsis).toHaveLength(tableDefinition.indexes.length);
    for (const index of tableDefinition.indexes) {
      expect(gsis).toContainEqual({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
    for (const attr of table.Properties!.AttributeDefinitions) expect(attr.AttributeType).toBe('S');
  });

  it('is on-demand, recoverable, protected, retained, encrypted, streamed', () => {
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      // SSEEnabled without a key id = KMS with the AWS-managed key alias/aws/dynamodb.
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: tableDefinition.streamViewType },
    });
    expect(table.Properties!.SSESpecification.KMSMasterKeyId).toBeUndefined();
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });
});

describe('Lambda functions', () => {
  const functions = ofType('AWS::Lambda::Function');

  it('one per handler, plus the custom-resource provider framework', () => {
    expect(Object.keys(stack.handlers.functions).sort()).toEqual([...allHandlerNames()].sort());
    expect(functions).toHaveLength(allHandlerNames().length + 1);
  });

  it('every function is nodejs22.x on arm64', () => {
    for (const [, fn] of functions) {
      expect(fn.Properties!.Runtime).toBe('nodejs22.x');
      expect(fn.Properties!.Architectures).toEqual(['arm64']);
    }
  });

  it.each(allHandlerNames())('%s: sizing, env, own log group with retention', (name) => {
    const fn = resources[logicalIdOf(stack.handlers.get(name))]!;
    const config = handlerConfig[name]!;
    expect(fn.Properties).toMatchObject({ MemorySize: config.memoryMb, Timeout: config.timeoutSeconds });
    if (config.kind === 'api') expect(config.timeoutSeconds).toBeLessThanOrEqual(10);
    const env = fn.Properties!.Environment.Variables;
    expect(env).toMatchObject({
      TABLE_NAME: { Ref: expect.stringMatching(/^LedgerTable/) },
      POWERTOOLS_SERVICE_NAME: 'fundledger',
      POWERTOOLS_METRICS_NAMESPACE: 'FundLedger',
      NODE_OPTIONS: '--enable-source-maps',
    });
    if (config.publishesAlerts) {
      expect(env.ALERT_TOPIC_ARN).toEqual({ Ref: expect.stringMatching(/AlertTopic/) });
      expect(env.EVENT_BUS_NAME).toBe('default');
    } else {
      expect(env.ALERT_TOPIC_ARN).toBeUndefined();
    }
    const logGroupId = fn.Properties!.LoggingConfig.LogGroup.Ref as string;
    expect(resources[logGroupId]!.Properties!.RetentionInDays).toBeGreaterThan(0);
  });

  it('no function uses the legacy LogRetention custom resource', () => {
    expect(ofType('Custom::LogRetention')).toHaveLength(0);
  });
});

describe('HTTP API', () => {
  const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
  const apiRoutes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties!);

  it('has a Cognito JWT authorizer: issuer = user pool URL, audience = app client', () => {
    expect(authorizers).toHaveLength(1);
    const props = authorizers[0]![1].Properties!;
    expect(props.AuthorizerType).toBe('JWT');
    // ProviderURL = https://cognito-idp.<region>.amazonaws.com/<userPoolId>
    expect(props.JwtConfiguration.Issuer).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack.auth.userPool), 'ProviderURL'] });
    expect(props.JwtConfiguration.Audience).toEqual([{ Ref: logicalIdOf(stack.auth.client) }]);
  });

  it('has exactly one route per entry of routes', () => {
    expect(apiRoutes).toHaveLength(routes.length);
    expect(apiRoutes.map((r) => r.RouteKey).sort()).toEqual(routes.map(routeKey).sort());
  });

  it.each(routes.map((r) => [routeKey(r), r.auth] as const))('%s: authorizer iff auth (%s)', (key, auth) => {
    const route = apiRoutes.find((r) => r.RouteKey === key)!;
    if (auth) {
      expect(route.AuthorizationType).toBe('JWT');
      expect(route.AuthorizerId).toEqual({ Ref: authorizers[0]![0] });
    } else {
      expect(route.AuthorizationType).toBe('NONE');
      expect(route.AuthorizerId).toBeUndefined();
    }
  });

  it('/health and /openapi.json are the only public routes', () => {
    expect(apiRoutes.filter((r) => r.AuthorizationType === 'NONE').map((r) => r.RouteKey).sort()).toEqual([
      'GET /health',
      'GET /openapi.json',
    ]);
  });

  it('$default stage is throttled and writes JSON access logs to a log group with retention', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
    const stage = ofType('AWS::ApiGatewayV2::Stage')[0]![1].Properties!;
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    const logGroupId = stage.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(resources[logGroupId]!.Properties!.RetentionInDays).toBeGreaterThan(0);
  });
});

describe('Cognito', () => {
  it('admin-created users, strong passwords, MFA, custom:zoneId', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'zoneId', AttributeDataType: 'String', Mutable: true })]),
    });
    const pool = ofType('AWS::Cognito::UserPool')[0]![1].Properties!;
    expect(pool.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has one group per role', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties!.GroupName);
    expect(groups.sort()).toEqual([...ROLE_GROUPS].sort());
    expect([...ROLE_GROUPS].sort()).toEqual(['admin', 'auditor', 'finance-officer', 'zone-committee']);
  });

  it('app client: no secret, password + SRP auth, users cannot write custom:zoneId', () => {
    const client = ofType('AWS::Cognito::UserPoolClient')[0]![1].Properties!;
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    );
    expect(client.ReadAttributes).toContain('custom:zoneId');
    expect(client.WriteAttributes).not.toContain('custom:zoneId');
  });
});

describe('daily sweep schedule', () => {
  it('runs sweep-scheduled at 09:00 Asia/Shanghai with retries and a DLQ', () => {
    const [[, schedule]] = ofType('AWS::Scheduler::Schedule') as [[string, Resource]];
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [logicalIdOf(stack.handlers.get('sweep-scheduled')), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(stack.messaging.sweepDlq), 'Arn'] } },
      },
    });
  });

  it('failed asynchronous sweep invocations also land in the DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(stack.handlers.get('sweep-scheduled')) },
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(stack.messaging.sweepDlq), 'Arn'] } },
      },
    });
  });
});

describe('messaging', () => {
  it('queues are encrypted and TLS-only', () => {
    for (const [, q] of ofType('AWS::SQS::Queue')) expect(q.Properties!.SqsManagedSseEnabled).toBe(true);
    const policies = ofType('AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(ofType('AWS::SQS::Queue').length);
    for (const [, p] of policies) {
      expect(p.Properties!.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('topics are KMS-encrypted (rotating CMK) and TLS-only', () => {
    const keyId = logicalIdOf(stack.messaging.key);
    for (const [, t] of ofType('AWS::SNS::Topic')) {
      expect(t.Properties!.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    }
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    for (const [, p] of ofType('AWS::SNS::TopicPolicy')) {
      expect(p.Properties!.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('the key lets CloudWatch alarms publish to the encrypted ops topic', () => {
    const key = resources[logicalIdOf(stack.messaging.key)]!;
    expect(key.Properties!.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Effect: 'Allow' }),
    );
  });
});

describe('outbox publisher', () => {
  it('is fed by the table stream: INSERTs of OUTBOX# items, bisect, bounded retries, DLQ', () => {
    const [[, mapping]] = ofType('AWS::Lambda::EventSourceMapping') as [[string, Resource]];
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: logicalIdOf(stack.handlers.get('publish-alerts')) },
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(stack.ledger.table), 'StreamArn'] },
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: expect.any(Number),
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(stack.messaging.outboxDlq), 'Arn'] } },
      },
    });
    expect(mapping.Properties!.MaximumRetryAttempts).toBeGreaterThan(0);
    expect(mapping.Properties!.MaximumRetryAttempts).toBeLessThanOrEqual(10);
    const pattern = JSON.parse(mapping.Properties!.FilterCriteria.Filters[0].Pattern);
    expect(pattern).toEqual({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } });
  });

  it('may publish to the alert topic and put alert events on the default bus only', () => {
    const roleId = logicalIdOf(stack.handlers.roles['publish-alerts']!);
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, r]) => r.Properties!.Roles.some((ref: any) => ref.Ref === roleId))
      .flatMap(([, r]) => r.Properties!.PolicyDocument.Statement as Statement[]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Action: 'sns:Publish', Resource: { Ref: logicalIdOf(stack.messaging.alertTopic) } }),
    );
    const putEvents = statements.find((s) => s.Action === 'events:PutEvents')!;
    expect(JSON.stringify(putEvents.Resource)).toContain(':event-bus/default');
    expect(putEvents.Condition).toEqual({ StringEquals: { 'events:detail-type': 'FundLedger Alert' } });
  });
});

describe('seed custom resource', () => {
  it('runs the seed-programs function through a Provider, re-running when its bundle changes', () => {
    const [[, seed]] = ofType('Custom::FundLedgerSeedPrograms') as [[string, Resource]];
    expect(seed.Properties!.CodeRevision).toEqual(expect.any(String));
    const frameworkId = seed.Properties!.ServiceToken['Fn::GetAtt'][0];
    const framework = resources[frameworkId]!;
    expect(framework.Type).toBe('AWS::Lambda::Function');
    expect(JSON.stringify(framework.Properties!.Environment)).toContain(
      logicalIdOf(stack.handlers.get('seed-programs')),
    );
  });
});

describe('alarms', () => {
  const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties!);
  const opsTopicRef = { Ref: logicalIdOf(stack.messaging.opsTopic) };

  it('every alarm notifies the ops topic', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([opsTopicRef]);
  });

  const metricNames = (a: Record<string, any>): string[] =>
    a.MetricName ? [a.MetricName] : (a.Metrics ?? []).filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.MetricName);
  const dims = (a: Record<string, any>) => JSON.stringify(a.Dimensions ?? a.Metrics);

  it('API 5xx', () => {
    expect(alarms.some((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx')).toBe(true);
  });

  it.each(allHandlerNames())('%s: errors and throttles', (name) => {
    const id = logicalIdOf(stack.handlers.get(name));
    for (const metric of ['Errors', 'Throttles']) {
      expect(alarms.some((a) => a.MetricName === metric && dims(a).includes(`"${id}"`))).toBe(true);
    }
  });

  it('DynamoDB throttles', () => {
    expect(alarms.some((a) => metricNames(a).includes('ThrottledRequests'))).toBe(true);
  });

  it('sweep failures (function errors and Scheduler failures)', () => {
    const schedulerMetrics = alarms.filter((a) => a.Namespace === 'AWS/Scheduler').map((a) => a.MetricName);
    expect(schedulerMetrics).toEqual(
      expect.arrayContaining(['TargetErrorCount', 'InvocationDroppedCount', 'InvocationsFailedToBeSentToDeadLetterCount']),
    );
  });

  it('dead-letter queue depth > 0', () => {
    for (const queue of [stack.messaging.sweepDlq, stack.messaging.outboxDlq]) {
      const alarm = alarms.find(
        (a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && dims(a).includes(logicalIdOf(queue)),
      )!;
      expect(alarm).toBeDefined();
      expect(alarm.Threshold).toBe(1);
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    }
  });
});

describe('least-privilege IAM', () => {
  const statements = identityStatements();

  it('no statement allows dynamodb:DeleteItem (or any delete on the table)', () => {
    for (const { statement } of statements) {
      for (const action of actionsOf(statement)) {
        expect(action).not.toMatch(/^dynamodb:(DeleteItem|BatchWriteItem|DeleteTable|PartiQLDelete)$/);
      }
    }
  });

  it('no wildcard action anywhere (no "*", "service:*" or "service:Prefix*")', () => {
    const wildcards = statements
      .filter(({ statement }) => statement.Effect === 'Allow')
      .flatMap(({ id, statement }) => actionsOf(statement).filter((a) => a.includes('*')).map((a) => `${id}: ${a}`));
    expect(wildcards).toEqual([]);
  });

  it('no AWS managed policies are attached (no AWSLambdaBasicExecutionRole etc.)', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
  });

  it.each(allHandlerNames())('%s has exactly its configured DynamoDB item actions', (name) => {
    const granted = [...allowedActionsFor(name)].filter(
      (a) => a.startsWith('dynamodb:') && !['dynamodb:ListStreams', 'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'].includes(a),
    );
    expect(granted.sort()).toEqual([...handlerConfig[name]!.tableActions].sort());
  });

  it('matches the permission table of the issue', () => {
    const expected: Record<string, string[]> = {
      public: [],
      catalog: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'ConditionCheckItem', 'BatchGetItem'],
      projects: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
      ledger: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
      history: ['GetItem', 'Query'],
      alerts: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
      'sweep-scheduled': ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
      'publish-alerts': ['UpdateItem', 'GetItem'],
      'seed-programs': ['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
    };
    for (const [name, actions] of Object.entries(expected)) {
      expect([...handlerConfig[name]!.tableActions].sort()).toEqual(actions.map((a) => `dynamodb:${a}`).sort());
    }
    expect(Object.values(DDB)).not.toContain('dynamodb:DeleteItem');
  });

  it('only publish-alerts reads the stream; only alert publishers publish to SNS or put events', () => {
    // The sweeps (scheduled and on demand) publish what the stream relay left pending.
    const publishers = new Set(['publish-alerts', 'sweep-scheduled', 'alerts']);
    for (const name of allHandlerNames()) {
      const actions = allowedActionsFor(name);
      const held = ['dynamodb:GetRecords', 'sns:Publish', 'events:PutEvents'].filter((a) => actions.has(a));
      const expected = [...(name === 'publish-alerts' ? ['dynamodb:GetRecords'] : []), ...(publishers.has(name) ? ['sns:Publish', 'events:PutEvents'] : [])];
      expect({ name, held }).toEqual({ name, held: expected });
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has no unacknowledged errors or warnings', () => {
    // cdk-nag v3 is a policy-validation plugin (no longer an Aspect adding annotations):
    // validateScope() returns what `cdk synth` would report and fail on.
    const report = nag.validateScope(stack);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('and the stack carries no error/warning annotations of its own', () => {
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });
});

describe('outputs', () => {
  it('exposes ApiUrl, UserPoolId and UserPoolClientId', () => {
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId']));
  });
});

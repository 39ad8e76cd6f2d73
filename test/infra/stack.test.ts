/**
 * Stack tests: synthesize FundLedgerStack once and assert on the CloudFormation template.
 *
 * Speed: the App gets the CDK context `aws:cdk:bundling-stacks: []`, which tells every asset with
 * bundling (our NodejsFunctions) to skip esbuild and stage a placeholder instead. The functions'
 * properties (runtime, architecture, memory, env, roles) are unaffected; only the zip content is
 * not built. `npm run synth` / `cdk deploy` bundle for real, and `npm run build` checks bundle
 * sizes with the same esbuild options (infra/bundling.ts).
 */
import { App, Duration, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { AwsSolutionsChecks } from 'cdk-nag';
import { build as esbuild } from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { tableDefinition } from '../../functions/lib/storage/table-definition';
import { allHandlerNames, routeKey, routes } from '../../functions/routes';
import { externalPackages } from '../../infra/build';
import { BUNDLE_FILE, CREDENTIALS_FROM_ENV, HANDLER_EXPORT, JSONC_PARSER_ONLY, NODE_MODULES_SHIPPED, REPO_ROOT, STREAM_WEB_SHIM, cdkEsbuildArgs, handlerEntry, sharedEsbuildOptions } from '../../infra/bundling';
import { CORS } from '../../infra/constructs/api';
import { CONSOLE_REFRESH_TOKEN_VALIDITY, ROLE_GROUPS } from '../../infra/constructs/auth';
import { ACCESS_LOG_RETENTION_DAYS, EXPORT_EXPIRY_DAYS } from '../../infra/constructs/buckets';
import { EVIDENCE_STAGING_EXPIRY_DAYS } from '../../infra/constructs/evidence-bucket';
import { IMMUTABLE, REVALIDATE } from '../../infra/constructs/web-console';
import { DDB, handlerConfig } from '../../infra/handler-config';
import { DEFAULT_DIGEST_RETENTION, FundLedgerStack } from '../../infra/stack';

type Resource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource?: unknown; Condition?: unknown };

// Same feature flags as `cdk synth` (cdk.json), so the tested template is the deployed one.
const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8'));

const context = { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };
// A tiny stand-in for console/dist, so these tests do not depend on `npm run build`.
const CONSOLE_FIXTURE = path.join(__dirname, 'fixtures', 'console');

const app = new App({ context });
const stack = new FundLedgerStack(app, 'FundLedger', { consoleDir: CONSOLE_FIXTURE });
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

/** Allow statements of a role's Policy resources. */
function allowStatementsOf(roleId: string): Statement[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, r]) => r.Properties!.Roles.some((ref: any) => ref.Ref === roleId))
    .flatMap(([, r]) => r.Properties!.PolicyDocument.Statement as Statement[])
    .filter((s) => s.Effect === 'Allow');
}

/** Allowed actions of one function's role (its Policy resources). */
function allowedActionsFor(handler: string): Set<string> {
  const actions = new Set<string>();
  for (const s of allowStatementsOf(logicalIdOf(stack.handlers.roles[handler]!))) actionsOf(s).forEach((a) => actions.add(a));
  return actions;
}

/** "action on resource" pairs of a role, resources rendered readably (see show()). */
function grantsOf(roleId: string): string[] {
  const out: string[] = [];
  for (const s of allowStatementsOf(roleId)) {
    const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
    for (const action of actionsOf(s)) for (const r of resources) out.push(`${action} ${show(r)}`);
  }
  return out.sort();
}

/** CloudFormation intrinsics as short strings: {Ref: X} → <X>, GetAtt → <X.Attr>, Join → concatenation. */
function show(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${v['Fn::GetAtt'].join('.')}>`;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(show).join(v['Fn::Join'][0]);
  if (v['Fn::Sub']) return `sub(${v['Fn::Sub']})`;
  return JSON.stringify(value);
}

const id = {
  table: () => logicalIdOf(stack.ledger.table),
  digests: () => logicalIdOf(stack.buckets.digests),
  exports: () => logicalIdOf(stack.buckets.exports),
  evidence: () => logicalIdOf(stack.evidence.bucket),
  evidenceKey: () => logicalIdOf(stack.evidence.key),
  accessLogs: () => logicalIdOf(stack.buckets.accessLogs),
  consoleBucket: () => logicalIdOf(stack.webConsole.bucket),
  distribution: () => logicalIdOf(stack.webConsole.distribution),
  pool: () => logicalIdOf(stack.auth.userPool),
  apiClient: () => logicalIdOf(stack.auth.client),
  consoleClient: () => logicalIdOf(stack.auth.consoleClient),
  domain: () => logicalIdOf(stack.auth.domain),
  httpApi: () => logicalIdOf(stack.api.httpApi),
};
const consoleOrigin = () => `https://<${id.distribution()}.DomainName>`;

describe('DynamoDB table', () => {
  const [[, table]] = ofType('AWS::DynamoDB::Table') as [[string, Resource]];

  it('is built from the shared table definition', () => {
    expect(table.Properties!.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    const gsis = table.Properties!.GlobalSecondaryIndexes as any[];
    expect(gsis).toHaveLength(tableDefinition.indexes.length);
    for (const index of tableDefinition.indexes as ReadonlyArray<{ indexName: string; partitionKey: string; sortKey: string; include?: readonly string[] }>) {
      expect(gsis).toContainEqual({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        // INCLUDE exactly where the definition lists attributes, ALL elsewhere.
        Projection: index.include
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] }
          : { ProjectionType: 'ALL' },
      });
    }
    for (const attr of table.Properties!.AttributeDefinitions) expect(attr.AttributeType).toBe('S');
  });

  it('has the list indexes byCity, byProgram, byCluster and lagging with INCLUDE projections', () => {
    const gsis = table.Properties!.GlobalSecondaryIndexes as any[];
    for (const name of ['byCity', 'byProgram', 'byCluster', 'lagging']) {
      const gsi = gsis.find((g) => g.IndexName === name);
      expect(gsi?.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['summary', 'alert'] });
    }
    expect(gsis.filter((g) => g.Projection.ProjectionType === 'ALL').map((g) => g.IndexName).sort()).toEqual(
      ['attention', 'byType', 'byZone'],
    );
  });

  it('expires idempotency records with TTL on expiresAt', () => {
    expect(tableDefinition.ttlAttribute).toBe('expiresAt');
    expect(table.Properties!.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
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

  it('three HTTP functions (public, read, write) and three background ones', () => {
    expect([...allHandlerNames()].sort()).toEqual(['public', 'publish-alerts', 'read', 'seed-programs', 'sweep-scheduled', 'write']);
    for (const route of routes) {
      expect(route.handler).toBe(!route.auth ? 'public' : route.method === 'GET' ? 'read' : 'write');
    }
  });

  it('one per handler, plus three deploy-time helpers generated by aws-cdk-lib', () => {
    expect(Object.keys(stack.handlers.functions).sort()).toEqual([...allHandlerNames()].sort());
    // The seed custom-resource provider framework, the AwsCustomResource that sets CORS, and the
    // BucketDeployment that uploads the console.
    expect(functions).toHaveLength(allHandlerNames().length + 3);
  });

  it('every function runs on arm64; every Node function on nodejs22.x', () => {
    for (const [, fn] of functions) {
      expect(fn.Properties!.Architectures).toEqual(['arm64']);
      // The BucketDeployment function is Python (it runs the AWS CLI); every other one is Node.
      if (!fn.Properties!.Runtime.startsWith('python')) expect(fn.Properties!.Runtime).toBe('nodejs22.x');
    }
    expect(functions.filter(([, fn]) => fn.Properties!.Runtime.startsWith('python'))).toHaveLength(1);
  });

  it.each(allHandlerNames())('%s: sizing, env, own log group with retention', (name) => {
    const fn = resources[logicalIdOf(stack.handlers.get(name))]!;
    const config = handlerConfig[name]!;
    expect(fn.Properties).toMatchObject({ MemorySize: config.memoryMb, Timeout: config.timeoutSeconds });
    // What the local Lambda emulator loads too (local/lambda-handlers.ts): the file and export of the bundle.
    expect(fn.Properties!.Handler).toBe(`${BUNDLE_FILE.replace(/\.js$/, '')}.${HANDLER_EXPORT}`);
    if (config.kind === 'api') expect(config.timeoutSeconds).toBeLessThanOrEqual(10);
    const env = fn.Properties!.Environment.Variables;
    expect(env).toMatchObject({
      TABLE_NAME: { Ref: expect.stringMatching(/^LedgerTable/) },
      POWERTOOLS_SERVICE_NAME: 'fundledger',
      POWERTOOLS_METRICS_NAMESPACE: 'FundLedger',
    });
    // Source maps are not parsed at load (see SOURCE_MAPS_NODE_OPTIONS): ~13 ms of cold start.
    expect(env.NODE_OPTIONS).toBeUndefined();
    if (config.publishesAlerts) {
      expect(env.ALERT_TOPIC_ARN).toEqual({ Ref: expect.stringMatching(/AlertTopic/) });
      expect(env.EVENT_BUS_NAME).toBe('default');
    } else {
      expect(env.ALERT_TOPIC_ARN).toBeUndefined();
    }
    expect(env.DIGEST_BUCKET).toEqual(config.digests ? { Ref: id.digests() } : undefined);
    expect(env.EXPORT_BUCKET).toEqual(config.exports ? { Ref: id.exports() } : undefined);
    expect(env.EVIDENCE_BUCKET).toEqual(config.evidence ? { Ref: id.evidence() } : undefined);
    const logGroupId = fn.Properties!.LoggingConfig.LogGroup.Ref as string;
    expect(resources[logGroupId]!.Properties!.RetentionInDays).toBeGreaterThan(0);
  });

  it("each handler ships as node_modules exactly the packages its code imports (else: bundled inline, or 'Cannot find module')", async () => {
    // What `npm run build` checks as well, here without writing or minifying anything.
    const results = await Promise.all(
      allHandlerNames().map(async (name) => {
        const shipped = handlerConfig[name]!.nodeModules ?? [];
        const { metafile } = await esbuild({
          ...sharedEsbuildOptions,
          minify: false,
          sourcemap: false,
          // Every candidate external, to see which ones the code reaches.
          external: [...NODE_MODULES_SHIPPED],
          entryPoints: [handlerEntry(name)],
          outfile: path.join(app.outdir, 'import-check', name, 'index.js'),
          write: false,
          metafile: true,
          logLevel: 'error',
        });
        return { name, imports: externalPackages(metafile), ships: [...shipped].sort() };
      }),
    );
    for (const { name, imports, ships } of results) expect({ name, ships }).toEqual({ name, ships: imports });
  }, 60_000); // esbuild resolves every handler's whole import graph: seconds on a busy machine

  it('node:stream/web is aliased to a stand-in that hands out Node’s own ReadableStream, in npm run build and in CDK bundling alike', async () => {
    // @middy/core imports it at load for streamed responses only; the real module costs ~4 ms of cold start.
    const { metafile } = await esbuild({
      ...sharedEsbuildOptions,
      minify: false,
      sourcemap: false,
      external: [...NODE_MODULES_SHIPPED],
      entryPoints: [handlerEntry('write')],
      outfile: path.join(app.outdir, 'alias-check', 'index.js'),
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports).not.toContain('node:stream/web');
    expect(Object.keys(metafile.inputs).some((file) => file.endsWith('infra/shims/stream-web.cjs'))).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require(STREAM_WEB_SHIM).ReadableStream).toBe(require('node:stream/web').ReadableStream);
    expect(sharedEsbuildOptions.alias).toEqual({
      'node:stream/web': STREAM_WEB_SHIM,
      'jsonc-parser': JSONC_PARSER_ONLY,
      '@aws-sdk/credential-provider-node': CREDENTIALS_FROM_ENV,
    });
    // CDK's NodejsFunction takes esbuild flags: the same settings, spelled for the command line.
    expect(cdkEsbuildArgs).toEqual({
      '--legal-comments': 'none',
      '--alias:node:stream/web': STREAM_WEB_SHIM,
      '--alias:jsonc-parser': JSONC_PARSER_ONLY,
      '--alias:@aws-sdk/credential-provider-node': CREDENTIALS_FROM_ENV,
    });
  });

  it('jsonc-parser is bundled as its parser module alone, and the bundled duplicate-key check still finds a repeated key', async () => {
    // The package entry also loads the formatter and editor, whose tables are built at load.
    const outfile = path.join(app.outdir, 'jsonc-check', 'index.js');
    const { metafile } = await esbuild({
      ...sharedEsbuildOptions,
      sourcemap: false,
      entryPoints: [path.join(__dirname, '..', '..', 'functions', 'lib', 'http', 'json-body.ts')],
      outfile,
      metafile: true,
      logLevel: 'error',
    });
    const jsonc = Object.keys(metafile.inputs).filter((file) => file.includes('node_modules/jsonc-parser/')).map((file) => file.replace(/.*jsonc-parser\//, '')).sort();
    expect(jsonc).toEqual(['lib/esm/impl/parser.js', 'lib/esm/impl/scanner.js']);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(outfile) as typeof import('../../functions/lib/http/json-body');
    expect(bundled.duplicateKey('{"contract":{"endsOn":"2025-01-01","endsOn":"2026-01-01"}}')).toBe('contract.endsOn');
    expect(bundled.duplicateKey('{"a":1,"b":{"a":2}}')).toBeNull();
  });

  it('bundled SDK clients sign with the credentials in the environment, and the rest of the default chain is not in the bundle', async () => {
    const outfile = path.join(app.outdir, 'credentials-check', 'index.js');
    const { metafile } = await esbuild({
      ...sharedEsbuildOptions,
      sourcemap: false,
      stdin: {
        contents: [
          "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
          'export const getItem = (endpoint: string) =>',
          "  new DynamoDBClient({ endpoint, region: 'cn-north-1', maxAttempts: 1 }).send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'k' } } }));",
        ].join('\n'),
        resolveDir: REPO_ROOT,
        loader: 'ts',
      },
      outfile,
      metafile: true,
      logLevel: 'error',
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((file) => /credential-provider-(?!env)|nested-clients|token-providers/.test(file))).toEqual([]);
    expect(inputs.some((file) => file.includes('node_modules/@aws-sdk/credential-provider-env/'))).toBe(true);

    // A stand-in DynamoDB endpoint that records each request's Authorization header.
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'] as const;
    const saved = names.map((name) => [name, process.env[name]] as const);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { getItem } = require(outfile) as { getItem: (endpoint: string) => Promise<unknown> };
      Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
      delete process.env.AWS_PROFILE;
      await getItem(endpoint);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFROMENV\/\d{8}\/cn-north-1\/dynamodb\/aws4_request/);
      // Without them, the SDK's own message and no request at all: no profile or metadata lookup.
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      await expect(getItem(endpoint)).rejects.toThrow('Unable to find environment variable credentials');
      expect(seen).toHaveLength(1);
    } finally {
      for (const [name, value] of saved) if (value === undefined) delete process.env[name]; else process.env[name] = value;
      server.close();
    }
  });

  it('read and write ship exceljs (Excel in and out), bundled into neither; the S3, SNS and EventBridge clients ship to those that use them', () => {
    expect(handlerConfig.read!.nodeModules).toEqual(['exceljs', '@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner']);
    // The write function signs evidence upload URLs (functions/lib/evidence/s3-object-store.ts).
    expect(handlerConfig.write!.nodeModules).toEqual(['exceljs', '@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner', '@aws-sdk/client-sns', '@aws-sdk/client-eventbridge']);
    expect(handlerConfig['publish-alerts']!.nodeModules).toEqual(['@aws-sdk/client-sns', '@aws-sdk/client-eventbridge']);
    // The DynamoDB client, which every request uses, is bundled (tree-shaken, pinned with the code).
    for (const config of Object.values(handlerConfig)) expect(config.nodeModules ?? []).not.toContain('@aws-sdk/client-dynamodb');
  });

  it('no function uses the legacy LogRetention custom resource', () => {
    expect(ofType('Custom::LogRetention')).toHaveLength(0);
  });
});

describe('HTTP API', () => {
  const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
  const apiRoutes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties!);

  it('has a Cognito JWT authorizer: issuer = user pool URL, audience = the CLI and the console clients', () => {
    expect(authorizers).toHaveLength(1);
    const props = authorizers[0]![1].Properties!;
    expect(props.AuthorizerType).toBe('JWT');
    // ProviderURL = https://cognito-idp.<region>.amazonaws.com/<userPoolId>
    expect(props.JwtConfiguration.Issuer).toEqual({ 'Fn::GetAtt': [id.pool(), 'ProviderURL'] });
    expect(props.JwtConfiguration.Audience).toEqual([{ Ref: id.apiClient() }, { Ref: id.consoleClient() }]);
  });

  it('routes reach the function routes.ts names: public, read (GET) or write (POST)', () => {
    const integrations = Object.fromEntries(ofType('AWS::ApiGatewayV2::Integration'));
    for (const route of routes) {
      const r = apiRoutes.find((x) => x.RouteKey === routeKey(route))!;
      const integrationId = (r.Target['Fn::Join'][1][1] as { Ref: string }).Ref;
      const uri = JSON.stringify(integrations[integrationId]!.Properties!.IntegrationUri);
      expect({ route: routeKey(route), to: uri.includes(logicalIdOf(stack.handlers.get(route.handler))) }).toEqual({
        route: routeKey(route),
        to: true,
      });
    }
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
  const clients = Object.fromEntries(ofType('AWS::Cognito::UserPoolClient'));
  const apiClient = () => clients[id.apiClient()]!.Properties!;
  const consoleClient = () => clients[id.consoleClient()]!.Properties!;

  it('admin-created users, strong passwords, MFA, custom:zoneId and custom:city', () => {
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
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'zoneId', AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: 'city', AttributeDataType: 'String' }),
      ]),
    });
    const pool = ofType('AWS::Cognito::UserPool')[0]![1].Properties!;
    expect(pool.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has one group per role, city-bureau included', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties!.GroupName);
    expect(groups.sort()).toEqual([...ROLE_GROUPS].sort());
    expect([...ROLE_GROUPS].sort()).toEqual(['admin', 'auditor', 'city-bureau', 'finance-officer', 'zone-committee']);
  });

  it('has exactly two app clients: the CLI client and the console client', () => {
    expect(Object.keys(clients).sort()).toEqual([id.apiClient(), id.consoleClient()].sort());
  });

  it('CLI client: no secret, password + SRP auth, no OAuth, users cannot write custom attributes', () => {
    const client = apiClient();
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    );
    // No hosted-UI flows at all (CDK's default would be implicit + code to https://example.com).
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.AllowedOAuthFlowsUserPoolClient).toBeFalsy();
    expect(client.CallbackURLs).toBeUndefined();
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(['custom:zoneId', 'custom:city']));
    expect(client.WriteAttributes).toEqual(['name']);
  });

  it('console client: public, authorization code only, openid/email/profile, redirects to <console>/signin', () => {
    const client = consoleClient();
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect([...client.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile']);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(client.CallbackURLs.map(show)).toEqual([`${consoleOrigin()}/signin`]);
    expect(client.LogoutURLs.map(show)).toEqual([`${consoleOrigin()}/signin`]);
    // Sign-in happens on the hosted page only: no SRP or password flow from the browser.
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.EnableTokenRevocation).toBe(true);
  });

  it('console client: refresh tokens for a working day, ID token carries custom:zoneId and custom:city', () => {
    const client = consoleClient();
    expect(client.RefreshTokenValidity).toBe(CONSOLE_REFRESH_TOKEN_VALIDITY.toMinutes());
    expect(client.TokenValidityUnits.RefreshToken).toBe('minutes');
    expect(CONSOLE_REFRESH_TOKEN_VALIDITY.toHours()).toBe(12);
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(['custom:zoneId', 'custom:city']));
    expect(client.WriteAttributes).toEqual(['name']);
  });

  it('hosted sign-in domain: the stack name in lower case, then the account id', () => {
    const [[, domain]] = ofType('AWS::Cognito::UserPoolDomain') as [[string, Resource]];
    expect(domain.Properties!.Domain).toEqual({ 'Fn::Join': ['-', ['fundledger', { Ref: 'AWS::AccountId' }]] });
    expect(domain.Properties!.UserPoolId).toEqual({ Ref: id.pool() });
  });
});

describe('CORS on the HTTP API', () => {
  const [[, cors]] = ofType('Custom::FundLedgerApiCors') as [[string, Resource]];
  /** The SDK call the custom resource makes, tokens shown as <Id.Attr>. */
  const call = (which: 'Create' | 'Update') => JSON.parse(show(cors.Properties![which]));

  it.each(['Create', 'Update'] as const)('%s: UpdateApi allows exactly the console origin', (which) => {
    const sdk = call(which);
    expect(sdk.service).toBe('ApiGatewayV2');
    expect(sdk.action).toBe('UpdateApi');
    expect(sdk.parameters.ApiId).toBe(`<${id.httpApi()}>`);
    expect(sdk.parameters.CorsConfiguration).toEqual({
      AllowOrigins: [consoleOrigin()],
      AllowMethods: ['GET', 'POST', 'OPTIONS'],
      AllowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      ExposeHeaders: ['Idempotent-Replayed', 'Retry-After', 'Location', 'Content-Disposition'],
      MaxAge: CORS.maxAgeSeconds,
      AllowCredentials: false,
    });
  });

  it('is not in the API resource itself (that would be a dependency cycle with the console)', () => {
    const [[, api]] = ofType('AWS::ApiGatewayV2::Api') as [[string, Resource]];
    expect(api.Properties!.CorsConfiguration).toBeUndefined();
  });

  it('its function may PATCH this API and nothing else (plus its own logs)', () => {
    const grants = grantsOf(logicalIdOf(stack.api.corsRole!));
    expect(grants).toEqual(
      expect.arrayContaining([
        `apigateway:PATCH arn:<AWS::Partition>:apigateway:<AWS::Region>::apis/<${id.httpApi()}>`,
        expect.stringMatching(/^logs:CreateLogStream <ApiCorsConfigLogs\w+\.Arn>$/),
        expect.stringMatching(/^logs:PutLogEvents <ApiCorsConfigLogs\w+\.Arn>$/),
      ]),
    );
    expect(grants).toHaveLength(3);
  });
});

describe('web console hosting', () => {
  const distribution = () => resources[id.distribution()]!.Properties!.DistributionConfig;
  const headersPolicy = () =>
    ofType('AWS::CloudFront::ResponseHeadersPolicy')[0]![1].Properties!.ResponseHeadersPolicyConfig;

  it('bucket: private, SSL only, no website hosting, access-logged', () => {
    const bucket = resources[id.consoleBucket()]!.Properties!;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(bucket.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: id.accessLogs() }, LogFilePrefix: 'console/' });
  });

  it('bucket policy: TLS only, and GetObject for this distribution only (OAC)', () => {
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties!.Bucket.Ref === id.consoleBucket())![1];
    const statements = policy.Properties!.PolicyDocument.Statement as any[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const allows = statements.filter((st) => st.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0].Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allows[0].Action).toBe('s3:GetObject');
    expect(show(allows[0].Condition.StringEquals['AWS:SourceArn'])).toBe(
      `arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/<${id.distribution()}>`,
    );
  });

  it('distribution: S3 origin with Origin Access Control, no OAI, index.html at the root', () => {
    const config = distribution();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.Origins).toHaveLength(1);
    const origin = config.Origins[0];
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [id.consoleBucket(), 'RegionalDomainName'] });
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
  });

  it('distribution: HTTPS only (HTTP redirected), GET/HEAD only, security headers attached', () => {
    const behavior = distribution().DefaultCacheBehavior;
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: logicalIdOf(stack.webConsole.headers) });
  });

  it('distribution: SPA fallback, 403 and 404 become /index.html with 200, not cached', () => {
    expect(distribution().CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
    ]);
  });

  it('with a domain of its own: that name, its certificate and TLS 1.2+', () => {
    const other = new FundLedgerStack(new App({ context }), 'FundLedgerDomain', {
      consoleDir: CONSOLE_FIXTURE,
      consoleDomain: {
        domainName: 'fundledger.example.gov.cn',
        certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
      },
    });
    const t = Template.fromStack(other).toJSON().Resources as Record<string, Resource>;
    const config = Object.values(t).find((r) => r.Type === 'AWS::CloudFront::Distribution')!.Properties!.DistributionConfig;
    expect(config.Aliases).toEqual(['fundledger.example.gov.cn']);
    expect(config.ViewerCertificate).toMatchObject({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    const consoleClient = t[other.getLogicalId(other.auth.consoleClient.node.defaultChild as any)]!;
    expect(consoleClient.Properties!.CallbackURLs).toEqual(['https://fundledger.example.gov.cn/signin']);
    const cors = Object.values(t).find((r) => r.Type === 'Custom::FundLedgerApiCors')!;
    expect(show(cors.Properties!.Create)).toContain('"AllowOrigins":["https://fundledger.example.gov.cn"]');
  });

  it('security headers: HSTS, nosniff, frame DENY, referrer policy, all overriding the origin', () => {
    const headers = headersPolicy().SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({ Override: true, IncludeSubdomains: true });
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'same-origin', Override: true });
    expect(headers.ContentSecurityPolicy.Override).toBe(true);
  });

  it('CSP: own scripts only; connect-src = self, the API, the sign-in domain, this pool, the exports and evidence buckets', () => {
    const csp = show(headersPolicy().SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    const directives = Object.fromEntries(
      csp.split(';').map((d: string) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual([
      "'self'",
      `<${id.httpApi()}.ApiEndpoint>`,
      `https://<${id.domain()}>.auth.<AWS::Region>.amazoncognito.com`,
      `<${id.pool()}.ProviderURL>/`,
      `https://<${id.exports()}>.s3.<AWS::Region>.<AWS::URLSuffix>`,
      'https://fundledger-evidence-<AWS::AccountId>-<AWS::Region>.s3.<AWS::Region>.<AWS::URLSuffix>',
    ]);
    // The name in the CSP is the bucket's own (a literal, so the console and the bucket do not refer to each other).
    expect(show(resources[id.evidence()]!.Properties!.BucketName)).toBe('fundledger-evidence-<AWS::AccountId>-<AWS::Region>');
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
  });

  it('uploads the build: hashed assets immutable, then the rest revalidated, then invalidates', () => {
    const [assets, entry] = stack.webConsole.deployments.map(
      (d) => resources[stack.getLogicalId(d.node.findChild('CustomResource').node.defaultChild as any)]!,
    ) as [Resource, Resource];
    expect(assets.Type).toBe('Custom::CDKBucketDeployment');
    expect(assets.Properties).toMatchObject({
      DestinationBucketName: { Ref: id.consoleBucket() },
      Prune: false,
      Exclude: ['*'],
      Include: ['assets/*'],
      SystemMetadata: { 'cache-control': IMMUTABLE },
    });
    expect(entry.Properties).toMatchObject({
      DestinationBucketName: { Ref: id.consoleBucket() },
      Prune: false,
      Exclude: ['assets/*'],
      SystemMetadata: { 'cache-control': REVALIDATE },
      DistributionId: { Ref: id.distribution() },
      DistributionPaths: ['/*'],
    });
    // index.html only after the bundles it names.
    const entryResource = template.toJSON().Resources[
      stack.getLogicalId(stack.webConsole.deployments[1]!.node.findChild('CustomResource').node.defaultChild as any)
    ];
    const assetsId = stack.getLogicalId(stack.webConsole.deployments[0]!.node.findChild('CustomResource').node.defaultChild as any);
    expect(entryResource.DependsOn).toContain(assetsId);
  });

  it('config.json: the API URL, the pool as OIDC authority, the console client, the sign-in domain', () => {
    const entry = stack.webConsole.deployments[1]!;
    const resource = resources[stack.getLogicalId(entry.node.findChild('CustomResource').node.defaultChild as any)]!;
    // Source 2 is the JSON document; its deploy-time values are markers the upload fills in.
    const staged = entry.node
      .findAll()
      .filter((c): c is s3assets.Asset => c instanceof s3assets.Asset)
      .map((asset) => path.join(app.outdir, asset.assetPath, 'config.json'))
      .filter((file) => fs.existsSync(file));
    expect(staged).toHaveLength(1);
    const source = resource.Properties!.SourceObjectKeys.findIndex((key: string) => staged[0]!.includes(key.replace(/\.zip$/, '')));
    const markers = resource.Properties!.SourceMarkers[source] as Record<string, unknown>;
    let text = fs.readFileSync(staged[0]!, 'utf8');
    for (const [marker, value] of Object.entries(markers)) text = text.split(marker).join(show(value));
    expect(JSON.parse(text)).toEqual({
      apiUrl: `https://<${id.httpApi()}>.execute-api.<AWS::Region>.<AWS::URLSuffix>/`,
      auth: {
        kind: 'cognito',
        authority: `<${id.pool()}.ProviderURL>`,
        clientId: `<${id.consoleClient()}>`,
        domain: `https://<${id.domain()}>.auth.<AWS::Region>.amazoncognito.com`,
      },
    });
  });

  it('the upload function may read its zips, write the console bucket and invalidate this distribution: nothing more', () => {
    const grants = grantsOf(logicalIdOf(stack.webConsole.deployRole));
    const zips = grants.filter((g) => g.startsWith('s3:GetObject '));
    expect(zips.length).toBeGreaterThan(0);
    for (const g of zips) expect(g).toMatch(/^s3:GetObject arn:<AWS::Partition>:s3:::sub\(cdk-\w+-assets-\$\{AWS::AccountId\}-\$\{AWS::Region\}\)\/\w+\.zip$/);
    const others = grants.filter((g) => !g.startsWith('s3:GetObject '));
    expect(others).toHaveLength(6);
    expect(others).toEqual(
      expect.arrayContaining([
        `s3:ListBucket <${id.consoleBucket()}.Arn>`,
        `s3:PutObject <${id.consoleBucket()}.Arn>/*`,
        `cloudfront:CreateInvalidation arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/<${id.distribution()}>`,
        `cloudfront:GetInvalidation arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/<${id.distribution()}>`,
        expect.stringMatching(/^logs:CreateLogStream <ConsoleDeployLogs\w+\.Arn>$/),
        expect.stringMatching(/^logs:PutLogEvents <ConsoleDeployLogs\w+\.Arn>$/),
      ]),
    );
  });

  it('refuses to synthesize without a built console, and says to run npm run build', () => {
    expect(() => new FundLedgerStack(new App({ context }), 'NoConsole', { consoleDir: path.join(__dirname, 'no-such-dir') })).toThrow(
      /not built: .*index\.html does not exist\. Run `npm run build`/,
    );
  });
});

describe('digest and export buckets', () => {
  const bucket = (logicalId: string) => resources[logicalId]!;
  const policyOf = (logicalId: string) =>
    ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties!.Bucket.Ref === logicalId)![1].Properties!.PolicyDocument
      .Statement as any[];

  it.each([
    ['digests', () => id.digests()],
    ['exports', () => id.exports()],
    ['access logs', () => id.accessLogs()],
  ])('%s: block public access, SSE-S3, ACLs off, TLS only', (_name, logicalId) => {
    const props = bucket(logicalId()).Properties!;
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(policyOf(logicalId())).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('digests: Object Lock in COMPLIANCE mode with the default retention (10 years), versioned, logged, retained', () => {
    const digests = bucket(id.digests());
    expect(digests.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: DEFAULT_DIGEST_RETENTION.toDays() } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: id.accessLogs() }, LogFilePrefix: 'digests/' },
    });
    expect(DEFAULT_DIGEST_RETENTION.toDays()).toBeGreaterThanOrEqual(3650);
    expect(digests.DeletionPolicy).toBe('Retain');
    expect(digests.Properties!.LifecycleConfiguration).toBeUndefined();
  });

  it('digests: the retention is a stack prop', () => {
    const other = new FundLedgerStack(new App({ context }), 'ShortLock', {
      consoleDir: CONSOLE_FIXTURE,
      digestRetention: Duration.days(30),
    });
    Template.fromStack(other).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } },
    });
  });

  it('digests: nobody may delete an object or a version (a delete marker would hide a digest)', () => {
    expect(policyOf(id.digests())).toContainEqual({
      Sid: 'DenyDigestDeletion',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id.digests(), 'Arn'] }, '/*']] },
    });
  });

  it('exports: objects expire after a day, logged', () => {
    const props = bucket(id.exports()).Properties!;
    expect(props.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ ExpirationInDays: EXPORT_EXPIRY_DAYS, Status: 'Enabled' }),
    );
    expect(EXPORT_EXPIRY_DAYS).toBe(1);
    expect(props.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: id.accessLogs() }, LogFilePrefix: 'exports/' });
  });

  it('exports: CORS GET from anywhere (a presigned URL is the credential; redirected fetches send Origin: null)', () => {
    expect(bucket(id.exports()).Properties!.CorsConfiguration).toEqual({
      CorsRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'], ExposedHeaders: ['Content-Disposition'], MaxAge: 3600 }],
    });
    expect(bucket(id.digests()).Properties!.CorsConfiguration).toBeUndefined();
  });

  it('access logs: S3 log delivery may write, per source bucket, and logs expire', () => {
    const props = bucket(id.accessLogs()).Properties!;
    expect(props.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ ExpirationInDays: ACCESS_LOG_RETENTION_DAYS, Status: 'Enabled' }),
    );
    const deliveries = policyOf(id.accessLogs()).filter((st) => st.Effect === 'Allow');
    expect(deliveries.map((st) => st.Principal)).toEqual(Array(4).fill({ Service: 'logging.s3.amazonaws.com' }));
    expect(deliveries.map((st) => st.Condition.ArnLike['aws:SourceArn']['Fn::GetAtt'][0]).sort()).toEqual(
      [id.digests(), id.exports(), id.consoleBucket(), id.evidence()].sort(),
    );
  });
});

describe('evidence bucket', () => {
  const bucket = () => resources[id.evidence()]!;
  const policy = () =>
    ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties!.Bucket.Ref === id.evidence())![1].Properties!.PolicyDocument.Statement as any[];

  it('private, TLS 1.2+ only, ACLs off, versioned, logged, retained', () => {
    const props = bucket().Properties!;
    expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: id.accessLogs() }, LogFilePrefix: 'evidence/' });
    expect(bucket().DeletionPolicy).toBe('Retain');
    expect(policy()).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(policy()).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }));
  });

  it('SSE-KMS with its own rotating key (Bucket Keys on), the key retained', () => {
    expect(bucket().Properties!.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [id.evidenceKey(), 'Arn'] } } },
    ]);
    const key = resources[id.evidenceKey()]!;
    expect(key.Properties!.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  it('the lifecycle expires staging/ only (current and noncurrent versions, delete markers, unfinished uploads): nothing ever expires recorded evidence', () => {
    const rules = bucket().Properties!.LifecycleConfiguration.Rules as any[];
    expect(rules).toEqual([
      {
        Id: 'expire-staging', Prefix: 'staging/', Status: 'Enabled',
        ExpirationInDays: EVIDENCE_STAGING_EXPIRY_DAYS,
        NoncurrentVersionExpiration: { NoncurrentDays: EVIDENCE_STAGING_EXPIRY_DAYS },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: EVIDENCE_STAGING_EXPIRY_DAYS },
      },
      { Id: 'staging-delete-markers', Prefix: 'staging/', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
    ]);
    for (const rule of rules) expect(rule.Prefix).toBe('staging/');
  });

  it('nobody may delete recorded evidence or any of its versions', () => {
    expect(policy()).toContainEqual({
      Sid: 'DenyRecordedEvidenceDeletion',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id.evidence(), 'Arn'] }, '/recorded/*']] },
    });
  });

  it('CORS admits the console’s origin only: PUT with the two signed headers, GET and HEAD', () => {
    const rules = bucket().Properties!.CorsConfiguration.CorsRules as any[];
    expect(rules).toHaveLength(1);
    expect(rules[0].AllowedOrigins.map(show)).toEqual([consoleOrigin()]);
    expect(rules[0].AllowedMethods).toEqual(['PUT', 'GET', 'HEAD']);
    expect(rules[0].AllowedHeaders).toEqual(['content-type', 'x-amz-checksum-sha256']);
  });

  it('the write role may put under recorded/ only as a copy out of staging/; reads of the key only through S3', () => {
    const statements = allowStatementsOf(logicalIdOf(stack.handlers.roles.write!));
    const copy = statements.find((st) => actionsOf(st).includes('s3:PutObject') && show(st.Resource).endsWith('/recorded/*'))!;
    const condition = copy.Condition as { StringLike: Record<string, unknown> };
    expect(Object.keys(condition)).toEqual(['StringLike']);
    expect(Object.keys(condition.StringLike)).toEqual(['s3:x-amz-copy-source']);
    expect(show(condition.StringLike['s3:x-amz-copy-source'])).toBe(`<${id.evidence()}>/staging/*`);
    for (const name of ['read', 'write']) {
      const keyUse = allowStatementsOf(logicalIdOf(stack.handlers.roles[name]!)).find((st) => show(st.Resource) === `<${id.evidenceKey()}.Arn>`)!;
      const via = (keyUse.Condition as { StringEquals: Record<string, unknown> }).StringEquals;
      expect(Object.keys(keyUse.Condition as object)).toEqual(['StringEquals']);
      expect(Object.keys(via)).toEqual(['kms:ViaService']);
      expect(show(via['kms:ViaService'])).toBe('s3.<AWS::Region>.amazonaws.com');
    }
  });

  it('only read and write touch evidence: the sweep, the publisher and the seeder do not', () => {
    for (const name of allHandlerNames()) {
      const touches = allowStatementsOf(logicalIdOf(stack.handlers.roles[name]!)).some((st) => JSON.stringify(st.Resource ?? '').includes(id.evidence()));
      expect({ name, touches }).toEqual({ name, touches: name === 'read' || name === 'write' });
    }
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

  it('matches the permission table: reads and writes split, background jobs as before', () => {
    const READ = ['GetItem', 'BatchGetItem', 'Query'];
    const READ_WRITE = [...READ, 'PutItem', 'UpdateItem', 'ConditionCheckItem'];
    const expected: Record<string, string[]> = {
      public: [],
      read: READ,
      write: READ_WRITE,
      'sweep-scheduled': READ_WRITE,
      'publish-alerts': ['UpdateItem', 'GetItem'],
      'seed-programs': ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
    };
    expect(Object.keys(expected).sort()).toEqual([...allHandlerNames()].sort());
    for (const [name, actions] of Object.entries(expected)) {
      expect([...handlerConfig[name]!.tableActions].sort()).toEqual(actions.map((a) => `dynamodb:${a}`).sort());
    }
    expect(Object.values(DDB)).not.toContain('dynamodb:DeleteItem');
  });

  it('only publish-alerts reads the stream; only alert publishers publish to SNS or put events', () => {
    // The sweeps (scheduled, and on demand through POST = write) publish what the stream relay left pending.
    const publishers = new Set(['publish-alerts', 'sweep-scheduled', 'write']);
    for (const name of allHandlerNames()) {
      const actions = allowedActionsFor(name);
      const held = ['dynamodb:GetRecords', 'sns:Publish', 'events:PutEvents'].filter((a) => actions.has(a));
      const expected = [...(name === 'publish-alerts' ? ['dynamodb:GetRecords'] : []), ...(publishers.has(name) ? ['sns:Publish', 'events:PutEvents'] : [])];
      expect({ name, held }).toEqual({ name, held: expected });
    }
  });

  describe('exact grants of the HTTP functions', () => {
    const grants = (name: string) => grantsOf(logicalIdOf(stack.handlers.roles[name]!));
    const logs = (name: string) => {
      const logGroup = `<Handlers${name.replace(/-/g, '')}logs`;
      return [
        expect.stringMatching(new RegExp(`^logs:CreateLogStream ${logGroup}\\w+\\.Arn>$`)),
        expect.stringMatching(new RegExp(`^logs:PutLogEvents ${logGroup}\\w+\\.Arn>$`)),
      ];
    };
    const table = () => `<${id.table()}.Arn>`;
    const indexQueries = () => tableDefinition.indexes.map((i) => `dynamodb:Query <${id.table()}.Arn>/index/${i.indexName}`);
    const sorted = (xs: unknown[]) => [...xs].sort((a, b) => String(a).localeCompare(String(b)));

    it('public: nothing but its own logs', () => {
      expect(grants('public')).toEqual(expect.arrayContaining(logs('public')));
      expect(grants('public')).toHaveLength(2);
    });

    it('read: GetItem, BatchGetItem, Query on the table, Query on each index, digests read, exports put/get', () => {
      const expected = [
        `dynamodb:GetItem ${table()}`,
        `dynamodb:BatchGetItem ${table()}`,
        `dynamodb:Query ${table()}`,
        ...indexQueries(),
        `s3:GetObject <${id.digests()}.Arn>/*`,
        `s3:ListBucket <${id.digests()}.Arn>`,
        `s3:PutObject <${id.exports()}.Arn>/*`,
        `s3:GetObject <${id.exports()}.Arn>/*`,
        `s3:GetObject <${id.evidence()}.Arn>/recorded/*`,
        `s3:GetObjectVersion <${id.evidence()}.Arn>/recorded/*`,
        `s3:ListBucket <${id.evidence()}.Arn>`,
        `kms:Decrypt <${id.evidenceKey()}.Arn>`,
      ];
      const actual = grants('read');
      expect(actual).toEqual(expect.arrayContaining([...expected, ...logs('read')]));
      expect(actual).toHaveLength(expected.length + 2);
      expect(indexQueries()).toHaveLength(7);
    });

    it('write: the write set, alert publishing, digests PutObject (and list), evidence staging and the copy to recorded/', () => {
      const rw = ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'];
      const expected = [
        ...rw.map((a) => `dynamodb:${a} ${table()}`),
        ...indexQueries(),
        `sns:Publish <${logicalIdOf(stack.messaging.alertTopic)}>`,
        `kms:GenerateDataKey <${logicalIdOf(stack.messaging.key)}.Arn>`,
        `kms:Decrypt <${logicalIdOf(stack.messaging.key)}.Arn>`,
        'events:PutEvents arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:event-bus/default',
        `s3:PutObject <${id.digests()}.Arn>/*`,
        `s3:ListBucket <${id.digests()}.Arn>`,
        `kms:GenerateDataKey <${id.evidenceKey()}.Arn>`,
        `kms:Decrypt <${id.evidenceKey()}.Arn>`,
      ];
      const evidence = [
        ...['PutObject', 'GetObject', 'GetObjectVersion', 'DeleteObject'].map((a) => `s3:${a} <${id.evidence()}.Arn>/staging/*`),
        `s3:GetObject <${id.evidence()}.Arn>/recorded/*`,
        `s3:PutObject <${id.evidence()}.Arn>/recorded/*`,
        `s3:ListBucket <${id.evidence()}.Arn>`,
      ];
      const actual = grants('write');
      expect(actual).toEqual(expect.arrayContaining([...expected, ...logs('write')]));
      expect(actual).toHaveLength(expected.length + evidence.length + 2);
      expect(sorted(actual.filter((g) => g.startsWith('s3:')))).toEqual(
        sorted([`s3:ListBucket <${id.digests()}.Arn>`, `s3:PutObject <${id.digests()}.Arn>/*`, ...evidence]),
      );
    });

    it('sweep-scheduled may write digests (PutObject and list only), like write', () => {
      expect(sorted(grants('sweep-scheduled').filter((g) => g.startsWith('s3:')))).toEqual(
        sorted([`s3:ListBucket <${id.digests()}.Arn>`, `s3:PutObject <${id.digests()}.Arn>/*`]),
      );
    });

    it('no other function touches the buckets', () => {
      for (const name of ['public', 'publish-alerts', 'seed-programs']) {
        expect({ name, s3: grants(name).filter((g) => g.startsWith('s3:')) }).toEqual({ name, s3: [] });
      }
    });
  });

  it('nobody may delete digests or change their retention or legal hold; the only delete is of staged evidence', () => {
    const stagedEvidence = () => `<${id.evidence()}.Arn>/staging/*`;
    for (const { id: policy, statement } of statements) {
      if (statement.Effect !== 'Allow') continue;
      const resources = (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]).map(show);
      for (const action of actionsOf(statement)) {
        if (action === 's3:DeleteObject' && resources.every((r) => r === stagedEvidence())) continue;
        expect({ policy, action }).not.toEqual({
          policy,
          action: expect.stringMatching(/^s3:(Delete|PutObjectRetention|PutObjectLegalHold|BypassGovernanceRetention|PutBucketObjectLockConfiguration)/),
        });
      }
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
  it('exposes the API, the console, the user pool and its clients, the buckets', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'ConsoleUrl',
        'UserPoolId',
        'UserPoolClientId',
        'ConsoleClientId',
        'AuthDomainUrl',
        'DigestBucketName',
        'ExportBucketName',
        'EvidenceBucketName',
      ]),
    );
    expect(show(outputs.ConsoleUrl!.Value)).toBe(`${consoleOrigin()}/`);
  });
});

import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { routeKey, routes } from '../../functions/routes';
import { handlerConfig } from '../handler-config';

export interface ApiRoutesProps {
  userPool: cognito.UserPool;
  /** App clients whose tokens the API accepts (the CLI client and the console client). */
  clients: cognito.IUserPoolClient[];
  functionFor: (handlerName: string) => lambda.IFunction;
}

/** Steady-state and burst limits for the whole $default stage (account default is 10k rps). */
export const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * CORS for the web console, the only browser client. The console calls the API from another
 * origin (its CloudFront address), so the browser sends a preflight before every call that carries
 * an Authorization header. API Gateway answers the preflight itself, before any authorizer or
 * function runs.
 */
export const CORS = {
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
  // Response headers the console's code may read: a replayed POST, a 503's back-off, a created
  // resource's address, an export's file name.
  exposeHeaders: ['Idempotent-Replayed', 'Retry-After', 'Location', 'Content-Disposition'],
  // Browsers cache a preflight for this long (Chrome caps it at 2 hours).
  maxAgeSeconds: 3600,
} as const;

/**
 * HTTP API with one route per entry of `routes` (functions/routes.ts). Routes with auth: true
 * go through the Cognito JWT authorizer; the two public ones (/health, /openapi.json) do not.
 *
 * Built in steps because the API and the web console refer to each other. The console's CSP
 * needs the API's address. The console's address (CloudFront) is needed for CORS and for the
 * console's app client, and the authorizer needs that client's id. So the stack makes the API
 * itself (constructor), then the console's hosting, then calls addRoutes() and allowOrigin().
 */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** Keyed by "METHOD /path". */
  readonly routes: Record<string, apigw.HttpRoute> = {};
  /** Sets the API's CORS configuration during the deploy (see allowOrigin). */
  corsConfig?: cr.AwsCustomResource;
  /** Role of the function that runs corsConfig. */
  corsRole?: iam.Role;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Our own $default stage instead of the implicit one, so it can carry throttling + access logs.
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'FundLedger HTTP API',
      createDefaultStage: false,
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      // A year of "who called what, when, with which result" for audits of disbursements.
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: STAGE_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        // One JSON object per request (queryable with Logs Insights). No bodies, no tokens.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            sub: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            integrationLatency: '$context.integrationLatency',
            responseLatency: '$context.responseLatency',
            responseLength: '$context.responseLength',
          }),
        ),
      },
    });
  }

  /** One route per entry of `routes`, each to its handler's function. */
  addRoutes(props: ApiRoutesProps): void {
    // Verifies Cognito-issued JWTs: signature via the pool's JWKS, `iss` = the pool URL, and
    // `aud` (ID token) or `client_id` (access token) = one of our app clients: the CLI client or
    // the console client. Handlers need the ID token because only it carries custom:zoneId and
    // custom:city.
    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.userPool.userPoolProviderUrl, {
      jwtAudience: props.clients.map((c) => c.userPoolClientId),
      identitySource: ['$request.header.Authorization'],
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of routes) {
      let integration = integrations.get(route.handler);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.handler}-integration`, props.functionFor(route.handler), {
          payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
          // Give up a little after the function's own timeout rather than API Gateway's 30 s.
          timeout: Duration.seconds(handlerConfig[route.handler]!.timeoutSeconds + 2),
        });
        integrations.set(route.handler, integration);
      }
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        authorizer: route.auth ? authorizer : new apigw.HttpNoneAuthorizer(),
      });
      this.routes[routeKey(route)] = created!;
    }
  }

  /**
   * CORS that admits exactly one origin, the console's.
   *
   * Set with an UpdateApi call during the deploy rather than with HttpApi's `corsPreflight`,
   * which would write it into the API resource itself and make a dependency cycle: API (CORS
   * origin) → CloudFront distribution (domain name) → response headers policy (CSP connect-src)
   * → API (its address). The call comes after both exist and runs again whenever the origin or
   * the settings change. UpdateApi changes only the fields it is given, and the template never
   * mentions CORS, so CloudFormation's own updates of the API resource should leave it alone. That
   * has not been tried on AWS yet: infra/README.md says how to check it after a deploy.
   */
  allowOrigin(origin: string): void {
    if (this.corsConfig) throw new Error('allowOrigin() was called already');
    const apiArn = Stack.of(this).formatArn({
      service: 'apigateway',
      account: '',
      resource: 'apis',
      resourceName: this.httpApi.apiId,
    });
    // Own role and log group, so the helper function gets neither AWSLambdaBasicExecutionRole nor
    // logs that never expire.
    const logGroup = new logs.LogGroup(this, 'CorsConfigLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.corsRole = new iam.Role(this, 'CorsConfigRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'FundLedger: set the HTTP API CORS origin to the console (deploy time only)',
    });
    logGroup.grantWrite(this.corsRole);
    const call: cr.AwsSdkCall = {
      service: 'ApiGatewayV2',
      action: 'UpdateApi',
      parameters: {
        ApiId: this.httpApi.apiId,
        CorsConfiguration: {
          AllowOrigins: [origin],
          AllowMethods: [...CORS.allowMethods],
          AllowHeaders: [...CORS.allowHeaders],
          ExposeHeaders: [...CORS.exposeHeaders],
          MaxAge: CORS.maxAgeSeconds,
          // Bearer tokens, no cookies: the browser need not send credentials.
          AllowCredentials: false,
        },
      },
      physicalResourceId: cr.PhysicalResourceId.of(`${this.node.addr}-cors`),
    };
    this.corsConfig = new cr.AwsCustomResource(this, 'CorsConfig', {
      resourceType: 'Custom::FundLedgerApiCors',
      onCreate: call,
      onUpdate: call,
      // Nothing on delete: the API goes with the stack, and a leftover origin grants nothing.
      role: this.corsRole,
      logGroup,
      // The SDK in the Lambda runtime has UpdateApi; installing one at run time needs the network.
      installLatestAwsSdk: false,
      // UpdateApi is apigateway:PATCH on the API (not "apigateway:UpdateApi", which CDK would derive).
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['apigateway:PATCH'], resources: [apiArn] }),
      ]),
    });

    // The function behind it is a stack-wide singleton that aws-cdk-lib generates (newest Node
    // runtime, x86_64). Align it with the fleet, as for the seed provider (background.ts): one
    // runtime to track, Graviton pricing. Its code only needs the SDK v3 that nodejs22.x includes.
    const singleton = Stack.of(this).node.tryFindChild(
      // SingletonFunction's id: its lambdaPurpose ("AWS") followed by the uuid without dashes.
      `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`,
    );
    const fn = singleton?.node.defaultChild;
    if (!(fn instanceof lambda.CfnFunction)) throw new Error('AwsCustomResource provider function not found');
    fn.runtime = lambda.Runtime.NODEJS_22_X.name;
    fn.architectures = [lambda.Architecture.ARM_64.name];
    Validations.of(singleton!).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The AwsCustomResource function (aws-cdk-lib generated) is pinned to nodejs22.x like every ' +
        'FundLedger function; it only makes the UpdateApi call that sets CORS, during deploys.',
    });
  }

  /** Base URL of the $default stage, e.g. https://abc123.execute-api.us-east-1.amazonaws.com/ */
  get url(): string {
    return this.stage.url;
  }
}

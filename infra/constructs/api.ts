import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routeKey, routes } from '../../functions/routes';
import { handlerConfig } from '../handler-config';

export interface ApiProps {
  userPool: cognito.UserPool;
  client: cognito.IUserPoolClient;
  functionFor: (handlerName: string) => lambda.IFunction;
}

/** Steady-state and burst limits for the whole $default stage (account default is 10k rps). */
export const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * HTTP API with one route per entry of `routes` (functions/routes.ts). Routes with auth: true
 * go through the Cognito JWT authorizer; the two public ones (/health, /openapi.json) do not.
 */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** Keyed by "METHOD /path". */
  readonly routes: Record<string, apigw.HttpRoute> = {};

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    // Our own $default stage instead of the implicit one, so it can carry throttling + access logs.
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'FundLedger HTTP API',
      createDefaultStage: false,
    });

    // Verifies Cognito-issued JWTs: signature via the pool's JWKS, `iss` = the pool URL, and
    // `aud` (ID token) or `client_id` (access token) = our app client. Handlers need the ID token
    // because only it carries custom:zoneId.
    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.userPool.userPoolProviderUrl, {
      jwtAudience: [props.client.userPoolClientId],
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

  /** Base URL of the $default stage, e.g. https://abc123.execute-api.us-east-1.amazonaws.com/ */
  get url(): string {
    return this.stage.url;
  }
}

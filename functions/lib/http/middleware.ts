import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { ZodMiniType as ZodType } from 'zod/mini';
import { HttpProblem, badRequest, forbidden, unauthorized, unavailable } from './problems';
import { ROLES, hasRole, principalFromClaims, scopeClaimProblem, type Principal } from './principal';
import { StorageUnavailable } from '../storage/errors';
import { logger, metrics } from '../observability';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** What the shared middleware leaves for the route. */
export interface ApiContext extends Context {
  principal: Principal | null;
  startedAt: number;
}

type Mw = middy.MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext>;

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

/** Seconds a client should wait after a 503 before retrying with the same Idempotency-Key. */
export const RETRY_AFTER_SECONDS = 1;

/** middy's early timeout (just before Lambda's): the handler was told through its abort signal. */
const ranOutOfTime = (err: unknown): boolean =>
  err instanceof Error && err.name === 'TimeoutError' && (err.cause as { package?: unknown } | undefined)?.package === '@middy/core';

/** One error mapping for every handler: problem+json, never a serialised exception. */
export const problemErrors = (): Mw => ({
  onError: async (request) => {
    const err = request.error;
    let problem: HttpProblem;
    if (err instanceof HttpProblem) problem = err;
    else if (err instanceof StorageUnavailable) {
      logger.warn('storage unavailable', { error: err.cause as Error });
      metrics.addMetric('StorageUnavailable', 'Count', 1);
      problem = unavailable('Storage is busy or unavailable; nothing was written. Retry later.', RETRY_AFTER_SECONDS);
    } else if (ranOutOfTime(err)) {
      logger.warn('the function ran out of time', { error: err as Error });
      metrics.addMetric('TimedOut', 'Count', 1);
      problem = new HttpProblem(
        503,
        'Service Unavailable',
        'The request ran out of time before it finished. What it completed is kept: retrying is safe (a ledger write with the same Idempotency-Key; the sweep carries on where it stopped).',
        {},
        { 'retry-after': String(RETRY_AFTER_SECONDS) },
        'timed-out',
      );
    } else {
      logger.error('unhandled error', { error: err as Error });
      problem = new HttpProblem(500, 'Internal Server Error', 'An unexpected error occurred.', {}, {}, 'internal');
    }
    request.response = {
      statusCode: problem.status,
      headers: { 'content-type': 'application/problem+json', ...problem.headers },
      body: JSON.stringify(problem.body(request.event.rawPath)),
    };
  },
});

/** One structured log line per request, with the outcome and latency. */
export const requestLog = (): Mw => ({
  before: async (request) => {
    request.context.startedAt = Date.now();
    logger.addContext(request.context);
    logger.appendKeys({ routeKey: request.event.routeKey, requestId: request.event.requestContext?.requestId });
  },
  after: async (request) => {
    logger.info('request', { status: request.response?.statusCode, ms: Date.now() - request.context.startedAt });
  },
  onError: async (request) => {
    logger.info('request', { status: request.response?.statusCode, ms: Date.now() - request.context.startedAt });
  },
});

/** Claims were verified by API Gateway's JWT authorizer (or the local server); read them. */
export const authClaims = (publicRoutes: ReadonlySet<string>): Mw => ({
  before: async (request) => {
    const claims = request.event.requestContext?.authorizer?.jwt?.claims as Record<string, unknown> | undefined;
    const principal = principalFromClaims(claims);
    request.context.principal = principal;
    if (publicRoutes.has(request.event.routeKey)) return;
    if (!principal) throw unauthorized();
    const claimProblem = scopeClaimProblem(principal);
    if (claimProblem) throw unauthorized(claimProblem);
    // A valid token that carries none of the roles may do nothing at all.
    if (!ROLES.some((r) => hasRole(principal, r))) throw forbidden('The token carries no FundLedger role.');
  },
});

/** A header, whatever case the client used. */
export const header = (event: ApiEvent, name: string): string | undefined => {
  const h = event.headers ?? {};
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === lower) return v;
  return undefined;
};

/** zod → 400 with `errors: [{ path, message }]`. */
export function parse<T>(schema: ZodType<T>, value: unknown, prefix = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ path: [base, k].filter(Boolean).join('.'), message: 'unknown field' }));
    }
    return [{ path: base, message: issue.message }];
  });
  throw badRequest(errors);
}

import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { ZodType } from 'zod';
import { HttpProblem, badRequest, forbidden, payloadTooLarge, unauthorized, unavailable, unsupportedMediaType } from './problems';
import { ROLES, hasRole, principalFromClaims, type Principal } from './principal';
import { IDEMPOTENCY_KEY } from '../schemas';
import { logger } from '../observability';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** What the shared middleware leaves for the route function. */
export interface ApiContext extends Context {
  principal: Principal | null;
  /** Parsed JSON body (undefined when there was none). */
  body: unknown;
  idempotencyKey: string | null;
  startedAt: number;
}

type Mw = middy.MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext>;

export const MAX_BODY_BYTES = 64 * 1024;


export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

/** Errors the AWS SDK raises when storage is overloaded or unreachable: retry later. */
const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
]);

const isTransient = (err: unknown): boolean => {
  const e = err as { name?: string; code?: string; $retryable?: unknown };
  return TRANSIENT.has(e.name ?? '') || TRANSIENT.has(e.code ?? '') || e.$retryable !== undefined;
};

/** One error mapping for every handler: problem+json, never a serialised exception. */
export const problemErrors = (): Mw => ({
  onError: async (request) => {
    const err = request.error;
    let problem: HttpProblem;
    if (err instanceof HttpProblem) problem = err;
    else if (isTransient(err)) {
      logger.warn('storage unavailable', { error: err as Error });
      problem = unavailable('Storage is busy or unavailable; nothing was written. Retry later.');
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
    // A valid token that carries none of the four roles may do nothing at all.
    if (!ROLES.some((r) => hasRole(principal, r))) throw forbidden('The token carries no FundLedger role.');
  },
});

const header = (event: ApiEvent, name: string): string | undefined => {
  const h = event.headers ?? {};
  return h[name] ?? Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];
};

/** Size (413), content type (415) and JSON syntax (400) of a request body. */
export const jsonBody = (): Mw => ({
  before: async (request) => {
    const { event } = request;
    request.context.body = undefined;
    if (event.body === undefined || event.body === null || event.body === '') return;
    const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    if (raw.byteLength > MAX_BODY_BYTES) throw payloadTooLarge(MAX_BODY_BYTES);
    const type = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) throw unsupportedMediaType();
    try {
      request.context.body = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      throw badRequest([{ path: '', message: `malformed JSON: ${(err as Error).message}` }], 'The body is not valid JSON.');
    }
  },
});

/** Reads and checks the Idempotency-Key header; routes that write entries insist on it. */
export const idempotencyHeader = (): Mw => ({
  before: async (request) => {
    const key = header(request.event, 'idempotency-key');
    request.context.idempotencyKey = null;
    if (key === undefined) return;
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw badRequest([{ path: 'headers.Idempotency-Key', message: '1–128 characters of A-Z a-z 0-9 _ - : .' }]);
    }
    request.context.idempotencyKey = key;
  },
});

/** zod → 400 with `errors: [{ path, message }]`. */
export function parse<T>(schema: ZodType<T>, value: unknown, prefix = ''): T {
  const result = schema.safeParse(value ?? {});
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

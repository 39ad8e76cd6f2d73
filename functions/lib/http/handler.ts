import middy from '@middy/core';
import type { RouteSpec } from './route-spec';
import { metrics } from '../observability';
import { authClaims, header, json, parse, problemErrors, requestLog, type ApiContext, type ApiEvent, type ApiResult } from './middleware';
import { readJsonBody, rawBody } from './json-body';
import { badRequest, notFound, payloadTooLarge, unsupportedMediaType } from './problems';
import type { Principal } from './principal';
import { IDEMPOTENCY_KEY } from '../schemas';

/** What a route receives: everything validated against its spec. */
export interface Req<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  event: ApiEvent;
  /** Set on every route but /health and /openapi.json. */
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  /** Binary uploads (RouteSpec.binaryBody) arrive as bytes. */
  upload: Buffer | null;
  idempotencyKey: string | null;
  /** The instant the request is decided at; the only clock read in a request. */
  now: Date;
  /**
   * Aborted when the function's time runs out (middy answers 503 then): long work (the sweep on
   * demand) stops at its next step instead of writing on after the answer, or in a later request
   * once Lambda thaws the environment.
   */
  signal: AbortSignal;
}

/** What a route answers; the body goes through the spec's schema for that status. */
export interface Reply {
  status: number;
  body?: unknown;
  /** Non-JSON bodies (CSV, Excel): sent as they are, with `contentType`. */
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  problem?: boolean;
}

export type RouteImpl = (req: Req<any, any, any>) => Promise<Reply>;

function readBody(event: ApiEvent, route: RouteSpec): { body: unknown; upload: Buffer | null } {
  const raw = rawBody(event.body, event.isBase64Encoded);
  if (route.binaryBody) {
    if (raw === null) throw badRequest([{ path: '', message: `a ${route.binaryBody.contentType} body is required` }]);
    if (raw.byteLength > route.binaryBody.maxBytes) throw payloadTooLarge(route.binaryBody.maxBytes);
    const accepted = [route.binaryBody.contentType, ...(route.binaryBody.alsoAccepts ?? [])];
    if (!accepted.includes((header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase())) throw unsupportedMediaType(accepted.join(' or '));
    return { body: undefined, upload: raw };
  }
  if (!route.body) return { body: undefined, upload: null };
  const parsed = readJsonBody(raw, header(event, 'content-type'));
  if (parsed === undefined && !route.bodyOptional) throw badRequest([{ path: '', message: 'a JSON body is required' }]);
  return { body: parse(route.body, parsed === undefined ? {} : parsed), upload: null };
}

function idempotencyKeyOf(event: ApiEvent, route: RouteSpec): string | null {
  const key = header(event, 'idempotency-key');
  if (key === undefined) {
    if (route.idempotencyKey === 'required') throw badRequest([{ path: 'headers.Idempotency-Key', message: 'required on every POST that writes a ledger entry' }]);
    return null;
  }
  if (!route.idempotencyKey) return null;
  if (!IDEMPOTENCY_KEY.test(key)) throw badRequest([{ path: 'headers.Idempotency-Key', message: '1–128 characters of A-Z a-z 0-9 _ - : .' }]);
  return key;
}

/**
 * The reply as an HTTP response. A JSON body must match the spec's schema for its status, and
 * the status must be in the spec: a drifting response is a failure here, not a surprise for clients.
 */
function toResult(key: string, route: RouteSpec, reply: Reply): ApiResult {
  const headers = reply.headers ?? {};
  if (reply.problem) return { statusCode: reply.status, headers: { 'content-type': 'application/problem+json', ...headers }, body: JSON.stringify(reply.body) };
  const documented = route.responses[reply.status];
  if (!documented) throw new Error(`${key} answered ${reply.status}, which its spec does not document`);
  if (reply.raw !== undefined) {
    const isBinary = Buffer.isBuffer(reply.raw);
    return {
      statusCode: reply.status,
      headers: { 'content-type': reply.contentType ?? documented.contentType ?? 'application/octet-stream', ...headers },
      body: isBinary ? (reply.raw as Buffer).toString('base64') : (reply.raw as string),
      isBase64Encoded: isBinary,
    };
  }
  if (!documented.schema) throw new Error(`${key} ${reply.status} has no schema in its spec`);
  const checked = documented.schema.safeParse(reply.body);
  if (!checked.success) throw new Error(`${key} ${reply.status} does not match its schema: ${checked.error.message}`);
  return json(reply.status, reply.body, headers);
}

/** Publishes the request's metrics (EMF) if it recorded any; read routes record none. */
const flushMetrics = (): middy.MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => {
  const flush = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
};

/**
 * The one pipeline every HTTP entry point shares; an entry point passes its part of the spec and
 * the route implementations it serves, one for each. `access: 'public'` serves requests without a
 * token (/health, /openapi.json). Order: errors are mapped before the request is logged; the token
 * is checked before anything about the request is validated.
 */
export function apiHandler(served: Record<string, RouteSpec>, impls: Record<string, RouteImpl>, access: 'token' | 'public' = 'token') {
  // Route key → spec and implementation, never through an object with a prototype (keys come from requests).
  const specs = new Map<string, RouteSpec>(Object.entries(served));
  const routesServed = new Map<string, RouteImpl>(Object.entries(impls));
  for (const key of routesServed.keys()) if (!specs.has(key)) throw new Error(`route ${key} has no spec`);
  for (const key of specs.keys()) if (!routesServed.has(key)) throw new Error(`route ${key} has no implementation`);
  return middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(flushMetrics())
    .use(requestLog())
    .use(problemErrors())
    .use(authClaims(access === 'public' ? new Set(specs.keys()) : new Set()))
    .handler(async (event, ctx, { signal }) => {
      const key = event.routeKey;
      const impl = routesServed.get(key);
      const route = specs.get(key);
      if (!impl || !route) throw notFound(`No route ${key}.`);
      const params = route.params ? parse(route.params, event.pathParameters ?? {}, 'path') : {};
      const query = route.query ? parse(route.query, event.queryStringParameters ?? {}, 'query') : {};
      const { body, upload } = readBody(event, route);
      const idempotencyKey = idempotencyKeyOf(event, route);
      const reply = await impl({ event, principal: ctx.principal!, params, query, body, upload, idempotencyKey, now: new Date(), signal });
      return toResult(key, route, reply);
    });
}


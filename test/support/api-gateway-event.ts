/**
 * An API Gateway HTTP API (payload 2.0) event with the JWT authorizer's claims, as Lambda gets it:
 * what the benchmarks and the tests that call a handler directly (no HTTP in between) give it.
 */

export interface EventCaller {
  sub: string;
  role: string;
  zoneId?: string;
}

export interface EventOptions {
  /** A JSON body. */
  body?: unknown;
  /** A binary body (base64-encoded, as API Gateway passes it) with its content type. */
  file?: { bytes: Buffer; contentType: string };
  query?: Record<string, string>;
  key?: string;
  requestId?: string;
}

export function apiGatewayEvent(method: 'GET' | 'POST', template: string, path: string, caller: EventCaller, opts: EventOptions = {}) {
  const params: Record<string, string> = {};
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`);
  const values = pattern.exec(path)?.slice(1) ?? [];
  names.forEach((n, i) => (params[n] = decodeURIComponent(values[i]!)));
  const claims: Record<string, string> = { sub: caller.sub, 'cognito:groups': `[${caller.role}]`, ...(caller.zoneId ? { 'custom:zoneId': caller.zoneId } : {}) };
  const body = opts.file ? { body: opts.file.bytes.toString('base64'), isBase64Encoded: true } : { ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }), isBase64Encoded: false };
  return {
    version: '2.0',
    routeKey: `${method} ${template}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { 'content-type': opts.file?.contentType ?? 'application/json', ...(opts.key ? { 'idempotency-key': opts.key } : {}) },
    ...(opts.query ? { queryStringParameters: opts.query } : {}),
    ...(names.length ? { pathParameters: params } : {}),
    ...body,
    requestContext: {
      requestId: opts.requestId ?? `event-${Math.random().toString(36).slice(2)}`,
      routeKey: `${method} ${template}`,
      http: { method, path },
      timeEpoch: Date.now(),
      authorizer: { jwt: { claims, scopes: null } },
    },
  };
}

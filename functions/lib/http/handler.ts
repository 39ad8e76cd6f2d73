import middy from '@middy/core';
import { metrics } from '../observability';
import { routes, routeKey } from '../../routes';
import { authClaims, idempotencyHeader, jsonBody, problemErrors, requestLog, type ApiContext, type ApiEvent, type ApiResult } from './middleware';
import { notFound } from './problems';

export interface RouteRequest {
  event: ApiEvent;
  ctx: ApiContext;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The instant the request is decided at; the only clock read in a request. */
  now: Date;
}

export type RouteFn = (req: RouteRequest) => Promise<ApiResult>;

/** Publishes the request's metrics (EMF) if it recorded any; read routes record none. */
const flushMetrics = (): middy.MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => {
  const flush = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
};

const publicRoutes = new Set(routes.filter((r) => !r.auth).map(routeKey));

/**
 * The one middleware stack every HTTP entry point shares; an entry point only lists the
 * route functions it serves. Order matters: errors are mapped before the request is logged.
 */
export function apiHandler(routeFns: Record<string, RouteFn>) {
  return middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(flushMetrics())
    .use(requestLog())
    .use(problemErrors())
    .use(authClaims(publicRoutes))
    .use(jsonBody())
    .use(idempotencyHeader())
    .handler(async (event, ctx) => {
      const fn = routeFns[event.routeKey];
      if (!fn) throw notFound(`No route ${event.routeKey}.`);
      return fn({ event, ctx, params: (event.pathParameters ?? {}) as Record<string, string>, query: (event.queryStringParameters ?? {}) as Record<string, string>, now: new Date() });
    });
}

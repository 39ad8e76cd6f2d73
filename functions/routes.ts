import type { RouteSpec } from './lib/http/route-spec';
import { publicSpec, readSpec, writeSpec } from './api/spec';

/**
 * Every HTTP route and the Lambda entry point (file in functions/handlers/) that serves it, derived
 * from the API spec: the part of the spec a route is in names its function. The CDK stack and the
 * local server both read this table, so a route cannot exist in one and not the other.
 *
 * Reads and writes are served by two functions (least privilege split by read/write): a console
 * session clicking through pages keeps one warm read function instead of a cold one per page.
 */
export type HandlerName = 'public' | 'read' | 'write';

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handler: HandlerName;
  /** false only for /health and /openapi.json */
  auth: boolean;
}

const served = (handler: HandlerName, part: Record<string, RouteSpec>): Route[] =>
  Object.keys(part).map((key) => {
    const [method, path] = key.split(' ') as ['GET' | 'POST', string];
    return { method, path, auth: handler !== 'public', handler };
  });

export const routes: Route[] = [...served('public', publicSpec), ...served('read', readSpec), ...served('write', writeSpec)];

/**
 * Non-HTTP entry points: the scheduled daily sweep, the outbox publisher and the statement jobs
 * fed by the table's stream, and the deploy-time seed. Also files in functions/handlers/.
 */
export const backgroundHandlers = ['sweep-scheduled', 'publish-alerts', 'reconcile-statements', 'seed-programs'] as const;

export const allHandlerNames = (): string[] => [
  ...new Set<string>([...routes.map((r) => r.handler), ...backgroundHandlers]),
];

export const routeKey = (r: Route): string => `${r.method} ${r.path}`;

/**
 * Every HTTP route, and the Lambda entry point (file in functions/handlers/) that serves it.
 * The CDK stack and the local server both read this table, so a route cannot exist in one
 * and not the other.
 */
export type HandlerName =
  | 'public'
  | 'catalog'
  | 'projects'
  | 'ledger'
  | 'history'
  | 'alerts';

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handler: HandlerName;
  /** false only for /health and /openapi.json */
  auth: boolean;
}

export const routes: Route[] = [
  { method: 'GET', path: '/health', handler: 'public', auth: false },
  { method: 'GET', path: '/openapi.json', handler: 'public', auth: false },

  { method: 'POST', path: '/programs', handler: 'catalog', auth: true },
  { method: 'GET', path: '/programs', handler: 'catalog', auth: true },
  { method: 'GET', path: '/programs/{code}', handler: 'catalog', auth: true },
  { method: 'POST', path: '/zones', handler: 'catalog', auth: true },
  { method: 'GET', path: '/zones', handler: 'catalog', auth: true },
  { method: 'POST', path: '/clusters', handler: 'catalog', auth: true },
  { method: 'GET', path: '/clusters/{clusterId}', handler: 'catalog', auth: true },

  { method: 'POST', path: '/projects', handler: 'projects', auth: true },
  { method: 'GET', path: '/projects', handler: 'projects', auth: true },
  { method: 'GET', path: '/projects/{projectId}', handler: 'projects', auth: true },

  { method: 'POST', path: '/projects/{projectId}/allocations', handler: 'ledger', auth: true },
  { method: 'POST', path: '/projects/{projectId}/match-confirmations', handler: 'ledger', auth: true },
  { method: 'POST', path: '/projects/{projectId}/disbursements', handler: 'ledger', auth: true },
  { method: 'POST', path: '/projects/{projectId}/reversals', handler: 'ledger', auth: true },

  { method: 'GET', path: '/projects/{projectId}/history', handler: 'history', auth: true },
  { method: 'GET', path: '/projects/{projectId}/history.csv', handler: 'history', auth: true },
  { method: 'GET', path: '/projects/{projectId}/verify', handler: 'history', auth: true },

  { method: 'GET', path: '/alerts', handler: 'alerts', auth: true },
  { method: 'POST', path: '/alerts/sweep', handler: 'alerts', auth: true },
];

/**
 * Non-HTTP entry points: the scheduled daily sweep and the outbox publisher fed by the
 * table's stream. Also files in functions/handlers/.
 */
export const backgroundHandlers = ['sweep-scheduled', 'publish-alerts', 'seed-programs'] as const;

export const allHandlerNames = (): string[] => [
  ...new Set<string>([...routes.map((r) => r.handler), ...backgroundHandlers]),
];

export const routeKey = (r: Route): string => `${r.method} ${r.path}`;

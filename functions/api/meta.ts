import type { Reply, RouteImpl } from '../lib/http/handler';
import { apiOrigin } from '../lib/http/origin';
import { openApiDocument } from '../lib/openapi';

/** Unauthenticated: liveness and the API description. */
export const publicRoutes: Record<string, RouteImpl> = {
  'GET /health': async (): Promise<Reply> => ({ status: 200, body: { status: 'ok' } }),
  'GET /openapi.json': async (req): Promise<Reply> => ({ status: 200, body: openApiDocument(apiOrigin(req.event)) }),
};

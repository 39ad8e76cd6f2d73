import { apiHandler } from '../lib/http/handler';
import { json } from '../lib/http/middleware';
import { openApiDocument } from '../lib/openapi';

/** Unauthenticated: liveness and the API description. */
export const handler = apiHandler({
  'GET /health': async () => json(200, { status: 'ok' }),
  'GET /openapi.json': async () => json(200, openApiDocument()),
});

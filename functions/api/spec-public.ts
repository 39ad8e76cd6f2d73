import * as z from 'zod/mini';
import type { RouteSpec } from '../lib/http/route-spec';
import * as s from '../lib/schemas';
import { lazySchema } from '../../domain/schema/lazy';

/** Unauthenticated routes, served by the public function. */
export const publicSpec: Record<string, RouteSpec> = {
  'GET /health': { summary: 'Liveness', tags: ['Meta'], responses: { 200: { description: 'The service answers', schema: s.healthOut } } },
  'GET /openapi.json': {
    summary: 'This API as OpenAPI 3.1',
    tags: ['Meta'],
    responses: { 200: { description: 'The OpenAPI document', schema: lazySchema(() => z.record(z.string(), z.unknown())) } },
  },
};

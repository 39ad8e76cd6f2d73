import { apiHandler } from '../lib/http/handler';
import { publicRoutes } from '../api/meta';
import { publicSpec } from '../api/spec-public';

/** Unauthenticated: liveness and the API description. */
export const handler = apiHandler(publicSpec, publicRoutes, 'public');

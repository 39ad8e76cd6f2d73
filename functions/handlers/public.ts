import { apiHandler } from '../lib/http/handler';
import { publicRoutes } from '../api/meta';

/** Unauthenticated: liveness and the API description. */
export const handler = apiHandler(publicRoutes);

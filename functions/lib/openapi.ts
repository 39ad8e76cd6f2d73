import * as z from 'zod';
import type { ZodType } from 'zod';
import { routes } from '../routes';
import {
  allocationSchema, alertListQuery, clusterSchema, disbursementSchema, historyQuery, matchConfirmationSchema,
  programSchema, projectGetQuery, projectListQuery, registrationSchema, reversalSchema, sweepSchema, zoneSchema,
} from './schemas';
import { RULE_IDS } from '../../domain/project/outcome';

/** Request bodies and query strings per route, from the same zod schemas the handlers use. */
const bodies: Record<string, ZodType> = {
  'POST /programs': programSchema,
  'POST /zones': zoneSchema,
  'POST /clusters': clusterSchema,
  'POST /projects': registrationSchema,
  'POST /projects/{projectId}/allocations': allocationSchema,
  'POST /projects/{projectId}/match-confirmations': matchConfirmationSchema,
  'POST /projects/{projectId}/disbursements': disbursementSchema,
  'POST /projects/{projectId}/reversals': reversalSchema,
  'POST /alerts/sweep': sweepSchema,
};
const queries: Record<string, z.ZodObject> = {
  'GET /projects': projectListQuery,
  'GET /projects/{projectId}': projectGetQuery,
  'GET /projects/{projectId}/history': historyQuery,
  'GET /projects/{projectId}/history.csv': historyQuery,
  'GET /alerts': alertListQuery,
};
const ledgerWrites = new Set([
  'POST /projects/{projectId}/allocations',
  'POST /projects/{projectId}/match-confirmations',
  'POST /projects/{projectId}/disbursements',
  'POST /projects/{projectId}/reversals',
]);

const problem = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problem } } });

let cached: unknown;

export function openApiDocument(): unknown {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const key = `${r.method} ${r.path}`;
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = queries[key];
    if (query) {
      for (const [name, schema] of Object.entries(query.shape)) {
        params.push({ name, in: 'query', required: false, schema: z.toJSONSchema(schema as ZodType, { io: 'input', unrepresentable: 'any' }) as never });
      }
    }
    if (ledgerWrites.has(key) || key === 'POST /projects') {
      params.push({ name: 'Idempotency-Key', in: 'header', required: ledgerWrites.has(key), schema: { type: 'string', pattern: '^[A-Za-z0-9_\\-:.]{1,128}$' } as never });
    }
    const body = bodies[key];
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${r.path.replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      parameters: params,
      responses: {
        [r.method === 'POST' ? '201' : '200']: { description: 'OK', content: { 'application/json': { schema: {} } } },
        ...(r.auth ? { '401': problemResponse('No, invalid or expired token'), '403': problemResponse('Not allowed for this role or zone') } : {}),
        ...(body ? { '400': problemResponse('Invalid request'), '413': problemResponse('Body over 64 KiB'), '415': problemResponse('Body not JSON') } : {}),
        ...(ledgerWrites.has(key) || key === 'POST /projects'
          ? { '409': problemResponse('Duplicate, or Idempotency-Key reused with another body'), '422': problemResponse('Funding rule violated'), '503': problemResponse('Storage busy; retry') }
          : {}),
      },
      ...(r.auth ? {} : { security: [] }),
    };
    if (body) op.requestBody = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${(body.meta() as { id: string }).id}` } } } };
    (paths[r.path.replace(/\.csv$/, '.csv')] ??= {})[r.method.toLowerCase()] = op;
  }
  // Every schema with a meta id lives in zod's global registry; generating from the registry
  // gives one component per id, with references pointing into #/components/schemas.
  const { schemas } = z.toJSONSchema(z.globalRegistry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.id;
    delete schema.$id;
  }
  schemas.Problem = {
    type: 'object',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
      rule: { type: 'string', enum: [...RULE_IDS, 'idempotency-key-reuse'] },
      limitFen: { type: 'integer' }, usedFen: { type: 'integer' }, attemptedFen: { type: 'integer' },
      errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
    },
  };
  cached = {
    openapi: '3.1.0',
    info: { title: 'FundLedger API', version: '1.0.0', description: 'Funding ledger for the Jiangsu S&T achievement-transformation fund. Money is integer fen.' },
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  };
  return cached;
}

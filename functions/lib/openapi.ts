import * as z from 'zod/mini';
import type { ZodMiniType as ZodType } from 'zod/mini';
import { TAGS, spec } from '../api/spec';
import { routes, routeKey, type Route } from '../routes';
import type { ResponseSpec, RouteSpec } from './http/route-spec';
import { problemOut } from './schemas/problem';
import { IDEMPOTENCY_KEY } from './schemas/common';
import { buildAllSchemas, lazySchema, real } from '../../domain/schema/lazy';
import { meta, metaOf } from '../../domain/schema/meta';

const PROBLEM = 'application/problem+json';

const THROTTLED = lazySchema(() => meta(z.strictObject({ message: z.string() }), { id: 'Throttled' }));

/** Statuses every route of a kind can answer, with why. */
function commonResponses(key: string, route: RouteSpec, auth: boolean): Record<number, ResponseSpec> {
  const out: Record<number, ResponseSpec> = {};
  if (route.params || route.query || route.body || route.binaryBody || route.idempotencyKey) {
    out[400] = { description: 'Invalid request: `errors` lists each field and what is wrong' };
  }
  if (auth) {
    out[401] = { description: 'No, invalid or expired token', headers: { 'WWW-Authenticate': 'Bearer' } };
    out[403] = { description: 'The token’s role may not do this' };
  }
  if (route.params) out[404] = { description: key.includes('{projectId}') ? 'No such project (or not in the caller’s zone or city)' : 'Not found' };
  if (route.body || route.binaryBody) {
    out[413] = { description: `Body over ${route.binaryBody ? route.binaryBody.maxBytes : 65536} bytes` };
    out[415] = { description: `Body not ${route.binaryBody ? [route.binaryBody.contentType, ...(route.binaryBody.alsoAccepts ?? [])].join(' or ') : 'application/json'}` };
  }
  // Answered by API Gateway itself when the stage's throttle is exceeded, with its own body.
  out[429] = { description: 'Throttled by API Gateway; retry later', contentType: 'application/json', schema: THROTTLED };
  return out;
}

/** Local `#/$defs/X` references point at the shared components (every id'd schema is one). */
function toComponentRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toComponentRefs);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$defs' || k === '$schema') continue;
    out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : toComponentRefs(v);
  }
  return out;
}

const toJsonSchema = (schema: ZodType, io: 'input' | 'output') => {
  const id = metaOf(real(schema))?.id;
  if (id) return { $ref: `#/components/schemas/${id}` };
  return toComponentRefs(z.toJSONSchema(real(schema), { io, unrepresentable: 'any' }));
};

function headersDoc(headers: Record<string, string> | undefined) {
  if (!headers) return undefined;
  return Object.fromEntries(Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
}

function responseDoc(status: number, r: ResponseSpec) {
  const isProblem = status >= 400;
  const type = r.contentType ?? (isProblem ? PROBLEM : 'application/json');
  const schema = r.schema ? toJsonSchema(r.schema, 'output') : isProblem ? { $ref: '#/components/schemas/Problem' } : { type: 'string', ...(type.startsWith('text/') ? {} : { format: 'binary' }) };
  const headers = headersDoc(r.headers);
  return { description: r.description, ...(headers ? { headers } : {}), content: { [type.split(';')[0]!.trim()]: { schema } } };
}

const operationId = (method: string, path: string) =>
  `${method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`;

let cached: Record<string, unknown> | undefined;

/** Component ids that describe request bodies: generated as input (optional fields with defaults). */
const requestIds = () => new Set(Object.values(spec).flatMap((r) => (r.body ? [metaOf(real(r.body))?.id] : [])).filter((x): x is string => !!x));

/** Routes section by section (TAGS' order), each section's reads before its writes. */
const bySection = () => {
  const section = (r: Route) => TAGS.findIndex((t) => t.name === spec[routeKey(r)]!.tags[0]);
  return [...routes].sort((a, b) => section(a) - section(b));
};

/**
 * The OpenAPI 3.1 document, generated from the route specs and the zod schemas they name. Its one
 * server is `serverUrl`, the URL the document was requested at (GET /openapi.json passes
 * functions/lib/http/origin.ts's answer: the API's URL on AWS, the local server's origin
 * locally); without one, `/`: relative to wherever the document is read from.
 */
export function openApiDocument(serverUrl?: string): Record<string, unknown> {
  const servers = serverUrl
    ? [{ url: serverUrl, description: 'The API that served this document' }]
    : [{ url: '/', description: 'The API that serves this document' }];
  const { openapi, info, ...rest } = documentWithoutServers();
  return { openapi, info, servers, ...rest };
}

function documentWithoutServers(): Record<string, unknown> {
  if (cached) return cached;
  // Schemas are built on first use; the document needs every one, registered under its id.
  buildAllSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of bySection()) {
    const key = routeKey(r);
    const route = spec[key]!;
    const parameters: unknown[] = [];
    for (const [name, schema] of Object.entries(real(route.params)?.shape ?? {})) {
      parameters.push({ name, in: 'path', required: true, schema: toJsonSchema(schema as ZodType, 'input') });
    }
    for (const [name, schema] of Object.entries(real(route.query)?.shape ?? {})) {
      const optional = z.safeParse(schema as ZodType, undefined).success;
      parameters.push({ name, in: 'query', required: !optional, schema: toJsonSchema(schema as ZodType, 'input') });
    }
    if (route.idempotencyKey) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: route.idempotencyKey === 'required',
        description: 'The same key with the same request returns the first answer again (201 and 422 alike); with another request → 409',
        schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
      });
    }
    const responses: Record<string, unknown> = {};
    const all = { ...commonResponses(key, route, r.auth), ...route.responses };
    for (const status of Object.keys(all).map(Number).sort((a, b) => a - b)) responses[String(status)] = responseDoc(status, all[status]!);
    const op: Record<string, unknown> = {
      operationId: operationId(r.method, r.path),
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      ...(parameters.length ? { parameters } : {}),
      responses,
      ...(r.auth ? {} : { security: [] }),
    };
    if (route.body) {
      op.requestBody = { required: !route.bodyOptional, content: { 'application/json': { schema: toJsonSchema(route.body, 'input') } } };
    } else if (route.binaryBody) {
      const types = [route.binaryBody.contentType, ...(route.binaryBody.alsoAccepts ?? [])];
      op.requestBody = { required: true, content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) };
    }
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  // Every schema with a meta id lives in zod's global registry: one component per id.
  const { schemas } = z.toJSONSchema(z.globalRegistry, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  const inputs = z.toJSONSchema(z.globalRegistry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  // Request bodies are read as input (defaults optional), responses as output.
  const requestBodies = requestIds();
  for (const [id, schema] of Object.entries(inputs.schemas)) if (requestBodies.has(id)) schemas[id] = schema;
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.id;
    delete schema.$id;
  }
  schemas.Problem ??= z.toJSONSchema(problemOut, { io: 'output' }) as Record<string, unknown>;
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'FundLedger API',
      version: '2.0.0',
      summary: 'Funding ledger and disbursement tracker for the Jiangsu S&T achievement-transformation fund',
      description: 'Money is integer fen; business dates are China Standard Time. Errors are RFC 9457 problems. See docs/api.md in the repository.',
      license: { name: 'Proprietary: Jiangsu Provincial Department of Science and Technology', identifier: 'LicenseRef-FundLedger-Proprietary' },
    },
    tags: TAGS,
    // Sorted, so the document is the same whatever order the schemas were first used in.
    components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))), securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito ID token (locally: npm run token)' } } },
    security: [{ bearer: [] }],
    paths,
  };
  return cached;
}

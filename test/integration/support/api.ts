/**
 * Integration-test harness: a fresh table in the shared DynamoDB Local (started by globalSetup)
 * and the local API server (local/server.ts) in this test file's process, on a free port.
 *
 *   let api: TestApi;
 *   beforeAll(async () => { api = await startTestApi(); });
 *   afterAll(() => api.close());
 *   const res = await api.request('GET', '/programs', { token: api.token('admin') });
 *
 * Every response `request` receives is checked against the API's own /openapi.json (fetched once
 * per file): a status the document does not list for the operation, a content type it does not
 * name, or a body its schema refuses fails the call with an error naming all three.
 *
 * Call startTestApi() once per test file: handlers read TABLE_NAME etc. when first imported.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../local/dynamodb-local';
import { LOCAL_DEV_JWT_SECRET, LOCAL_JWT_AUDIENCE, LOCAL_JWT_ISSUER, LOCAL_JWT_TTL_SECONDS } from '../../../local/jwt';
import { ensureTable } from '../../../local/table';
import { OpenApiContract } from './openapi-contract';

export type TestRole = 'admin' | 'finance-officer' | 'zone-committee' | 'city-bureau' | 'auditor';

export interface TestResponse<T = any> {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON for application/json and application/problem+json, else the text. */
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  /** Serialised with JSON.stringify (content-type application/json unless contentType is given). */
  body?: unknown;
  /** Sent as is (takes precedence over body). */
  rawBody?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Any token the local server's authorizer could be shown (see tokenWith). */
export interface TokenInput {
  /** Goes into cognito:groups; `groups` overrides it (array or API Gateway's "[a b]" string). */
  role?: TestRole;
  groups?: string[] | string;
  /** custom:zoneId */
  zone?: string;
  /** custom:city */
  city?: string;
  sub?: string;
  name?: string;
  /** Default 12 h; negative: already expired. */
  expiresInSeconds?: number;
  /** Extra or overriding claims (iss, aud, …). */
  claims?: Record<string, unknown>;
  /** Default: the local server's secret. */
  secret?: string;
  /** 'none' makes an unsigned token. */
  alg?: 'HS256' | 'none';
}

export interface TestApi {
  url: string;
  tableName: string;
  /** The API's /openapi.json, as fetched at start. */
  contract: OpenApiContract;
  close(): Promise<void>;
  /**
   * A valid local token (12 h). `scope` is the zone of a zone committee (custom:zoneId) or the
   * city of a city bureau (custom:city); required for those two roles.
   */
  token(role: TestRole, scope?: string, sub?: string): string;
  /** Any token variant, e.g. `{ role: 'admin', expiresInSeconds: -60 }` for an expired one. */
  tokenWith(input: TokenInput): string;
  /** A request whose response must match /openapi.json (else the call throws). */
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
  /**
   * The same request without the contract check — only for tests of the local gateway stand-in
   * itself, whose handlers are replaced by mocks that answer outside the contract on purpose.
   */
  rawRequest<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
}

function requireEndpoint(): string {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    throw new Error('DYNAMODB_ENDPOINT is not set: run integration tests through jest (--selectProjects integration) so globalSetup starts DynamoDB Local.');
  }
  return endpoint;
}

/** Low-level client at the shared DynamoDB Local. */
export function rawDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({ endpoint: requireEndpoint(), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/** Document client at the shared DynamoDB Local, for storage assertions. Call .destroy() when done. */
export function rawClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(rawDynamoDbClient(), { marshallOptions: { removeUndefinedValues: true } });
}

/** One item by key, or undefined. */
export async function readItem(tableName: string, pk: string, sk: string): Promise<Record<string, any> | undefined> {
  const client = rawClient();
  try {
    const out = await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }));
    return out.Item;
  } finally {
    client.destroy();
  }
}

/** Every item of one partition (optionally only sort keys starting with skPrefix), in sk order. */
export async function readPartition(tableName: string, pk: string, skPrefix?: string): Promise<Record<string, any>[]> {
  const client = rawClient();
  const items: Record<string, any>[] = [];
  try {
    let startKey: Record<string, any> | undefined;
    do {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
          ExpressionAttributeValues: skPrefix ? { ':pk': pk, ':sk': skPrefix } : { ':pk': pk },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  } finally {
    client.destroy();
  }
}

/**
 * Every item of the table, sorted by pk then sk: what "nothing was stored" compares. Only for the
 * small tables of a test file (one scan through all pages).
 */
export async function readTable(tableName: string): Promise<Record<string, any>[]> {
  const client = rawClient();
  const items: Record<string, any>[] = [];
  try {
    let startKey: Record<string, any> | undefined;
    do {
      const out = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    const key = (i: Record<string, any>) => `${i.pk}\u0000${i.sk}`;
    return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  } finally {
    client.destroy();
  }
}

/** Letters and digits only, unique per call. */
export const uniqueTableName = (): string => `t${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

/**
 * Signs claims as the local server expects them (HS256, its issuer and audience), Cognito-shaped.
 * Written here rather than taken from local/jwt so that every claim — custom:city included — can
 * be set and every malformed variant made.
 */
export function signTestToken(input: TokenInput): string {
  const iat = Math.floor(Date.now() / 1000);
  const groups = input.groups ?? (input.role ? [input.role] : []);
  const claims: Record<string, unknown> = {
    sub: input.sub ?? `test-${input.role ?? 'nobody'}${input.zone ? `-${input.zone}` : ''}${input.city ? `-${input.city}` : ''}`,
    name: input.name ?? `Test ${input.role ?? 'nobody'}`,
    'cognito:groups': groups,
    ...(input.zone ? { 'custom:zoneId': input.zone } : {}),
    ...(input.city ? { 'custom:city': input.city } : {}),
    token_use: 'id',
    iss: LOCAL_JWT_ISSUER,
    aud: LOCAL_JWT_AUDIENCE,
    iat,
    exp: iat + (input.expiresInSeconds ?? LOCAL_JWT_TTL_SECONDS),
    ...(input.claims ?? {}),
  };
  const alg = input.alg ?? 'HS256';
  const signingInput = `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  if (alg === 'none') return `${signingInput}.`;
  const secret = input.secret ?? (process.env.LOCAL_JWT_SECRET || LOCAL_DEV_JWT_SECRET);
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

async function send(url: string, method: string, path: string, opts: RequestOptions): Promise<TestResponse & { contentType: string }> {
  const headers: Record<string, string> = {};
  let payload: string | Buffer | undefined;
  if (opts.rawBody !== undefined) payload = opts.rawBody;
  else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
  if (payload !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  else if (opts.contentType) headers['content-type'] = opts.contentType;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  Object.assign(headers, opts.headers ?? {});
  const res = await fetch(url + path, {
    method,
    headers,
    ...(payload !== undefined ? { body: typeof payload === 'string' ? payload : new Uint8Array(payload) } : {}),
  });
  const text = await res.text();
  const responseHeaders: Record<string, string> = {};
  // get() joins repeated headers (set-cookie included) with ', '.
  for (const key of new Set(res.headers.keys())) responseHeaders[key] = res.headers.get(key) ?? '';
  const contentType = responseHeaders['content-type'] ?? '';
  let body: unknown = text;
  if (/[/+]json\b/.test(contentType) && text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers: responseHeaders, body, text, contentType };
}

export async function startTestApi(options: { log?: (line: string) => void } = {}): Promise<TestApi> {
  const endpoint = requireEndpoint();
  const tableName = uniqueTableName();

  // Before the server (and through it the handlers and their DynamoDB client) is imported.
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.AWS_REGION = LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;

  const admin = rawDynamoDbClient();
  try {
    await ensureTable(admin, tableName);
  } finally {
    admin.destroy();
  }

  const { createLocalServer } = await import('../../../local/server');
  const server = await createLocalServer({ port: 0, host: '127.0.0.1', consoleDir: null, ...(options.log ? { log: options.log } : {}) } as Parameters<typeof createLocalServer>[0]);
  // The file's table goes with it: one emulator serves every file of a run. (What made a run slow
  // down as it went, statements.test 264 s late in a run and 39 s alone, was the tables' streams:
  // local tables have none now, local/table.ts.)
  return testApiFor({ url: server.url, close: async () => {
    await server.close();
    const client = rawDynamoDbClient();
    try {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    } finally {
      client.destroy();
    }
  } }, tableName);
}

/**
 * The test client (tokens, contract-checked requests) for a local server that is already running
 * on `tableName`; closing it closes the server.
 */
export async function testApiFor(server: { url: string; close(): Promise<void> }, tableName: string): Promise<TestApi> {
  const docResponse = await send(server.url, 'GET', '/openapi.json', {});
  if (docResponse.status !== 200 || typeof docResponse.body !== 'object') {
    await server.close();
    throw new Error(`GET /openapi.json answered ${docResponse.status}: ${docResponse.text.slice(0, 500)}`);
  }
  const contract = new OpenApiContract(docResponse.body as Record<string, any>);
  contract.check({ method: 'GET', target: '/openapi.json', status: docResponse.status, contentType: docResponse.contentType, body: docResponse.body, text: docResponse.text });

  const rawRequest = async <T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<TestResponse<T>> => {
    const { contentType: _ct, ...res } = await send(server.url, method, path, opts);
    return res as TestResponse<T>;
  };
  const request = async <T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<TestResponse<T>> => {
    const res = await send(server.url, method, path, opts);
    contract.check({ method, target: path, status: res.status, contentType: res.contentType, body: res.body, text: res.text });
    const { contentType: _ct, ...out } = res;
    return out as TestResponse<T>;
  };

  return {
    url: server.url,
    tableName,
    contract,
    close: () => server.close(),
    token: (role, scope, sub) => {
      if (role === 'zone-committee' && !scope) throw new Error('a zone-committee token needs a zone');
      if (role === 'city-bureau' && !scope) throw new Error('a city-bureau token needs a city');
      return signTestToken({
        role,
        ...(role === 'zone-committee' ? { zone: scope } : {}),
        ...(role === 'city-bureau' ? { city: scope } : {}),
        ...(sub ? { sub } : {}),
      });
    },
    tokenWith: signTestToken,
    request,
    rawRequest,
  };
}

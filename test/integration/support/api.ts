/**
 * Integration-test harness: a fresh table in the shared DynamoDB Local (started by globalSetup)
 * and the local API server (local/server.ts) in this test file's process, on a free port.
 *
 *   let api: TestApi;
 *   beforeAll(async () => { api = await startTestApi(); });
 *   afterAll(() => api.close());
 *   const res = await api.request('GET', '/programs', { token: api.token('admin') });
 *
 * Call startTestApi() once per test file: handlers read TABLE_NAME etc. when first imported.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../local/dynamodb-local';
import { signTokenSync, type Role, type SignTokenInput } from '../../../local/jwt';
import { ensureTable } from '../../../local/table';

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

export interface TestApi {
  url: string;
  tableName: string;
  close(): Promise<void>;
  /** A valid local token (12 h). zone is required for zone-committee. */
  token(role: Role, zone?: string, sub?: string): string;
  /** Any token variant, e.g. `{ role: 'admin', expiresInSeconds: -60 }` for an expired one. */
  tokenWith(input: SignTokenInput): string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
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

/** Letters and digits only, unique per call. */
export const uniqueTableName = (): string => `t${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

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
  const server = await createLocalServer({ port: 0, host: '127.0.0.1', ...(options.log ? { log: options.log } : {}) });

  const request = async <T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<TestResponse<T>> => {
    const headers: Record<string, string> = {};
    let payload: string | Buffer | undefined;
    if (opts.rawBody !== undefined) payload = opts.rawBody;
    else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
    if (payload !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    else if (opts.contentType) headers['content-type'] = opts.contentType;
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    Object.assign(headers, opts.headers ?? {});
    const res = await fetch(server.url + path, {
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
    return { status: res.status, headers: responseHeaders, body: body as T, text };
  };

  return {
    url: server.url,
    tableName,
    close: () => server.close(),
    token: (role, zone, sub) => signTokenSync({ role, ...(zone ? { zone } : {}), ...(sub ? { sub } : {}) }),
    tokenWith: (input) => signTokenSync(input),
    request,
  };
}

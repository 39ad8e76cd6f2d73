/**
 * The one API client. Every call of the console goes through it: it sends `Accept` and the bearer
 * token, turns problem+json answers (RFC 9457, API.md "Conventions") into a typed ApiError, and
 * validates a response against the zod schema the page passes — `api.get(path, schema)` — so a
 * page renders data of the type the schema promises or shows why it could not.
 *
 * zod is imported for its types only: the schemas, and zod's runtime with them, arrive with the
 * pages that use them (their own chunks), not in the initial bundle.
 */
import { createContext, useContext } from 'react';
import type { ZodMiniType as ZodType } from 'zod/mini';
import { takeEarlyRead } from './early';

/** An RFC 9457 problem as the API sends it, with FundLedger's extension members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** 400: one entry per invalid field. */
  errors?: { path: string; message: string }[];
  /** 409/422: the stable rule id (API.md list). */
  rule?: string;
  limitFen?: number;
  usedFen?: number;
  attemptedFen?: number;
  [extension: string]: unknown;
}

export type ApiErrorKind =
  /** The API answered with an error status (body: problem+json, or a stand-in made from the status). */
  | 'problem'
  /** No answer: offline, DNS, CORS, connection reset. */
  | 'network'
  /** A 2xx whose body is not what the schema says (or not JSON). */
  | 'invalid-response';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    readonly problem: Problem,
    /** The method and path asked, for messages and logs. */
    readonly request: string,
    /** Idempotent-Replayed: true — the API answered a retry with the first answer. */
    readonly replayed = false,
  ) {
    super(`${request}: ${problem.status || kind} ${problem.title}${problem.detail ? ` — ${problem.detail}` : ''}`);
  }
  get status(): number {
    return this.problem.status;
  }
  get rule(): string | undefined {
    return this.problem.rule;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions<T> {
  query?: Query;
  /** JSON body (POST). */
  body?: unknown;
  /** A file as the body (POST /imports/projects: the workbook), sent as it is with its content type. */
  rawBody?: { data: Blob | ArrayBuffer; contentType: string };
  /** Validates the (JSON) response; without one the body is returned as `unknown`. */
  schema?: ZodType<T>;
  /** Required by every POST that writes a ledger entry; see services/idempotency.ts. */
  idempotencyKey?: string;
  /** Default true: send the bearer token (the local sign-in routes are the only exception). */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** "" for the console's own origin. */
  baseUrl: string;
  /** The current bearer token, or null when signed out. */
  getToken: () => string | null;
  /** Told when a request carrying a token was answered 401 (expired or revoked session). */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

/** Encodes each interpolated value as one path segment: apiPath`/projects/${id}/history`. */
export function apiPath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(String(values[i])) : ''), '');
}

export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

const isProblemShape = (v: unknown): v is Problem =>
  typeof v === 'object' && v !== null && typeof (v as Problem).status === 'number' && typeof (v as Problem).title === 'string';

function filenameFrom(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain?.[1] ?? fallback;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get<T = unknown>(path: string, schema?: ZodType<T>, options: Omit<RequestOptions<T>, 'schema' | 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, { ...options, ...(schema ? { schema } : {}) });
  }

  post<T = unknown>(path: string, body: unknown, options: Omit<RequestOptions<T>, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  /** A JSON request; resolves with the validated body, rejects with ApiError. */
  async request<T = unknown>(method: 'GET' | 'POST', path: string, options: RequestOptions<T> = {}): Promise<T> {
    const res = await this.send(method, path, options, 'application/json');
    const label = `${method} ${path}`;
    const text = await res.text();
    let data: unknown = undefined;
    if (text !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        throw new ApiError('invalid-response', { type: 'about:blank', title: 'The answer is not JSON', status: res.status, detail: text.slice(0, 200) }, label);
      }
    }
    if (!options.schema) return data as T;
    const parsed = options.schema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`);
      throw new ApiError(
        'invalid-response',
        {
          type: 'about:blank',
          title: 'The answer does not have the expected shape',
          status: res.status,
          detail: issues.join('; '),
          errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        },
        label,
      );
    }
    return parsed.data;
  }

  /** POSTs a file (e.g. an Excel workbook) and validates the JSON answer. */
  postFile<T = unknown>(path: string, data: Blob | ArrayBuffer, contentType: string, options: Omit<RequestOptions<T>, 'body' | 'rawBody'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, rawBody: { data, contentType } });
  }

  /** A file download (CSV, Excel): the body as a Blob and the file name the API suggests. */
  async download(path: string, accept: string, options: Pick<RequestOptions<never>, 'query' | 'signal'> = {}): Promise<{ blob: Blob; filename: string }> {
    const res = await this.send('GET', path, options, accept);
    const fallback = path.split('/').pop() || 'download';
    return { blob: await res.blob(), filename: filenameFrom(res.headers.get('content-disposition'), fallback) };
  }

  /** Sends the request; resolves with a 2xx Response, rejects with ApiError for anything else. */
  private async send(method: 'GET' | 'POST', path: string, options: RequestOptions<unknown>, accept: string): Promise<Response> {
    const url = this.baseUrl + withQuery(path, options.query);
    const label = `${method} ${path}`;
    const headers: Record<string, string> = { accept };
    const token = options.auth === false ? null : this.options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.rawBody) headers['content-type'] = options.rawBody.contentType;
    else if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

    let res: Response;
    try {
      // A read the boot already started for this URL and token (services/early.ts) is taken instead of asking again.
      const early = method === 'GET' ? takeEarlyRead(url, token) : undefined;
      res = await (early ?? this.fetchImpl(url, {
        method,
        headers,
        ...(options.rawBody ? { body: options.rawBody.data } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        credentials: 'omit',
      }));
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new ApiError('network', { type: 'about:blank', title: 'No answer from the API', status: 0, detail: (err as Error)?.message ?? String(err) }, label);
    }
    if (res.ok) return res;

    const text = await res.text().catch(() => '');
    let problem: Problem = { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status, ...(text ? { detail: text.slice(0, 300) } : {}) };
    try {
      const body: unknown = text ? JSON.parse(text) : undefined;
      if (isProblemShape(body)) problem = { ...body, status: res.status };
    } catch {
      /* not JSON: keep the stand-in */
    }
    if (res.status === 401 && token) this.options.onUnauthorized?.();
    throw new ApiError('problem', problem, label, res.headers.get('idempotent-replayed') === 'true');
  }
}

export const ApiContext = createContext<ApiClient | null>(null);

/** The console's API client (provided by the auth provider, which knows the token). */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiContext.Provider>');
  return api;
}

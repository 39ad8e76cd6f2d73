/**
 * Local stand-in for API Gateway (HTTP API, payload format 2.0, JWT authorizer) in front of the
 * Lambda handlers. It reads the same route table as the CDK stack (functions/routes.ts) and builds
 * the event exactly as API Gateway would, so a handler cannot tell the difference:
 *
 * - routeKey `METHOD /template`, rawPath/rawQueryString as received, headers lower-cased with
 *   repeats joined by ',', cookies moved from the `cookie` header into `cookies`,
 *   queryStringParameters and pathParameters decoded (absent when there are none).
 * - Protected routes: the bearer token is verified here (local/jwt) and a missing/invalid/expired
 *   token is answered 401 without invoking the handler. Claims reach the handler as API Gateway
 *   passes them: every value a string, arrays flattened to "[a b]" (so `cognito:groups` is
 *   "[admin]" and `exp` is "1700000000").
 * - Bodies up to 6 MiB (Lambda's synchronous payload limit) are passed on untouched; the handlers
 *   enforce the 64 KiB contract limit themselves. As text only for text media types (isTextBody),
 *   otherwise base64-encoded with isBase64Encoded.
 * - The handlers come from a HandlerLoader (local/handler-loader.ts): the TypeScript sources in this
 *   process, or the built bundles each run as a local Lambda (`npm start -- --bundles`).
 * - The handler's structured result is written back as API Gateway does (base64 bodies decoded,
 *   `cookies` → Set-Cookie, content-type defaulting to application/json, a bare object → 200 JSON).
 *
 * Besides the API, and only here (on AWS the console is static files behind CloudFront and the
 * API is API Gateway), it serves the web console:
 *
 * - the built console from console/dist at `/` (hashed assets cached for good, index.html never),
 *   with `/config.json` answered here (`{ apiUrl: '', auth: { kind: 'local' } }`: same origin);
 * - the console's addresses that are not API paths (`/`, `/signin`, `/portfolio`, …) get
 *   index.html on GET/HEAD whatever the Accept header (curl, a readiness probe see the page too);
 * - content negotiation on the console addresses that are also API paths (`/projects`,
 *   `/projects/{id}`, `/alerts`): a browser navigation — GET/HEAD, Accept includes text/html, no
 *   Authorization header — gets index.html; every other request reaches the API exactly as before.
 *   Other navigations to paths that are not API routes get index.html too (the SPA's fallback);
 * - optionally (`startingUp`), 503 with Retry-After on every request until ready() is called,
 *   while the stack loads its data through a second, internal address (`internalUrl`);
 * - local sign-in: `GET /local/identities` (the ready identities of local/identities.ts) and
 *   `POST /local/tokens { identityId }` → `{ token, expiresAt }`, signed here so the secret never
 *   reaches the browser. These two are not in functions/routes.ts, hence neither deployed nor in
 *   /openapi.json.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { routes, type Route } from '../functions/routes';
import { inProcessSources, lambdaContext, type HandlerLoader } from './handler-loader';
import { findLocalIdentity, LOCAL_IDENTITIES, mintLocalToken } from './identities';
import { verifyTokenSync } from './jwt';
import { LOCAL_OBJECTS_PREFIX, serveLocalObject, setLocalObjectsOrigin } from './objects';

/** Above this API Gateway/Lambda refuse the request (Lambda's 6 MB invocation payload). */
export const MAX_REQUEST_BODY_BYTES = 6 * 1024 * 1024;

export interface LocalServerOptions {
  port?: number;
  host?: string;
  /** One line per request: `METHOD /path STATUS 12ms`. Default: silent. */
  log?: (line: string) => void;
  /** A handler that threw, or a request the server failed to handle. Default: `log`. */
  logError?: (line: string) => void;
  /**
   * What the stack is doing before it is ready (e.g. "loading the demo data"). When set, `url`
   * answers every request 503 with Retry-After, naming it, until ready() is called: a page on the
   * console's addresses, problem+json elsewhere. `internalUrl` serves normally meanwhile.
   */
  startingUp?: string;
  /** The built web console served at `/` (default console/dist); null serves none. */
  consoleDir?: string | null;
  /**
   * The Lambda handlers behind the routes: the TypeScript sources in this process (default), or
   * the built bundles as local Lambdas (`npm start -- --bundles`; local/lambda-handlers.ts).
   */
  handlers?: HandlerLoader;
}

/** Where `npm run build:console` writes the console. */
export const CONSOLE_DIST_DIR = join(__dirname, '..', 'console', 'dist');

export interface LocalServer {
  url: string;
  port: number;
  /** Serves normally even while starting up (127.0.0.1, another port); equals `url` otherwise. */
  internalUrl: string;
  /** Ends the start-up: `url` serves normally and `internalUrl` closes. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  segments: string[];
  literalCount: number;
}

const compiled: CompiledRoute[] = routes
  .map((route) => {
    const segments = route.path.split('/').slice(1);
    return { route, segments, literalCount: segments.filter((s) => !/^\{.+\}$/.test(s)).length };
  })
  // Most specific first: literal segments win over {params} at the same depth.
  .sort((a, b) => b.literalCount - a.literalCount);

/** Matches a raw path (not decoded) against a template; returns decoded path parameters. */
function matchTemplate(segments: string[], rawPath: string): Record<string, string> | null {
  const parts = rawPath.split('/').slice(1);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const template = segments[i]!;
    const part = parts[i]!;
    const param = /^\{(.+)\}$/.exec(template);
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (param) {
      if (part === '') return null;
      params[param[1]!] = decoded;
    } else if (decoded !== template) {
      return null;
    }
  }
  return params;
}

/** The route for method + raw path, or `{ allowed }` when the path exists with other methods. */
export function matchRoute(method: string, rawPath: string): RouteMatch | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const c of compiled) {
    const params = matchTemplate(c.segments, rawPath);
    if (!params) continue;
    if (c.route.method === method) return { route: c.route, pathParameters: params };
    allowed.push(c.route.method);
  }
  return allowed.length ? { allowed: [...new Set(allowed)] } : null;
}

/** API Gateway's JWT authorizer hands every claim to Lambda as a string; arrays become "[a b]". */
export function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) out[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object') out[name] = JSON.stringify(value);
    else out[name] = String(value);
  }
  return out;
}

function problem(res: ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  res.writeHead(status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** API Gateway's requestContext.time, e.g. "12/Mar/2020:19:03:58 +0000". */
function gatewayTime(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(
    d.getUTCMinutes(),
  )}:${p(d.getUTCSeconds())} +0000`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function utf8OrNull(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Whether API Gateway (HTTP API, payload 2.0) passes a request body as text: only for these media
 * types, observed on AWS (the documentation does not list them; ministackorg/ministack#766
 * measured it). Every other body — no Content-Type, application/x-www-form-urlencoded, the XLSX
 * of an import — arrives base64-encoded with isBase64Encoded true.
 */
export function isTextBody(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || type === 'application/json' || type === 'application/xml' || type === 'application/javascript';
}

async function readBody(req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_REQUEST_BODY_BYTES) {
      tooLarge = true; // keep draining so the client sees our answer, drop the data
      chunks.length = 0;
      continue;
    }
    chunks.push(buf);
  }
  return { body: Buffer.concat(chunks), tooLarge };
}

function buildEvent(
  req: IncomingMessage,
  match: RouteMatch,
  rawPath: string,
  rawQueryString: string,
  body: Buffer,
  claims: Record<string, string> | undefined,
  requestId: string,
  now: Date,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (!values) continue;
    if (name === 'cookie') {
      cookies = values.flatMap((v) => v.split(';')).map((c) => c.trim()).filter(Boolean);
      continue;
    }
    headers[name] = values.join(',');
  }
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)}`;

  let queryStringParameters: Record<string, string> | undefined;
  if (rawQueryString) {
    const grouped = new Map<string, string[]>();
    for (const [k, v] of new URLSearchParams(rawQueryString)) grouped.set(k, [...(grouped.get(k) ?? []), v]);
    if (grouped.size) queryStringParameters = Object.fromEntries([...grouped].map(([k, v]) => [k, v.join(',')]));
  }

  const domainName = (headers.host ?? 'localhost').replace(/:\d+$/, '');
  const routeKey = `${match.route.method} ${match.route.path}`;
  let bodyString: string | undefined;
  let isBase64Encoded = false;
  if (body.length > 0) {
    bodyString = isTextBody(headers['content-type']) ? utf8OrNull(body) ?? undefined : undefined;
    // A text type whose bytes are not UTF-8 is passed base64-encoded as well, so that nothing is
    // lost (what AWS does then is not documented; the handlers refuse such a body either way).
    if (bodyString === undefined) {
      bodyString = body.toString('base64');
      isBase64Encoded = true;
    }
  }

  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies && cookies.length ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: match.route.method,
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: gatewayTime(now),
      timeEpoch: now.getTime(),
      // Present only on routes with the JWT authorizer, as in API Gateway.
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    } as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'],
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    ...(bodyString !== undefined ? { body: bodyString } : {}),
    isBase64Encoded,
  };
  return event;
}

function writeResult(res: ServerResponse, result: unknown, requestId: string): number {
  let statusCode = 200;
  let headers: Record<string, string> = {};
  let body: Buffer = Buffer.alloc(0);
  const setCookies: string[] = [];
  const structured =
    typeof result === 'object' && result !== null && typeof (result as { statusCode?: unknown }).statusCode === 'number';
  if (structured) {
    const r = result as APIGatewayProxyStructuredResultV2;
    statusCode = r.statusCode ?? 200;
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    if (r.cookies) setCookies.push(...r.cookies);
    if (typeof r.body === 'string') body = r.isBase64Encoded ? Buffer.from(r.body, 'base64') : Buffer.from(r.body, 'utf8');
  } else if (typeof result === 'string') {
    body = Buffer.from(result, 'utf8'); // API Gateway: a bare string is the body of a 200
  } else if (result !== undefined) {
    body = Buffer.from(JSON.stringify(result), 'utf8'); // a bare object is serialised as JSON
  }
  if (body.length > 0 && !headers['content-type']) headers['content-type'] = 'application/json';
  headers = { ...headers, 'content-length': String(body.length), 'apigw-requestid': requestId };
  res.writeHead(statusCode, setCookies.length ? { ...headers, 'set-cookie': setCookies } : headers);
  res.end(body);
  return statusCode;
}

// --- the web console (local only) ----------------------------------------------------------

/**
 * The console's addresses (console/src/App.tsx; API.md "Local stack" names those links rely on).
 * Those that are API paths too (`/projects`, `/projects/{id}`, `/alerts`) are told apart by content
 * negotiation; the others are the console's only.
 */
const CONSOLE_ADDRESSES = [
  /^\/$/,
  /^\/signin$/,
  /^\/projects$/,
  /^\/projects\/[^/]+$/,
  /^\/alerts$/,
  /^\/portfolio$/,
  /^\/documents(\/[^/]+)?$/,
  /^\/imports$/,
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** True when the Accept header lists text/html (or text/*) with a non-zero quality. */
export function acceptsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    if (type !== 'text/html' && type !== 'text/*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** A browser loading a page: GET/HEAD, wants HTML, and sends no bearer token (API calls do). */
export function isBrowserNavigation(req: IncomingMessage, method: string): boolean {
  return (method === 'GET' || method === 'HEAD') && req.headers.authorization === undefined && acceptsHtml(req.headers.accept);
}

/** The file under dir that rawPath names, or null (missing, a directory, or outside dir). */
function consoleFile(dir: string, rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(dir);
  const file = resolve(root, `.${decoded}`);
  if (!file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function sendFile(res: ServerResponse, file: string, headers: Record<string, string> = {}): void {
  const body = readFileSync(file);
  const immutable = file.includes(`${sep}assets${sep}`); // Vite's content-hashed output
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

function sendConsoleIndex(res: ServerResponse, dir: string | null, headers: Record<string, string> = {}): void {
  const index = dir ? consoleFile(dir, '/index.html') : null;
  if (index) {
    sendFile(res, index, headers);
    return;
  }
  const body = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>FundLedger</title>
<p>控制台尚未构建。The web console is not built: run <code>npm run build:console</code> (or <code>npm start</code>, which builds it).</p></html>`;
  res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/** A GET/HEAD of one of the console's addresses. */
function isConsoleAddress(method: string, rawPath: string): boolean {
  return (method === 'GET' || method === 'HEAD') && CONSOLE_ADDRESSES.some((address) => address.test(rawPath));
}

/** Whether some route has this path's shape, whatever its parameters hold (a bad one is the API's 404). */
function isApiPath(rawPath: string): boolean {
  const parts = rawPath.split('/').slice(1);
  return compiled.some((c) => c.segments.length === parts.length && c.segments.every((segment, i) => (/^\{.+\}$/.test(segment) ? parts[i] !== '' : parts[i] === segment)));
}

/** While the stack starts up: 503, a page that reloads itself where the console would answer, else problem+json. */
function answerStartingUp(req: IncomingMessage, res: ServerResponse, method: string, rawPath: string, what: string): void {
  const headers = { 'retry-after': String(STARTING_UP_RETRY_AFTER_S), 'cache-control': 'no-store', connection: 'close' };
  const consolePage = isBrowserNavigation(req, method) || (isConsoleAddress(method, rawPath) && !isApiPath(rawPath));
  if (!consolePage) {
    problem(res, 503, 'Service Unavailable', `FundLedger is starting (${what}); retry in a few seconds.`, headers);
    return;
  }
  const body = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta http-equiv="refresh" content="${STARTING_UP_RETRY_AFTER_S}"><title>FundLedger</title>
<p>FundLedger 正在启动，请稍候。FundLedger is starting (${escapeHtml(what)}); this page reloads by itself.</p></html>`;
  res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

const STARTING_UP_RETRY_AFTER_S = 2;

const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Runtime configuration of the console (console/src/config.ts): same origin, local sign-in. */
const LOCAL_CONSOLE_CONFIG = { apiUrl: '', auth: { kind: 'local' } } as const;

/** The local-only sign-in routes; true when the request was one of them (answered). */
function serveLocalSignIn(req: IncomingMessage, res: ServerResponse, method: string, rawPath: string, body: Buffer): boolean {
  if (rawPath === '/local/identities') {
    if (method !== 'GET') {
      problem(res, 405, 'Method Not Allowed', `${method} is not allowed on ${rawPath}.`, { allow: 'GET' });
      return true;
    }
    sendJson(res, 200, {
      identities: LOCAL_IDENTITIES.map(({ identityId, role, name, scope, zoneId, city }) => ({
        identityId,
        role,
        name,
        scope,
        ...(zoneId ? { zoneId } : {}),
        ...(city ? { city } : {}),
      })),
    });
    return true;
  }
  if (rawPath === '/local/tokens') {
    if (method !== 'POST') {
      problem(res, 405, 'Method Not Allowed', `${method} is not allowed on ${rawPath}.`, { allow: 'POST' });
      return true;
    }
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      problem(res, 415, 'Unsupported Media Type', 'Send { "identityId": "…" } as application/json.');
      return true;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      problem(res, 400, 'Bad Request', 'The body is not valid JSON.');
      return true;
    }
    const keys = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? Object.keys(parsed) : null;
    if (!keys || keys.length !== 1 || keys[0] !== 'identityId') {
      problem(res, 400, 'Bad Request', 'The body must be exactly { "identityId": "…" }.');
      return true;
    }
    const identity = findLocalIdentity((parsed as { identityId: unknown }).identityId);
    if (!identity) {
      problem(res, 404, 'Not Found', 'No such local identity; GET /local/identities lists them.');
      return true;
    }
    sendJson(res, 200, mintLocalToken(identity));
    return true;
  }
  return false;
}

export async function createLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const logError = options.logError ?? log;
  const consoleDir = options.consoleDir === undefined ? CONSOLE_DIST_DIR : options.consoleDir;
  let startingUp = options.startingUp;
  const handlers = options.handlers ?? inProcessSources();
  // The key the local object URLs are signed with, shared with local Lambdas in processes of their
  // own (local/lambda-handlers.ts): made once per process, never written down.
  process.env.LOCAL_OBJECTS_SECRET ||= randomBytes(32).toString('base64url');

  /** `gated`: answers 503 while the stack is starting up. */
  const listener = (gated: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const rawPath = q === -1 ? target : target.slice(0, q);
    const rawQueryString = q === -1 ? '' : target.slice(q + 1);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${method} ${rawPath} ${res.statusCode} ${ms.toFixed(0)}ms`);
    });
    if (gated && startingUp !== undefined) {
      answerStartingUp(req, res, method, rawPath, startingUp);
      return;
    }
    handle(req, res, method, rawPath, rawQueryString).catch((err: unknown) => {
      logError(`ERROR ${method} ${rawPath}: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) problem(res, 500, 'Internal Server Error', 'The local server failed to handle the request.');
      else res.destroy();
    });
  };
  const server = createServer(listener(true));
  const internal = startingUp === undefined ? null : createServer(listener(false));

  async function handle(req: IncomingMessage, res: ServerResponse, method: string, rawPath: string, rawQueryString: string): Promise<void> {
    // Evidence uploads (up to 20 MiB) stream to the local object store, before the 6 MiB body limit.
    if (rawPath.startsWith(LOCAL_OBJECTS_PREFIX)) return serveLocalObject(req, res, method, rawPath, rawQueryString);
    const requestId = randomUUID();
    const now = new Date();
    const { body, tooLarge } = await readBody(req);
    if (rawPath.startsWith('/local/') && !tooLarge && serveLocalSignIn(req, res, method, rawPath, body)) return;
    const navigation = isBrowserNavigation(req, method);
    const found = matchRoute(method, rawPath);
    if (isConsoleAddress(method, rawPath)) {
      if (!isApiPath(rawPath)) {
        sendConsoleIndex(res, consoleDir); // the console's own address: the page, whatever Accept says
        return;
      }
      if (navigation) {
        // Vary: the same address answers JSON to API clients.
        sendConsoleIndex(res, consoleDir, { vary: 'Accept, Authorization' });
        return;
      }
    }
    if (!found) {
      if ((method === 'GET' || method === 'HEAD') && rawPath === '/config.json') {
        sendJson(res, 200, LOCAL_CONSOLE_CONFIG);
        return;
      }
      const file = consoleDir && (method === 'GET' || method === 'HEAD') ? consoleFile(consoleDir, rawPath) : null;
      if (file) {
        sendFile(res, file);
        return;
      }
      if (navigation) {
        sendConsoleIndex(res, consoleDir); // the console shows its own "not found" page
        return;
      }
      problem(res, 404, 'Not Found', `No route for ${method} ${rawPath}.`);
      return;
    }
    if ('allowed' in found) {
      problem(res, 405, 'Method Not Allowed', `${method} is not allowed on ${rawPath}.`, { allow: found.allowed.join(', ') });
      return;
    }
    if (tooLarge) {
      problem(res, 413, 'Payload Too Large', `Request bodies above ${MAX_REQUEST_BODY_BYTES} bytes are refused.`);
      return;
    }
    let claims: Record<string, string> | undefined;
    if (found.route.auth) {
      const authorization = req.headers.authorization ?? '';
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const verified = m ? verifyTokenSync(m[1]!) : null;
      if (!verified) {
        problem(res, 401, 'Unauthorized', m ? 'The bearer token is invalid or expired.' : 'A bearer token is required.', {
          'www-authenticate': 'Bearer',
        });
        return;
      }
      claims = flattenClaims(verified);
    }
    const event = buildEvent(req, found, rawPath, rawQueryString, body, claims, requestId, now);
    const handler = await handlers.load(found.route.handler);
    let result: unknown;
    try {
      result = await handler(event, lambdaContext(found.route.handler, requestId));
    } catch (err) {
      // API Gateway answers 500 when the function throws; show the error here, it is a bug.
      logError(`ERROR handler ${found.route.handler} threw: ${(err as Error)?.stack ?? String(err)}`);
      problem(res, 500, 'Internal Server Error', 'The handler threw an unhandled error.');
      return;
    }
    writeResult(res, result, requestId);
  }

  const port = await listen(server, options.port ?? 0, host);
  const url = `http://${host}:${port}`;
  const internalUrl = internal ? `http://${host}:${await listen(internal, 0, host)}` : url;
  setLocalObjectsOrigin(url);
  return {
    url,
    port,
    internalUrl,
    ready: async () => {
      startingUp = undefined;
      if (internal?.listening) await stop(internal);
    },
    close: async () => {
      await Promise.all([stop(server), ...(internal?.listening ? [stop(internal)] : [])]);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen((server.address() as AddressInfo).port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise<void>((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}

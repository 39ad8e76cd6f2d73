/**
 * Runtime configuration, fetched from /config.json at start-up so that one build serves every
 * stage: locally the local server answers it (same-origin API, local sign-in); on AWS the deploy
 * writes it next to index.html (the API Gateway URL and the Cognito user pool's details).
 */
export type AuthConfig =
  | { kind: 'local' }
  | {
      kind: 'cognito';
      /** OIDC issuer: https://cognito-idp.<region>.amazonaws.com/<userPoolId> */
      authority: string;
      clientId: string;
      /** Hosted UI / managed login domain, e.g. fundledger-prod.auth.cn-north-1.amazoncognito.com (for logout). */
      domain: string;
      /** Default "openid profile email". */
      scope?: string;
    };

export interface ConsoleConfig {
  /** Base URL of the API; "" means the console's own origin. */
  apiUrl: string;
  auth: AuthConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNonEmpty = (v: unknown): v is string => isString(v) && v.trim() !== '';

/** Checks the shape by hand: zod stays out of the initial bundle. */
export function parseConfig(raw: unknown): ConsoleConfig {
  if (typeof raw !== 'object' || raw === null) throw new ConfigError('config.json is not a JSON object');
  const { apiUrl, auth } = raw as { apiUrl?: unknown; auth?: unknown };
  if (!isString(apiUrl)) throw new ConfigError('config.json: "apiUrl" must be a string ("" for the same origin)');
  if (typeof auth !== 'object' || auth === null) throw new ConfigError('config.json: "auth" is missing');
  const a = auth as Record<string, unknown>;
  const base = apiUrl.replace(/\/+$/, '');
  if (a.kind === 'local') return { apiUrl: base, auth: { kind: 'local' } };
  if (a.kind === 'cognito') {
    for (const field of ['authority', 'clientId', 'domain'] as const) {
      if (!isNonEmpty(a[field])) throw new ConfigError(`config.json: auth.${field} is required for Cognito sign-in`);
    }
    return {
      apiUrl: base,
      auth: {
        kind: 'cognito',
        authority: a.authority as string,
        clientId: a.clientId as string,
        domain: (a.domain as string).replace(/^https?:\/\//, '').replace(/\/+$/, ''),
        ...(isNonEmpty(a.scope) ? { scope: a.scope } : {}),
      },
    };
  }
  throw new ConfigError('config.json: auth.kind must be "local" or "cognito"');
}

export async function loadConfig(): Promise<ConsoleConfig> {
  // From the build's base path, not the current page (a deep link such as /projects/X is not a directory).
  const url = new URL(`${import.meta.env.BASE_URL}config.json`, window.location.origin);
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch (err) {
    throw new ConfigError(`cannot load ${url.pathname}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new ConfigError(`cannot load ${url.pathname}: HTTP ${res.status}`);
  let raw: unknown;
  try {
    raw = await res.json();
  } catch {
    throw new ConfigError(`${url.pathname} is not JSON`);
  }
  return parseConfig(raw);
}

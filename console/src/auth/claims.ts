/**
 * Reads the identity from a JWT's payload. No verification here — the API verifies every token
 * (API Gateway's JWT authorizer, or the local server); the console only needs to know whom to
 * greet and which pages to offer.
 */
import { ROLES, type Identity, type Role } from './types';

/** cognito:groups arrives as an array, or as API Gateway's flattened "[a b]" string. */
export function parseGroups(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  return raw.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes)); // names are UTF-8 (Chinese)
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function identityFromClaims(claims: Record<string, unknown>): Identity | null {
  if (typeof claims.sub !== 'string' || claims.sub === '') return null;
  const groups = parseGroups(claims['cognito:groups']);
  const roles = ROLES.filter((r) => groups.includes(r)) as Role[];
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    sub: claims.sub,
    name: str(claims.name) ?? str(claims.email) ?? str(claims['cognito:username']),
    roles,
    role: roles[0] ?? null,
    zoneId: str(claims['custom:zoneId']),
    city: str(claims['custom:city']),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
  };
}

export function identityFromToken(token: string): Identity | null {
  const claims = decodeJwtPayload(token);
  return claims ? identityFromClaims(claims) : null;
}

/** The identity of a token that has not expired at `now`; null for anything else (not a string, unreadable, expired). */
export function liveIdentity(token: unknown, now: number = Date.now()): Identity | null {
  const identity = typeof token === 'string' ? identityFromToken(token) : null;
  return identity && (identity.expiresAt === null || identity.expiresAt > now) ? identity : null;
}

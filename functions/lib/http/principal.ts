import { ROLES, type Role } from '../../../domain/project/types';
import { ID_PATTERN, isCityName } from '../schemas/common';

export { ROLES };

export interface Principal {
  sub: string;
  name: string | null;
  roles: Role[];
  /** The zone a zone committee member acts for (`custom:zoneId`). */
  zoneId: string | null;
  /** The city a city bureau acts for (`custom:city`, e.g. 南京市). */
  city: string | null;
}

/**
 * API Gateway hands JWT claims to Lambda as strings; an array claim such as cognito:groups
 * arrives flattened as "[a b]". Accept both that and a real array.
 */
export function parseGroups(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  const trimmed = raw.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    const inner = trimmed.slice(1, -1).trim();
    if (inner.startsWith('"')) {
      try {
        return (JSON.parse(trimmed) as unknown[]).map(String);
      } catch {
        /* fall through to the space-separated form */
      }
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}

const claimString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal | null {
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') return null;
  const roles = parseGroups(claims['cognito:groups']).filter((g): g is Role => (ROLES as readonly string[]).includes(g));
  return {
    sub: claims.sub,
    name: claimString(claims.name),
    roles,
    zoneId: claimString(claims['custom:zoneId']),
    city: claimString(claims['custom:city']),
  };
}

/**
 * Why the token's scope claims cannot be used, or null. A scope becomes a key part and a condition
 * value, so it must be what POST /zones could have stored: a zone id, a city name (trimmed,
 * printable, ≤ 100 characters). A token with anything else is not a valid token (401).
 */
export function scopeClaimProblem(p: Principal): string | null {
  if (p.zoneId !== null && !(p.zoneId.length <= 64 && ID_PATTERN.test(p.zoneId))) return 'The token\'s custom:zoneId claim is not a zone id (1–64 characters of A-Z a-z 0-9 _ -).';
  if (p.city !== null && !isCityName(p.city)) return 'The token\'s custom:city claim is not a city name (≤ 100 characters of printable text, no surrounding spaces).';
  return null;
}

/** A scoped role counts only with its scope claim. */
export const hasRole = (p: Principal, role: Role): boolean =>
  p.roles.includes(role) && (role !== 'zone-committee' || p.zoneId !== null) && (role !== 'city-bureau' || p.city !== null);

export interface ProjectScope {
  zoneId: string;
  city: string | null;
}

/** Every role reads everything, except a zone committee (its zone) and a city bureau (its city). */
export function canRead(p: Principal, scope: ProjectScope): boolean {
  if (hasRole(p, 'admin') || hasRole(p, 'finance-officer') || hasRole(p, 'auditor')) return true;
  if (hasRole(p, 'zone-committee') && p.zoneId === scope.zoneId) return true;
  return hasRole(p, 'city-bureau') && scope.city !== null && p.city === scope.city;
}

/** Whether the principal acts in a role for this project: a scoped role only within its scope. */
export function actsAs(p: Principal, role: Role, scope: ProjectScope): boolean {
  if (!hasRole(p, role)) return false;
  if (role === 'zone-committee') return p.zoneId === scope.zoneId;
  if (role === 'city-bureau') return scope.city !== null && p.city === scope.city;
  return true;
}

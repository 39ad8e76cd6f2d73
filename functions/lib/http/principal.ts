import type { Role } from '../../../domain/project/types';

export const ROLES: readonly Role[] = ['admin', 'finance-officer', 'zone-committee', 'auditor'];

export interface Principal {
  sub: string;
  name: string | null;
  roles: Role[];
  /** The zone a zone committee member acts for (`custom:zoneId`). */
  zoneId: string | null;
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

export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal | null {
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') return null;
  const roles = parseGroups(claims['cognito:groups']).filter((g): g is Role => (ROLES as string[]).includes(g));
  const zone = claims['custom:zoneId'];
  return {
    sub: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : null,
    roles,
    zoneId: typeof zone === 'string' && zone !== '' ? zone : null,
  };
}

export const hasRole = (p: Principal, role: Role): boolean =>
  p.roles.includes(role) && (role !== 'zone-committee' || p.zoneId !== null);

/** A zone committee sees only its own zone; every other role sees everything. */
export function canReadZone(p: Principal, zoneId: string): boolean {
  if (p.roles.some((r) => r !== 'zone-committee')) return true;
  return hasRole(p, 'zone-committee') && p.zoneId === zoneId;
}

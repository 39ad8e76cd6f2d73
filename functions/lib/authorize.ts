import type { Role } from '../../domain/project/types';
import { forbidden, notFound } from './http/problems';
import { canRead, hasRole, type Principal, type ProjectScope } from './http/principal';

/** 403 unless the principal holds one of the roles. */
export function requireRole(p: Principal, ...roles: Role[]): void {
  if (!roles.some((r) => hasRole(p, r))) throw forbidden(`This needs the role ${roles.join(' or ')}.`);
}

/**
 * A project outside the principal's zone or city answers exactly as a project that does not
 * exist: 404, so a zone committee or a city bureau cannot learn which ids exist elsewhere.
 */
export function requireReadable(p: Principal, projectId: string, scope: ProjectScope | null): asserts scope is ProjectScope {
  if (!scope || !canRead(p, scope)) throw notFound(`No project ${projectId}.`);
}

/**
 * The scope a listing is limited to: a zone committee always sees its own zone, a city bureau its
 * own city (asking for another zone or city is a 403, a zone of another city included); every
 * other role sees what it asked for. An unknown zone is no error: its listing is empty.
 */
export async function listingScope(
  p: Principal,
  requested: { zoneId?: string; city?: string },
  what: string,
  cityOfZone: (zoneId: string) => Promise<string | null>,
): Promise<{ zoneId?: string; city?: string }> {
  if (hasRole(p, 'admin') || hasRole(p, 'finance-officer') || hasRole(p, 'auditor')) return requested;
  if (hasRole(p, 'zone-committee')) {
    if (requested.zoneId && requested.zoneId !== p.zoneId) throw forbidden(`Zone committees read only their own zone's ${what}.`);
    return { ...requested, zoneId: p.zoneId! };
  }
  if (requested.city && requested.city !== p.city) throw forbidden(`City bureaus read only their own city's ${what}.`);
  if (requested.zoneId) {
    const city = await cityOfZone(requested.zoneId);
    if (city !== null && city !== p.city) throw forbidden(`City bureaus read only their own city's ${what}; zone ${requested.zoneId} is in ${city}.`);
  }
  return { ...requested, city: p.city! };
}

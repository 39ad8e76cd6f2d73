import type { Funder, ProjectState, Role } from '../../domain/project/types';
import { forbidden } from './http/problems';
import { canReadZone, hasRole, type Principal } from './http/principal';

/** 403 unless the principal holds one of the roles. */
export function requireRole(p: Principal, ...roles: Role[]): void {
  if (!roles.some((r) => hasRole(p, r))) throw forbidden(`This needs the role ${roles.join(' or ')}.`);
}

export function requireReadProject(p: Principal, state: ProjectState): void {
  if (!canReadZone(p, state.registration.zoneId)) throw forbidden(`Zone committees read only their own zone's projects.`);
}

/** Province money belongs to finance officers; zone money to the committee of the project's zone. */
export function requireFunderOwner(p: Principal, state: ProjectState, funder: Funder): void {
  if (funder === 'province') return requireRole(p, 'finance-officer');
  if (!hasRole(p, 'zone-committee') || p.zoneId !== state.registration.zoneId) {
    throw forbidden(`Zone money of ${state.registration.zoneId} is posted by that zone's committee.`);
  }
}

/** The role an entry is recorded under. */
export function actingRole(p: Principal, funder: Funder): Role {
  return funder === 'province' ? 'finance-officer' : 'zone-committee';
}

/**
 * The zone a listing is limited to: a zone committee always sees its own zone (asking for
 * another is a 403); every other role sees what it asked for.
 */
export function listingZone(p: Principal, requested: string | undefined, what: string): string | undefined {
  if (p.roles.some((r) => r !== 'zone-committee')) return requested;
  if (requested && requested !== p.zoneId) throw forbidden(`Zone committees read only their own zone's ${what}.`);
  return p.zoneId!;
}

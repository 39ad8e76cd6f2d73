import { rolesFor, type Command } from '../../../domain/project/kinds';
import type { Actor, Entry, ProjectState } from '../../../domain/project/types';
import { actsAs, hasRole, type Principal, type ProjectScope } from '../http/principal';

/**
 * Who may post a command, from the catalogue of entry kinds (domain/project/kinds): each kind
 * names its roles, and narrows them on a project where that depends on more than the kind (a
 * payment's funder inside or outside the zone, a reversal's target). The console reads the same.
 */

/** Before the project is read: why a principal holding none of the kind's roles may not, or null. */
export function lacksEveryRole(p: Principal, command: Command): string | null {
  const roles = rolesFor(command);
  return roles.some((r) => hasRole(p, r)) ? null : `This needs the role ${roles.join(' or ')}.`;
}

/** The role the principal acts in for this command on this project, or why none fits. */
export function actorFor(p: Principal, command: Command, scope: ProjectScope, project?: ProjectState, target?: Entry | null): Actor | { refused: string } {
  const roles = rolesFor(command, project ? { insideZone: project.registration.insideZone } : undefined, target ?? null);
  const role = roles.find((r) => actsAs(p, r, scope));
  if (role) return { sub: p.sub, role, ...(p.name ? { name: p.name } : {}) };
  const scoped = roles.map((r) => (r === 'zone-committee' ? `the zone committee of ${scope.zoneId}` : r === 'city-bureau' ? `the city bureau of ${scope.city ?? 'the project\'s city'}` : r));
  return { refused: `This needs ${scoped.join(' or ')}.` };
}

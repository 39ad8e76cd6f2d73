import type { Command } from '../../../domain/project/commands';
import type { Actor, Entry, ProjectState, Role } from '../../../domain/project/types';
import { forbidden } from '../http/problems';
import { actsAs, hasRole, type Principal, type ProjectScope } from '../http/principal';

/**
 * Who may issue each command (API.md, Auth): province money belongs to finance officers; inside
 * the zone the zone committee pays both shares; admins decide exceptions, approvals, acceptance
 * and termination; city bureaus inspect and decide acceptances handed to them.
 */
export function rolesFor(command: Command, project?: ProjectState, target?: Entry | null): Role[] {
  switch (command.kind) {
    case 'register':
    case 'allocate':
    case 'transfer':
    case 'decommit':
    case 'propose-adjustment':
      return ['finance-officer'];
    case 'confirm-match':
    case 'apply-acceptance':
      return ['zone-committee'];
    case 'disburse':
      if (!project) return ['finance-officer', 'zone-committee'];
      return project.registration.insideZone || command.funder === 'zone' ? ['zone-committee'] : ['finance-officer'];
    case 'recover':
      return [command.funder === 'province' ? 'finance-officer' : 'zone-committee'];
    case 'reverse':
      // By the role that posted that kind of entry.
      return target ? [target.actor.role] : ['finance-officer', 'zone-committee'];
    case 'propose-cap-exception':
    case 'approve-cap-exception':
    case 'approve-adjustment':
    case 'propose-termination':
    case 'approve-termination':
      return ['admin'];
    case 'hold':
    case 'release-hold':
      return ['admin', 'finance-officer'];
    case 'inspect':
      // A zone committee inspects the use of funds in its own zone only.
      return command.inspection === 'fund-use' ? ['admin', 'city-bureau', 'zone-committee'] : ['admin', 'city-bureau'];
    case 'decide-acceptance':
      return ['admin', 'city-bureau'];
  }
}

/** Before the project is read: a principal holding none of the roles learns nothing about it. */
export function requireAnyRole(p: Principal, command: Command): void {
  const roles = rolesFor(command);
  if (!roles.some((r) => hasRole(p, r))) throw forbidden(`This needs the role ${roles.join(' or ')}.`);
}

/** The role the principal acts in for this command on this project; 403 when none fits. */
export function actorFor(p: Principal, command: Command, scope: ProjectScope, project?: ProjectState, target?: Entry | null): Actor {
  const roles = rolesFor(command, project, target);
  const role = roles.find((r) => actsAs(p, r, scope));
  if (!role) {
    const scoped = roles.map((r) => (r === 'zone-committee' ? `the zone committee of ${scope.zoneId}` : r === 'city-bureau' ? `the city bureau of ${scope.city ?? 'the project\'s city'}` : r));
    throw forbidden(`This needs ${scoped.join(' or ')}.`);
  }
  return { sub: p.sub, role };
}

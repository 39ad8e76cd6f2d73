/**
 * Which writes the console offers the signed-in person on a project. Who may post each kind comes
 * from the catalogue (domain/project/kinds: `roles`, and `rolesOn` where the project decides), the
 * same matrix the API enforces; the console adds the scope (a zone committee's zone, a city
 * bureau's city) and the project's state, and says why an offered write cannot be made right now
 * (on hold, four-eyes, …). The API decides again on every request.
 */
import { addDays, compareDates } from '../../../domain/dates';
import type { Vars } from '../../../domain/glossary/with-console';
import { KINDS, PROJECT_KINDS, type EntryType } from '../../../domain/project/kinds';
import type { TermId } from '../i18n';
import type { Entry, ProjectView } from '../services/schemas';
import type { Identity, Role } from './types';

/** An entry kind posted on an existing project: what a write offered on the project page posts. */
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/** Why an offered write cannot be made now: a glossary sentence and its figures. */
export interface Reason {
  id: TermId;
  vars?: Vars;
}

export interface Offer {
  type: ProjectKind;
  /** Offered but not possible now, and why (shown with the button). */
  disabledReason?: Reason;
}

/** Whether the signed-in person holds the role (no one signed in: no). */
export const hasRole = (identity: Identity | null, role: Role) => Boolean(identity?.roles.includes(role));

/** The roles of the catalogue that may post a kind (before the project narrows them). */
export const rolesOf = (type: EntryType): readonly Role[] => KINDS[type].roles;

/** Whether the person holds one of the roles that may post the kind. */
export const mayPost = (identity: Identity | null, type: EntryType) => rolesOf(type).some((r) => hasRole(identity, r));

/** The project is still running: things can be committed to it. */
export const isOpen = (p: ProjectView) => p.status === 'active' || p.status === 'on-hold';

const ON_HOLD: Reason = { id: 'offer.onHold' };
const CLOSED: Reason = { id: 'offer.closed' };

export function isOwnZone(identity: Identity | null, p: { zoneId: string }) {
  return hasRole(identity, 'zone-committee') && identity?.zoneId === p.zoneId;
}
export function isOwnCity(identity: Identity | null, p: { city: string | null }) {
  return hasRole(identity, 'city-bureau') && p.city !== null && identity?.city === p.city;
}

/** A role of the catalogue, held by the person, within that role's scope on this project. */
function actsAs(identity: Identity | null, p: ProjectView, roles: readonly Role[]): boolean {
  return roles.some((r) => (r === 'zone-committee' ? isOwnZone(identity, p) : r === 'city-bureau' ? isOwnCity(identity, p) : hasRole(identity, r)));
}

/** Whether the person may post the kind on this project (catalogue roles, narrowed where the kind says so). */
function may(identity: Identity | null, p: ProjectView, type: ProjectKind, roles: readonly Role[] = rolesOf(type)): boolean {
  return actsAs(identity, p, roles);
}

/** Every write the person may make on this project (in the catalogue's order: the path of the money, then the lifecycle). */
export function projectActions(identity: Identity | null, p: ProjectView, today: string): Offer[] {
  const offers: Offer[] = [];
  const open = isOpen(p);
  const payable = p.status === 'active' || p.status === 'closed-accepted';
  const { province } = p.balances;
  const offer = (type: ProjectKind, reason?: Reason | false) => offers.push(reason ? { type, disabledReason: reason } : { type });

  if (may(identity, p, 'allocation')) offer('allocation', !open && CLOSED);
  if (p.insideZone && may(identity, p, 'match-confirmation')) offer('match-confirmation', !open && CLOSED);
  if (p.insideZone && may(identity, p, 'transfer')) {
    const transferable = province.confirmedFen - (province.transferredFen ?? 0);
    offer('transfer', p.status === 'on-hold' ? ON_HOLD : !open ? CLOSED : transferable <= 0 && { id: 'offer.nothingToTransfer' });
  }
  // Who pays depends on the project (catalogue: disbursement.rolesOn): inside the zone the zone committee pays both shares.
  const payers = KINDS.disbursement.rolesOn!({ type: 'disbursement', funder: 'province' } as Parameters<NonNullable<typeof KINDS.disbursement.rolesOn>>[0], p, null);
  if (may(identity, p, 'disbursement', payers)) offer('disbursement', p.status === 'on-hold' ? ON_HOLD : !payable && CLOSED);
  // Each funder's recovery is posted by its own payer (catalogue: recovery.rolesOn).
  const recoverable = (['province', 'zone'] as const).filter((f) => p.balances[f].disbursedFen - p.balances[f].recoveredFen > 0);
  const recoverers = recoverable.flatMap((funder) => KINDS.recovery.rolesOn!({ type: 'recovery', funder } as Parameters<NonNullable<typeof KINDS.recovery.rolesOn>>[0], p, null));
  if (recoverers.length && may(identity, p, 'recovery', recoverers)) offer('recovery');
  if (p.status !== 'terminated' && may(identity, p, 'decommitment')) offer('decommitment');
  if (open && may(identity, p, 'adjustment-proposal')) offer('adjustment-proposal');
  if (open && may(identity, p, 'cap-exception-proposal')) offer('cap-exception-proposal');
  if (may(identity, p, 'inspection')) offer('inspection');
  if (p.hold === null && p.status === 'active' && may(identity, p, 'hold')) offer('hold');
  if (p.hold !== null && may(identity, p, 'hold-release')) offer('hold-release');
  if (p.acceptance === null && may(identity, p, 'acceptance-application')) {
    const from = addDays(p.contract.endsOn, -90);
    offer('acceptance-application', !open ? CLOSED : compareDates(today, from) < 0 && { id: 'offer.acceptanceNotYet', vars: { from } });
  }
  if (p.acceptance !== null && p.acceptance.result === null && may(identity, p, 'acceptance-result')) offer('acceptance-result');
  if (open && !p.proposals.some((x) => x.kind === 'termination') && may(identity, p, 'termination-proposal')) offer('termination-proposal');
  return offers;
}

/** Kinds of entry a reversal can take back (the catalogue's `reversible`). */
export const isReversible = (type: string): boolean => Object.prototype.hasOwnProperty.call(KINDS, type) && KINDS[type as EntryType].reversible === true;

/**
 * Whether to offer "reverse" on an entry: only to the role that posted it (catalogue:
 * reversal.rolesOn), only for a kind that can be reversed, never twice; to the person who posted
 * it, offered disabled with the four-eyes reason.
 */
export function reversalOffer(identity: Identity | null, p: ProjectView, entry: Entry, reversed: Set<string>): Offer | null {
  if (!identity || !isReversible(entry.type) || reversed.has(entry.entryId)) return null;
  const roles = KINDS.reversal.rolesOn!({ type: 'reversal' } as Parameters<NonNullable<typeof KINDS.reversal.rolesOn>>[0], p, { actor: entry.actor as { sub: string; role: Role } });
  if (!actsAs(identity, p, roles)) return null;
  if (entry.actor.sub === identity.sub) return { type: 'reversal', disabledReason: { id: 'offer.fourEyesReversal' } };
  return { type: 'reversal' };
}

/** Four-eyes on a proposal: the approver must be another person who may approve (catalogue: the approval kinds' roles). */
export function approvalOffer(identity: Identity | null, approval: 'cap-exception-approval' | 'adjustment-approval' | 'termination-approval', proposedBy: string): { disabledReason?: Reason } | null {
  if (!mayPost(identity, approval)) return null;
  if (identity!.sub === proposedBy) return { disabledReason: { id: 'offer.fourEyesApproval' } };
  return {};
}

/**
 * Which ledger and lifecycle actions the console offers the signed-in person on a project: the
 * role matrix of API.md (functions/lib/ledger/command-roles.ts is the API's own), the scope (a
 * zone committee's zone, a city bureau's city) and the project's state. The API decides again on
 * every request; this only keeps buttons away from people who could never use them, and says why
 * an offered action cannot be taken right now (on hold, four-eyes, …).
 */
import { addDays, compareDates } from '../../../domain/dates';
import type { Entry, ProjectView } from '../services/schemas';
import type { Identity, Role } from './types';

export type ActionKey =
  | 'allocate'
  | 'confirm'
  | 'transfer'
  | 'pay'
  | 'recover'
  | 'decommit'
  | 'reverse'
  | 'propose-exception'
  | 'propose-adjustment'
  | 'inspect'
  | 'hold'
  | 'release'
  | 'apply-acceptance'
  | 'decide-acceptance'
  | 'propose-termination';

export interface Offer {
  key: ActionKey;
  /** Offered but not possible now, and why (shown on the button). */
  disabledReason?: string;
}

/** Whether the signed-in person holds the role (no one signed in: no). */
export const hasRole = (identity: Identity | null, role: Role) => Boolean(identity?.roles.includes(role));

/** The project is still running: things can be committed to it. */
export const isOpen = (p: ProjectView) => p.status === 'active' || p.status === 'on-hold';

const HOLD_REASON = '项目已暂停拨付：解除暂停后才能划转或拨付';
const CLOSED_REASON = '项目已结题或终止';

export function isOwnZone(identity: Identity | null, p: { zoneId: string }) {
  return hasRole(identity, 'zone-committee') && identity?.zoneId === p.zoneId;
}
export function isOwnCity(identity: Identity | null, p: { city: string | null }) {
  return hasRole(identity, 'city-bureau') && p.city !== null && identity?.city === p.city;
}

/** Every action the person may take on this project (in the order of the path of the money). */
export function projectActions(identity: Identity | null, p: ProjectView, today: string): Offer[] {
  const offers: Offer[] = [];
  const finance = hasRole(identity, 'finance-officer');
  const admin = hasRole(identity, 'admin');
  const zone = isOwnZone(identity, p);
  const city = isOwnCity(identity, p);
  const open = isOpen(p);
  const payable = p.status === 'active' || p.status === 'closed-accepted';
  const payReason = p.status === 'on-hold' ? HOLD_REASON : payable ? undefined : CLOSED_REASON;
  const { province, zone: zoneBalance } = p.balances;

  if (finance) {
    offers.push(open ? { key: 'allocate' } : { key: 'allocate', disabledReason: CLOSED_REASON });
  }
  if (zone && p.insideZone) {
    offers.push(open ? { key: 'confirm' } : { key: 'confirm', disabledReason: CLOSED_REASON });
  }
  if (finance && p.insideZone) {
    const transferable = province.confirmedFen - (province.transferredFen ?? 0);
    offers.push(
      p.status === 'on-hold'
        ? { key: 'transfer', disabledReason: HOLD_REASON }
        : !open
          ? { key: 'transfer', disabledReason: CLOSED_REASON }
          : transferable <= 0
            ? { key: 'transfer', disabledReason: '没有已确认未划转的省级资金' }
            : { key: 'transfer' },
    );
  }
  // Inside the zone the zone committee pays both shares; outside, the province pays directly.
  if ((zone && p.insideZone) || (finance && !p.insideZone)) {
    offers.push(payReason ? { key: 'pay', disabledReason: payReason } : { key: 'pay' });
  }
  const provinceRecoverable = province.disbursedFen - province.recoveredFen > 0;
  const zoneRecoverable = zoneBalance.disbursedFen - zoneBalance.recoveredFen > 0;
  if ((finance && provinceRecoverable) || (zone && zoneRecoverable)) offers.push({ key: 'recover' });
  if (finance && p.status !== 'terminated') offers.push({ key: 'decommit' });
  if (finance && open) offers.push({ key: 'propose-adjustment' });
  if (admin && open) offers.push({ key: 'propose-exception' });
  if (admin || city || zone) offers.push({ key: 'inspect' });
  if ((admin || finance) && p.hold === null && p.status === 'active') offers.push({ key: 'hold' });
  if ((admin || finance) && p.hold !== null) offers.push({ key: 'release' });
  if (zone && p.acceptance === null) {
    const from = addDays(p.contract.endsOn, -90);
    offers.push(
      !open
        ? { key: 'apply-acceptance', disabledReason: CLOSED_REASON }
        : compareDates(today, from) < 0
          ? { key: 'apply-acceptance', disabledReason: `实施期结束前 90 天（${from}）起方可申请验收` }
          : { key: 'apply-acceptance' },
    );
  }
  if ((admin || city) && p.acceptance !== null && p.acceptance.result === null) offers.push({ key: 'decide-acceptance' });
  if (admin && open && !p.proposals.some((x) => x.kind === 'termination')) offers.push({ key: 'propose-termination' });
  return offers;
}

/** Kinds of entry a reversal can take back (domain/project/deciders/reversal.ts). */
export const REVERSIBLE_TYPES = new Set(['allocation', 'match-confirmation', 'transfer', 'disbursement', 'recovery', 'decommitment']);

/**
 * Whether to offer "reverse" on an entry: only to the role that posts that kind of entry, only
 * for a kind that can be reversed, never twice; to the person who posted it, offered disabled
 * with the four-eyes reason.
 */
export function reversalOffer(identity: Identity | null, p: ProjectView, entry: Entry, reversed: Set<string>): Offer | null {
  if (!identity || !REVERSIBLE_TYPES.has(entry.type) || reversed.has(entry.entryId)) return null;
  const role = entry.actor.role as Role;
  if (!hasRole(identity, role)) return null;
  if (role === 'zone-committee' && !isOwnZone(identity, p)) return null;
  if (entry.actor.sub === identity.sub) return { key: 'reverse', disabledReason: '双人复核：本条由您本人录入，须由另一位同岗人员冲正' };
  return { key: 'reverse' };
}

/** Four-eyes on a proposal: the approver must be another admin. */
export function approvalOffer(identity: Identity | null, proposedBy: string): { disabledReason?: string } | null {
  if (!hasRole(identity, 'admin')) return null;
  if (identity!.sub === proposedBy) return { disabledReason: '双人复核：同一人不能批准自己提出的申请，须由另一位管理员批准' };
  return {};
}

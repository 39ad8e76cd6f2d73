import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, funder, id, memo, positiveFen, reference } from '../../schema/fields';
import type { BusinessDate } from '../../dates';
import type { Fen } from '../../money';
import { addOnDate, moveBook } from '../books';
import { decideDisbursement } from '../deciders/money';
import type { Funder, ProjectState, Role } from '../types';
import type { EntryKind, EntryOf, ProjectFacts } from './kind';

export const disbursementSchema = lazySchema(() =>
  meta(
    z.strictObject({ funder: real(funder), amountFen: real(positiveFen), paidOn: real(businessDate), reference: real(reference), trancheId: z.optional(z.nullable(id(32))), memo: real(memo) }),
    { id: 'Disbursement', description: 'A payment to the owner; inside the zone the zone committee pays both shares' },
  ),
);

export interface DisbursementDetails {
  trancheId: string | null;
  /** Paid after the implementation period ended: late, not impossible. */
  afterPeriod: boolean;
  /** Format-1 province payments inside the zone passed through the zone the same day (upcast). */
  impliedTransfer?: boolean;
}
export type DisbursementEntry = EntryOf<'disbursement', DisbursementDetails>;
export interface DisbursementCommand {
  type: 'disbursement';
  funder: Funder;
  amountFen: Fen;
  paidOn: BusinessDate;
  reference: string;
  trancheId?: string | null;
  memo?: string | null;
}

/** Who pays the owner a funder's money: the zone's share, and everything inside the zone, the zone committee; outside the zone the finance officer. */
export function disbursementRoles(funder: Funder, project: ProjectFacts | null): readonly Role[] {
  if (!project) return ['zone-committee', 'finance-officer'];
  return project.insideZone || funder === 'zone' ? ['zone-committee'] : ['finance-officer'];
}

/** A payment to the owner (拨付): inside the zone the zone committee pays both shares. */
export const disbursement: EntryKind<'disbursement', DisbursementDetails, DisbursementCommand> = {
  type: 'disbursement',
  term: 'entry.disbursement',
  route: {
    path: '/projects/{projectId}/disbursements',
    summary: 'Pay the owner',
    description: 'Inside the zone: the zone committee, both shares (province share out of transferred money). Outside: the finance officer, province share.',
    tags: ['Ledger'],
    body: disbursementSchema,
    toCommand: (b: Omit<DisbursementCommand, 'type'>) => ({ type: 'disbursement', ...b }),
  },
  roles: ['zone-committee', 'finance-officer'],
  // Before the project is read, either may be the payer of a province share.
  rolesOn: (command, project) => disbursementRoles(command.funder, project),
  decide: (state, command, ctx) => decideDisbursement(state, command, ctx),
  evolve: (s, e) => {
    const funder = e.funder ?? 'province';
    const amount = e.amountFen ?? 0;
    const next: ProjectState = { ...s, [funder]: moveBook(s[funder], { disbursedFen: amount }) };
    if (!e.details.impliedTransfer) return next;
    return { ...next, province: moveBook(next.province, { transferredFen: amount }), transfers: addOnDate(next.transfers, e.valueDate, amount) };
  },
  sign: 1,
  reversible: true,
};

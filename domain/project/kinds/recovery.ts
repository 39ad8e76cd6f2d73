import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, funder, positiveFen, reference, text } from '../../schema/fields';
import type { BusinessDate } from '../../dates';
import type { Fen } from '../../money';
import { moveBook } from '../books';
import { decideRecovery } from '../deciders/money';
import type { Funder, Role } from '../types';
import type { EntryKind, EntryOf } from './kind';

export const recoverySchema = lazySchema(() =>
  meta(
    z.strictObject({ funder: real(funder), amountFen: real(positiveFen), valueDate: real(businessDate), reference: real(reference), reason: text(500) }),
    { id: 'Recovery', description: 'Money the owner returned (收回/缴回); the payment stays in the history' },
  ),
);

export interface RecoveryDetails {
  reason: string;
}
export type RecoveryEntry = EntryOf<'recovery', RecoveryDetails>;
export interface RecoveryCommand {
  type: 'recovery';
  funder: Funder;
  amountFen: Fen;
  valueDate: BusinessDate;
  reference: string;
  reason: string;
}

/** Money the owner really received and really returned (收回/缴回): the payment stays on record. */
/** Money returned by the owner is recorded by whoever paid it out: the province's by the finance officer, the zone's by the zone committee. */
export const recoveryRoles = (funder: Funder): readonly Role[] => [funder === 'province' ? 'finance-officer' : 'zone-committee'];

export const recovery: EntryKind<'recovery', RecoveryDetails, RecoveryCommand> = {
  type: 'recovery',
  term: 'entry.recovery',
  route: {
    path: '/projects/{projectId}/recoveries',
    summary: 'Record money the owner returned',
    description: 'Province by the finance officer, zone by the zone committee; at most paid − recovered.',
    tags: ['Ledger'],
    body: recoverySchema,
    toCommand: (b: Omit<RecoveryCommand, 'type'>) => ({ type: 'recovery', ...b }),
  },
  roles: ['finance-officer', 'zone-committee'],
  rolesOn: (command) => recoveryRoles(command.funder),
  decide: (state, command, ctx) => decideRecovery(state, command, ctx),
  evolve: (s, e) => {
    const funder = e.funder ?? 'province';
    return { ...s, [funder]: moveBook(s[funder], { recoveredFen: e.amountFen ?? 0 }) };
  },
  sign: -1,
  reversible: true,
};

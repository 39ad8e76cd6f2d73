import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, memo, positiveFen, reference } from '../../schema/fields';
import type { BusinessDate } from '../../dates';
import type { Fen } from '../../money';
import { addOnDate, moveBook } from '../books';
import { decideTransfer } from '../deciders/money';
import type { EntryKind, EntryOf } from './kind';

export const transferSchema = lazySchema(() =>
  meta(
    z.strictObject({ amountFen: real(positiveFen), valueDate: real(businessDate), reference: real(reference), memo: real(memo) }),
    { id: 'Transfer', description: 'Province money reaching the zone (资金下达) for an inside-zone project' },
  ),
);

export type TransferDetails = Record<string, never>;
export type TransferEntry = EntryOf<'transfer', TransferDetails>;
export interface TransferCommand {
  type: 'transfer';
  amountFen: Fen;
  valueDate: BusinessDate;
  reference: string;
  memo?: string | null;
}

/** Province money reaching the zone (划转) for an inside-zone project, before the zone pays it on. */
export const transfer: EntryKind<'transfer', TransferDetails, TransferCommand> = {
  type: 'transfer',
  term: 'entry.transfer',
  route: {
    path: '/projects/{projectId}/transfers',
    summary: 'Transfer province money to the zone',
    description: 'Finance officer. Inside-zone projects only; at most confirmed − transferred.',
    tags: ['Ledger'],
    body: transferSchema,
    toCommand: (b: Omit<TransferCommand, 'type'>) => ({ type: 'transfer', ...b }),
  },
  roles: ['finance-officer'],
  decide: (state, command, ctx) => decideTransfer(state, command, ctx),
  evolve: (s, e) => ({ ...s, province: moveBook(s.province, { transferredFen: e.amountFen ?? 0 }), transfers: addOnDate(s.transfers, e.valueDate, e.amountFen ?? 0) }),
  sign: 1,
  reversible: true,
};

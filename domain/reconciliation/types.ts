import type { BusinessDate } from '../dates';
import type { Fen } from '../money';

/**
 * A statement is what the bank or the treasury says was paid from an account (API.md, Statements
 * and reconciliation). Reconciling it never changes the ledger: matches are kept beside it.
 */

/** One row of a statement after its header (`lineNo` 1 is the first such row). Amounts are money out, > 0. */
export interface StatementLine {
  lineNo: number;
  date: BusinessDate;
  amountFen: Fen;
  payeeName: string;
  /** Empty in the file: null. */
  payeeCreditCode: string | null;
  voucherNo: string | null;
  memo: string | null;
}

/**
 * Whose account a statement covers: the province's (transfers to zones, payments of outside-zone
 * projects) or a zone's (payments of its projects). It is the uploader's scope too.
 */
export type Account = { kind: 'province' } | { kind: 'zone'; zoneId: string };
export const accountId = (a: Account): string => (a.kind === 'province' ? 'province' : `zone:${a.zoneId}`);

/** What the ledger says left that account: a transfer or a payment (disbursement), as matching needs it. */
export interface LedgerMovement {
  entryId: string;
  projectId: string;
  type: 'transfer' | 'disbursement';
  amountFen: Fen;
  valueDate: BusinessDate;
  reference: string | null;
  /** The project owner's credit code; payments only (a transfer goes to the zone, not the owner). */
  ownerCreditCode: string | null;
}

export type MatchHow = 'voucher' | 'payee-date' | 'manual';

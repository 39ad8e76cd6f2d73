import type { Fen } from '../money';
import type { Account, LedgerMovement, StatementLine } from './types';

/**
 * The keys a statement line looks its counterparts up by (API.md, Statements and reconciliation):
 * a line matches a transfer or a payment of the same amount whose `reference` is the line's 凭证号,
 * or a payment of the same amount to the line's payee (the owner's credit code) dated at most
 * three days apart. So an index by amount + reference and one by amount + credit code (sorted by
 * date) find every candidate with a lookup per line, however large the ledger: in memory here
 * (match.ts), and in DynamoDB as items written with each transfer and payment (docs/api.md).
 */

/** Days between a payment's value date and the line's date that still count as the same payment. */
export const PAYEE_DATE_WINDOW_DAYS = 3;

/** `#` separates key parts, so it and `%` are percent-encoded in parts from outside. */
const part = (text: string): string => text.replace(/[%#]/g, (c) => (c === '%' ? '%25' : '%23'));

/** A reference and a 凭证号 compare as written, trimmed and in NFC: 〔2026〕 and [2026] are different numbers. */
export const normaliseReference = (text: string | null): string | null => {
  const t = text?.normalize('NFC').trim() ?? '';
  return t === '' ? null : t;
};

export const voucherKey = (amountFen: Fen, reference: string): string => `${amountFen}#${part(reference)}`;
export const payeeKey = (amountFen: Fen, creditCode: string): string => `${amountFen}#${part(creditCode)}`;

/** The keys a ledger movement is found under (a payment's payee key with its value date as the sort key). */
export function movementKeys(m: LedgerMovement): { voucher: string | null; payee: string | null } {
  const reference = normaliseReference(m.reference);
  return {
    voucher: reference === null ? null : voucherKey(m.amountFen, reference),
    payee: m.type === 'disbursement' && m.ownerCreditCode ? payeeKey(m.amountFen, m.ownerCreditCode) : null,
  };
}

/** The keys a statement line looks up. */
export function lineKeys(line: StatementLine): { voucher: string | null; payee: string | null } {
  const voucherNo = normaliseReference(line.voucherNo);
  return {
    voucher: voucherNo === null ? null : voucherKey(line.amountFen, voucherNo),
    payee: line.payeeCreditCode ? payeeKey(line.amountFen, line.payeeCreditCode) : null,
  };
}

/**
 * The account money of a movement left: a transfer leaves the province's; a payment leaves the
 * zone's for a project inside the zone (the zone pays both shares) and the province's outside it.
 */
export function accountOfMovement(m: { type: LedgerMovement['type']; insideZone: boolean; zoneId: string }): Account {
  return m.type === 'disbursement' && m.insideZone ? { kind: 'zone', zoneId: m.zoneId } : { kind: 'province' };
}

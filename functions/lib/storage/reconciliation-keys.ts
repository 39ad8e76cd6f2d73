import { keyPart as k } from './keys';

/**
 * Keys of reconciliation's items (docs/api.md, Statements and reconciliation). None of them is a
 * ledger item: the ledger's entries and states live under PROJECT#, and reconciliation never
 * writes there. Every part from outside goes through keyPart(), so `#` only separates parts.
 *
 *   RECON#<account>#D#<YYYY-MM> / <valueDate>#<entryId>   a transfer or payment (the movement), with
 *                                                         its match (matchedBy) and reversal (reversedBy)
 *   RECON#<account>#V#<amountFen>#<reference> / <valueDate>#<entryId>   found by 凭证号
 *   RECON#<account>#P#<amountFen>#<creditCode> / <valueDate>#<entryId>  found by payee and date
 *   RECON#<account> / COVERAGE                            the last line date of any statement stored
 *   STATEMENT#<statementId> / META | LINE#<lineNo> | EVENT#<n> | ALERT#…
 *   STATEMENT-JOB#<statementId> / <requestedAt>           background work (the stream starts it)
 *
 * Sparse partitions of the attention index: RECON-OPEN#<account> (movements matched to nothing,
 * sorted by value date) and RECON-UNMATCHED#<account> (stored statement lines matched to nothing).
 */
const DIGITS = 10;
const num = (n: number) => String(n).padStart(DIGITS, '0');
const month = (date: string) => date.slice(0, 7);

export const STATEMENT_PREFIX = 'STATEMENT#';
export const LINE_PREFIX = 'LINE#';
export const EVENT_PREFIX = 'EVENT#';
export const STATEMENT_TYPE = 'TYPE#STATEMENT';

export const reconKeys = {
  movement: (account: string, valueDate: string, entryId: string) => ({ pk: `RECON#${k(account)}#D#${month(valueDate)}`, sk: `${valueDate}#${k(entryId)}` }),
  movementMonth: (account: string, yyyyMm: string) => `RECON#${k(account)}#D#${yyyyMm}`,
  /** `key` is domain/reconciliation/keys.ts's voucherKey(): amount and reference, already keyPart-encoded. */
  byVoucher: (account: string, key: string) => `RECON#${k(account)}#V#${key}`,
  byPayee: (account: string, key: string) => `RECON#${k(account)}#P#${key}`,
  lookupSk: (valueDate: string, entryId: string) => `${valueDate}#${k(entryId)}`,
  coverage: (account: string) => ({ pk: `RECON#${k(account)}`, sk: 'COVERAGE' }),
  statement: (statementId: string) => ({ pk: `${STATEMENT_PREFIX}${k(statementId)}`, sk: 'META' }),
  line: (statementId: string, lineNo: number) => ({ pk: `${STATEMENT_PREFIX}${k(statementId)}`, sk: `${LINE_PREFIX}${num(lineNo)}` }),
  event: (statementId: string, n: number) => ({ pk: `${STATEMENT_PREFIX}${k(statementId)}`, sk: `${EVENT_PREFIX}${num(n)}` }),
  lineAlert: (statementId: string, lineNo: number, raisedOn: string) => ({ pk: `${STATEMENT_PREFIX}${k(statementId)}`, sk: `ALERT#unrecorded-payment#${num(lineNo)}#${k(raisedOn)}` }),
  job: (statementId: string, requestedAt: string) => ({ pk: `STATEMENT-JOB#${k(statementId)}`, sk: k(requestedAt) }),
};

export const JOB_PK_PREFIX = 'STATEMENT-JOB#';

export const reconIndex = {
  open: (account: string) => `RECON-OPEN#${k(account)}`,
  openSk: (valueDate: string, entryId: string) => `${valueDate}#${k(entryId)}`,
  unmatched: (account: string) => `RECON-UNMATCHED#${k(account)}`,
  unmatchedSk: (date: string, statementId: string, lineNo: number) => `${date}#${k(statementId)}#${num(lineNo)}`,
  /** Statements listed newest first: all of them, and a zone's. */
  statementInList: (uploadedAt: string, statementId: string) => `${k(uploadedAt)}#${k(statementId)}`,
  statementInZone: (uploadedAt: string, statementId: string) => `STATEMENT#${k(uploadedAt)}#${k(statementId)}`,
  /** Upper bound of sort keys starting with a date on or before `date`. */
  upTo: (date: string) => `${date}#\uffff`,
};

export const lineNoOfSk = (sk: string): number => Number(sk.slice(LINE_PREFIX.length));

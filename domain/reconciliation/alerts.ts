import { compareDates, daysBetween, type BusinessDate } from '../dates';
import { addFen, type Fen } from '../money';
import type { Severity } from '../alerts/conditions';
import type { LedgerMovement, StatementLine } from './types';

/**
 * The reconciliation alerts (API.md, Statements and reconciliation), as conditions like
 * domain/alerts/conditions.ts: pure, as of a date, with a gap in fen and days overdue.
 *
 * - `unreconciled-payment`, per project: its transfers and payments dated on or before the last
 *   line date of a statement covering their account, still unmatched 30 days after their value
 *   date. A statement that ends before a payment says nothing about it yet.
 * - `unrecorded-payment`, per account: statement lines matched to nothing (money left the account,
 *   the ledger does not know), a line listed again in an overlapping statement counted once.
 */

export const UNRECONCILED_AFTER_DAYS = 30;
const CRITICAL_DAYS = 90;

export interface ReconciliationCondition {
  kind: 'unreconciled-payment' | 'unrecorded-payment';
  severity: Severity;
  gapFen: Fen;
  daysOverdue: number;
  /** The entries (unreconciled) or the statement lines (unrecorded) behind it. */
  items: string[];
}

/**
 * @param movements one project's transfers and payments, each with the account it left (accountId)
 * @param coveredThrough per account, the last line date of any statement covering it
 * @param matched entryIds matched to a statement line now
 */
export function unreconciledPayments(movements: readonly (LedgerMovement & { account: string })[], coveredThrough: ReadonlyMap<string, BusinessDate>, matched: ReadonlySet<string>, asOf: BusinessDate): ReconciliationCondition | null {
  let gapFen = 0;
  let daysOverdue = -1;
  const items: string[] = [];
  for (const m of movements) {
    const through = coveredThrough.get(m.account);
    if (through === undefined || compareDates(m.valueDate, through) > 0 || matched.has(m.entryId)) continue;
    const late = daysBetween(m.valueDate, asOf) - UNRECONCILED_AFTER_DAYS;
    if (late < 0) continue;
    gapFen = addFen(gapFen, m.amountFen);
    daysOverdue = Math.max(daysOverdue, late);
    items.push(m.entryId);
  }
  if (items.length === 0) return null;
  return { kind: 'unreconciled-payment', severity: daysOverdue > CRITICAL_DAYS ? 'critical' : 'warning', gapFen, daysOverdue, items };
}

/**
 * @param lines one account's statement lines with their state now: unmatched and not the
 *   duplicate of a line matched elsewhere count. Days overdue from the line's date.
 */
export function unrecordedPayments(lines: readonly { statementId: string; line: StatementLine; matched: boolean; duplicate: boolean }[], asOf: BusinessDate): ReconciliationCondition | null {
  let gapFen = 0;
  let daysOverdue = -1;
  const items: string[] = [];
  for (const { statementId, line, matched, duplicate } of lines) {
    if (matched || duplicate || compareDates(line.date, asOf) > 0) continue;
    gapFen = addFen(gapFen, line.amountFen);
    daysOverdue = Math.max(daysOverdue, daysBetween(line.date, asOf));
    items.push(`${statementId}#${line.lineNo}`);
  }
  if (items.length === 0) return null;
  return { kind: 'unrecorded-payment', severity: daysOverdue > CRITICAL_DAYS ? 'critical' : 'warning', gapFen, daysOverdue, items };
}

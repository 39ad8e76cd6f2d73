import { formatYuan } from '../../domain/money';
import { EFFECT_COLUMNS, type HistoryRow } from './history-rows';

const BOM = '\uFEFF';

/** RFC 4180 quoting; text that Excel would run as a formula is defused with a leading apostrophe. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const yuan = (fen: number | null) => (fen === null ? null : formatYuan(fen));

const HEADER = [
  'seq', 'entryId', 'type', 'funder', 'amountYuan', 'valueDate', 'recordedAt', 'actorSub', 'actorRole', 'reference', 'memo', 'refersTo', 'status', 'afterPeriod',
  ...EFFECT_COLUMNS.map(([funder, field]) => `${funder}.${field.replace(/Fen$/, '')}Yuan`),
  'ruleDigest', 'prevHash', 'hash',
];

/**
 * History as CSV for Excel: UTF-8 with BOM (so Chinese text opens correctly), CRLF rows, yuan with
 * two decimals. amountYuan is signed by the entry's effect, and one column per balance holds how
 * the entry moved it, so each such column sums to that balance.
 */
export function historyCsv(rows: readonly HistoryRow[]): string {
  const lines = rows.map(({ entry: e, signedAmountFen, effects }) => {
    // Amounts are written as numbers, not through cell(): a leading minus is an amount, not a formula.
    return [
      cell(e.seq), cell(e.entryId), cell(e.type), cell(e.funder), yuan(signedAmountFen) ?? '', cell(e.valueDate), cell(e.recordedAt),
      cell(e.actor.sub), cell(e.actor.role), cell(e.reference), cell(e.memo), cell(e.refersTo), cell(e.status),
      e.type === 'disbursement' ? String((e.details as { afterPeriod?: boolean }).afterPeriod ?? false) : '',
      ...effects.map((f) => (f === 0 ? '' : formatYuan(f))),
      cell(e.ruleDigest), cell(e.prevHash), cell(e.hash),
    ].join(',');
  });
  return BOM + [HEADER.join(','), ...lines].join('\r\n') + '\r\n';
}

import type { FunderNames } from '../../domain/glossary';
import { formatYuan } from '../../domain/money';
import { peopleColumns } from './export-words';
import { EFFECT_COLUMNS, type HistoryRow } from './history-rows';

const BOM = '\uFEFF';

/** RFC 4180 quoting; text that Excel would run as a formula is defused with a leading apostrophe. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Amounts are written as numbers with two decimals, not through cell(): a leading minus is an amount. */
const money = (v: string | number | null) => (v === null ? '' : Number(v).toFixed(2));

const file = (header: string[], lines: string[]) => BOM + [header.join(','), ...lines].join('\r\n') + '\r\n';

/**
 * The history for people (the default): UTF-8 with BOM, so Chinese opens correctly in Excel; the
 * console's words (entry types, funders as the program names them, roles, each entry's state now),
 * times in China time, 元 with two decimals signed by their effect, and one column per balance
 * that sums to it.
 */
export function historyCsv(rows: readonly HistoryRow[], funders: FunderNames): string {
  const columns = peopleColumns(funders);
  return file(columns.map((c) => cell(c.header)), rows.map((r) => columns.map((c) => (c.money ? money(c.value(r)) : cell(c.value(r)))).join(',')));
}

const MACHINE_HEADER = [
  'seq', 'entryId', 'type', 'funder', 'amountYuan', 'valueDate', 'recordedAt', 'actorSub', 'actorRole', 'reference', 'memo', 'refersTo', 'status', 'state', 'afterPeriod',
  ...EFFECT_COLUMNS.map(([funder, field]) => `${funder}.${field.replace(/Fen$/, '')}Yuan`),
  'ruleDigest', 'prevHash', 'hash',
];

/**
 * The same rows for programs (`?format=machine`): ids and codes as the API names them, ISO 8601
 * UTC times, every hash — what a script checking the chain or loading a warehouse reads.
 */
export function historyMachineCsv(rows: readonly HistoryRow[]): string {
  return file(MACHINE_HEADER, rows.map(({ entry: e, signedAmountFen, effects, state }) => [
    cell(e.seq), cell(e.entryId), cell(e.type), cell(e.funder), signedAmountFen === null ? '' : formatYuan(signedAmountFen), cell(e.valueDate), cell(e.recordedAt),
    cell(e.actor.sub), cell(e.actor.role), cell(e.reference), cell(e.memo), cell(e.refersTo), cell(e.status), cell(state),
    e.type === 'disbursement' ? String(e.details.afterPeriod ?? false) : '',
    ...effects.map((f) => (f === 0 ? '' : formatYuan(f))),
    cell(e.ruleDigest), cell(e.prevHash), cell(e.hash),
  ].join(',')));
}

import { formatYuan } from '../../domain/money';
import type { Entry } from '../../domain/project/types';

const BOM = '\uFEFF';

/** RFC 4180 quoting; text that Excel would run as a formula is defused with a leading apostrophe. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const HEADER = ['seq', 'entryId', 'type', 'funder', 'amountYuan', 'valueDate', 'recordedAt', 'actorSub', 'actorRole', 'reference', 'memo', 'refersTo', 'status', 'ruleDigest', 'prevHash', 'hash'];

/** History as CSV for Excel: UTF-8 with BOM (so Chinese text opens correctly), CRLF rows, yuan with two decimals. */
export function historyCsv(entries: readonly Entry[]): string {
  const rows = entries.map((e) =>
    [
      e.seq, e.entryId, e.type, e.funder, e.amountFen === null ? null : formatYuan(e.amountFen), e.valueDate, e.recordedAt,
      e.actor.sub, e.actor.role, e.reference, e.memo, e.refersTo, e.status, e.ruleDigest, e.prevHash, e.hash,
    ].map(cell).join(','),
  );
  return BOM + [HEADER.join(','), ...rows].join('\r\n') + '\r\n';
}

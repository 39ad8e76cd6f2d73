/**
 * A statement's columns (API.md, Statements and reconciliation): the header row names them, in any
 * order; other columns are ignored. `aliases` are the same names with half-width brackets, as a
 * bank's export or a hand-typed header often has them.
 */
export const STATEMENT_COLUMNS = [
  { key: 'date', header: '交易日期', aliases: [], width: 14 },
  { key: 'amount', header: '金额（元）', aliases: ['金额(元)'], width: 18 },
  { key: 'payeeName', header: '收款人名称', aliases: [], width: 32 },
  { key: 'payeeCreditCode', header: '收款人统一社会信用代码', aliases: [], width: 24 },
  { key: 'voucherNo', header: '凭证号', aliases: [], width: 24 },
  { key: 'memo', header: '摘要', aliases: [], width: 40 },
] as const;
export type StatementColumn = (typeof STATEMENT_COLUMNS)[number]['key'];

/** Bounds of one statement: the scale the issue names (10,000 lines) with room, and no cell a page long. */
export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;
export const MAX_STATEMENT_LINES = 50_000;
export const MAX_CELL_CHARS: Record<StatementColumn, number> = { date: 20, amount: 30, payeeName: 200, payeeCreditCode: 18, voucherNo: 100, memo: 500 };
/** Columns a row may have in all (the six and some the bank adds). */
export const MAX_COLUMNS = 64;

export interface RowError {
  /** Numbered as lineNo: 1 is the first row after the header (row 2 in Excel); 0 is the file or its header. */
  row: number;
  /** The column's header as the template names it, or "文件" / "表头". */
  field: string;
  message: string;
}

/** Where each column is, by its position in a row, or the header's problem. */
export function locateColumns(header: readonly string[]): { ok: true; index: Record<StatementColumn, number> } | { ok: false; errors: RowError[] } {
  const names = header.map((h) => h.replace(/^\uFEFF/, '').trim());
  const index: Partial<Record<StatementColumn, number>> = {};
  const errors: RowError[] = [];
  for (const column of STATEMENT_COLUMNS) {
    const at = names.flatMap((name, i) => (name === column.header || (column.aliases as readonly string[]).includes(name) ? [i] : []));
    if (at.length === 0) errors.push({ row: 0, field: '表头', message: `缺少“${column.header}”列：第一行须为表头 ${STATEMENT_COLUMNS.map((c) => c.header).join('、')}（请使用对账单模板）` });
    else if (at.length > 1) errors.push({ row: 0, field: '表头', message: `“${column.header}”列出现了 ${at.length} 次` });
    else index[column.key] = at[0]!;
  }
  return errors.length ? { ok: false, errors } : { ok: true, index: index as Record<StatementColumn, number> };
}

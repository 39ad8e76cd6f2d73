import { createHash } from 'node:crypto';
import type { StatementLine } from '../../../domain/reconciliation/types';
import { readZipDirectory, type ZipLimits } from '../evidence/zip-directory';
import { cellText, newWorkbook, readWorkbook, table, toBuffer } from '../excel/workbook';
import { MAX_COLUMNS, MAX_STATEMENT_BYTES, MAX_STATEMENT_LINES, STATEMENT_COLUMNS, locateColumns, type RowError, type StatementColumn } from './columns';
import { csvRecords, decodeCsv } from './csv-text';
import { isBlankRow, looksLikeMojibake, readLine, type Cell } from './rows';

/**
 * A bank or treasury statement (CSV or XLSX) as lines, or every row's errors: all or nothing, so a
 * statement with one bad row is refused whole (400) and nothing is stored. `statementId` is the
 * SHA-256 of the file's bytes either way: the same file again is the same statement.
 */
export type ReadStatement =
  | { ok: true; statementId: string; format: 'csv' | 'xlsx'; encoding: 'utf-8' | 'gbk' | null; lines: StatementLine[] }
  | { ok: false; statementId: string; errors: RowError[] };

export const STATEMENT_SHEET = '对账单';
export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * exceljs inflates the whole workbook: its ZIP directory is checked first (like an OFD's), so a
 * workbook that would inflate past a few hundred MiB is refused before it is opened. Sheet XML of
 * repetitive rows compresses well, hence a higher ratio than for an OFD.
 */
export const XLSX_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxDirectoryBytes: 1024 * 1024,
  maxEntryUncompressedBytes: 200 * 1024 * 1024,
  maxTotalUncompressedBytes: 300 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export const statementIdOf = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;

function linesOf(rows: Iterable<{ lineNo: number; cells: Cell[] }>, index: Record<StatementColumn, number>): { lines: StatementLine[]; errors: RowError[] } {
  const lines: StatementLine[] = [];
  const errors: RowError[] = [];
  for (const { lineNo, cells } of rows) {
    if (isBlankRow(cells)) continue;
    const byColumn = Object.fromEntries(STATEMENT_COLUMNS.map((c) => [c.key, cells[index[c.key]] ?? null])) as Record<StatementColumn, Cell>;
    const read = readLine(byColumn, lineNo);
    if (read.line) lines.push(read.line);
    errors.push(...read.errors);
  }
  if (lines.length === 0 && errors.length === 0) errors.push({ row: 0, field: '文件', message: '对账单没有数据行' });
  return { lines, errors };
}

function readCsv(bytes: Buffer): { lines: StatementLine[]; errors: RowError[]; encoding: 'utf-8' | 'gbk' | null } {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { lines: [], errors: decoded.errors, encoding: null };
  const parsed = csvRecords(decoded.text, MAX_STATEMENT_LINES, MAX_COLUMNS);
  if (!parsed.ok) return { lines: [], errors: parsed.errors, encoding: decoded.encoding };
  const [head = [], ...rest] = parsed.records;
  const columns = locateColumns(head);
  // A header that is UTF-8 read as Latin-1 somewhere: the whole file is mojibake, and says so.
  if (!columns.ok && looksLikeMojibake(head.join(''))) return { lines: [], errors: [{ row: 0, field: '表头', message: '表头是乱码（UTF-8 文字被按其他编码读过，整个文件都已损坏）：请重新导出原始文件，或使用对账单模板' }], encoding: decoded.encoding };
  if (!columns.ok) return { lines: [], errors: columns.errors, encoding: decoded.encoding };
  return { ...linesOf(rest.map((cells, i) => ({ lineNo: i + 1, cells })), columns.index), encoding: decoded.encoding };
}

async function readXlsx(bytes: Buffer): Promise<{ lines: StatementLine[]; errors: RowError[] }> {
  const fail = (message: string) => ({ lines: [], errors: [{ row: 0, field: '文件', message }] });
  const directory = readZipDirectory(bytes, bytes.length, XLSX_ZIP_LIMITS);
  if (!directory.ok) return fail(`文件不是可接受的 Excel 工作簿（.xlsx）：${directory.reason}`);
  let wb;
  try {
    wb = await readWorkbook(bytes);
  } catch {
    return fail('文件不是有效的 Excel 工作簿（.xlsx）');
  }
  const ws = wb.getWorksheet(STATEMENT_SHEET) ?? wb.worksheets[0];
  if (!ws) return fail('工作簿中没有工作表');
  if (ws.rowCount > MAX_STATEMENT_LINES + 1) return fail(`对账单超过 ${MAX_STATEMENT_LINES} 行：请分成几个文件上传`);
  if (ws.columnCount > MAX_COLUMNS) return fail(`工作表超过 ${MAX_COLUMNS} 列`);
  const width = ws.columnCount;
  const rowCells = (n: number): Cell[] => {
    const row = ws.getRow(n);
    return Array.from({ length: width }, (_, i) => {
      const value = row.getCell(i + 1).value as unknown;
      if (value === null || value === undefined) return null;
      if (value instanceof Date || typeof value === 'number') return value;
      // A formula's result counts as its value; rich text and hyperlinks as their text.
      const result = (value as { result?: unknown }).result;
      if (result instanceof Date || typeof result === 'number') return result;
      return cellText(value);
    });
  };
  const columns = locateColumns(rowCells(1).map((c) => (c === null ? '' : String(c))));
  if (!columns.ok) return { lines: [], errors: columns.errors };
  const rows = function* () {
    for (let n = 2; n <= ws.rowCount; n++) yield { lineNo: n - 1, cells: rowCells(n) };
  };
  return linesOf(rows(), columns.index);
}

export async function readStatement(bytes: Buffer): Promise<ReadStatement> {
  const statementId = statementIdOf(bytes);
  if (bytes.length > MAX_STATEMENT_BYTES) return { ok: false, statementId, errors: [{ row: 0, field: '文件', message: `文件超过 ${MAX_STATEMENT_BYTES / 1024 / 1024} MiB` }] };
  const format = isZip(bytes) ? 'xlsx' : 'csv';
  const read = format === 'xlsx' ? { ...(await readXlsx(bytes)), encoding: null } : readCsv(bytes);
  if (read.errors.length) return { ok: false, statementId, errors: read.errors };
  return { ok: true, statementId, format, encoding: read.encoding, lines: read.lines };
}

/** The downloadable template (对账单模板.xlsx): the header, text columns where Excel would lose digits, and notes. */
export async function statementTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = table(wb, STATEMENT_SHEET, STATEMENT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })));
  // Credit codes and voucher numbers are text: as numbers Excel would drop leading zeros and digits past 15.
  for (const key of ['payeeCreditCode', 'voucherNo', 'payeeName', 'memo'] as const) ws.getColumn(key).numFmt = '@';
  ws.getColumn('date').numFmt = 'yyyy-mm-dd';
  ws.getColumn('amount').numFmt = '#,##0.00';
  const notes = wb.addWorksheet('说明');
  notes.columns = [{ width: 100 }];
  for (const line of [
    '填写说明',
    `1. 每笔付出的款项占“${STATEMENT_SHEET}”表一行；第一行为表头，请勿修改。也可上传同样表头的 CSV 文件（UTF-8 编码）。`,
    '2. 交易日期：YYYY-MM-DD（也可为 YYYY/MM/DD）；金额（元）：大于 0，最多两位小数。',
    '3. 收款人统一社会信用代码：18 位；不知道时留空。凭证号：银行回单或国库支付凭证上的编号，与账上的文号一致时自动对账。',
    '4. 对账只核对、不改动账目：先试算查看结果，确认后再保存。',
  ]) notes.addRow([line]);
  return toBuffer(wb);
}

export const STATEMENT_COLUMN_HEADERS = STATEMENT_COLUMNS.map((c) => c.header);

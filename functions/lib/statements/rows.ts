import { isValidCreditCode } from '../../../domain/credit-code';
import { isBusinessDate } from '../../../domain/dates';
import { parseYuan } from '../../../domain/money';
import type { StatementLine } from '../../../domain/reconciliation/types';
import { MAX_CELL_CHARS, STATEMENT_COLUMNS, type RowError, type StatementColumn } from './columns';

/**
 * One statement row as a line, or its errors in Chinese (field = the column's header). The cell
 * values are what the reader found: text from a CSV; text, numbers or dates from a workbook.
 */
export type Cell = string | number | Date | null;

const header = (key: StatementColumn) => STATEMENT_COLUMNS.find((c) => c.key === key)!.header;

/** 2026-03-05, 2026/3/5, 2026.03.05, 20260305, with a time of day after it or not: as YYYY-MM-DD. */
export function normaliseDate(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isBusinessDate(date) ? date : null;
}

/**
 * Text that was UTF-8 read as Latin-1 or Windows-1252 somewhere on its way ("å·¥å•†é“¶è¡Œ" for
 * 工商银行): its characters, taken back as bytes, are UTF-8 for Chinese text.
 */
const CP1252: Record<string, number> = { '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f };
export function looksLikeMojibake(text: string): boolean {
  if (!/[\u0080-\u00ff]/.test(text)) return false;
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code <= 0xff) bytes.push(code);
    else if (CP1252[ch] !== undefined) bytes.push(CP1252[ch]!);
    else return false;
  }
  try {
    return /\p{Script=Han}/u.test(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes)));
  } catch {
    return false;
  }
}

const BAD_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

function text(cells: Record<StatementColumn, Cell>, key: StatementColumn, errors: RowError[], row: number): string {
  const raw = cells[key];
  const value = raw === null ? '' : raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim();
  const field = header(key);
  if (value.length > MAX_CELL_CHARS[key]) errors.push({ row, field, message: `过长：最多 ${MAX_CELL_CHARS[key]} 个字符` });
  else if (BAD_TEXT.test(value)) errors.push({ row, field, message: '含有乱码（�）或控制字符：文件的编码可能已在转换中损坏，请重新导出' });
  else if (looksLikeMojibake(value)) errors.push({ row, field, message: `“${value.slice(0, 20)}”是乱码（UTF-8 文字被按其他编码读过）：请重新导出原始文件` });
  return value;
}

export function readLine(cells: Record<StatementColumn, Cell>, lineNo: number): { line: StatementLine | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const row = lineNo;

  const dateText = text(cells, 'date', errors, row);
  const date = cells.date instanceof Date ? (Number.isNaN(cells.date.getTime()) ? null : normaliseDate(cells.date.toISOString().slice(0, 10))) : normaliseDate(dateText);
  if (date === null) errors.push({ row, field: header('date'), message: `日期“${dateText}”无效：请填写 YYYY-MM-DD（也可为 YYYY/MM/DD）的真实日期` });

  const amountText = text(cells, 'amount', errors, row);
  // Grouping commas and a currency sign are how banks print amounts; never a float: parseYuan is string arithmetic.
  const amountFen = parseYuan(amountText.replace(/^[¥￥]\s*/, '').replace(/,/g, ''));
  if (amountFen === null) errors.push({ row, field: header('amount'), message: `金额“${amountText}”无效：请填写以元为单位、最多两位小数的数字` });
  else if (amountFen <= 0) errors.push({ row, field: header('amount'), message: `金额“${amountText}”须大于 0（对账单列出的是付出的款项）` });

  const payeeName = text(cells, 'payeeName', errors, row);
  if (payeeName === '') errors.push({ row, field: header('payeeName'), message: '不能为空' });

  const codeText = text(cells, 'payeeCreditCode', errors, row).toUpperCase();
  if (typeof cells.payeeCreditCode === 'number') errors.push({ row, field: header('payeeCreditCode'), message: '被存成了数字：请将该列设为文本格式后重新填写' });
  else if (codeText !== '' && !isValidCreditCode(codeText)) errors.push({ row, field: header('payeeCreditCode'), message: `“${codeText}”不是有效的统一社会信用代码（18 位，校验位须正确）；不知道时请留空` });

  const voucherText = text(cells, 'voucherNo', errors, row);
  // A long voucher number typed into a number cell has already lost digits in Excel (1.23E+17).
  if (typeof cells.voucherNo === 'number' && !(Number.isSafeInteger(cells.voucherNo) && cells.voucherNo < 1e15)) {
    errors.push({ row, field: header('voucherNo'), message: `“${voucherText}”被 Excel 存成了数字，已丢失位数：请将该列设为文本格式后重新填写` });
  }
  const memo = text(cells, 'memo', errors, row);

  if (errors.length || date === null || amountFen === null) return { line: null, errors };
  return {
    line: { lineNo, date, amountFen, payeeName, payeeCreditCode: codeText || null, voucherNo: voucherText || null, memo: memo || null },
    errors: [],
  };
}

export const isBlankRow = (cells: readonly Cell[]): boolean => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

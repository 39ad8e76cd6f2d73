import { STATEMENT_COLUMNS, type RowError } from './columns';

/**
 * A CSV statement's bytes as text. UTF-8 with or without BOM is read as it is. Bytes that are not
 * UTF-8 but decode as GBK (GB 18030's two-byte subset: what a Chinese bank's "导出 CSV" and Excel
 * on Chinese Windows write) are read as GBK, provided the header then reads as the template's:
 * that is the check that the guess is right, so a file is never stored as mojibake. UTF-16 (Excel's
 * "Unicode text") and anything else are refused with what to do.
 */
export type DecodedText = { ok: true; text: string; encoding: 'utf-8' | 'gbk' } | { ok: false; errors: RowError[] };

const fileError = (message: string): DecodedText => ({ ok: false, errors: [{ row: 0, field: '文件', message }] });
const HEADERS = STATEMENT_COLUMNS.map((c) => c.header);
const SAVE_AS_UTF8 = '请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”，或使用对账单模板（.xlsx）';

const firstLine = (text: string) => text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
const headerLooksRight = (text: string) => HEADERS.every((h) => firstLine(text).includes(h) || (h === '金额（元）' && firstLine(text).includes('金额(元)')));

export function decodeCsv(bytes: Buffer): DecodedText {
  if (bytes.length === 0) return fileError('文件为空');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return fileError(`文件是 UTF-16 编码，无法读取：${SAVE_AS_UTF8}`);
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    utf8 = null;
  }
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  let gbk: string | null = null;
  try {
    gbk = new TextDecoder('gbk', { fatal: true }).decode(bytes);
  } catch {
    gbk = null;
  }
  if (gbk !== null && headerLooksRight(gbk)) return { ok: true, text: gbk, encoding: 'gbk' };
  return fileError(`文件既不是 UTF-8 编码，也无法按 GBK 编码读出对账单表头，为避免乱码未予读取：${SAVE_AS_UTF8}`);
}

/**
 * RFC 4180 records: fields separated by commas, quoted fields may hold commas, quotes ("") and
 * line breaks; CRLF or LF. Stops with an error past `maxRecords` or `maxFields`, or on a quote
 * left open, so a hostile file costs at most one pass.
 */
export function csvRecords(text: string, maxRecords: number, maxFields: number): { ok: true; records: string[][] } | { ok: false; errors: RowError[] } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    records.push(record);
    record = [];
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
      if (record.length >= maxFields) return { ok: false, errors: [{ row: Math.max(0, records.length), field: '文件', message: `一行超过 ${maxFields} 列` }] };
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      if (records.length > maxRecords + 1) return { ok: false, errors: [{ row: 0, field: '文件', message: `对账单超过 ${maxRecords} 行：请分成几个文件上传` }] };
    } else field += c;
  }
  if (quoted) return { ok: false, errors: [{ row: records.length, field: '文件', message: '引号未闭合：某个以 " 开头的单元格没有结束的 "' }] };
  if (field !== '' || record.length > 0) endRecord();
  return { ok: true, records };
}

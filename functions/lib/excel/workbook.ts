import type { Workbook, Worksheet } from 'exceljs';

/**
 * The one module that touches exceljs (pinned in package.json; never the npm `xlsx` package, which
 * carries unfixed CVEs there). It is loaded on first use: only the Excel routes pay for it.
 */
let loaded: Promise<typeof import('exceljs')> | undefined;
const exceljs = () => (loaded ??= import('exceljs').then((m) => ((m as { default?: typeof import('exceljs') }).default ?? m)));

export async function newWorkbook(): Promise<Workbook> {
  const { Workbook } = await exceljs();
  const wb = new Workbook();
  wb.creator = 'FundLedger';
  return wb;
}

export async function toBuffer(wb: Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readWorkbook(bytes: Buffer): Promise<Workbook> {
  const wb = await newWorkbook();
  // exceljs reads the zip from a Buffer-like; a malformed file throws and is the caller's 400.
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export interface Column {
  header: string;
  key: string;
  width: number;
  /** Excel number format, e.g. '#,##0.00' for money. */
  numFmt?: string;
}

/** A sheet with a bold, frozen header row (the header stays visible while scrolling). */
export function table(wb: Workbook, name: string, columns: readonly Column[]): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  return ws;
}

/** A cell's content as text: numbers in their shortest round-trip form, dates as YYYY-MM-DD, rich text joined. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // Excel stores dates as serial days; exceljs hands them over at UTC midnight.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text.trim();
  }
  return String(value).trim();
}

export type { Workbook, Worksheet };

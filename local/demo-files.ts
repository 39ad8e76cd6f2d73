/**
 * The files the demo attaches and uploads: a bank receipt (回单) as a small, valid PDF that a
 * browser opens, and a zone's bank statement as the template's CSV. Plain text in the PDF (its
 * standard font has no Chinese glyphs); the statement is UTF-8 with the template's header.
 */
import { formatYuan } from '../domain/money';

/** A one-page PDF showing `lines` (ASCII), with a correct cross-reference table. */
export function receiptPdf(lines: readonly string[]): Buffer {
  for (const line of lines) if (!/^[\x20-\x7e]*$/.test(line)) throw new Error(`receiptPdf: ASCII only, got ${JSON.stringify(line)}`);
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${780 - i * 22} Td (${escape(l)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export const STATEMENT_HEADER = '交易日期,金额（元）,收款人名称,收款人统一社会信用代码,凭证号,摘要';

export interface StatementRow {
  date: string;
  amountFen: number;
  payeeName: string;
  payeeCreditCode: string;
  voucherNo: string;
  memo: string;
}

/** The template's CSV (CRLF, as banks export it). */
export function statementCsv(rows: readonly StatementRow[]): Buffer {
  const body = rows.map((r) => [r.date, formatYuan(r.amountFen), r.payeeName, r.payeeCreditCode, r.voucherNo, r.memo].join(','));
  return Buffer.from([STATEMENT_HEADER, ...body].join('\r\n') + '\r\n', 'utf8');
}

/**
 * The files the demo uploads (local/demo-files.ts): a receipt that is a well-formed PDF (every
 * object where the cross-reference table says), and a statement the server reads as the lines it
 * was made from, amounts exact.
 */
import { readStatement } from '../../functions/lib/statements/read-statement';
import { receiptPdf, statementCsv } from '../../local/demo-files';

describe('receiptPdf', () => {
  it('is a PDF whose cross-reference table points at each of its objects', () => {
    const pdf = receiptPdf(['DEMO BANK RECEIPT', 'Amount: CNY 4000000.00 (demo)']).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.endsWith('%%EOF\n')).toBe(true);
    const xref = Number(/startxref\n(\d+)\n/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 5)).toBe('xref\n');
    const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, i) => expect(pdf.slice(offset, offset + 8)).toBe(`${i + 1} 0 obj\n`));
    // Parentheses in the text are escaped, so the content stream stays one string per line.
    expect(pdf).toContain('(Amount: CNY 4000000.00 \\(demo\\)) Tj');
  });

  it('refuses text its standard font cannot show', () => {
    expect(() => receiptPdf(['回单'])).toThrow('ASCII only');
  });
});

describe('statementCsv', () => {
  it('is read by the server as the lines it was made from', async () => {
    const file = statementCsv([
      { date: '2026-09-28', amountFen: 400_000_001, payeeName: '南京启衡生物科技有限公司', payeeCreditCode: '91320100MA1P00101J', voucherNo: '拨付-BA2023-0101-P1', memo: '省级资助资金拨付' },
      { date: '2026-10-08', amountFen: 5, payeeName: '南京启衡生物科技有限公司', payeeCreditCode: '91320100MA1P00101J', voucherNo: '拨付-BA2023-0101-Z1', memo: '高新区配套资金拨付' },
    ]);
    const read = await readStatement(file);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.encoding).toBe('utf-8');
    expect(read.lines.map((l) => [l.lineNo, l.date, l.amountFen, l.voucherNo])).toEqual([
      [1, '2026-09-28', 400_000_001, '拨付-BA2023-0101-P1'],
      [2, '2026-10-08', 5, '拨付-BA2023-0101-Z1'],
    ]);
  });
});

import { createHash } from 'node:crypto';
import { readStatement, statementTemplate, STATEMENT_SHEET, XLSX_ZIP_LIMITS } from '../../functions/lib/statements/read-statement';
import { normaliseDate, looksLikeMojibake } from '../../functions/lib/statements/rows';
import { newWorkbook, toBuffer, readWorkbook, cellText } from '../../functions/lib/excel/workbook';
import { randomCreditCode } from '../support/credit-code';
import { encodeGbk } from '../support/gbk';
import { buildZip } from '../support/zip';

const HEADER = '交易日期,金额（元）,收款人名称,收款人统一社会信用代码,凭证号,摘要';
const OWNER = randomCreditCode();
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';
const ok = async (bytes: Buffer) => {
  const r = await readStatement(bytes);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.errors)}`);
  return r;
};
const refused = async (bytes: Buffer) => {
  const r = await readStatement(bytes);
  if (r.ok) throw new Error('accepted');
  return r.errors;
};

describe('CSV statements', () => {
  const rows = [
    `2026-03-05,"2,400,000.00",南京示例生物科技有限公司,${OWNER},宁高管拨〔2026〕7号,"拨付省级资金,第一批"`,
    '2026/3/6,1234.5,苏州某某科技有限公司,,,',
  ];

  it('reads UTF-8 with and without BOM alike: amounts in fen by string arithmetic, dates normalised, empty cells null', async () => {
    const plain = await ok(Buffer.from(csv(...rows)));
    const bom = await ok(Buffer.from(`\uFEFF${csv(...rows)}`));
    expect(bom.lines).toEqual(plain.lines);
    expect(plain).toMatchObject({ format: 'csv', encoding: 'utf-8' });
    expect(plain.lines).toEqual([
      { lineNo: 1, date: '2026-03-05', amountFen: 240000000, payeeName: '南京示例生物科技有限公司', payeeCreditCode: OWNER, voucherNo: '宁高管拨〔2026〕7号', memo: '拨付省级资金,第一批' },
      { lineNo: 2, date: '2026-03-06', amountFen: 123450, payeeName: '苏州某某科技有限公司', payeeCreditCode: null, voucherNo: null, memo: null },
    ]);
  });

  it('statementId is the SHA-256 of the file: the same bytes, the same id; a BOM makes another file', async () => {
    const bytes = Buffer.from(csv(...rows));
    expect((await ok(bytes)).statementId).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await ok(Buffer.from(csv(...rows)))).statementId).toBe((await ok(bytes)).statementId);
    expect((await ok(Buffer.from(`\uFEFF${csv(...rows)}`))).statementId).not.toBe((await ok(bytes)).statementId);
  });

  it('reads a GBK CSV from a Chinese bank correctly (never as mojibake)', async () => {
    const text = csv(...rows);
    const gbk = encodeGbk(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const read = await ok(gbk);
    expect(read.encoding).toBe('gbk');
    expect(read.lines).toEqual((await ok(Buffer.from(text))).lines);
  });

  it('refuses bytes that are neither UTF-8 nor a GBK statement, with what to do', async () => {
    const latin1 = Buffer.from(`${HEADER}\r\n2026-03-05,1.00,Caf\xe9 GmbH,,,\r\n`.replace(/[^\x00-\xff]/g, '?'), 'latin1');
    expect(await refused(latin1)).toEqual([{ row: 0, field: '文件', message: expect.stringContaining('CSV UTF-8') }]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(...rows), 'utf16le')]);
    expect(await refused(utf16)).toEqual([{ row: 0, field: '文件', message: expect.stringContaining('UTF-16') }]);
  });

  it('mojibake is refused, never stored: a GBK file saved again as UTF-8 loses its header; UTF-8 read as Latin-1 is caught per cell', async () => {
    // GBK bytes decoded as if UTF-8 with replacement characters, then saved: the header is gone.
    const garbled = Buffer.from(new TextDecoder('utf-8').decode(encodeGbk(csv(...rows))));
    expect((await refused(garbled)).every((e) => e.row === 0 && e.field === '表头')).toBe(true);
    // UTF-8 read as Windows-1252 somewhere and saved again (å·¥å•†é“¶è¡Œ for 工商银行), header intact.
    const mangled = Buffer.from('工商银行南京分行', 'utf8').toString('latin1');
    const errors = await refused(Buffer.from(csv(`2026-03-05,1.00,${mangled},,,`)));
    expect(errors).toEqual([{ row: 1, field: '收款人名称', message: expect.stringContaining('乱码') }]);
    expect(await refused(Buffer.from(csv('2026-03-05,1.00,南京\uFFFD科技,,,')))).toEqual([{ row: 1, field: '收款人名称', message: expect.stringContaining('乱码') }]);
    expect(looksLikeMojibake('Café Müller GmbH')).toBe(false);
  });

  it('every bad row is reported in Chinese with its row and column, and nothing is read', async () => {
    const errors = await refused(Buffer.from(csv(
      '2026-02-30,1.00,甲,,,',
      '2026-03-05,1.005,乙,,,',
      '2026-03-05,0,丙,,,',
      '2026-03-05,-5.00,丁,,,',
      '2026-03-05,1e3,戊,,,',
      '2026-03-05,1.00,,,,',
      '2026-03-05,1.00,己,91320100MA1234567X,,',
      `2026-03-05,1.00,${'名'.repeat(201)},,,`,
      '2026-03-05,1.00,庚,,,含有\u0007控制字符',
    )));
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [1, '交易日期'], [2, '金额（元）'], [3, '金额（元）'], [4, '金额（元）'], [5, '金额（元）'],
      [6, '收款人名称'], [7, '收款人统一社会信用代码'], [8, '收款人名称'], [9, '摘要'],
    ]);
    for (const e of errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a header without the six columns, a repeated column, an unclosed quote, no rows: one clear error each', async () => {
    expect(await refused(Buffer.from('日期,金额,收款人\r\n2026-03-05,1.00,甲\r\n'))).toEqual(expect.arrayContaining([{ row: 0, field: '表头', message: expect.stringContaining('交易日期') }]));
    expect(await refused(Buffer.from(`${HEADER},凭证号\r\n`))).toEqual([{ row: 0, field: '表头', message: '“凭证号”列出现了 2 次' }]);
    expect(await refused(Buffer.from(csv('2026-03-05,1.00,"甲,,,')))).toEqual([{ row: 1, field: '文件', message: expect.stringContaining('引号未闭合') }]);
    expect(await refused(Buffer.from(csv()))).toEqual([{ row: 0, field: '文件', message: '对账单没有数据行' }]);
    expect(await refused(Buffer.alloc(0))).toEqual([{ row: 0, field: '文件', message: '文件为空' }]);
  });

  it('columns in another order, extra columns, half-width brackets, blank rows (still counted) and quoted line breaks are read', async () => {
    const text = ['摘要,凭证号,备注,金额(元),收款人名称,交易日期,收款人统一社会信用代码', '"两行\n摘要",V-1,x,10.00,甲,20260305,', ',,,,,,', ',V-2,,20.00,乙,2026.3.7,'].join('\n');
    expect((await ok(Buffer.from(text))).lines).toEqual([
      { lineNo: 1, date: '2026-03-05', amountFen: 1000, payeeName: '甲', payeeCreditCode: null, voucherNo: 'V-1', memo: '两行\n摘要' },
      { lineNo: 3, date: '2026-03-07', amountFen: 2000, payeeName: '乙', payeeCreditCode: null, voucherNo: 'V-2', memo: null },
    ]);
  });

  it('duplicate lines are both kept (two equal payments can happen; matching decides)', async () => {
    const line = `2026-03-05,100.00,甲,${OWNER},V-9,`;
    expect((await ok(Buffer.from(csv(line, line)))).lines.map((l) => l.lineNo)).toEqual([1, 2]);
  });

  it('is bounded: more than 50,000 rows is refused without reading them all', async () => {
    const big = HEADER + '\n' + '2026-03-05,1.00,甲,,,\n'.repeat(50_002);
    expect(await refused(Buffer.from(big))).toEqual([{ row: 0, field: '文件', message: expect.stringContaining('50000') }]);
  });

  it('normalises dates', () => {
    expect(['2026-03-05', '2026/3/5', '2026.03.05', '20260305', '2026-03-05 14:23:11', '2026/03/05T00:00'].map(normaliseDate)).toEqual(Array(6).fill('2026-03-05'));
    expect(['2026-13-01', '2026-02-29', '05/03/2026', '2026-3', '', '1890-01-01'].map(normaliseDate)).toEqual(Array(6).fill(null));
  });
});

describe('XLSX statements', () => {
  async function workbook(rows: unknown[][], sheet = STATEMENT_SHEET): Promise<Buffer> {
    const wb = await newWorkbook();
    const ws = wb.addWorksheet(sheet);
    ws.addRow(HEADER.split(','));
    for (const row of rows) ws.addRow(row);
    return toBuffer(wb);
  }

  it('reads text, number and date cells: Excel dates normalised, numbers by their shortest decimal form', async () => {
    const read = await ok(await workbook([
      [new Date(Date.UTC(2026, 2, 5)), 2400000, '南京示例生物科技有限公司', OWNER, '宁高管拨〔2026〕7号', '第一批'],
      ['2026/03/06', '1,234.50', '苏州某某科技有限公司', null, 12345, null],
    ]));
    expect(read).toMatchObject({ format: 'xlsx', encoding: null });
    expect(read.lines).toEqual([
      { lineNo: 1, date: '2026-03-05', amountFen: 240000000, payeeName: '南京示例生物科技有限公司', payeeCreditCode: OWNER, voucherNo: '宁高管拨〔2026〕7号', memo: '第一批' },
      { lineNo: 2, date: '2026-03-06', amountFen: 123450, payeeName: '苏州某某科技有限公司', payeeCreditCode: null, voucherNo: '12345', memo: null },
    ]);
  });

  it('refuses what Excel already damaged: a voucher number stored as a float, a float amount past two decimals', async () => {
    const errors = await refused(await workbook([
      ['2026-03-05', 100, '甲', null, 123456789012345680000, null],
      ['2026-03-05', 0.1 + 0.2, '乙', null, 'V', null],
    ]));
    expect(errors.map((e) => [e.row, e.field])).toEqual([[1, '凭证号'], [2, '金额（元）']]);
  });

  it('refuses a zip bomb posing as a workbook before exceljs opens it', async () => {
    const bomb = buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1024), declaredUncompressed: XLSX_ZIP_LIMITS.maxEntryUncompressedBytes + 1 }]);
    expect(await refused(bomb)).toEqual([{ row: 0, field: '文件', message: expect.stringContaining('uncompressed') }]);
    expect(await refused(buildZip([{ name: 'x', data: Buffer.from('not a workbook') }]))).toEqual([{ row: 0, field: '文件', message: '工作簿中没有工作表' }]);
    expect(await refused(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100)]))).toEqual([{ row: 0, field: '文件', message: expect.stringContaining('不是可接受的 Excel 工作簿') }]);
  });

  it('the template has the six headers, text columns for codes and vouchers, and reads back as an empty statement', async () => {
    const bytes = await statementTemplate();
    const wb = await readWorkbook(bytes);
    const ws = wb.getWorksheet(STATEMENT_SHEET)!;
    expect((ws.getRow(1).values as unknown[]).slice(1).map(cellText)).toEqual(HEADER.split(','));
    expect(ws.getColumn(4).numFmt).toBe('@');
    expect(ws.getColumn(5).numFmt).toBe('@');
    expect(await refused(bytes)).toEqual([{ row: 0, field: '文件', message: '对账单没有数据行' }]);
    // Filled in, it reads.
    ws.addRow([new Date(Date.UTC(2026, 0, 2)), 10, '甲', OWNER, '0012', null]);
    const filled = await ok(await toBuffer(wb));
    expect(filled.lines).toEqual([{ lineNo: 1, date: '2026-01-02', amountFen: 1000, payeeName: '甲', payeeCreditCode: OWNER, voucherNo: '0012', memo: null }]);
  });
});

/**
 * Excel in and out: the registration template (dropdowns for program, cluster, zone and funder),
 * the import with its per-row report in Chinese (failing rows change nothing), history.xlsx and
 * portfolio.xlsx (资金到位情况表: 万元 with two decimals, frozen header, totals row).
 */
import ExcelJS from 'exceljs';
import { makeCreditCode } from '../../domain/credit-code';
import { term } from '../../domain/glossary';
import { randomCreditCode } from '../support/credit-code';
import { filledTemplate, manyFailingRows, projectRow, rewriteParts, sameLongStringInSevenCells, trancheRows } from '../support/hostile-xlsx';
import { readTable } from './support/api';
import { expectOk, expectProblem, ledger, registration2023, uniqueId, useSeededApi, YUAN } from './support/fixtures';

const api = useSeededApi();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function download(path: string, token: string): Promise<ExcelJS.Workbook> {
  const res = await fetch(api.url + path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return wb;
}

const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

it('offers a template with dropdowns, registers the rows that pass and reports the rest in Chinese', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const wb = await download('/imports/projects/template.xlsx', l.finance);
  const projects = wb.getWorksheet('项目登记')!;
  const schedule = wb.getWorksheet('拨付计划')!;
  const options = wb.getWorksheet('选项')!;
  expect(options.state).toBe('hidden');
  const validations = (projects as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
  expect(validations.B2).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^选项!\$A\$1:\$A\$\d+$/)] });
  expect(validations.C2?.formulae[0]).toMatch(/^选项!\$B/);
  expect(validations.D2?.formulae[0]).toMatch(/^选项!\$C/);
  expect(validations.E2?.formulae[0]).toMatch(/^选项!\$D/);
  expect((schedule as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model.C2?.formulae[0]).toMatch(/^选项!\$E/);
  const optionValues = [1, 2, 3].map((c) => options.getColumn(c).values.filter(Boolean));
  expect(optionValues[0]).toEqual(expect.arrayContaining(['JS-2021-CLUSTER', 'JS-2023-C', 'NJ-CITY-CLUSTER']));
  expect(optionValues[1]).toEqual(expect.arrayContaining(['NJ-BIO-2023']));
  expect(optionValues[2]).toEqual(expect.arrayContaining(['NJ-HTZ', 'SZ-SIP']));

  const good = uniqueId('XL');
  const badCode = uniqueId('XL');
  const overCap = uniqueId('XL');
  const row = (id: string, creditCode: string, province: number) =>
    [id, 'JS-2023-C', 'NJ-BIO-2023', 'NJ-HTZ', '是', 'Excel 导入项目', '南京导入科技有限公司', creditCode, 45_000_000, '2023-06-01', '2023-07-01', '2026-12-31', province, province];
  projects.addRow(row(good, makeCreditCode(`91320100MA${String(Date.now() % 1e7).padStart(7, '0')}`), 5_000_000.5));
  projects.addRow(row(badCode, '91320100MA1XXXXXX9', 6_000_000));
  projects.addRow(row(overCap, makeCreditCode(`91320100MB${String(Date.now() % 1e7).padStart(7, '0')}`), 6_500_000));
  for (const [id, province] of [[good, 5_000_000.5], [badCode, 6_000_000], [overCap, 6_500_000]] as const) {
    schedule.addRow([id, 'P1', '省级', '2023-09-30', province]);
    schedule.addRow([id, 'Z1', '高新区', '2023-10-31', province]);
  }
  const upload = Buffer.from(await wb.xlsx.writeBuffer());
  const res = await api.request('POST', '/imports/projects', { token: l.finance, rawBody: upload, contentType: XLSX });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ registered: 1, failed: 2 });
  const byId = new Map(res.body.rows.map((r: any) => [r.projectId, r]));
  expect(byId.get(good)).toMatchObject({ sheet: '项目登记', row: 2, status: 'registered', errors: [] });
  expect(byId.get(badCode)).toMatchObject({ row: 3, status: 'failed', errors: [{ field: '统一社会信用代码', message: expect.stringContaining('统一社会信用代码') }] });
  expect(byId.get(overCap)).toMatchObject({ row: 4, status: 'failed', errors: [{ message: expect.stringContaining('超过本项目省级资助上限') }] });

  // Amounts are read exactly: 5,000,000.50 yuan is 500,000,050 fen.
  expect((await l.project(good)).contract.provinceGrantFen).toBe(500_000_050);
  for (const id of [badCode, overCap]) expect((await api.request('GET', `/projects/${id}`, { token: l.auditor })).status).toBe(404);

  // The same file again: the registered row replays, nothing is registered twice.
  const again = await api.request('POST', '/imports/projects', { token: l.finance, rawBody: upload, contentType: XLSX });
  expect(again.body).toMatchObject({ registered: 1, failed: 2 });
  expect((await l.project(good)).version).toBe(1);
}, 60_000);

it('refuses a file that is not a workbook of the template with a clear 400, and non-finance roles with 403', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const junk = await api.request('POST', '/imports/projects', { token: l.finance, rawBody: Buffer.from('not a zip'), contentType: XLSX });
  expect(junk.status).toBe(400);
  expect(junk.body.detail).toContain('Excel');
  const wrongType = await api.request('POST', '/imports/projects', { token: l.finance, rawBody: Buffer.from('a,b'), contentType: 'text/csv' });
  expect(wrongType.status).toBe(415);
  const other = new ExcelJS.Workbook();
  other.addWorksheet('Sheet1').addRow(['x']);
  const notTemplate = await api.request('POST', '/imports/projects', { token: l.finance, rawBody: Buffer.from(await other.xlsx.writeBuffer()), contentType: XLSX });
  expect(notTemplate.status).toBe(400);
  expect(notTemplate.body.detail).toContain('登记模板');
  expect((await api.request('POST', '/imports/projects', { token: l.zone, rawBody: Buffer.from('x'), contentType: XLSX })).status).toBe(403);
}, 60_000);

it('exports the history with signed amounts and the portfolio in 万元 with a totals row', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const reg = registration2023();
  expectOk(await l.register(reg));
  const allocation = await l.allocateMatched(reg.projectId, 3_000_000 * YUAN);
  expectOk(await l.transfer(reg.projectId, 1_234_567_89));
  expectOk(await l.disburse(reg.projectId, 'province', 1_000_000_01));
  expectOk(await l.recover(reg.projectId, 'province', 50));

  const history = (await download(`/projects/${reg.projectId}/history.xlsx`, l.auditor)).getWorksheet('台账')!;
  expect(history.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  // The console's words (one glossary): 业务日期, 划转至高新区, people by name, roles in Chinese.
  const header = values(history, 1);
  expect(header.slice(0, 8)).toEqual(['序号', '类型', '资金来源', '金额（元）', '业务日期', '记录时间（北京时间）', '经办人', '经办人角色']);
  const amounts = [3, 4, 5, 6, 7].map((r) => values(history, r)[3]); // row 2 is the registration
  expect(amounts).toEqual([3_000_000, 3_000_000, 1_234_567.89, 1_000_000.01, -0.5]);
  expect(values(history, 3)[header.indexOf('记录编号')]).toBe(allocation);
  expect([values(history, 3)[1], values(history, 5)[1], values(history, 3)[7], values(history, 3)[header.indexOf('当前状态')]]).toEqual(['省级资金下达', '划转至高新区', '省财政厅财务', '已确认']);
  expect(String(values(history, 3)[5])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

  const sheet = (await download('/reports/portfolio.xlsx?groupBy=zone', l.auditor)).getWorksheet('资金到位情况表')!;
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(values(sheet, 1).slice(0, 4)).toEqual(['高新区', '名称', '项目数', '省级资助合同额（万元）']);
  const report = expectOk(await api.request('GET', '/reports/portfolio?groupBy=zone', { token: l.auditor })).body;
  const last = sheet.rowCount;
  expect(values(sheet, last)[0]).toBe('合计');
  expect(values(sheet, last)[2]).toBe(report.totals.projects);
  // 万元 with two decimals, from fen by integer arithmetic: 1,234,567.89 yuan transferred → 123.46 万元.
  const nj = report.rows.find((r: any) => r.group === 'NJ-HTZ').funders.find((f: any) => f.funderNames.province === '省级');
  const njRow = [...Array(last).keys()].map((i) => values(sheet, i + 1)).find((v) => v[0] === 'NJ-HTZ')!;
  // The console's word for a transfer (划转至高新区), under the funder's own name.
  const transferredCol = values(sheet, 1).indexOf('省级已划转至高新区（万元）');
  expect(transferredCol).toBeGreaterThan(0);
  expect(njRow[transferredCol]).toBe(Number((Math.round(nj.province.transferredFen / 10_000) / 100).toFixed(2)));
  expect(sheet.getCell(2, transferredCol + 1).numFmt).toBe('#,##0.00');
}, 60_000);

describe('uploads are bounded before they cost anything; each row gets one true outcome', () => {
  const post = (bytes: Buffer) => api.request('POST', '/imports/projects', { token: api.token('finance-officer'), rawBody: bytes, contentType: XLSX });
  const validRow = (id = uniqueId('XLB'), creditCode = randomCreditCode()) => ({ id, row: projectRow(id, creditCode), tranches: trancheRows(id) });

  /** A 400 problem naming why, and the table exactly as it was. */
  async function refused(bytes: Buffer, why: RegExp) {
    const before = await readTable(api.tableName);
    const res = await post(bytes);
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(why);
    expect(res.body.errors).toEqual([{ path: '', message: res.body.detail }]);
    expect(await readTable(api.tableName)).toEqual(before);
    return res;
  }

  it('a 1,000,000-character string in seven cells: each cell reported once, with an excerpt, in a report of a few KB', async () => {
    const bytes = await sameLongStringInSevenCells(1_000_000);
    expect(bytes.length).toBeLessThan(20 * 1024);
    const before = await readTable(api.tableName);
    const res = await post(bytes);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ registered: 0, failed: 1 });
    const [row] = res.body.rows;
    // The id cell is too long to be an id: the row names no project.
    expect(row).toMatchObject({ sheet: '项目登记', row: 2, projectId: null, status: 'failed' });
    // One error for each long cell, and nothing else said about them.
    expect(row.errors).toHaveLength(7);
    const tooLong = row.errors.filter((e: any) => e.message.includes('1000000 个字符'));
    expect(tooLong.map((e: any) => e.field).sort()).toEqual(['承担单位', '专项代码', '统一社会信用代码', '集群编号', '项目名称', '项目编号', '高新区编号'].sort());
    for (const e of tooLong) expect(e.message.length).toBeLessThan(100);
    expect(res.text.length).toBeLessThan(4 * 1024);
    expect(await readTable(api.tableName)).toEqual(before);
  });

  it('a string that unpacks past the budget (6,000,000 characters in a few KB) → 400 before the workbook is read', async () => {
    const bytes = await sameLongStringInSevenCells(6_000_000);
    expect(bytes.length).toBeLessThan(40 * 1024);
    await refused(bytes, /解压后超过 8 MB/);
  });

  it('501 rows of 项目登记 → 400 naming the limit of 500, and not one of the (valid) rows is registered', async () => {
    const rows = Array.from({ length: 501 }, () => validRow());
    const res = await refused(await filledTemplate(rows.map((r) => r.row), rows.flatMap((r) => r.tranches)), /最多导入 500 行/);
    expect(res.body.detail).toContain('501');
    expectProblem(await api.request('GET', `/projects/${rows[0]!.id}`, { token: api.token('auditor') }), 404);
  });

  it('2,001 rows of 拨付计划 → 400 naming the limit of 2,000', async () => {
    const { row } = validRow();
    const tranches = Array.from({ length: 2_001 }, (_, i) => ['NO-SUCH', `T${i}`, '省级', '2023-09-30', 1]);
    await refused(await filledTemplate([row], tranches), /拨付计划.*最多导入 2000 行/);
  });

  it('500 rows are read, and each gets its report (the limit is inclusive)', async () => {
    const bytes = await manyFailingRows(500);
    const res = await post(bytes);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ registered: 0, failed: 500 });
    expect(res.body.rows.map((r: any) => r.row)).toEqual(Array.from({ length: 500 }, (_, i) => i + 2));
  });

  it('20,000 rows (the issue’s upload) → 400 before any row is read', async () => {
    await refused(await manyFailingRows(20_000), /每次最多导入 500 个项目/);
  });

  const sheet1 = 'xl/worksheets/sheet1.xml';
  test.each<[string, Record<string, (xml: string) => string>, RegExp]>([
    // The first four are each 17 billion objects to exceljs's loader: over 1 GB and 30 s, measured.
    ['a data validation over the whole grid (B2:XFD1048576)', { [sheet1]: (x) => x.replace('sqref="B2:B501"', 'sqref="B2:XFD1048576"') }, /数据验证/],
    ['a merge of A3:XFD1048576', { [sheet1]: (x) => x.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>') }, /合并单元格/],
    ['a column definition up to column 100,000,000', { [sheet1]: (x) => x.replace('<col min="1" max="1"', '<col min="1" max="100000000"') }, /列定义/],
    ['a defined name over the whole grid', { 'xl/workbook.xml': (x) => x.replace('</sheets>', '</sheets><definedNames><definedName name="all">项目登记!$A$1:$XFD$1048576</definedName></definedNames>') }, /名称/],
    ['a cell in column XFE (past Excel’s last)', { [sheet1]: (x) => x.replace('<c r="A2"', '<c r="XFE2"') }, /超出 Excel 的范围/],
    ['a part that is not XML', { [sheet1]: (x) => x.replace('<sheetData>', '<sheetData><<') }, /XML 格式不正确/],
  ])('a 10 KB file with %s → 400 before exceljs reads it, nothing stored', async (_name, edit, why) => {
    const { row, tranches } = validRow();
    await refused(await rewriteParts(await filledTemplate([row], tranches), edit), why);
  });

  it('the report is bounded: 500 rows with every cell too long give at most 10 errors a row, short messages, well under 6 MB', async () => {
    const long = 'x'.repeat(400);
    const res = await post(await filledTemplate(Array.from({ length: 500 }, () => Array.from({ length: 14 }, () => long))));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ registered: 0, failed: 500 });
    for (const r of res.body.rows) {
      expect(r.errors.length).toBeLessThanOrEqual(10);
      for (const e of r.errors) {
        expect(e.message.length).toBeLessThanOrEqual(200);
        expect(e.message).not.toContain(long);
      }
    }
    // Fourteen cells too long (and what follows from them): nine listed, the tenth says how many more.
    expect(res.body.rows[0].errors[9].message).toMatch(/另有 \d+ 处错误/);
    expect(Buffer.byteLength(res.text)).toBeLessThan(1024 * 1024);
  });

  it('two identical rows: the first registers, the second is reported as its duplicate — the same when the file is imported again', async () => {
    const a = validRow();
    const b = validRow();
    const bytes = await filledTemplate([a.row, b.row, a.row], [...a.tranches, ...b.tranches]);
    for (const attempt of [1, 2]) {
      const res = await post(bytes);
      expect({ attempt, status: res.status }).toEqual({ attempt, status: 200 });
      expect(res.body).toMatchObject({ registered: 2, failed: 1 });
      const [first, second, third] = res.body.rows;
      expect(first).toMatchObject({ row: 2, projectId: a.id, status: 'registered', entryId: `${a.id}.1` });
      expect(second).toMatchObject({ row: 3, projectId: b.id, status: 'registered' });
      expect(third).toMatchObject({ row: 4, projectId: a.id, status: 'failed', entryId: null, errors: [{ field: '项目编号', message: expect.stringContaining('第 2 行') }] });
    }
    const history = expectOk(await api.request('GET', `/projects/${a.id}/history`, { token: api.token('auditor') })).body.entries;
    expect(history).toHaveLength(1);
  });

  it('two rows of one project with different contents: the first is the one registered, the second reported against it', async () => {
    const a = validRow();
    const changed = [...a.row];
    changed[5] = '另一个名称';
    const res = await post(await filledTemplate([changed, a.row], a.tranches));
    expect(res.body.rows.map((r: any) => [r.row, r.status])).toEqual([[2, 'registered'], [3, 'failed']]);
    expect(res.body.rows[1].errors[0].message).toContain('第 2 行');
    expect((await api.request('GET', `/projects/${a.id}`, { token: api.token('auditor') })).body.title).toBe('另一个名称');
  });

  it('rows competing for one enterprise quota: the earlier row of each pair registers, whatever the timing', async () => {
    // JS-2023-C allows one project per enterprise: rows 2k and 2k+1 share a credit code.
    const pairs = Array.from({ length: 6 }, () => {
      const code = randomCreditCode();
      return [validRow(undefined, code), validRow(undefined, code)];
    });
    const rows = pairs.flat();
    const res = await post(await filledTemplate(rows.map((r) => r.row), rows.flatMap((r) => r.tranches)));
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: any) => r.status)).toEqual(rows.map((_, i) => (i % 2 === 0 ? 'registered' : 'failed')));
    for (const r of res.body.rows.filter((_: unknown, i: number) => i % 2 === 1)) expect(r.errors[0].message).toContain(term('refusal.enterprise-quota'));
  });
});

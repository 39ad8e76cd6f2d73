/**
 * Excel in and out: the registration template (dropdowns for program, cluster, zone and funder),
 * the import with its per-row report in Chinese (failing rows change nothing), history.xlsx and
 * portfolio.xlsx (资金到位情况表: 万元 with two decimals, frozen header, totals row).
 */
import ExcelJS from 'exceljs';
import { makeCreditCode } from '../../domain/credit-code';
import { expectOk, ledger, registration2023, uniqueId, useSeededApi, YUAN } from './support/fixtures';

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
  expect(byId.get(overCap)).toMatchObject({ row: 4, status: 'failed', errors: [{ message: expect.stringContaining('省级资助单个项目上限') }] });

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
  const nj = report.rows.find((r: any) => r.group === 'NJ-HTZ');
  const njRow = [...Array(last).keys()].map((i) => values(sheet, i + 1)).find((v) => v[0] === 'NJ-HTZ')!;
  const transferredCol = values(sheet, 1).indexOf('省级已拨至高新区（万元）');
  expect(njRow[transferredCol]).toBe(Number((Math.round(nj.province.transferredFen / 10_000) / 100).toFixed(2)));
  expect(sheet.getCell(2, transferredCol + 1).numFmt).toBe('#,##0.00');
}, 60_000);

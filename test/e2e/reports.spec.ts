/**
 * The finance office's reports and bulk work: the portfolio dashboard (grouping, click-through to
 * the projects, Excel), a plan document funding several projects (outcome per line: 201, 422 in
 * Chinese, 404), and registering projects from the Excel template (filled here with exceljs).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiPost, choose, day, IDENTITY, registerProject, settle, signInAs, today, uniqueId, indicatorFor } from './support';
import { randomCreditCode } from '../support/credit-code';

test('portfolio: charts and table by zone and by program, click-through to the projects, Excel', async ({ page }) => {
  await signInAs(page, IDENTITY.finance, '/alerts');
  await page.getByRole('navigation').getByRole('link', { name: '资金到位统计' }).click();
  // The menu's name is the page's name, in the heading and the tab title alike.
  await expect(page.getByRole('heading', { level: 1, name: '资金到位统计' })).toBeVisible();
  await expect(page).toHaveTitle('资金到位统计 · FundLedger');
  await expect(page.getByTestId('portfolio-group')).toHaveText(['南京高新技术产业开发区', '苏州工业园区']);
  await expect(page.locator('figure canvas').first()).toBeVisible(); // the charts drew

  // Issue 19: each pair of funding bodies apart, under its own names: NJ2024-0301's city money is
  // not the province's. Every card is the sum it names, and its parts are the table's totals.
  for (const name of ['省级 / 高新区', '市级 / 园区', '省级资助合同额', '市级资助合同额', '园区已确认']) {
    await expect(page.getByRole('columnheader', { name, exact: true })).toBeVisible();
  }
  const committed = page.getByTestId('funded-committed');
  await expect(committed).toHaveCount(2);
  await expect(committed.nth(0)).toContainText('省级已下达 + 高新区已确认');
  await expect(committed.nth(1)).toContainText('市级已下达 + 园区已确认');
  const totalsRow = page.locator('.ant-table-summary tr').first();
  const cents = (text: string) => Number(text.replace(/[,\s万元]/g, '').replace('.', ''));
  for (const [i, [allocatedCell, confirmedCell]] of ([[3, 8], [12, 17]] as const).entries()) {
    const figures = (await committed.nth(i).innerText()).match(/-?[\d,]+\.\d{2}(?= 万元)/g)!.map(cents);
    expect(figures).toHaveLength(3);
    const [total, allocated, confirmed] = figures as [number, number, number];
    expect(total).toBe(allocated + confirmed);
    expect(allocated).toBe(cents(await totalsRow.locator('td').nth(allocatedCell).innerText()));
    expect(confirmed).toBe(cents(await totalsRow.locator('td').nth(confirmedCell).innerText()));
  }

  await page.getByText('按专项', { exact: true }).click();
  await expect(page).toHaveURL(/groupBy=program/);
  await expect(page.getByTestId('portfolio-group').first()).toBeVisible();
  expect(await page.getByTestId('portfolio-group-code').allInnerTexts()).toEqual(expect.arrayContaining(['JS-2021-CLUSTER', 'JS-2023-C', 'NJ-CITY-CLUSTER']));

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  expect((await download).suggestedFilename()).toBe('资金到位情况表-program.xlsx');

  await page.locator('[data-testid="portfolio-group"][data-group="JS-2021-CLUSTER"]').click();
  await expect(page).toHaveURL(/\/projects\?programCode=JS-2021-CLUSTER$/);
  await expect(page.getByRole('heading', { level: 1, name: '项目' })).toBeVisible();
  await settle(page);
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows).toHaveCount(3);
  await expect(page.locator('.ant-table-tbody')).not.toContainText('2023年度省科技成果转化专项资金'); // JS-2023-C, by its name
});

test('plan document: one line posted, one refused with the rule’s figures, one unknown project', async ({ page, request }) => {
  const ok = await registerProject(request, { prefix: 'E2E-DOC' });
  const full = await registerProject(request, { prefix: 'E2E-DOC' });
  await apiPost(request, IDENTITY.finance, `/projects/${full.projectId}/allocations`, { amountFen: 150_000_000, valueDate: today(), indicatorNo: indicatorFor(today()), reference: '苏财教〔2026〕先行' });
  const missing = uniqueId('NOPE');
  const documentNo = `苏财教〔2026〕${uniqueId('E2E')}号`;

  await signInAs(page, IDENTITY.finance, '/alerts');
  await page.getByRole('navigation').getByRole('link', { name: '计划下达文件' }).click();
  await page.getByRole('button', { name: '录入计划下达文件' }).click();
  await page.getByLabel('文号').fill(documentNo);
  // JS-2023-C is under budget control: every line draws on the indicator the document names.
  await choose(page, page.getByLabel('预算指标'), indicatorFor(today()));
  for (const [i, [projectId, amount]] of ([
    [ok.projectId, '1,000,000'],
    [full.projectId, '1,000,000'],
    [missing, '100'],
  ] as const).entries()) {
    if (i > 0) await page.getByRole('button', { name: '+ 添加一行' }).click();
    await page.getByLabel(`第 ${i + 1} 行 项目编号`).fill(projectId);
    await page.getByTestId('document-line').nth(i).getByLabel('下达金额（元）').fill(amount);
  }
  await expect(page.getByTestId('document-total')).toContainText('2,000,100.00 元');
  await expect(page.getByTestId('document-total')).toContainText('人民币贰佰万零壹佰元整');
  await page.getByRole('button', { name: '提交下达' }).click();

  const result = page.getByTestId('document-result');
  await expect(result).toContainText('共 3 行：1 行已下达');
  const lines = result.getByTestId('document-lines').locator('tr.ant-table-row');
  await expect(lines.nth(0).locator('td[data-col="status"]')).toHaveText('201 已下达');
  await expect(lines.nth(1).locator('td[data-col="status"]')).toHaveText('422 未下达');
  await expect(lines.nth(1).locator('td[data-col="outcome"]')).toHaveText('超过合同约定的省级资助额 2,000,000.00 元：已计入 1,500,000.00 元，本次 1,000,000.00 元，超出 500,000.00 元。');
  await expect(lines.nth(2).locator('td[data-col="status"]')).toHaveText('404 未下达');

  await result.getByRole('button', { name: '查看文件' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`计划下达文件 ${documentNo}`);
  await expect(page.getByTestId('document-lines').locator('tr.ant-table-row')).toHaveCount(3);
  await page.getByRole('link', { name: ok.projectId }).click();
  await expect(page.locator('.ant-card', { hasText: '待配套的省级下达' }).locator('tr.ant-table-row')).toHaveCount(1);
});

test('Excel import: download the template, fill it, upload it, read the report per row', async ({ page }) => {
  await signInAs(page, IDENTITY.finance, '/alerts');
  await page.getByRole('navigation').getByRole('link', { name: 'Excel 导入' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载登记模板' }).click();
  const template = await download;
  expect(template.suggestedFilename()).toBe('项目登记模板.xlsx');
  const dir = mkdtempSync(join(tmpdir(), 'fundledger-e2e-'));
  const templatePath = join(dir, 'template.xlsx');
  await template.saveAs(templatePath);

  const good = uniqueId('E2E-XLS');
  const bad = uniqueId('E2E-XLS');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const projects = wb.getWorksheet('项目登记')!;
  const schedule = wb.getWorksheet('拨付计划')!;
  const row = (projectId: string, creditCode: string) => [projectId, 'JS-2023-C', 'NJ-BIO-2023', 'NJ-HTZ', '是', `导入测试 ${projectId}`, `导入测试${projectId}有限公司`, creditCode, '30000000', day(-20), day(-10), day(900), '2000000', '2000000'];
  projects.getRow(2).values = row(good, randomCreditCode());
  projects.getRow(3).values = row(bad, '91320100MA00000000'); // wrong check character
  for (const [i, [projectId, trancheId, funder]] of ([
    [good, 'P1', '省级'],
    [good, 'Z1', '高新区'],
    [bad, 'P1', '省级'],
    [bad, 'Z1', '高新区'],
  ] as const).entries()) {
    schedule.getRow(i + 2).values = [projectId, trancheId, funder, day(60), '2000000'];
  }
  const filled = join(dir, 'filled.xlsx');
  await wb.xlsx.writeFile(filled);

  await page.locator('input[type="file"]').setInputFiles(filled);
  await page.getByRole('button', { name: '导入' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('登记 1 个项目，1 行未登记。');
  const registered = report.locator('tr.ant-table-row', { hasText: good });
  await expect(registered.locator('td[data-col="status"]')).toHaveText('已登记');
  const failed = report.locator('tr.ant-table-row', { hasText: bad });
  await expect(failed.locator('td[data-col="status"]')).toHaveText('未登记');
  await expect(failed.locator('td[data-col="errors"]')).toContainText('统一社会信用代码');
  await registered.getByRole('link', { name: good }).click();
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`导入测试 ${good}`);
});

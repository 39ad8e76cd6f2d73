/**
 * Budget indicators and execution progress in the console (issue 20, item 5): the finance officer
 * records an indicator (checked with the API's schema, 大写 under the amount), allocates against it
 * from the project's allocation dialog, sees what is left on the indicators page; carries a past
 * year's indicator over and lapses another, each after a confirmation that says what will happen;
 * reads the execution progress (ranking, chart against time progress, workbook); a zone committee
 * sees its own rows only.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { action, apiPost, choose, dialog, expectNoSeriousA11yViolations, IDENTITY, openProject, registerProject, screenshot, settle, signInAs, today, uniqueId } from './support';

const PROGRAM = 'JS-2023-C';
const year = () => Number(today().slice(0, 4));

/** The group codes of the report's rows, in their order. */
async function groupCodes(groups: Locator): Promise<(string | null)[]> {
  return Promise.all((await groups.all()).map((g) => g.getAttribute('data-group')));
}

/** The indicators page filtered to the e2e program and a year, and the row of one indicator. */
async function indicatorRow(page: Page, indicatorNo: string, fiscalYear: number) {
  await page.goto(`/budget?programCode=${PROGRAM}&fiscalYear=${fiscalYear}`);
  await settle(page);
  return page.getByTestId('indicators').locator('tr.ant-table-row', { has: page.getByTestId('indicator-no').getByText(indicatorNo, { exact: true }) });
}

test('finance officer records an indicator, allocates against it from the project page, and sees what is left', async ({ page, request }) => {
  const indicatorNo = `苏财教〔${year()}〕${uniqueId('E2E')}号`;
  await signInAs(page, IDENTITY.finance, '/alerts');
  await page.getByRole('navigation').getByRole('link', { name: '预算指标' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '预算指标' })).toBeVisible();
  await expect(page.getByTestId('indicator-no').first()).toBeVisible();
  await screenshot(page, 'budget-indicators');

  // Filtered to the program, the form starts with it chosen.
  await page.goto(`/budget?programCode=${PROGRAM}`);
  await settle(page);
  await page.getByRole('button', { name: '录入预算指标' }).click();
  const d = dialog(page, '录入预算指标');
  // Checked with the API's own request schema before anything is sent: a '/' is not allowed in the key.
  await d.getByLabel('指标文号').fill('苏财教/2026/3');
  await expect(d.getByLabel('专项').locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]')).toContainText(`（${PROGRAM}）`);
  await d.getByLabel('指标额（元）').fill('3,000,000');
  await d.getByRole('button', { name: '录入', exact: true }).click();
  await expect(d.getByTestId('problem')).toBeVisible();
  await expect(d.getByTestId('problem')).toContainText('指标文号：不能包含 /');
  await d.getByLabel('指标文号').fill(indicatorNo);
  await expect(d.getByTestId('indicator-capital')).toContainText('人民币叁佰万元整');
  await screenshot(page, 'budget-indicator-new');
  await d.getByRole('button', { name: '录入', exact: true }).click();
  await expect(d).toBeHidden();

  let row = await indicatorRow(page, indicatorNo, year());
  await expect(row.getByTestId('indicator-remaining')).toHaveText('3,000,000.00');
  await expect(row.getByTestId('indicator-remaining-capital')).toHaveText('人民币叁佰万元整');
  await expect(row).toContainText('可用');
  // Its fiscal year has not ended: carry-over and lapse wait for it.
  await expect(row.getByRole('button', { name: '结转' })).toBeDisabled();
  await expect(row.getByRole('button', { name: '收回' })).toBeDisabled();

  const { projectId } = await registerProject(request, { prefix: 'E2E-BUD' });
  await openProject(page, projectId);
  await action(page, '省级资金下达');
  const a = dialog(page, '下达省级资金');
  await a.getByLabel('下达金额（元）').fill('1,200,000');
  await choose(page, a.getByLabel('预算指标'), indicatorNo);
  await expect(a.getByLabel('预算指标').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')).toContainText('剩余 3,000,000.00 元');
  await a.getByLabel('计划下达文号').fill(`苏财教〔${year()}〕E2E下达`);
  await screenshot(page, 'budget-allocate-dialog');
  await a.getByRole('button', { name: '提交', exact: true }).click();
  await expect(a).toBeHidden();

  row = await indicatorRow(page, indicatorNo, year());
  await expect(row.getByTestId('indicator-remaining')).toHaveText('1,800,000.00');
  await expect(row.getByTestId('indicator-remaining-capital')).toHaveText('人民币壹佰捌拾万元整');
  await expect(row).toContainText('1,200,000.00');
  await screenshot(page, 'budget-indicators-after-allocation');
});

test('after its fiscal year an indicator is carried over once, or lapses, each after saying what will happen', async ({ page, request }) => {
  const last = year() - 1;
  const carried = `苏财教〔${last}〕${uniqueId('E2E-C')}号`;
  const lapsing = `苏财教〔${last}〕${uniqueId('E2E-L')}号`;
  const next = `苏财教〔${year()}〕${uniqueId('E2E-N')}号`;
  for (const [no, amountFen] of [[carried, 50_000_000], [lapsing, 12_345_600]] as const) {
    await apiPost(request, IDENTITY.finance, '/budget-indicators', { indicatorNo: no, fiscalYear: last, programCode: PROGRAM, amountFen, issuedOn: `${last}-03-01` });
  }
  await signInAs(page, IDENTITY.finance, '/');

  let row = await indicatorRow(page, carried, last);
  await row.getByRole('button', { name: '结转' }).click();
  const c = dialog(page, `结转预算指标 ${carried}`);
  await expect(c.getByTestId('close-what')).toContainText(`剩余额度 500,000.00 元（人民币伍拾万元整）将结转为 ${year()} 年度的新指标`);
  await c.getByLabel('下一年度指标文号').fill(next);
  await c.getByLabel('依据文件').fill(`苏财教〔${year()}〕结转通知`);
  await screenshot(page, 'budget-carry-over-dialog');
  await c.getByRole('button', { name: '结转', exact: true }).click();
  await expect(c).toBeHidden();
  row = await indicatorRow(page, carried, last);
  await expect(row).toContainText('已结转');
  await expect(row.getByTestId('indicator-chain')).toContainText(`结转至 ${next}`);
  const nextRow = await indicatorRow(page, next, year());
  await expect(nextRow.getByTestId('indicator-chain')).toContainText(`由 ${carried} 结转`);
  await expect(nextRow.getByTestId('indicator-remaining')).toHaveText('500,000.00');

  row = await indicatorRow(page, lapsing, last);
  await row.getByRole('button', { name: '收回' }).click();
  const l = dialog(page, `收回预算指标 ${lapsing}`);
  await expect(l.getByTestId('close-what')).toContainText('剩余额度 123,456.00 元（人民币壹拾贰万叁仟肆佰伍拾陆元整）将收回');
  await l.getByLabel('依据文件').fill(`苏财教〔${year()}〕收回通知`);
  await screenshot(page, 'budget-lapse-dialog');
  await l.getByRole('button', { name: '收回', exact: true }).click();
  await expect(l).toBeHidden();
  row = await indicatorRow(page, lapsing, last);
  await expect(row).toContainText('已收回');
  await expect(row.getByTestId('indicator-chain')).toContainText('收回 123,456.00 元');
  await expect(row.getByRole('button')).toHaveCount(0);
  await screenshot(page, 'budget-indicators-closed');
  await expectNoSeriousA11yViolations(page);
});

test('execution progress: ranked by zone and by program, a bar against time progress, the workbook; the overview', async ({ page, request }) => {
  // An indicator with a tenth of it left: the overview lists it as running out.
  const low = `苏财教〔${year()}〕${uniqueId('E2E-LOW')}号`;
  await apiPost(request, IDENTITY.finance, '/budget-indicators', { indicatorNo: low, fiscalYear: year(), programCode: PROGRAM, amountFen: 100_000_000, issuedOn: `${year()}-01-05` });
  const { projectId } = await registerProject(request, { prefix: 'E2E-LOW' });
  await apiPost(request, IDENTITY.finance, `/projects/${projectId}/allocations`, { amountFen: 90_000_000, valueDate: today(), indicatorNo: low, reference: `苏财教〔${year()}〕E2E余额不足` });

  await signInAs(page, IDENTITY.finance, '/alerts');
  await page.getByRole('navigation').getByRole('link', { name: '支出进度' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '支出进度' })).toBeVisible();
  await expect(page).toHaveTitle('支出进度 · FundLedger');
  const groups = page.getByTestId('execution-group');
  await expect(groups.first()).toBeVisible();
  expect(await groupCodes(groups)).toEqual(expect.arrayContaining(['NJ-HTZ', 'SZ-SIP']));
  // Ranked: progress never rises down the table.
  const progress = (await page.getByTestId('execution-progress').allInnerTexts()).map((s) => Number(s.replace('%', '')));
  expect(progress).toEqual([...progress].sort((x, y) => y - x));
  await expect(page.getByTestId('execution-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('execution-chart')).toHaveAttribute('aria-label', /时序进度 \d+(\.\d)?%/);
  await screenshot(page, 'execution-by-zone', { fullPage: true });
  await expectNoSeriousA11yViolations(page);

  await page.getByText('按专项', { exact: true }).click();
  await expect(page).toHaveURL(/groupBy=program/);
  await expect(page.locator('[data-testid="execution-group"][data-group="JS-2023-C"]')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载支出进度表' }).click();
  expect((await download).suggestedFilename()).toMatch(new RegExp(`^支出进度表-${year()}-program-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
  await screenshot(page, 'execution-by-program', { fullPage: true });

  // Every word from the glossary: the page in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Execution progress' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Time progress' })).toBeVisible();
  expect(await page.locator('.ant-layout-content').innerText()).not.toMatch(/[支出进度下达拨付]{2}/);
  await screenshot(page, 'execution-en');
  await page.getByRole('button', { name: '中文' }).click();

  await page.goto('/');
  await expect(page.getByTestId('todo-indicators')).toContainText(low);
  await expect(page.getByTestId('todo-indicators').locator('tr', { hasText: low })).toContainText('剩余 10%');
  await expect(page.getByTestId('todo-zones-behind')).toBeVisible();
  await settle(page);
  await page.getByTestId('todo-zones-behind').scrollIntoViewIfNeeded();
  await screenshot(page, 'overview-finance-budget');
});

test('a zone committee sees its own progress only, on the page and on its overview', async ({ page }) => {
  await signInAs(page, IDENTITY.zoneNj, '/');
  await expect(page.getByTestId('own-progress')).toBeVisible();
  await settle(page);
  await page.getByTestId('own-progress').scrollIntoViewIfNeeded();
  await screenshot(page, 'overview-zone-progress');
  // Indicators are the province's: not in a zone committee's menu, and the page says why.
  await expect(page.getByRole('navigation').getByRole('link', { name: '预算指标' })).toHaveCount(0);
  await page.goto('/budget');
  await expect(page.getByTestId('page-refused')).toContainText('这一页只对');
  await expect(page.getByRole('table')).toHaveCount(0);
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: '支出进度' }).click();
  const groups = page.getByTestId('execution-group');
  await expect(groups.first()).toBeVisible();
  expect(await groupCodes(groups)).toEqual(['NJ-HTZ']);
  await screenshot(page, 'execution-zone');
});

test('a city bureau sees its city’s progress on its overview and the progress page', async ({ page }) => {
  await signInAs(page, IDENTITY.cityNj, '/');
  await expect(page.getByTestId('own-progress')).toBeVisible();
  await settle(page);
  await page.getByTestId('own-progress').scrollIntoViewIfNeeded();
  await screenshot(page, 'overview-city-progress');
  await page.goto('/execution?groupBy=city');
  const groups = page.getByTestId('execution-group');
  await expect(groups.first()).toBeVisible();
  expect(await groupCodes(groups)).toEqual(['南京市']);
});

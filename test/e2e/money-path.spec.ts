/**
 * The path of the money, each role in its own session, all through the console: the finance
 * officer registers a project (with tranches) → allocates → the zone committee confirms the match
 * in two parts and tops it up above 1:1 → the finance officer transfers → the zone committee pays
 * both shares → the auditor verifies the chain and exports CSV and XLSX.
 */
import { expect, test } from '@playwright/test';
import {
  action,
  balanceCell,
  choose,
  dialog,
  openProject,
  screenshot,
  settle,
  signIn,
  submitDialog,
  today,
  typeDate,
  uniqueId,
  day,
  indicatorFor,
} from './support';
import { randomCreditCode } from '../support/credit-code';

test.describe.configure({ mode: 'serial' });

const projectId = uniqueId('E2E-PATH');

test('finance officer registers a project with its schedule', async ({ page }) => {
  // Twenty fields and two tranches typed like a person would: a minute on two busy shared cores.
  test.slow();
  await signIn(page, 'finance-officer', '张敏');
  await page.getByRole('navigation').getByRole('link', { name: '登记项目' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '登记项目合同' })).toBeVisible();

  await page.getByLabel('项目编号').fill(projectId);
  await page.getByLabel('项目名称').fill('端到端：高通量蛋白质分析平台产业化');
  await choose(page, page.getByLabel('专项', { exact: true }), 'JS-2023-C');
  await choose(page, page.getByLabel('高新区', { exact: true }), 'NJ-HTZ');
  await choose(page, page.getByLabel('集群', { exact: true }), 'NJ-BIO-2023');
  await page.getByLabel('承担单位', { exact: true }).fill('南京端到端生物科技有限公司');
  await page.getByLabel('统一社会信用代码').fill('91320100MA00000000'); // wrong check character
  await typeDate(page.getByLabel('合同签订日'), day(-30));
  await typeDate(page.getByLabel('实施开始日'), day(-20));
  await typeDate(page.getByLabel('实施结束日'), day(1000));
  await page.getByLabel('项目新增投入（元）').fill('30,000,000');
  await page.getByLabel('省级资助（元）').fill('2000000');
  await page.getByLabel('高新区资助（元）').fill('2500000.00');
  await expect(page.getByText('省级资助大写：人民币贰佰万元整')).toBeVisible();

  const rows = page.getByTestId('tranche-row');
  await expect(rows).toHaveCount(2);
  await typeDate(rows.nth(0).getByLabel('应拨付日'), day(10));
  await rows.nth(0).getByLabel('金额（元）').fill('2,000,000');
  await typeDate(rows.nth(1).getByLabel('应拨付日'), day(20));
  await rows.nth(1).getByLabel('金额（元）').fill('2,500,000');
  await expect(page.getByTestId('schedule-total-province')).toContainText('与合同一致');
  await expect(page.getByTestId('schedule-total-zone')).toContainText('与合同一致');

  // Checked with the API's own registration schema before anything is sent: the field says why.
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.locator('#register_owner_creditCode_help')).toHaveText('统一社会信用代码无效（校验位不正确）');
  await expect(page.getByTestId('problem')).toContainText('统一社会信用代码：统一社会信用代码无效');
  await page.getByLabel('统一社会信用代码').fill(randomCreditCode());
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}$`));
  await expect(page.getByRole('heading', { level: 1, name: '端到端：高通量蛋白质分析平台产业化' })).toBeVisible();
  await expect(page.locator('.ant-card', { hasText: '拨付计划' }).locator('tr.ant-table-row')).toHaveCount(2);
});

test('finance officer allocates province money: pending until the zone matches', async ({ page }) => {
  await signIn(page, 'finance-officer', '张敏');
  await openProject(page, projectId);
  await action(page, '省级资金下达');
  const d = dialog(page, '下达省级资金');
  await d.getByLabel('下达金额（元）').fill('2,000,000.00');
  await expect(d.getByTestId('capital-amount')).toContainText('人民币贰佰万元整');
  await choose(page, d.getByLabel('预算指标'), indicatorFor(today()));
  await d.getByLabel('计划下达文号').fill('苏财教〔2026〕E2E号');
  // A double click posts once: one Idempotency-Key per submission.
  await d.getByRole('button', { name: '提交', exact: true }).dblclick();
  await expect(d).toBeHidden();
  await expect(balanceCell(page, '省级', 'pendingFen')).toHaveText('2,000,000.00');
  await expect(balanceCell(page, '省级', 'allocatedFen')).toHaveText('2,000,000.00');
  const pending = page.locator('.ant-card', { hasText: '待配套的省级下达' });
  await expect(pending.locator('tr.ant-table-row')).toHaveCount(1);
  // Dates and headers stay whole ("2026-/12-07", "下达/日期" were seen): every cell on one line.
  const wrapping = await pending.locator('th, td').evaluateAll((cells) =>
    cells.filter((c) => (globalThis as unknown as { getComputedStyle(e: unknown): { whiteSpace: string } }).getComputedStyle(c).whiteSpace !== 'nowrap').length,
  );
  expect(wrapping).toBe(0);
  await expect(pending.locator('tr.ant-table-row td', { hasText: /^\d{4}-\d{2}-\d{2}$/ }).first()).toBeVisible();

  // Four-eyes made visible: the officer cannot reverse the allocation just posted.
  const row = page.locator('.ant-card', { hasText: '台账记录' }).locator('tr.ant-table-row', { hasText: '省级资金下达' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('button', { name: /冲正/ })).toBeDisabled();
  await expect(row.getByRole('button', { name: /冲正/ })).toHaveAccessibleName(/双人复核/);
});

test('zone committee confirms the match in two parts and tops it up above 1:1', async ({ page }) => {
  await signIn(page, 'zone-committee', 'NJ-HTZ');
  // The overview lists the pending match with its deadline.
  await expect(page.getByTestId('todo-matches')).toContainText(projectId);
  await openProject(page, projectId);

  for (const [amount, capital] of [
    ['800,000', '人民币捌拾万元整'],
    ['1,200,000', '人民币壹佰贰拾万元整'],
  ] as const) {
    await page.locator('.ant-card', { hasText: '待配套的省级下达' }).getByRole('button', { name: '确认配套' }).click();
    const d = dialog(page, '确认高新区配套资金');
    await d.getByLabel('高新区配套金额（元）').fill(amount);
    await expect(d.getByTestId('capital-amount')).toContainText(capital);
    await d.getByLabel('配套文件文号').fill(`宁高管配〔2026〕${amount}`);
    await submitDialog(d);
  }
  await expect(balanceCell(page, '省级', 'pendingFen')).toHaveText('0.00');
  await expect(balanceCell(page, '省级', 'confirmedFen')).toHaveText('2,000,000.00');

  await action(page, '高新区配套确认');
  const d = dialog(page, '确认高新区配套资金');
  await choose(page, d.getByLabel('对应的省级下达'), '不对应省级下达');
  await d.getByLabel('高新区配套金额（元）').fill('500000');
  await d.getByLabel('配套文件文号').fill('宁高管配〔2026〕加大支持');
  await submitDialog(d);
  await expect(balanceCell(page, '高新区', 'confirmedFen')).toHaveText('2,500,000.00');
});

test('finance officer transfers the province money to the zone', async ({ page }) => {
  await signIn(page, 'finance-officer', '张敏');
  await expect(page.getByTestId('todo-transfers')).toContainText(projectId);
  await openProject(page, projectId);
  await action(page, '划转至高新区');
  const d = dialog(page, '省级资金划转至高新区');
  await d.getByLabel('划转金额（元）').fill('2000000');
  await expect(d.getByTestId('capital-amount')).toContainText('人民币贰佰万元整');
  await d.getByLabel('资金下达文号/凭证').fill('宁财企〔2026〕E2E');
  await submitDialog(d);
  await expect(balanceCell(page, '省级', 'transferredFen')).toHaveText('2,000,000.00');
  await expect(balanceCell(page, '省级', 'heldAtZoneFen')).toHaveText('2,000,000.00');
});

test('zone committee pays both shares to the owner; the pay dialog shows the chosen funder\'s figures', async ({ page }) => {
  await signIn(page, 'zone-committee', 'NJ-HTZ');
  await expect(page.getByTestId('todo-held')).toContainText(projectId);
  await openProject(page, projectId);

  // What the chosen funder can pay and has paid (issue 19, item 1): the province share inside the
  // zone is bounded by what was transferred, the zone's by what it confirmed.
  await action(page, '拨付');
  const first = dialog(page, '拨付给承担单位');
  const figures = first.getByTestId('pay-figures');
  await expect(figures).toContainText(/省级可拨付\s*2,000,000\.00 元/);
  await expect(figures).toContainText(/省级已拨付\s*0\.00 元/);
  await first.locator('label.ant-radio-button-wrapper', { hasText: '高新区' }).click();
  await expect(first.getByRole('radio', { name: '高新区' })).toBeChecked();
  await expect(figures).toContainText(/高新区可拨付\s*2,500,000\.00 元/);
  await expect(figures).toContainText(/高新区已拨付\s*0\.00 元/);
  await expect(figures).not.toContainText('省级');
  await screenshot(page, '06-pay-dialog-zone-committee');
  await first.getByRole('button', { name: '取消' }).click();
  await expect(first).toBeHidden();

  // A write's answer carries the project: the page shows it without reading the project again.
  const projectReads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === `/projects/${projectId}`) projectReads.push(r.url());
  });
  for (const [funder, amount, tranche, capital] of [
    ['省级', '1,000,000', 'P1', '人民币壹佰万元整'],
    ['高新区', '1,000,000.50', 'Z1', '人民币壹佰万元伍角整'],
  ] as const) {
    await action(page, '拨付');
    const d = dialog(page, '拨付给承担单位');
    await d.locator('label.ant-radio-button-wrapper', { hasText: funder }).click();
    // The dialog's initial values were set when it opened: the choice stays made.
    await expect(d.getByRole('radio', { name: funder })).toBeChecked();
    await expect(d.getByTestId('pay-figures')).toContainText(`${funder}可拨付`);
    await choose(page, d.getByLabel('对应批次'), tranche);
    await d.getByLabel('拨付金额（元）').fill(amount);
    await expect(d.getByTestId('capital-amount')).toContainText(capital);
    await d.getByLabel('支付凭证号').fill(`国库支付 ${tranche}`);
    await submitDialog(d);
  }
  await expect(balanceCell(page, '省级', 'disbursedFen')).toHaveText('1,000,000.00');
  await expect(balanceCell(page, '省级', 'heldAtZoneFen')).toHaveText('1,000,000.00');
  await expect(balanceCell(page, '高新区', 'disbursedFen')).toHaveText('1,000,000.50');
  await expect(page.locator('.ant-card', { hasText: '拨付计划' }).locator('tr', { hasText: 'P1' })).toContainText('部分拨付');
  // Both payments joined the ledger table from the answers too.
  await expect(page.locator('.ant-card', { hasText: '台账记录' }).locator('tr.ant-table-row', { hasText: '国库支付' })).toHaveCount(2);
  expect(projectReads).toEqual([]);

  // After the province paid half of P1, its figures say so.
  await action(page, '拨付');
  const again = dialog(page, '拨付给承担单位');
  await expect(again.getByTestId('pay-figures')).toContainText(/省级可拨付\s*1,000,000\.00 元/);
  await expect(again.getByTestId('pay-figures')).toContainText(/省级已拨付\s*1,000,000\.00 元/);
  await again.getByRole('button', { name: '取消' }).click();
});

test('auditor verifies the chain, sees the timeline and exports CSV and XLSX', async ({ page }) => {
  await signIn(page, 'auditor');
  await openProject(page, projectId);
  await expect(page.getByTestId('actions')).toHaveCount(0); // read-only role
  await page.getByRole('button', { name: '核验哈希链' }).click();
  // registration, allocation, two confirmations, top-up, transfer, two payments
  await expect(page.getByTestId('verify-result')).toContainText('台账完整：8 条记录');
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true');

  await page.getByText('时间线', { exact: true }).click();
  await expect(page.getByTestId('history-timeline')).toContainText('配套确认');
  await expect(page.getByTestId('history-timeline').locator('.ant-timeline-item')).toHaveCount(8);

  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  expect((await csv).suggestedFilename()).toBe(`${projectId}-history.csv`);
  const xlsx = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  expect((await xlsx).suggestedFilename()).toBe(`${projectId}-history.xlsx`);

  // An as-of view reads the past and offers no writes.
  await page.goto(`/projects/${projectId}?asOf=${today()}`);
  await settle(page);
  await expect(page.getByText(`正在查看截至 ${today()} 日终的状态`)).toBeVisible();
});

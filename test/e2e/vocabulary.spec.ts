/**
 * One vocabulary (issue 19): a program's own funder names on its project's buttons, tables and
 * ledger rows (defect 8, pages); a refused page in Chinese with no data controls, and menus with
 * only what the role can use (defect 6); people by name and roles by their Chinese names (defect 9);
 * an alert with its own cause (defect 2). Screenshots go to test/e2e/screenshots/.
 */
import { expect, test } from '@playwright/test';
import { IDENTITY, openProject, SCREENSHOT_DIR, signInAs } from './support';

test('NJ2024-0301 (Nanjing, 市级/园区) names its own funders on buttons, tables and ledger rows', async ({ page }) => {
  await signInAs(page, IDENTITY.finance);
  await openProject(page, 'NJ2024-0301');
  const actions = page.getByTestId('actions');
  await expect(actions.getByRole('button', { name: '划转至园区', exact: true })).toBeVisible();
  await expect(actions.getByRole('button', { name: '市级资金下达', exact: true })).toBeVisible();
  await expect(page.locator('.ant-card-head-title', { hasText: '待配套的市级下达' })).toBeVisible();
  await expect(page.locator('.ant-card', { has: page.locator('.ant-card-head-title', { hasText: '台账记录' }) })).toContainText('市级资金下达');
  const body = await page.locator('main, .ant-layout-content').first().innerText();
  expect(body).not.toMatch(/省级|高新区（|划转至高新区/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/vocabulary-nj-city-finance.png`, fullPage: true });
});

for (const who of [IDENTITY.zoneNj, IDENTITY.cityNj] as const) {
  test(`/documents refused for ${who}: why in Chinese, no table, no menu entry`, async ({ page }) => {
    await signInAs(page, who, '/documents');
    await expect(page.getByTestId('page-refused')).toContainText('这一页只对');
    await expect(page.getByRole('table')).toHaveCount(0);
    const text = await page.getByTestId('page-refused').innerText();
    expect(text).not.toMatch(/[A-Za-z]{3,}/);
    await expect(page.getByRole('navigation').getByRole('link', { name: '计划下达文件' })).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/vocabulary-documents-refused-${who}.png` });
  });
}

test('menus offer only what each role can use', async ({ page }) => {
  const menus: [string, string[], string[]][] = [
    [IDENTITY.finance, ['计划下达文件', 'Excel 导入', '登记项目'], []],
    [IDENTITY.auditor, ['计划下达文件'], ['Excel 导入', '登记项目']],
    [IDENTITY.admin, ['计划下达文件'], ['Excel 导入', '登记项目']],
    [IDENTITY.zoneNj, [], ['计划下达文件', 'Excel 导入', '登记项目']],
  ];
  for (const [who, shown, hidden] of menus) {
    await signInAs(page, who);
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: '概览' })).toBeVisible();
    for (const name of shown) await expect(nav.getByRole('link', { name })).toBeVisible();
    for (const name of hidden) await expect(nav.getByRole('link', { name })).toHaveCount(0);
  }
});

test('the header names the person and the role in Chinese; 操作人 shows the person', async ({ page }) => {
  await signInAs(page, IDENTITY.zoneNj);
  const identity = page.getByTestId('identity');
  await expect(identity).toContainText('刘洋');
  await expect(identity).toContainText('高新区管委会');
  await expect(identity).not.toContainText('zone-committee');
  await openProject(page, 'BA2023-0103');
  // A match-overdue alert is the zone not having confirmed its match, not money held at the zone.
  await expect(page.locator('.ant-card', { hasText: '未关闭预警' }).locator('tr', { hasText: '配套逾期' })).toContainText('尚未确认配套资金');
  await expect(page.locator('.ant-card', { hasText: '未关闭预警' }).locator('tr', { hasText: '配套逾期' })).not.toContainText('资金已到区未拨付');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/vocabulary-zone-project.png`, fullPage: true });
});

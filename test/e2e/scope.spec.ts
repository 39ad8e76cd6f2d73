/**
 * A zone committee never sees another zone's data, whichever page it opens or address it types:
 * projects, alerts, a project page of another zone, the portfolio, its overview.
 */
import { expect, test } from '@playwright/test';
import { screenshot, settle, signIn } from './support';

test('zone committee SZ-SIP sees only SZ-SIP, on every page', async ({ page }) => {
  await signIn(page, 'zone-committee', 'SZ-SIP');
  // Overview: nothing of NJ-HTZ's projects (BA2023-…, NJ2024-…, OUT2023-…).
  await settle(page);
  await expect(page.getByTestId('todo-alerts')).toBeVisible();
  await expect(page.locator('main, .ant-layout-content').first()).not.toContainText(/BA2023-|NJ2024-|OUT2023-/);
  // Its menu offers no provincial pages.
  await expect(page.getByRole('navigation').getByRole('link', { name: '计划下达文件' })).toHaveCount(0);
  await expect(page.getByRole('navigation').getByRole('link', { name: '登记项目' })).toHaveCount(0);

  // Projects: asking for another zone in the address still lists its own zone only.
  await page.goto('/projects?zoneId=NJ-HTZ');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  expect(new Set(await rows.locator('td[data-col="zone"]').allInnerTexts())).toEqual(new Set(['苏州工业园区']));
  await expect(page.getByLabel('高新区', { exact: true })).toBeDisabled();

  // Alerts: its own zone only.
  await page.goto('/alerts');
  await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible();
  expect(new Set(await page.locator('.ant-table-tbody tr.ant-table-row td[data-col="zone"]').allInnerTexts())).toEqual(new Set(['苏州工业园区']));

  // Another zone's project answers as if it did not exist, with no data controls on the refusal.
  await page.goto('/projects/BA2023-0101');
  await expect(page.getByText('没有这个项目，或您无权查看。')).toBeVisible();
  await expect(page.getByText('新型mRNA疫苗递送系统产业化')).toHaveCount(0);
  for (const control of ['核验哈希链', '导出 CSV', '导出 Excel']) await expect(page.getByRole('button', { name: control })).toHaveCount(0);
  await expect(page.getByLabel('查看历史状态')).toHaveCount(0);
  await screenshot(page, 'project-refused-zone-committee');

  // Portfolio: its own row, whatever the grouping.
  for (const [groupBy, only] of [
    ['zone', 'SZ-SIP'],
    ['city', '苏州市'],
    ['program', 'JS-2021-CLUSTER'],
  ] as const) {
    await page.goto(`/portfolio?groupBy=${groupBy}`);
    const groups = page.getByTestId('portfolio-group');
    await expect(groups.first()).toBeVisible();
    // The group's key (its code, or the city), whatever name the link shows.
    expect(await groups.evaluateAll((links) => links.map((l) => (l as unknown as { dataset: { group?: string } }).dataset.group))).toEqual([only]);
  }
});

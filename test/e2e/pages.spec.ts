/**
 * The console's pages on the demo data: what each shows, the zone committee's scope, verify and
 * CSV export, China time in a New York browser, an axe scan and a 1440×900 screenshot of each.
 */
import { expect, test } from '@playwright/test';
import { formatTimestamp } from '../../console/src/format/dates';
import { expectNoSeriousA11yViolations, screenshot, sessionToken, settle, signIn, type BrowserWindow } from './support';

test.describe('pages', () => {
  test('sign-in page: screenshot and axe', async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByRole('button', { name: /\bauditor\b/ })).toBeVisible();
    await screenshot(page, '01-signin');
    await expectNoSeriousA11yViolations(page);
  });

  test('overview (finance officer): counts and 万元 totals, screenshot and axe', async ({ page }) => {
    await signIn(page, 'finance-officer');
    await expect(page.locator('.ant-statistic', { hasText: '项目数' })).toContainText('5');
    await expect(page.locator('.ant-statistic', { hasText: '已拨付合计' })).toContainText('万元');
    await screenshot(page, '02-overview-finance-officer');
    await expectNoSeriousA11yViolations(page);
  });

  test('projects (zone committee NJ-HTZ): only its own zone', async ({ page }) => {
    await signIn(page, 'zone-committee', 'NJ-HTZ');
    await page.getByRole('navigation').getByRole('link', { name: '项目' }).click();
    await expect(page).toHaveURL(/\/projects$/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.first()).toBeVisible();
    const zones = await rows.locator('td[data-col="zone"]').allInnerTexts();
    expect(zones.length).toBeGreaterThan(0);
    expect(new Set(zones)).toEqual(new Set(['NJ-HTZ']));
    await expect(page.getByRole('link', { name: 'BA2021-0201' })).toHaveCount(0); // SZ-SIP's
    await screenshot(page, '03-projects-zone-committee');
    await expectNoSeriousA11yViolations(page);
  });

  test('projects (auditor): filters live in the address', async ({ page }) => {
    await signIn(page, 'auditor');
    await page.goto('/projects?zoneId=SZ-SIP');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.first()).toBeVisible();
    expect(new Set(await rows.locator('td[data-col="zone"]').allInnerTexts())).toEqual(new Set(['SZ-SIP']));
    await page.goto('/projects?lagging=true');
    await expect(page.getByRole('link', { name: 'BA2021-0202' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'BA2023-0102' })).toHaveCount(0);
    await page.goto('/projects');
    await expect(page.getByRole('link', { name: 'BA2023-0102' })).toBeVisible();
    await screenshot(page, '04-projects-auditor');
  });

  test('project page (auditor): balances, schedule, history in China time, verify, CSV', async ({ page }) => {
    await signIn(page, 'auditor');
    await page.goto('/projects/BA2021-0201');
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('BA2021-0201');
    const balances = page.locator('.ant-card', { hasText: '资金到位情况' });
    await expect(balances).toContainText('省级');
    await expect(balances).toContainText(/\d{1,3}(,\d{3})*\.\d{2}/);
    await expect(page.locator('.ant-card', { hasText: '拨付计划' }).locator('tr.ant-table-row').first()).toBeVisible();
    await expect(page.getByText(/人民币.+(元整|角整|分)/).first()).toBeVisible(); // 大写 of the grants

    // History: recordedAt shown in China time although this browser runs in New York time.
    const history = page.locator('.ant-card', { hasText: '台账记录' });
    await expect(history.locator('tr.ant-table-row').first()).toBeVisible();
    const token = await sessionToken(page);
    const api = await page.request.get('/projects/BA2021-0201/history', { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    const { entries } = (await api.json()) as { entries: { recordedAt: string }[] };
    await expect(history.locator('tr.ant-table-row').first()).toContainText(formatTimestamp(entries[0]!.recordedAt));
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');

    await page.getByRole('button', { name: '核验哈希链' }).click();
    await expect(page.getByTestId('verify-result')).toContainText(`台账完整：${entries.length} 条记录`);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    expect((await download).suggestedFilename()).toBe('BA2021-0201-history.csv');

    await screenshot(page, '05-project-auditor');
    await screenshot(page, '05-project-auditor-full', { fullPage: true });
    await expectNoSeriousA11yViolations(page);
  });

  test('alerts (admin): open alerts of every kind the demo raises', async ({ page }) => {
    await signIn(page, 'admin');
    await page.getByRole('navigation').getByRole('link', { name: '预警' }).click();
    await expect(page).toHaveURL(/\/alerts$/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.first()).toBeVisible();
    await expect(page.locator('.ant-table-tbody')).toContainText('配套逾期');
    await expect(page.locator('.ant-table-tbody')).toContainText('拨付滞后');
    await screenshot(page, '06-alerts-admin');
    await expectNoSeriousA11yViolations(page);
  });

  test('alerts (zone committee SZ-SIP): only its zone', async ({ page }) => {
    await signIn(page, 'zone-committee', 'SZ-SIP');
    await page.goto('/alerts');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.first()).toBeVisible();
    expect(new Set(await rows.locator('td[data-col="zone"]').allInnerTexts())).toEqual(new Set(['SZ-SIP']));
  });

  test('overview (city bureau) and the English switch', async ({ page }) => {
    await signIn(page, 'city-bureau');
    await settle(page);
    await screenshot(page, '07-overview-city-bureau');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    expect(await page.evaluate(() => (globalThis as unknown as BrowserWindow).document.documentElement.lang)).toBe('en');
    await screenshot(page, '08-overview-english');
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '概览' })).toBeVisible();
  });

  test('an unknown console address shows the console’s own not-found page', async ({ page }) => {
    await signIn(page, 'auditor');
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});

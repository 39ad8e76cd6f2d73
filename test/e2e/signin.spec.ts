/**
 * Signing in locally: every role through /signin to its overview; deep links come back after
 * sign-in; the console addresses that are API paths answer HTML to a page load and JSON to the API.
 */
import { expect, test } from '@playwright/test';
import { signIn, type BrowserWindow, type RoleId } from './support';

/** Each role with the person the header names, the role's Chinese name and the scope in words. */
const ROLES: { role: RoleId; also?: string; person: string; roleName: string; scope: string }[] = [
  { role: 'admin', also: '王建国', person: '王建国', roleName: '省科技厅管理员', scope: '全省' },
  { role: 'finance-officer', also: '张敏', person: '张敏', roleName: '省财政厅财务', scope: '全省' },
  { role: 'zone-committee', also: 'NJ-HTZ', person: '刘洋', roleName: '高新区管委会', scope: '南京高新技术产业开发区' },
  { role: 'city-bureau', person: '赵磊', roleName: '市科技局', scope: '南京市' },
  { role: 'auditor', person: '孙丽', roleName: '审计', scope: '全省' },
];

test.describe('sign-in', () => {
  test('offers one button per ready identity, each named with its role id', async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('登录');
    await expect(page).toHaveTitle('登录 · FundLedger'); // the app's name once
    for (const [role, count] of [
      ['admin', 2],
      ['finance-officer', 2],
      ['zone-committee', 2],
      ['city-bureau', 1],
      ['auditor', 1],
    ] as const) {
      await expect(page.getByRole('button', { name: new RegExp(`\\b${role}\\b`) })).toHaveCount(count);
    }
  });

  for (const { role, also, person, roleName, scope } of ROLES) {
    test(`${role} signs in and sees the overview of its role`, async ({ page }) => {
      await signIn(page, role, also);
      // The header names the person and the role in Chinese, never the role's id (issue 19, item 9).
      const identity = page.getByTestId('identity');
      await expect(identity).toContainText(person);
      await expect(identity).toContainText(roleName);
      await expect(identity).not.toContainText(role);
      const card = page.locator('.ant-card', { hasText: '当前身份' });
      await expect(card).toContainText(person);
      await expect(card).toContainText(roleName);
      await expect(card).toContainText(scope);
      await expect(card).not.toContainText(role);
      // The token sits in this tab's session storage, never in localStorage.
      expect(
        await page.evaluate(() => {
          const { localStorage } = globalThis as unknown as BrowserWindow;
          return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((k) => k?.includes('session'));
        }),
      ).toEqual([]);
      expect(await page.evaluate(() => (globalThis as unknown as BrowserWindow).sessionStorage.getItem('fundledger.session'))).toContain('token');
      if (role !== 'city-bureau') {
        // The counts come from GET /projects and GET /alerts?status=open.
        await expect(page.locator('.ant-statistic', { hasText: '项目数' })).toContainText(/\d/);
      }
    });
  }

  test('a deep link while signed out goes to /signin and comes back after sign-in', async ({ page }) => {
    await page.goto('/projects/BA2023-0102');
    await expect(page).toHaveURL(/\/signin\?from=%2Fprojects%2FBA2023-0102$/);
    await page.getByRole('button', { name: /\bauditor\b/ }).click();
    await expect(page).toHaveURL(/\/projects\/BA2023-0102$/);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('BA2023-0102'); // the title arrived
  });

  test('sign-out forgets the token and returns to /signin', async ({ page }) => {
    await signIn(page, 'auditor');
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/signin$/);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserWindow).sessionStorage.getItem('fundledger.session'))).toBeNull();
    await page.goto('/alerts');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('console addresses answer HTML to a page load and JSON to API clients', async ({ request }) => {
    for (const path of ['/projects', '/projects/BA2023-0102', '/alerts']) {
      const html = await request.get(path, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(html.status()).toBe(200);
      expect(html.headers()['content-type']).toContain('text/html');
      expect(await html.text()).toContain('<html lang="zh-CN">');
      const api = await request.get(path, { headers: { accept: 'application/json' } });
      expect(api.status()).toBe(401);
      expect(api.headers()['content-type']).toBe('application/problem+json');
    }
    const identities = await request.get('/local/identities');
    expect(((await identities.json()) as { identities: unknown[] }).identities).toHaveLength(8);
    const minted = await request.post('/local/tokens', { data: { identityId: 'auditor' } });
    const { token, expiresAt } = (await minted.json()) as { token: string; expiresAt: string };
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const withToken = await request.get('/projects', { headers: { accept: 'text/html', authorization: `Bearer ${token}` } });
    expect(withToken.headers()['content-type']).toContain('application/json'); // a bearer token means the API
  });
});

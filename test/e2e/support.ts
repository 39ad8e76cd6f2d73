/**
 * Shared steps of the console's browser tests: signing in through /signin as a ready identity,
 * screenshots into test/e2e/screenshots/ (git-ignored), and the axe scan.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Browser globals inside page.evaluate (the root tsconfig has no DOM lib; the casts vanish when compiled). */
export type BrowserWindow = {
  sessionStorage: { getItem(key: string): string | null };
  localStorage: { length: number; key(index: number): string | null };
  document: { documentElement: { lang: string } };
};

export const SCREENSHOT_DIR = join(__dirname, 'screenshots');

export type RoleId = 'admin' | 'finance-officer' | 'zone-committee' | 'city-bureau' | 'auditor';

/**
 * Signs in at /signin with the button whose accessible name has the role id (and `also`, e.g. a
 * zone id, when there are several), then waits for the overview.
 */
export async function signIn(page: Page, role: RoleId, also?: string): Promise<void> {
  await page.goto('/signin');
  let button = page.getByRole('button', { name: new RegExp(`\\b${role}\\b`) });
  if (also) button = button.filter({ hasText: also });
  await button.first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: '概览' })).toBeVisible();
}

/** The session token the console keeps (sessionStorage), for calling the API directly. */
export async function sessionToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => (globalThis as unknown as BrowserWindow).sessionStorage.getItem('fundledger.session'));
  expect(raw).toBeTruthy();
  return (JSON.parse(raw!) as { token: string }).token;
}

/** Waits for loading to finish (no spinner), then a 1440×900 screenshot. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await settle(page);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // animations: 'disabled' finishes CSS transitions (e.g. a table fading back in after loading).
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage ?? false, animations: 'disabled' });
}

export async function settle(page: Page): Promise<void> {
  await expect(page.locator('.ant-spin-spinning, [aria-busy="true"]')).toHaveCount(0);
  await expect(page.locator('.ant-skeleton')).toHaveCount(0);
}

/** axe on the whole page: no serious or critical violation (the list is printed when there is one). */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  await settle(page);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

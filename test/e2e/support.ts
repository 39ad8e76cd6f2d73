/**
 * Shared steps of the console's browser tests: signing in through /signin as a ready identity,
 * projects of a test's own (unique ids, registered through the API when registering is not what
 * the test is about), the antd widgets driven like a person would, screenshots into
 * test/e2e/screenshots/ (git-ignored), and the axe scan.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { randomCreditCode } from '../support/credit-code';
import { addDays, chinaDate } from '../../domain/dates';

/** Browser globals inside page.evaluate (the root tsconfig has no DOM lib; the casts vanish when compiled). */
export type BrowserWindow = {
  sessionStorage: { getItem(key: string): string | null };
  localStorage: { length: number; key(index: number): string | null };
  document: { documentElement: { lang: string } };
};

export const SCREENSHOT_DIR = join(__dirname, 'screenshots');

export type RoleId = 'admin' | 'finance-officer' | 'zone-committee' | 'city-bureau' | 'auditor';

/** The ready local identities (local/identities.ts) by what the tests call them. */
export const IDENTITY = {
  admin: 'admin',
  admin2: 'admin-2',
  finance: 'finance-officer',
  finance2: 'finance-officer-2',
  zoneNj: 'zone-committee-NJ-HTZ',
  zoneSz: 'zone-committee-SZ-SIP',
  cityNj: 'city-bureau-nanjing',
  auditor: 'auditor',
} as const;

/**
 * Signs in at /signin with the button whose accessible name has the role id (and `also`, e.g. a
 * zone id or a person's name, when there are several), then waits for the overview.
 */
export async function signIn(page: Page, role: RoleId, also?: string): Promise<void> {
  // Signed in already (another identity in the same tab): forget that session first.
  if (page.url().startsWith('http')) await page.evaluate(() => (globalThis as unknown as { sessionStorage: { clear(): void } }).sessionStorage.clear());
  await page.goto('/signin');
  let button = page.getByRole('button', { name: new RegExp(`\\b${role}\\b`) });
  if (also) button = button.filter({ hasText: also });
  await button.first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: '概览' })).toBeVisible();
}

/**
 * Signs in without the sign-in page (whose every role is covered by signin.spec.ts): the local
 * server mints the identity's token and it is put where the console keeps it, then `path` opens.
 * Saves the overview's reads when a test is about another page.
 */
export async function signInAs(page: Page, identityId: string, path = '/'): Promise<void> {
  const res = await page.request.post('/local/tokens', { data: { identityId } });
  expect(res.status()).toBe(200);
  const session = await res.text();
  await page.goto('/config.json'); // any small same-origin document, to reach this origin's sessionStorage
  await page.evaluate((value) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('fundledger.session', value), session);
  await page.goto(path);
}

/** The session token the console keeps (sessionStorage), for calling the API directly. */
export async function sessionToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => (globalThis as unknown as BrowserWindow).sessionStorage.getItem('fundledger.session'));
  expect(raw).toBeTruthy();
  return (JSON.parse(raw!) as { token: string }).token;
}

// --- the API, for a test's own fixtures ------------------------------------------------------------

const tokens = new Map<string, string>();

/** A token of a ready identity, minted by the local server (POST /local/tokens). */
export async function tokenOf(request: APIRequestContext, identityId: string): Promise<string> {
  const cached = tokens.get(identityId);
  if (cached) return cached;
  const res = await request.post('/local/tokens', { data: { identityId } });
  expect(res.status()).toBe(200);
  const { token } = (await res.json()) as { token: string };
  tokens.set(identityId, token);
  return token;
}

let keySeq = 0;
/** POST as an identity; expects `status` (default 201) and returns the body. */
export async function apiPost<T = any>(request: APIRequestContext, identityId: string, path: string, body: unknown, status = 201): Promise<T> {
  const res = await request.post(path, {
    headers: { authorization: `Bearer ${await tokenOf(request, identityId)}`, 'idempotency-key': `e2e-${Date.now()}-${++keySeq}`, accept: 'application/json' },
    data: body,
  });
  const text = await res.text();
  expect(res.status(), `${path}: ${text}`).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function apiGet<T = any>(request: APIRequestContext, identityId: string, path: string): Promise<T> {
  const res = await request.get(path, { headers: { authorization: `Bearer ${await tokenOf(request, identityId)}`, accept: 'application/json' } });
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** Today in China: the API's "today". */
export const today = (): string => chinaDate(new Date());
export const day = (n: number): string => addDays(today(), n);

let idSeq = 0;
/** A project id no other test (or earlier run against the same stack) uses. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36).toUpperCase()}${(++idSeq).toString(36).toUpperCase()}`;
}

export interface Fixture {
  projectId: string;
  body: Record<string, any>;
}

/**
 * Registers a 2023 class-C project in NJ-HTZ through the API (finance officer): province and zone
 * grants in yuan, one tranche each, and the contract period placed around today as asked.
 */
export async function registerProject(
  request: APIRequestContext,
  opts: { prefix?: string; provinceYuan?: number; zoneYuan?: number; investmentYuan?: number; signedOffset?: number; endsOffset?: number; insideZone?: boolean } = {},
): Promise<Fixture> {
  const projectId = uniqueId(opts.prefix ?? 'E2E');
  const province = (opts.provinceYuan ?? 2_000_000) * 100;
  const zone = opts.insideZone === false ? 0 : (opts.zoneYuan ?? 2_000_000) * 100;
  const signedOn = day(opts.signedOffset ?? -30);
  const endsOn = day(opts.endsOffset ?? 900);
  const body = {
    projectId,
    programCode: 'JS-2023-C',
    clusterId: 'NJ-BIO-2023',
    zoneId: 'NJ-HTZ',
    insideZone: opts.insideZone ?? true,
    title: `端到端测试项目 ${projectId}`,
    owner: { name: `测试企业${projectId}有限公司`, creditCode: randomCreditCode() },
    newInvestmentFen: (opts.investmentYuan ?? 30_000_000) * 100,
    contract: { signedOn, startsOn: addDays(signedOn, 10), endsOn, provinceGrantFen: province, zoneGrantFen: zone },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: addDays(signedOn, 60), amountFen: province },
      ...(zone > 0 ? [{ trancheId: 'Z1', funder: 'zone', dueOn: addDays(signedOn, 70), amountFen: zone }] : []),
    ],
  };
  await apiPost(request, IDENTITY.finance, '/projects', body);
  return { projectId, body };
}

// --- driving the console ----------------------------------------------------------------------------

/** The open dialog (antd Modal) with this title. */
export function dialog(page: Page, title: string | RegExp): Locator {
  return page.getByRole('dialog').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
}

/** Picks an option of an antd Select (by its visible text) after opening it. */
export async function choose(page: Page, select: Locator, text: string | RegExp): Promise<void> {
  // Already showing it (a preset): nothing to pick (re-picking the selected option keeps the list open).
  const shown = (await select.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]').innerText()).trim();
  if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return;
  const field = select.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  const dropdown = page.locator('.ant-select-dropdown').filter({ visible: true });
  // The options can change under the pointer (a list read again as the dialog opens): pick until
  // the field shows the option, then make sure its list is closed.
  await expect(async () => {
    if ((await dropdown.count()) === 0) await select.click();
    await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first().click({ timeout: 3_000 });
    await expect(field).toContainText(text, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  if ((await dropdown.count()) > 0) await select.press('Escape');
  await expect(dropdown).toHaveCount(0);
}

/** Types a date into an antd DatePicker and confirms it. */
export async function typeDate(field: Locator, date: string): Promise<void> {
  await field.click();
  await field.fill(date);
  await field.press('Enter');
}

/** Opens the project page and waits for its title. */
export async function openProject(page: Page, projectId: string): Promise<void> {
  await page.goto(`/projects/${encodeURIComponent(projectId)}`);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(projectId);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await settle(page);
}

/** Clicks one of the project page's action buttons ("可办理事项"). */
export async function action(page: Page, name: string): Promise<void> {
  await page.getByTestId('actions').getByRole('button', { name, exact: true }).click();
}

/** Submits a dialog and waits for it to close (the write was accepted). */
export async function submitDialog(d: Locator, button = '提交'): Promise<void> {
  await d.getByRole('button', { name: button, exact: true }).click();
  await expect(d).toBeHidden();
}

/** The balance cell of a funder row ("省级"/"高新区") and a column (allocatedFen, pendingFen, …). */
export function balanceCell(page: Page, funderName: string, field: string): Locator {
  return page.locator('.ant-card', { hasText: '资金到位情况' }).locator('tr', { hasText: funderName }).locator(`td[data-col="${field}"]`);
}

// --- screenshots and axe ------------------------------------------------------------------------------

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

/** The program of the e2e projects (registerProject); it is under budget control. */
export const E2E_INDICATOR_PROGRAM = 'JS-2023-C';
/** The suite's own indicator of a fiscal year, recorded by global-setup.ts for this year and the last. */
export const e2eIndicatorNo = (fiscalYear: number): string => `苏财教〔${fiscalYear}〕端到端测试指标号`;
/** The indicator an e2e allocation on `valueDate` draws on. */
export const indicatorFor = (valueDate: string): string => e2eIndicatorNo(Number(valueDate.slice(0, 4)));

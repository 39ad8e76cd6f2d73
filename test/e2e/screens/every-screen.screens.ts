/**
 * Every page, and every dialog a role may open, per role, on the demo data: screenshots into
 * test/e2e/screenshots/screens/<role>-<what>.png for a person to look at. Dialogs are opened and
 * cancelled: nothing is posted.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { IDENTITY, openProject, screenshot, settle, signInAs } from '../support';

const PAGES = ['/', '/projects', '/alerts', '/portfolio', '/portfolio?groupBy=program', '/portfolio?groupBy=cluster', '/documents', '/documents/new', '/projects/new', '/imports'];

/** The projects each role's dialogs are opened on (one with something to do for that role). */
const ROLES: { who: string; name: string; projects: string[] }[] = [
  { who: IDENTITY.finance, name: 'finance', projects: ['BA2023-0101', 'BA2021-0202', 'NJ2024-0301', 'OUT2023-0108'] },
  { who: IDENTITY.zoneNj, name: 'zone', projects: ['BA2023-0103', 'BA2023-0102', 'BA2023-0104', 'NJ2024-0301', 'BA2021-0201'] },
  { who: IDENTITY.cityNj, name: 'city', projects: ['BA2023-0107', 'BA2023-0106', 'BA2023-0104'] },
  { who: IDENTITY.admin, name: 'admin', projects: ['BA2023-0107', 'BA2023-0105', 'BA2021-0203'] },
  { who: IDENTITY.auditor, name: 'auditor', projects: ['BA2021-0201'] },
];

const shot = (page: Page, name: string, fullPage = true) => screenshot(page, join('screens', name), { fullPage });

/** Opens each enabled action of the project page, shoots the dialog, cancels it. */
async function shootDialogs(page: Page, prefix: string): Promise<void> {
  const actions = page.getByTestId('actions').locator('button[data-action]:not([disabled])');
  const types = await actions.evaluateAll((buttons) => buttons.map((b) => (b as unknown as { dataset: { action: string } }).dataset.action));
  for (const type of types) {
    await page.getByTestId('actions').locator(`button[data-action="${type}"]`).click();
    const modal = page.getByRole('dialog');
    await expect(modal).toBeVisible();
    await shot(page, `${prefix}-dialog-${type}`, false);
    await modal.getByRole('button', { name: /^(取消|Cancel)$/ }).click();
    await expect(modal).toBeHidden();
  }
  // The dialogs opened elsewhere on the page: a pending allocation's match, an entry's reversal, a proposal's approval.
  for (const [what, opener] of [
    ['confirm-from-pending', page.locator('.ant-card', { hasText: /待配套的/ }).locator('tr.ant-table-row').getByRole('button').first()],
    ['reverse', page.locator('.ant-card', { hasText: '台账记录' }).locator('tr.ant-table-row').getByRole('button', { name: /冲正/ }).and(page.locator(':not([disabled])')).first()],
    ['approve', page.getByTestId('proposal').getByRole('button', { name: '批准' }).and(page.locator(':not([disabled])')).first()],
  ] as const) {
    if ((await opener.count()) === 0 || !(await opener.isEnabled())) continue;
    await opener.click();
    const modal = page.getByRole('dialog');
    await expect(modal).toBeVisible();
    await shot(page, `${prefix}-dialog-${what}`, false);
    await modal.getByRole('button', { name: /^(取消|Cancel)$/ }).click();
    await expect(modal).toBeHidden();
  }
}

for (const { who, name, projects } of ROLES) {
  test(`every page and dialog of ${name}`, async ({ page }) => {
    await signInAs(page, who);
    for (const path of PAGES) {
      await page.goto(path);
      await settle(page);
      if (path.startsWith('/portfolio')) await page.waitForTimeout(800); // the charts' entry animation
      await shot(page, `${name}-page${path.replace(/[/?=]+/g, '-').replace(/-$/, '') || '-overview'}`);
    }
    await page.goto('/documents');
    await settle(page);
    const doc = page.getByRole('link', { name: /苏财教/ }).first();
    if (await doc.count()) {
      await doc.click();
      await settle(page);
      await shot(page, `${name}-page-document`);
    }
    for (const projectId of projects) {
      await page.goto(`/projects/${projectId}`);
      await settle(page);
      await shot(page, `${name}-project-${projectId}`);
      if (await page.getByTestId('actions').count()) await shootDialogs(page, `${name}-${projectId}`);
    }
    await page.goto('/no-such-page');
    await shot(page, `${name}-page-not-found`, false);
  });
}

test('English: overview, a project and a dialog', async ({ page }) => {
  await signInAs(page, IDENTITY.finance);
  await page.getByRole('button', { name: 'English' }).click();
  await shot(page, 'en-finance-overview');
  await openProject(page, 'BA2023-0101');
  await shot(page, 'en-finance-project-BA2023-0101');
  await shootDialogs(page, 'en-finance-BA2023-0101');
  await page.goto('/portfolio');
  await settle(page);
  await page.waitForTimeout(800);
  await shot(page, 'en-finance-portfolio');
  await page.getByRole('button', { name: '中文' }).click();
});

/**
 * A signed-in reload of a project page starts its first reads at boot (console/src/services/early.ts):
 * the project, its history's first page, its reconciliation and the catalog are asked for while
 * the page's own code is still loading, and each is asked for once — the page's queries take the
 * reads the boot started instead of asking again.
 */
import { expect, test, type Page, type Request } from '@playwright/test';
import { IDENTITY, signInAs } from './support';

const PROJECT = 'BA2023-0101';

/** The scripts index.html loads itself (the entry and what it preloads): every other script is a page's own chunk. */
async function bootScripts(page: Page): Promise<Set<string>> {
  const html = await (await page.request.get('/')).text();
  return new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
}

/** The API's GETs the page makes (same origin, fetch), as path and query. */
function apiReads(page: Page): string[] {
  const reads: string[] = [];
  page.on('request', (r: Request) => {
    if (r.resourceType() === 'fetch' && r.method() === 'GET' && !r.url().endsWith('/config.json')) reads.push(new URL(r.url()).pathname + new URL(r.url()).search);
  });
  return reads;
}

/**
 * Holds every page chunk until `awaited` reads have been asked for: without reads started at boot
 * they would wait for the chunk, and the chunk would never come (the page then fails to load).
 */
async function holdPageChunksUntil(page: Page, reads: string[], awaited: string[]): Promise<void> {
  const boot = await bootScripts(page);
  await page.route(/\/assets\/.+\.js$/, async (route) => {
    if (boot.has(new URL(route.request().url()).pathname)) return route.continue();
    const deadline = Date.now() + 15_000;
    while (!awaited.every((a) => reads.includes(a))) {
      if (Date.now() > deadline) return route.abort();
      await new Promise((r) => setTimeout(r, 20));
    }
    return route.continue();
  });
}

for (const [who, identity, reconciliation] of [
  ['an auditor', IDENTITY.auditor, true],
  ['a city bureau (no reconciliation is theirs)', IDENTITY.cityNj, false],
] as const) {
  test(`a reload of a project page asks for its first reads before its code has loaded, each once: ${who}`, async ({ page }) => {
    await signInAs(page, identity, `/projects/${PROJECT}`);
    await expect(page.locator('.ant-card', { hasText: '台账记录' }).locator('tr.ant-table-row').first()).toBeVisible();

    const reads = apiReads(page);
    const first = [`/projects/${PROJECT}`, `/projects/${PROJECT}/history?limit=200`, '/zones', '/programs', '/clusters?limit=500'];
    const own = reconciliation ? [...first, `/reconciliation?projectId=${PROJECT}`] : first;
    await holdPageChunksUntil(page, reads, own);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(PROJECT);
    await expect(page.locator('.ant-card', { hasText: '台账记录' }).locator('tr.ant-table-row').first()).toBeVisible();
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);

    for (const read of own) expect(reads.filter((r) => r === read), read).toHaveLength(1);
    expect(reads.filter((r) => r.startsWith('/reconciliation'))).toHaveLength(reconciliation ? 1 : 0);
    // Nothing asked twice.
    expect(reads.length).toBe(new Set(reads).size);
  });
}

test('a reload as of a date reads the project and its history as of that date, once each', async ({ page }) => {
  const asOf = '2025-06-30';
  await signInAs(page, IDENTITY.auditor, `/projects/${PROJECT}?asOf=${asOf}`);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(PROJECT);
  const reads = apiReads(page);
  await holdPageChunksUntil(page, reads, [`/projects/${PROJECT}?asOf=${asOf}`, `/projects/${PROJECT}/history?to=${asOf}&limit=200`]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(PROJECT);
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  expect(reads.filter((r) => r === `/projects/${PROJECT}?asOf=${asOf}`)).toHaveLength(1);
  expect(reads.length).toBe(new Set(reads).size);
});

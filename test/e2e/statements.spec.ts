/**
 * A statement reconciled in the console (issue 21): a finance officer uploads the province's bank
 * statement (a CSV file, hashed in the browser and PUT to its upload URL), reads the dry run
 * (matched, statement-only, ledger-only), stores it; a second finance officer matches the line the
 * rule left open by hand, with a reason; the story names her; the project's ledger rows say
 * 已对账. Screenshots: statements-*.png.
 */
import { expect, test } from '@playwright/test';
import { encodeGbk } from '../support/gbk';
import { demoIndicatorNo } from '../../local/demo';
import { IDENTITY, apiGet, apiPost, day, dialog, expectNoSeriousA11yViolations, openProject, registerProject, screenshot, settle, signInAs } from './support';

const HEADER = '交易日期,金额（元）,收款人名称,收款人统一社会信用代码,凭证号,摘要';

test('the overview of the roles that reconcile and provide files lists what is unreconciled and what has no evidence (demo data)', async ({ page, request }) => {
  // Each reconciles its own account: the zone committee its zone's, the finance officer the province's.
  for (const [who, account, shot] of [[IDENTITY.zoneNj, 'zone:NJ-HTZ', 'statements-0a-overview-zone'], [IDENTITY.finance, 'province', 'statements-0b-overview-finance']] as const) {
    await signInAs(page, who, '/');
    await settle(page);
    // What the ledger paid from that account that no statement line is matched to yet, as GET /reconciliation says.
    const listed = await apiGet(request, who, '/reconciliation');
    const open = listed.entries.filter((e: { reconciled: boolean; account: string }) => !e.reconciled && e.account === account);
    const lines = listed.statementOnly.filter((l: { account: string }) => l.account === account);
    expect(open.length).toBeGreaterThan(0);
    const unreconciled = page.getByTestId('todo-unreconciled');
    await expect(unreconciled.locator('.ant-tag').first()).toHaveText(String(open.length + lines.length));
    await expect(unreconciled.locator('tr.ant-table-row')).toHaveCount(Math.min(8, open.length));
    await expect(unreconciled.locator('tr.ant-table-row').first()).toContainText(open[0].projectId);
    await unreconciled.scrollIntoViewIfNeeded();
    await screenshot(page, shot);
    // What has no evidence: the demo's programs require none, and the section says nothing is owed.
    const evidence = page.getByTestId('todo-evidence');
    await expect(evidence).toContainText('缺少凭证的记录');
    await expect(evidence).toContainText('没有待补的凭证');
    await evidence.scrollIntoViewIfNeeded();
    await screenshot(page, `${shot}-evidence`);
  }
});

test('a statement reconciled: upload, dry run, store, a manual match by a second person, 已对账 on the ledger rows', async ({ page, request }) => {
  test.slow();
  const { projectId } = await registerProject(request, { prefix: 'E2E-REC', provinceYuan: 3_000_000, zoneYuan: 3_000_000 });
  // The program is under budget control: the allocation draws on the demo's indicator of its year.
  const alloc = await apiPost(request, IDENTITY.finance, `/projects/${projectId}/allocations`, { amountFen: 300_000_000, valueDate: day(-20), reference: `苏财教〔E2E〕${projectId}`, indicatorNo: demoIndicatorNo('JS-2023-C', Number(day(-20).slice(0, 4))) });
  await apiPost(request, IDENTITY.zoneNj, `/projects/${projectId}/match-confirmations`, { allocationEntryId: alloc.entry.entryId, amountFen: 300_000_000, valueDate: day(-18), reference: `配套 ${projectId}` });
  // Amounts no other movement of the province's account has.
  const cents = Number(Date.now().toString().slice(-4));
  const first = 1_234_500_00 + cents;
  const second = 765_400_00 + cents;
  const t1 = await apiPost(request, IDENTITY.finance, `/projects/${projectId}/transfers`, { amountFen: first, valueDate: day(-10), reference: `划转-${projectId}-1` });
  const t2 = await apiPost(request, IDENTITY.finance, `/projects/${projectId}/transfers`, { amountFen: second, valueDate: day(-8), reference: `划转-${projectId}-2` });
  const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  const csv = [
    HEADER,
    `${day(-10)},${yuan(first)},南京高新区管委会,,划转-${projectId}-1,省级资金划转`,
    // The bank wrote its own number for the second transfer: no rule can tie it to the ledger.
    `${day(-7)},${yuan(second)},南京高新区管委会,,网银-${cents},省级资金划转`,
  ].join('\r\n');

  // Reached from the side menu, which marks it as the page shown.
  await signInAs(page, IDENTITY.finance, '/');
  await page.getByRole('navigation').getByRole('link', { name: '对账', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '银行/国库对账' })).toBeVisible();
  await expect(page.getByRole('navigation').locator('.ant-menu-item-selected')).toHaveText('对账');
  await screenshot(page, 'statements-1-page');
  await page.locator('input[type="file"]').setInputFiles({ name: `对账单-${projectId}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

  // The dry run: one line matched by its voucher, one statement-only; the second transfer is ledger-only.
  await expect(page).toHaveURL(/\/statements\/[0-9a-f]{64}$/);
  const statementId = page.url().split('/').pop()!;
  await expect(page.getByText('试算结果（尚未保存）')).toBeVisible();
  await expect(page.getByRole('tab', { name: /已对账（1）/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /仅对账单有（1）/ })).toBeVisible();
  await expect(page.getByTestId('lines-matched')).toContainText(t1.entry.entryId);
  await page.getByRole('tab', { name: /仅台账有/ }).click();
  await expect(page.getByTestId('ledger-only')).toContainText(t2.entry.entryId);
  await screenshot(page, 'statements-2-dry-run');
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: '确认保存' }).click();
  await expect(page.getByText('试算结果（尚未保存）')).toBeHidden();
  await expect(page.getByText('已保存', { exact: true }).first()).toBeVisible();
  // The uploader may not decide on its own statement.
  await expect(page.getByText('须由上传人以外的另一人办理（双人复核）。')).toBeVisible();
  await screenshot(page, 'statements-3-stored');

  // A second finance officer matches the open line by hand.
  await signInAs(page, IDENTITY.finance2, `/statements/${statementId}`);
  await page.getByRole('tab', { name: /仅对账单有（1）/ }).click();
  await page.getByTestId('lines-open').getByRole('button', { name: '手工对账' }).click();
  const d = dialog(page, '手工对账：第 2 行');
  await d.getByLabel('台账记录编号').fill(t2.entry.entryId);
  await d.getByLabel('理由').fill('银行回单网银号对应第二次划转，金额、日期一致');
  await screenshot(page, 'statements-4-manual-match');
  await d.getByRole('button', { name: '手工对账' }).click();
  await expect(d).toBeHidden();
  await expect(page.getByRole('tab', { name: /已对账（2）/ })).toBeVisible();
  await page.getByRole('tab', { name: /对账记录/ }).click();
  const story = page.getByTestId('statement-story');
  await expect(story).toContainText(t2.entry.entryId);
  await expect(story).toContainText('银行回单网银号对应第二次划转');
  await screenshot(page, 'statements-5-story');

  // Stored as the API says, and the ledger's rows show it.
  const stored = await apiGet(request, IDENTITY.auditor, `/statements/${statementId}`);
  expect(stored.events).toEqual([expect.objectContaining({ kind: 'match', lineNo: 2, entryId: t2.entry.entryId, by: expect.objectContaining({ sub: expect.stringContaining('finance-officer-2') }) })]);
  await openProject(page, projectId);
  for (const e of [t1, t2]) await expect(page.locator('tr', { hasText: e.entry.reference }).getByTestId('reconciled-tag')).toHaveText('已对账');
  await settle(page);
  await screenshot(page, 'statements-6-ledger-rows', { fullPage: true });
});

test('a GBK file from a bank is read as GBK; a mojibake file is refused with what to do', async ({ page }) => {
  await signInAs(page, IDENTITY.zoneNj, '/statements');
  const gbk = encodeGbk(`${HEADER}\r\n${day(-3)},10.${String(Date.now() % 100).padStart(2, '0')},南京某生物医药有限公司,,网银-GBK-${Date.now()},项目拨款\r\n`);
  await page.locator('input[type="file"]').setInputFiles({ name: '工行导出.csv', mimeType: 'text/csv', buffer: gbk });
  await expect(page).toHaveURL(/\/statements\/[0-9a-f]{64}$/);
  await expect(page.getByText('文件为 GBK 编码，已按 GBK 读取。')).toBeVisible();
  await page.getByRole('tab', { name: /仅对账单有/ }).click();
  await expect(page.getByTestId('lines-open')).toContainText('南京某生物医药有限公司');
  await screenshot(page, 'statements-7-gbk');
  await page.goto('/statements');
  const mojibake = Buffer.from(Buffer.from(`${HEADER}\r\n${day(-3)},10.00,工商银行,,M-1,\r\n`, 'utf8').toString('latin1'), 'utf8');
  await page.locator('input[type="file"]').setInputFiles({ name: '乱码.csv', mimeType: 'text/csv', buffer: mojibake });
  const problem = page.getByTestId('statement-problem');
  await expect(problem).toContainText('乱码');
  await screenshot(page, 'statements-8-mojibake');
});

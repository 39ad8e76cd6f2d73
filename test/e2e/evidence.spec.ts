/**
 * Evidence in the console (issue 21): a zone committee pays the owner with the bank receipt dropped
 * into the payment dialog — the SHA-256 computed in the browser, the upload's progress shown — and
 * the ledger row shows the receipt, whose download is the same bytes; a disguised executable is
 * refused with the contract's answer and nothing recorded; the overview lists what has no evidence
 * where the program requires it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedPrograms } from '../../domain/programs/seed';
import { randomCreditCode } from '../support/credit-code';
import { action, apiGet, apiPost, choose, day, dialog, IDENTITY, openProject, registerProject, screenshot, SCREENSHOT_DIR, settle, signInAs, submitDialog, uniqueId, indicatorFor } from './support';

test.describe.configure({ mode: 'serial' });

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A small, real PDF (one blank page). */
const RECEIPT = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2_000, 0x41)]);

/** Drags a file from the desktop onto the drop zone: a DataTransfer with the file, dropped. */
async function dropFile(page: Page, zone: Locator, name: string, bytes: Buffer, type: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, b64, type }) => {
      const binary = atob(b64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      // Browser globals (the root tsconfig has no DOM lib).
      const browser = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } } };
      const dt = new browser.DataTransfer();
      dt.items.add(new File([data], name, { type }));
      return dt;
    },
    { name, b64: bytes.toString('base64'), type },
  );
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

/** Clicks a view button: a new tab opens the file's URL, which answers it inline with its type, byte for byte. */
async function viewsInATab(page: Page, button: Locator, bytes: Buffer, shot: string): Promise<void> {
  const opened = page.context().waitForEvent('response', (r) => r.url().includes('/local/objects/recorded/'));
  const [tab] = await Promise.all([page.waitForEvent('popup'), button.click()]);
  const file = await opened;
  expect(file.status()).toBe(200);
  expect(file.headers()['content-disposition']).toMatch(/^inline; /);
  expect(file.headers()['content-type']).toBe('application/pdf');
  // The browser's PDF viewer keeps the body from Playwright: the same URL, read again, is the recorded bytes.
  const again = await page.request.get(file.url());
  expect(again.headers()['content-disposition']).toMatch(/^inline; /);
  expect((await again.body()).equals(bytes)).toBe(true);
  // The tab is cut from the console: the file cannot reach back into it.
  // Asked again while the tab is still navigating from about:blank to the file (its context is replaced then).
  await expect.poll(() => tab.evaluate(() => (globalThis as unknown as { opener: unknown }).opener).catch(() => 'navigating')).toBeNull();
  await tab.waitForLoadState('load').catch(() => undefined);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await tab.screenshot({ path: join(SCREENSHOT_DIR, `${shot}.png`) }).catch(() => undefined);
  await tab.close();
}

let projectId = '';

test.beforeAll(async ({ request }) => {
  // An inside-zone project of NJ-HTZ whose province money reached the zone.
  ({ projectId } = await registerProject(request, { prefix: 'E2E-EVID' }));
  const allocation = await apiPost(request, IDENTITY.finance, `/projects/${projectId}/allocations`, { amountFen: 100_000_000, valueDate: day(-20), indicatorNo: indicatorFor(day(-20)), reference: '苏财教〔2026〕88号' });
  await apiPost(request, IDENTITY.zoneNj, `/projects/${projectId}/match-confirmations`, { allocationEntryId: allocation.entry.entryId, amountFen: 100_000_000, valueDate: day(-15), reference: '宁高管〔2026〕8号' });
  await apiPost(request, IDENTITY.finance, `/projects/${projectId}/transfers`, { amountFen: 100_000_000, valueDate: day(-10), reference: '苏财预〔2026〕18号' });
});

test('a zone committee pays with the bank receipt dropped into the dialog; the ledger row shows it and it downloads as uploaded', async ({ page }) => {
  await signInAs(page, IDENTITY.zoneNj, `/projects/${projectId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await settle(page);

  // The matching-fund confirmation takes its document the same way (the payment goes further below).
  await action(page, '高新区配套确认');
  const confirm = page.getByRole('dialog');
  await expect(confirm.locator('.ant-upload-drag')).toBeVisible();
  await screenshot(page, 'evidence-00-confirm-dialog-evidence-field');
  await confirm.getByRole('button', { name: '取消', exact: true }).click();
  await expect(confirm).toBeHidden();

  await action(page, '拨付');
  const d = dialog(page, '拨付给承担单位');
  await d.getByLabel('拨付金额（元）').fill('400,000');
  await d.getByLabel('支付凭证号').fill('国库支付 E2E-回单');
  await dropFile(page, d.getByTestId('evidence-drop'), '国库支付回单.pdf', RECEIPT, 'application/pdf');
  // The hash is the browser's (Web Crypto), before anything is sent.
  await expect(d.getByTestId('evidence-sha256')).toHaveText(sha(RECEIPT));
  await expect(d.getByTestId('evidence-chosen')).toContainText('国库支付回单.pdf');
  await expect(d.getByLabel('凭证类型')).toBeVisible();
  await d.getByTestId('evidence-chosen').scrollIntoViewIfNeeded();
  await screenshot(page, 'evidence-01-pay-dialog-with-receipt');

  // Hold the upload's answer a moment, to see the progress while it is under way.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/local/objects/staging/**', async (route) => {
    await held;
    await route.continue();
  });
  await d.getByRole('button', { name: '提交', exact: true }).click();
  await expect(d.getByTestId('evidence-progress')).toBeVisible();
  // Mid-submission on purpose: the dialog is busy (screenshot() would wait for it to settle).
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'evidence-02-uploading.png'), animations: 'disabled' });
  release();
  await expect(d).toBeHidden();
  await page.unroute('**/local/objects/staging/**');

  // The payment's row says it has a receipt; the evidence entry has a row of its own.
  const ledger = page.locator('.ant-card', { hasText: '台账记录' });
  const paymentRow = ledger.locator('tr.ant-table-row', { hasText: '国库支付 E2E-回单' });
  await expect(paymentRow.locator('td[data-col="evidence"]')).toContainText('1 份凭证');
  const evidenceRow = ledger.locator('tr.ant-table-row', { hasText: '凭证' }).filter({ hasText: '国库支付回单.pdf' });
  await expect(evidenceRow).toHaveCount(1);
  await paymentRow.scrollIntoViewIfNeeded();
  await screenshot(page, 'evidence-03-ledger-rows');

  await paymentRow.getByTestId('evidence-open').click();
  const list = dialog(page, /的凭证$/);
  await expect(list.getByTestId('evidence-file')).toHaveCount(1);
  await expect(list.getByTestId('evidence-file-sha256')).toHaveText(sha(RECEIPT));
  await expect(list).toContainText('银行回单');
  await expect(list).toContainText('sha256sum');
  await screenshot(page, 'evidence-04-evidence-of-the-payment');

  const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: /^下载/ }).click()]);
  expect(download.suggestedFilename()).toBe('国库支付回单.pdf');
  const saved = readFileSync((await download.path())!);
  expect(saved.equals(RECEIPT)).toBe(true);

  // 查看 opens the receipt in a tab of its own, shown by the browser (inline), the same bytes.
  await viewsInATab(page, list.getByRole('button', { name: /^查看/ }), RECEIPT, 'evidence-04b-receipt-viewed');
  await list.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

  // The evidence entry's own row: its file's hash, a view and a download.
  await expect(evidenceRow.getByTestId('evidence-row-sha256')).toHaveText(sha(RECEIPT));
  await expect(evidenceRow.getByRole('button', { name: /^查看/ })).toBeVisible();
  await expect(evidenceRow.getByRole('button', { name: /^下载/ })).toBeVisible();

  // The chain covers the file's hash: /verify reads it back.
  const verified = await apiGet(page.request, IDENTITY.auditor, `/projects/${projectId}/verify`);
  expect(verified).toMatchObject({ valid: true, evidenceFiles: 1 });
});

test('an executable renamed .pdf is refused with the contract’s answer; nothing is recorded', async ({ page }) => {
  await signInAs(page, IDENTITY.zoneNj, `/projects/${projectId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await settle(page);
  const before = await apiGet(page.request, IDENTITY.auditor, `/projects/${projectId}`);

  const ledger = page.locator('.ant-card', { hasText: '台账记录' });
  const paymentRow = ledger.locator('tr.ant-table-row', { hasText: '国库支付 E2E-回单' });
  await paymentRow.getByTestId('evidence-open').click();
  await dialog(page, /的凭证$/).getByRole('button', { name: '补充凭证' }).click();
  const attach = dialog(page, /补充凭证$/);
  await dropFile(page, attach.getByTestId('evidence-drop'), 'invoice.pdf', EXE, 'application/pdf');
  await expect(attach.getByTestId('evidence-sha256')).toHaveText(sha(EXE));
  await attach.getByRole('button', { name: '上传并入账' }).click();
  const problem = attach.getByTestId('problem');
  // One sentence from the glossary for the person; the server's English only behind the details toggle.
  await expect(problem.locator('.ant-alert-title')).toHaveText('上传的文件与申报的不一致（大小、哈希值或文件类型），未入账，上传的文件已丢弃：请重新选择文件上传。');
  await expect(problem).toHaveAttribute('data-rule', 'evidence-mismatch');
  const details = problem.getByTestId('problem-details');
  await expect(details).not.toHaveAttribute('open', /.*/);
  await expect(details.locator('dd', { hasText: 'Windows executable (MZ)' })).toBeHidden();
  await screenshot(page, 'evidence-05-executable-refused');
  await details.locator('summary').click();
  await expect(details.locator('dd', { hasText: 'Windows executable (MZ)' })).toBeVisible();
  await expect(details).toContainText('evidence-mismatch');
  await screenshot(page, 'evidence-05b-executable-refused-details');

  const after = await apiGet(page.request, IDENTITY.auditor, `/projects/${projectId}`);
  expect(after.version).toBe(before.version);
  // A file that is not a receipt at all is refused before anything is sent.
  await dropFile(page, attach.getByTestId('evidence-drop'), 'notes.txt', Buffer.from('hello'), 'text/plain');
  await expect(attach.getByTestId('evidence-refused')).toContainText('只接受 PDF、JPG、PNG 或 OFD 文件');
  await attach.getByRole('button', { name: '取消' }).click();
});

test('the overview lists the payments that still lack the evidence their program requires', async ({ page, request }) => {
  // A program of this test's own that requires evidence behind payments, 15 days after payment
  // (without budget control: this test is about evidence).
  const base = seedPrograms.find((p) => p.code === 'JS-2023-C')!;
  const code = uniqueId('E2E-EVP');
  await apiPost(request, IDENTITY.admin, '/programs', { ...base, code, name: `凭证必传测试专项 ${code}`, evidenceRequired: ['disbursement'], evidenceGraceDays: 15, budgetControl: false }, 201);
  const clusterId = uniqueId('E2E-EVC');
  await apiPost(request, IDENTITY.admin, '/clusters', { clusterId, programCode: code, zoneId: 'NJ-HTZ', name: `凭证测试集群 ${clusterId}`, industry: '生物医药' }, 201);
  const id = uniqueId('E2E-EVM');
  const signedOn = day(-90);
  await apiPost(request, IDENTITY.finance, '/projects', {
    projectId: id, programCode: code, clusterId, zoneId: 'NJ-HTZ', insideZone: true, title: `凭证缺失测试 ${id}`,
    owner: { name: `测试企业${id}有限公司`, creditCode: randomCreditCode() }, newInvestmentFen: 3_000_000_000,
    contract: { signedOn, startsOn: signedOn, endsOn: day(600), provinceGrantFen: 100_000_000, zoneGrantFen: 100_000_000 },
    schedule: [{ trancheId: 'P1', funder: 'province', dueOn: day(120), amountFen: 100_000_000 }, { trancheId: 'Z1', funder: 'zone', dueOn: day(120), amountFen: 100_000_000 }],
  });
  const allocation = await apiPost(request, IDENTITY.finance, `/projects/${id}/allocations`, { amountFen: 100_000_000, valueDate: day(-60), reference: '苏财教〔2026〕90号' });
  await apiPost(request, IDENTITY.zoneNj, `/projects/${id}/match-confirmations`, { allocationEntryId: allocation.entry.entryId, amountFen: 100_000_000, valueDate: day(-50), reference: '宁高管〔2026〕9号' });
  await apiPost(request, IDENTITY.finance, `/projects/${id}/transfers`, { amountFen: 100_000_000, valueDate: day(-40), reference: '苏财预〔2026〕19号' });
  const late = await apiPost(request, IDENTITY.zoneNj, `/projects/${id}/disbursements`, { funder: 'province', amountFen: 30_000_000, paidOn: day(-20), reference: '国库支付 缺回单', trancheId: 'P1' });
  const recent = await apiPost(request, IDENTITY.zoneNj, `/projects/${id}/disbursements`, { funder: 'zone', amountFen: 20_000_000, paidOn: day(-2), reference: '宁高新财 缺回单', trancheId: 'Z1' });

  await signInAs(page, IDENTITY.zoneNj, '/');
  const section = page.getByTestId('todo-evidence');
  await expect(section).toContainText(late.entry.entryId);
  await expect(section).toContainText(recent.entry.entryId);
  await expect(section.locator('tr', { hasText: late.entry.entryId })).toContainText('已逾期');
  await expect(section.locator('tr', { hasText: recent.entry.entryId })).not.toContainText('已逾期');
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'evidence-06-overview-missing-evidence');

  // On the project page the rows say so, and the receipt can be added there.
  await openProject(page, id);
  const ledger = page.locator('.ant-card', { hasText: '台账记录' });
  const row = ledger.locator('tr.ant-table-row', { hasText: '国库支付 缺回单' });
  await expect(row.locator('td[data-col="evidence"]')).toContainText('缺凭证');
  await row.getByRole('button', { name: `补充凭证 ${late.entry.entryId}` }).click();
  const attach = dialog(page, /补充凭证$/);
  await dropFile(page, attach.getByTestId('evidence-drop'), '回单.pdf', RECEIPT, 'application/pdf');
  await choose(page, attach.getByLabel('凭证类型'), '银行回单');
  await submitDialog(attach, '上传并入账');
  await expect(row.locator('td[data-col="evidence"]')).toContainText('1 份凭证');
  const view = await apiGet(page.request, IDENTITY.auditor, `/projects/${id}`);
  expect(view.awaitingEvidence.map((a: { entryId: string }) => a.entryId)).toEqual([recent.entry.entryId]);
});

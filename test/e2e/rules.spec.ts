/**
 * The rules as a person meets them in the console: a cap violation shown as one Chinese sentence
 * with its figures; a 400 per field before anything is sent; four-eyes on an exception (the
 * proposer's approve button is disabled with the reason, a second admin approves) and on a
 * reversal (a second finance officer reverses the first one's entry).
 */
import { expect, test } from '@playwright/test';
import { term } from '../../domain/glossary/with-console';
import { action, apiPost, choose, dialog, IDENTITY, openProject, registerProject, signIn, signInAs, submitDialog, today, indicatorFor } from './support';

test('a cap violation is refused in one Chinese sentence with the cap, used, attempted and excess figures; details folded', async ({ page, request }) => {
  const { projectId } = await registerProject(request, { provinceYuan: 6_000_000, zoneYuan: 6_000_000, investmentYuan: 45_000_000 });
  await apiPost(request, IDENTITY.finance, `/projects/${projectId}/allocations`, { amountFen: 500_000_000, valueDate: today(), indicatorNo: indicatorFor(today()), reference: '苏财教〔2026〕E2E-1号' });

  await signInAs(page, IDENTITY.finance);
  await openProject(page, projectId);
  await action(page, '省级资金下达');
  const d = dialog(page, '下达省级资金');
  await d.getByLabel('下达金额（元）').fill('2,000,000');
  await choose(page, d.getByLabel('预算指标'), indicatorFor(today()));
  await d.getByLabel('计划下达文号').fill('苏财教〔2026〕E2E-2号');
  await d.getByRole('button', { name: '提交', exact: true }).click();
  const problem = d.getByTestId('problem');
  await expect(problem).toHaveAttribute('data-rule', 'province-per-project');
  // One Chinese sentence for the rule with its figures in 元 (issue 19, item 5) …
  await expect(problem.locator('.ant-alert-title')).toHaveText('超过本项目省级资助上限 6,000,000.00 元：已下达 5,000,000.00 元（含待配套），本次 2,000,000.00 元，超出 1,000,000.00 元。');
  // … and the technical side (rule id, HTTP status, the API's English detail) folded behind 技术细节.
  const details = problem.getByTestId('problem-details');
  await expect(details.locator('summary')).toHaveText('技术细节');
  await expect(details.getByText('province-per-project')).toBeHidden();
  await expect(problem).not.toContainText(/HTTP 422|规则 /);
  await details.locator('summary').click();
  await expect(details.getByText('province-per-project', { exact: true })).toBeVisible();
  await expect(details).toContainText('422');
  await expect(d).toBeVisible(); // nothing posted: the dialog stays open for a correction

  // A malformed amount never leaves the browser: the field says why, in Chinese.
  await d.getByLabel('下达金额（元）').fill('12.345');
  await d.getByRole('button', { name: '提交', exact: true }).click();
  await expect(d.getByText('金额格式不正确：以元为单位，最多两位小数')).toBeVisible();
  await d.getByRole('button', { name: '取消' }).click();
  await expect(page.locator('.ant-card', { hasText: '资金到位情况' }).locator('tr', { hasText: '省级' }).locator('td[data-col="allocatedFen"]')).toHaveText('5,000,000.00');
});

test('four-eyes: an admin proposes a cap exception, cannot approve it, a second admin does', async ({ browser, request }) => {
  const { projectId } = await registerProject(request, { provinceYuan: 6_000_000, zoneYuan: 7_500_000, investmentYuan: 45_000_000 });

  const first = await browser.newPage();
  await signInAs(first, IDENTITY.admin);
  await openProject(first, projectId);
  await action(first, '上限例外申请');
  const d = dialog(first, '申请突破“原则上”上限');
  await choose(first, d.getByLabel('上限规则'), '省级资助单个项目上限');
  await d.getByLabel('提高后的上限（元）').fill('7,000,000');
  await expect(d.getByTestId('capital-amount')).toContainText('人民币柒佰万元整');
  await d.getByLabel('批准文件').fill('苏科资〔2026〕E2E 厅长办公会纪要');
  await d.getByLabel('理由').fill('项目技术先进，带动作用显著');
  await submitDialog(d);

  const proposal = first.getByTestId('proposal').filter({ hasText: '上限例外' });
  await expect(proposal).toContainText('待另一人批准');
  await expect(proposal.getByTestId('proposed-by')).toHaveText('local-admin');
  await expect(proposal.getByRole('button', { name: '批准' })).toBeDisabled();
  await expect(proposal.getByTestId('approve-disabled-reason')).toHaveText(term('offer.fourEyesApproval'));
  await first.close();

  const second = await browser.newPage();
  await signIn(second, 'admin', '陈晓燕');
  await expect(second.getByTestId('todo-proposals')).toContainText(projectId);
  await openProject(second, projectId);
  const pending = second.getByTestId('proposal').filter({ hasText: '上限例外' });
  await expect(pending.getByTestId('proposed-by')).toHaveText('local-admin');
  await pending.getByRole('button', { name: '批准' }).click();
  const approve = dialog(second, '批准：上限例外');
  await expect(approve).toContainText('由 local-admin');
  await submitDialog(approve, '批准');
  await expect(second.getByTestId('proposal')).toHaveCount(0);
  const limit = second.locator('.ant-card', { hasText: '额度与上限' }).locator('tr', { hasText: '省级资助单个项目上限' });
  await expect(limit).toContainText('7,000,000.00');
  await expect(limit.getByTestId('limit-exception')).toContainText('已批准例外');
  await expect(limit.getByTestId('limit-exception')).toContainText('6,000,000.00');
  await second.close();
});

test('four-eyes on a reversal: a second finance officer reverses the first one’s allocation', async ({ page, request }) => {
  const { projectId } = await registerProject(request);
  const posted = await apiPost<{ entry: { entryId: string } }>(request, IDENTITY.finance, `/projects/${projectId}/allocations`, {
    amountFen: 100_000_000,
    valueDate: today(), indicatorNo: indicatorFor(today()),
    reference: '苏财教〔2026〕误录',
  });

  await signInAs(page, IDENTITY.finance2);
  await openProject(page, projectId);
  const row = page.locator('.ant-card', { hasText: '台账记录' }).locator('tr.ant-table-row', { hasText: '省级资金下达' });
  await row.getByRole('button', { name: /冲正/ }).click();
  const d = dialog(page, '冲正（差错更正）');
  await expect(d).toContainText('双人复核');
  await expect(d.getByLabel('冲正的记录')).toHaveValue(posted.entry.entryId);
  await d.getByLabel('冲正原因').fill('金额录入错误');
  await submitDialog(d, '冲正');
  await expect(page.locator('.ant-card', { hasText: '资金到位情况' }).locator('tr', { hasText: '省级' }).locator('td[data-col="allocatedFen"]')).toHaveText('0.00');
  await expect(row).toContainText('已冲正');
});

/**
 * The project's life after the money, each on a project of its own: acceptance (the zone applies,
 * the Nanjing city bureau decides), a hold and its release, and a termination (proposed by one
 * admin, approved by another).
 */
import { expect, test } from '@playwright/test';
import { term } from '../../domain/glossary/with-console';
import { action, apiPost, day, dialog, IDENTITY, openProject, registerProject, signIn, signInAs, submitDialog, today, indicatorFor } from './support';

const statusTag = (page: import('@playwright/test').Page) => page.locator('.ant-tag').filter({ hasText: /^(执行中|暂停拨付|验收通过|验收未通过|已终止)$/ }).first();

test('acceptance: the zone committee applies, the city bureau records the result', async ({ browser, request }) => {
  // The period ends in 30 days: the zone may apply from 90 days before the end.
  const { projectId } = await registerProject(request, { prefix: 'E2E-ACC', signedOffset: -400, endsOffset: 30 });

  const zone = await browser.newPage();
  await signInAs(zone, IDENTITY.zoneNj);
  await openProject(zone, projectId);
  await action(zone, '验收申请');
  const apply = dialog(zone, '申请验收结题');
  await apply.getByLabel('申请文号').fill('宁高管验〔2026〕E2E');
  await submitDialog(apply);
  await expect(zone.locator('.ant-card', { hasText: '项目进程' })).toContainText('待验收结论');
  await zone.close();

  const city = await browser.newPage();
  await signIn(city, 'city-bureau');
  await expect(city.getByTestId('todo-acceptance')).toContainText(projectId);
  await openProject(city, projectId);
  await action(city, '验收结论');
  const decide = dialog(city, '录入验收结论');
  await decide.locator('label.ant-radio-button-wrapper', { hasText: /^通过$/ }).click();
  await decide.getByLabel('验收文号').fill('宁科验〔2026〕E2E');
  await submitDialog(decide);
  await expect(statusTag(city)).toHaveText('验收通过');
  await expect(city.locator('.ant-card', { hasText: '项目进程' })).toContainText('通过');
  await expect(city.getByTestId('actions')).not.toContainText('验收结论');
  await city.close();
});

test('an overdue match: the zone’s confirmation in full closes its 配套逾期 alert on the page at once (issue 19, item 3)', async ({ page, request }) => {
  const { projectId } = await registerProject(request, { prefix: 'E2E-MATCH' });
  // Allocated 40 days ago: 10 days past the 30-day match deadline; today's sweep raises the alert.
  await apiPost(request, IDENTITY.finance, `/projects/${projectId}/allocations`, { amountFen: 100_000_000, valueDate: day(-40), indicatorNo: indicatorFor(day(-40)), reference: '苏财教〔2026〕E2E逾期' });
  await apiPost(request, IDENTITY.admin, '/alerts/sweep', { asOf: today() }, 200);

  await signInAs(page, IDENTITY.zoneNj);
  await openProject(page, projectId);
  const alerts = page.locator('.ant-card', { hasText: '未关闭预警' });
  await expect(alerts).toContainText('配套逾期');
  await page.locator('.ant-card', { hasText: '待配套的省级下达' }).getByRole('button', { name: '确认配套' }).click();
  const d = dialog(page, '确认高新区配套资金');
  await d.getByLabel('高新区配套金额（元）').fill('1,000,000');
  await d.getByLabel('配套文件文号').fill('宁高管配〔2026〕E2E逾期');
  await submitDialog(d);
  // The write's answer carries the project without the alert: no reload, no sweep.
  await expect(alerts).not.toContainText('配套逾期');
  await page.goto('/alerts?status=resolved&kind=match-overdue');
  await expect(page.locator('.ant-table-tbody tr', { hasText: projectId })).toContainText(today());
});

test('hold and release: payments are suspended in between', async ({ browser, request }) => {
  const { projectId } = await registerProject(request, { prefix: 'E2E-HOLD' });
  await apiPost(request, IDENTITY.finance, `/projects/${projectId}/allocations`, { amountFen: 100_000_000, valueDate: today(), indicatorNo: indicatorFor(today()), reference: '苏财教〔2026〕E2E' });

  const finance = await browser.newPage();
  await signInAs(finance, IDENTITY.finance);
  await openProject(finance, projectId);
  await action(finance, '暂停拨付');
  const hold = dialog(finance, '暂停拨付');
  await hold.getByLabel('暂停原因').fill('中期检查发现资金使用问题，限期整改');
  await hold.getByLabel('决定文号').fill('苏科资暂〔2026〕E2E');
  await submitDialog(hold, '暂停拨付');
  await expect(statusTag(finance)).toHaveText('暂停拨付');

  // The zone committee sees why it cannot pay.
  const zone = await browser.newPage();
  await signInAs(zone, IDENTITY.zoneNj);
  await openProject(zone, projectId);
  await expect(zone.getByTestId('actions').getByRole('button', { name: '拨付', exact: true })).toBeDisabled();
  await expect(zone.getByTestId('actions')).toContainText('项目已暂停拨付');

  await finance.reload();
  await finance.locator('.ant-card', { hasText: '项目进程' }).getByRole('button', { name: '恢复拨付' }).click();
  const release = dialog(finance, '恢复拨付');
  await release.getByLabel('决定文号').fill('苏科资复〔2026〕E2E');
  await submitDialog(release, '恢复拨付');
  await expect(statusTag(finance)).toHaveText('执行中');
  await finance.close();

  await zone.reload();
  await expect(zone.getByTestId('actions').getByRole('button', { name: '拨付', exact: true })).toBeEnabled();
  await zone.close();
});

test('termination: one admin proposes, the same admin may not approve, a second admin approves', async ({ browser, request }) => {
  const { projectId } = await registerProject(request, { prefix: 'E2E-TERM' });
  await apiPost(request, IDENTITY.finance, `/projects/${projectId}/allocations`, { amountFen: 100_000_000, valueDate: today(), indicatorNo: indicatorFor(today()), reference: '苏财教〔2026〕E2E' });

  const first = await browser.newPage();
  await signInAs(first, IDENTITY.admin);
  await openProject(first, projectId);
  await action(first, '终止申请');
  const propose = dialog(first, '申请终止项目');
  await propose.getByLabel('终止原因').fill('承担单位经营异常，无法继续实施');
  await propose.getByLabel('文号').fill('苏科资终〔2026〕E2E');
  await submitDialog(propose, '提出终止');
  const proposal = first.getByTestId('proposal').filter({ hasText: '项目终止' });
  await expect(proposal.getByRole('button', { name: '批准' })).toBeDisabled();
  await expect(proposal.getByTestId('approve-disabled-reason')).toHaveText(term('offer.fourEyesApproval'));
  await expect(first.getByTestId('actions')).not.toContainText('终止申请'); // one termination proposal at a time
  await first.close();

  const second = await browser.newPage();
  await signInAs(second, IDENTITY.admin2);
  await openProject(second, projectId);
  await second.getByTestId('proposal').filter({ hasText: '项目终止' }).getByRole('button', { name: '批准' }).click();
  await submitDialog(dialog(second, '批准：项目终止'), '批准');
  await expect(statusTag(second)).toHaveText('已终止');
  // Pending allocations are voided.
  await expect(second.locator('.ant-card', { hasText: '待配套的省级下达' })).toContainText('没有待配套的省级下达');
  await second.close();
});

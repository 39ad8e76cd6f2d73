/**
 * The program office's pages (issue 19, item 11): programs with each rule and its basis, zones,
 * clusters with their usage against their caps, the alert sweep as of a day, the daily digest —
 * as the admin who keeps them, as an auditor who reads them, and as a zone committee, which is
 * offered neither the sweep nor the digests and is refused the sweep in Chinese.
 *
 * What is created here (a program, a zone, clusters) is new and used by no other test; the sweep
 * as of yesterday is followed by today's, so the open alerts are as the demo left them.
 */
import { expect, test, type Page } from '@playwright/test';
import { yuanText } from '../../domain/glossary';
import { apiGet, choose, day, expectNoSeriousA11yViolations, IDENTITY, screenshot, settle, signIn, signInAs, today, typeDate, uniqueId } from './support';

const nav = (page: Page) => page.getByRole('navigation');
const ADMIN_ENTRIES = ['专项计划', '高新区', '集群', '预警巡检', '每日摘要'];

type OpenAlert = { projectId: string; kind: string; funder: string | null };
const openAlerts = async (page: Page): Promise<string[]> => {
  const all: OpenAlert[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `/alerts?status=open&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const body = await apiGet<{ alerts: OpenAlert[]; nextCursor: string | null }>(page.request, IDENTITY.auditor, q);
    all.push(...body.alerts);
    cursor = body.nextCursor;
  } while (cursor);
  return all.map((a) => `${a.projectId} ${a.kind} ${a.funder}`).sort();
};

test.describe('admin', () => {
  test('overview and menu lead to every admin page', async ({ page }) => {
    await signIn(page, 'admin', '王建国');
    const links = page.getByTestId('admin-links');
    for (const name of ADMIN_ENTRIES) {
      await expect(nav(page).getByRole('link', { name, exact: true })).toBeVisible();
      await expect(links.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await screenshot(page, 'admin-01-overview', { fullPage: true });
    await links.getByRole('link', { name: '集群', exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/clusters$/);
    await expect(page.getByRole('heading', { level: 1, name: '集群' })).toBeVisible();
    // The menu marks where the person is.
    await expect(nav(page).locator('.ant-menu-item-selected')).toHaveText('集群');
  });

  test('programs: each rule, whether it is 原则上, and its basis', async ({ page }) => {
    await signInAs(page, IDENTITY.admin, '/admin/programs');
    const table = page.getByTestId('programs');
    await expect(table.getByRole('link', { name: 'JS-2023-C' })).toBeVisible();
    await expect(table).toContainText('高新区资金不少于省级资金的 1:1');
    await expect(table.locator('tr', { hasText: 'NJ-CITY-CLUSTER' })).toContainText('市级 / 园区');
    await screenshot(page, 'admin-02-programs');
    await expectNoSeriousA11yViolations(page);

    await table.getByRole('link', { name: 'JS-2023-C' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('2023年度省科技成果转化专项资金 创新型产业集群培育试点');
    const rules = page.getByTestId('program-rules');
    const row = (rule: string) => rules.locator('tr', { has: page.getByRole('cell', { name: rule, exact: true }) });
    await expect(row('省级资助单个项目上限').locator('td[data-col="value"]')).toHaveText('6,000,000.00 元');
    await expect(row('省级资助单个项目上限').locator('td[data-col="nature"]')).toHaveText('原则上');
    await expect(row('联合资助不超过新增投入的比例').locator('td[data-col="value"]')).toHaveText('不超过新增投入的 1/3');
    await expect(row('联合资助不超过新增投入的比例').locator('td[data-col="nature"]')).toHaveText('严格执行');
    await expect(row('省级资助单个集群上限').locator('td[data-col="value"]')).toHaveText('不设上限');
    await expect(row('实施期（月）').locator('td[data-col="value"]')).toHaveText('42 个月');
    await expect(row('每个高新区未结束周期的集群数上限').locator('td[data-col="value"]')).toHaveText('1 个');
    await expect(page.getByTestId('program-basis')).toContainText('政策依据（S2 001_cd0006b7815f605e.txt）');
    await expect(page.getByTestId('program-use')).toContainText('规则不能再修改');
    await screenshot(page, 'admin-03-program', { fullPage: true });
    await expectNoSeriousA11yViolations(page);

    // Nanjing's program names its own funders.
    await page.goto('/admin/programs/NJ-CITY-CLUSTER');
    await expect(page.getByTestId('program-rules')).toContainText('市级资助单个集群上限');
    await expect(page.getByTestId('program-rules')).toContainText('园区资助单个集群上限');
    await expect(page.getByTestId('program-rules')).toContainText('不要求配套（园区自行记录其资金）');
    await expect(page.getByTestId('program-rules')).not.toContainText('省级');
  });

  test('a program: checked with the API’s schema before sending, saved, and refused in Chinese once in use', async ({ page }) => {
    await signInAs(page, IDENTITY.admin, '/admin/programs/JS-2023-C');
    await page.getByRole('button', { name: '以此为模板' }).click();
    await expect(page).toHaveURL(/\/admin\/programs\/new\?from=JS-2023-C$/);
    await expect(page.getByLabel('专项代码')).toHaveValue('JS-2023-C');
    await expect(page.getByLabel('省级资助单个项目上限')).toHaveValue('6000000.00');
    await screenshot(page, 'admin-04-program-form', { fullPage: true });

    // In use: any change is refused (409), in one sentence that says why and what to do.
    await page.getByLabel('拨付宽限（到期后天数）').fill('31');
    await page.getByRole('button', { name: '保存专项' }).click();
    await expect(page.getByTestId('problem')).toContainText('专项 JS-2023-C 已有项目登记，规则不能再修改');
    await expect(page.getByTestId('problem')).toContainText('请换一个新的专项代码另建');
    await screenshot(page, 'admin-05-program-refused', { fullPage: true });

    // An id the API would refuse is caught before anything is sent.
    const posts: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && r.url().endsWith('/programs') && posts.push(r.url())));
    await page.getByLabel('专项代码').fill('新专项');
    await page.getByRole('button', { name: '保存专项' }).click();
    await expect(page.getByTestId('problem')).toContainText('请更正标出的字段');
    await expect(page.getByTestId('problem')).toContainText('专项代码：只能包含字母、数字、“_”和“-”');
    expect(posts).toEqual([]);

    // A new code: created, and shown with its rules.
    const code = uniqueId('E2E-P');
    await page.getByLabel('专项代码').fill(code);
    await page.getByLabel('专项名称').fill('端到端测试专项');
    await page.getByRole('button', { name: '保存专项' }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/programs/${code}$`));
    await expect(page.getByTestId('program-use')).toContainText('尚无项目登记');
    await expect(page.getByTestId('program-rules')).toContainText('拨付宽限（到期后天数）31 天');
    expect(posts).toHaveLength(1);
  });

  test('zones: created, and a taken id refused', async ({ page }) => {
    await signInAs(page, IDENTITY.admin, '/admin/zones');
    const zoneId = uniqueId('E2E-Z');
    const form = page.getByTestId('zone-new');
    await form.getByLabel('高新区编号').fill(zoneId);
    await form.getByLabel('名称').fill('端到端测试高新区');
    await form.getByLabel('所在设区市').fill('无锡市');
    await choose(page, form.getByLabel('级别'), '省级');
    await form.getByRole('button', { name: '创建高新区' }).click();
    await expect(page.getByTestId('zones').locator('tr', { hasText: zoneId })).toContainText('端到端测试高新区无锡市省级');
    await expect(form.getByLabel('高新区编号')).toHaveValue('');

    await form.getByLabel('高新区编号').fill('NJ-HTZ');
    await form.getByLabel('名称').fill('重复');
    await form.getByLabel('所在设区市').fill('南京市');
    await form.getByRole('button', { name: '创建高新区' }).click();
    await expect(form.getByTestId('problem')).toContainText('高新区编号 NJ-HTZ 已被使用，请换一个编号。');
    await screenshot(page, 'admin-06-zones', { fullPage: true });
    await expectNoSeriousA11yViolations(page);
  });

  test('clusters: created in a new zone, usage against caps, the zone quota, a cycle closed', async ({ page }) => {
    test.slow();
    await signInAs(page, IDENTITY.admin, '/admin/zones');
    const zoneId = uniqueId('E2E-CZ');
    const form = page.getByTestId('zone-new');
    await form.getByLabel('高新区编号').fill(zoneId);
    await form.getByLabel('名称').fill('集群测试高新区');
    await form.getByLabel('所在设区市').fill('常州市');
    await form.getByRole('button', { name: '创建高新区' }).click();
    await expect(page.getByTestId('zones')).toContainText(zoneId);

    // The 2021 program's cluster caps: 30,000,000 yuan a funder, 8 projects.
    await page.goto(`/admin/clusters?zoneId=${zoneId}`);
    await expect(page.getByTestId('clusters')).toContainText('没有符合条件的集群');
    const clusterId = uniqueId('E2E-C');
    await page.getByRole('button', { name: '新建集群' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('集群编号').fill(clusterId);
    await dialog.getByLabel('集群名称').fill('端到端测试集群');
    await choose(page, dialog.getByLabel('专项'), 'JS-2021-CLUSTER');
    await expect(dialog).toContainText('该专项每个高新区最多 1 个未结束周期的集群。');
    await dialog.getByLabel('产业领域').fill('新材料');
    await dialog.getByRole('button', { name: '创建集群' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId('clusters').locator('tr', { hasText: clusterId });
    await expect(row).toContainText('已计入 0.00 元，上限 30,000,000.00 元，尚可计入 30,000,000.00 元');
    await expect(row).toContainText('0 个，上限 8 个');

    // The zone's one open cluster under the program is taken: refused, in words.
    await page.getByRole('button', { name: '新建集群' }).click();
    await dialog.getByLabel('集群编号').fill(`${clusterId}-B`);
    await dialog.getByLabel('集群名称').fill('第二个集群');
    await choose(page, dialog.getByLabel('专项'), 'JS-2021-CLUSTER');
    await dialog.getByLabel('产业领域').fill('新材料');
    await dialog.getByRole('button', { name: '创建集群' }).click();
    await expect(dialog.getByTestId('problem')).toContainText('集群测试高新区在专项 2021年省科技成果转化专项资金 创新型产业集群培育试点项目 下未结束周期的集群已达上限（1 个）');
    await screenshot(page, 'admin-07-cluster-quota');
    await dialog.getByRole('button', { name: '取消' }).click();

    // A cluster with money: the demo's 2021 cluster, its figures as the API counts them.
    await page.goto('/admin/clusters/SZ-NANO-2021');
    const api = await apiGet(page.request, IDENTITY.auditor, '/clusters/SZ-NANO-2021');
    expect(api.usage.province.allocatedFen).toBeGreaterThan(0);
    await expect(page.getByTestId('usage-province-text')).toHaveText(
      `已计入 ${yuanText(api.usage.province.allocatedFen)}，上限 ${yuanText(api.usage.province.limitFen)}，尚可计入 ${yuanText(api.usage.province.headroomFen)}`,
    );
    await expect(page.getByTestId('usage-zone-text')).toHaveText(`已计入 ${yuanText(api.usage.zone.allocatedFen)}，上限 ${yuanText(api.usage.zone.limitFen)}，尚可计入 ${yuanText(api.usage.zone.headroomFen)}`);
    await expect(page.getByTestId('usage-projects-text')).toHaveText(`${api.usage.projects.count} 个，上限 8 个`);
    await expect(page.getByTestId('usage-province').getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(Math.floor((api.usage.province.allocatedFen * 100) / api.usage.province.limitFen)));
    await screenshot(page, 'admin-08-cluster', { fullPage: true });
    await expectNoSeriousA11yViolations(page);

    // Nanjing's cluster: city and park money, never called province or zone money.
    await page.goto('/admin/clusters/NJ-AI-CITY');
    await expect(page.getByTestId('cluster-usage')).toContainText('市级资金');
    await expect(page.getByTestId('cluster-usage')).toContainText('园区资金');
    await expect(page.getByTestId('cluster-usage')).not.toContainText('省级');

    // Closing the new cluster's cycle frees the zone's place: a second cluster is created then.
    await page.goto(`/admin/clusters/${clusterId}`);
    const close = page.getByTestId('cluster-close');
    await expect(close.getByLabel('结束日期')).toHaveValue(today());
    await close.getByLabel('结束文号').fill('常科〔2026〕1号');
    await close.getByRole('button', { name: '确认结束周期' }).click();
    // It cannot be undone: asked once more, by name.
    const ask = page.getByRole('dialog');
    await expect(ask).toContainText('结束集群“端到端测试集群”的周期？结束后不能撤销。');
    await ask.getByRole('button', { name: '确认结束周期' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('集群 端到端测试集群');
    await expect(page.locator('.ant-descriptions')).toContainText(`已于 ${today()} 结束 · 常科〔2026〕1号`);
    await expect(page.getByTestId('cluster-close')).toHaveCount(0);
    await page.goto(`/admin/clusters?zoneId=${zoneId}`);
    await page.getByRole('button', { name: '新建集群' }).click();
    await expect(dialog.getByLabel('高新区')).toBeVisible();
    await dialog.getByLabel('集群编号').fill(`${clusterId}-2`);
    await dialog.getByLabel('集群名称').fill('下一周期的集群');
    await choose(page, dialog.getByLabel('专项'), 'JS-2021-CLUSTER');
    await dialog.getByLabel('产业领域').fill('新材料');
    await dialog.getByRole('button', { name: '创建集群' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('clusters').locator('tr.ant-table-row')).toHaveCount(2);
    await expect(page.getByTestId('clusters')).toContainText(`已于 ${today()} 结束`);
  });

  test('the sweep as of yesterday shows what it changed; today’s puts the alerts back', async ({ page }) => {
    const before = await openAlerts(page);
    await signInAs(page, IDENTITY.admin, '/admin/sweep');
    await expect(page.getByText('部署环境每天北京时间 09:00 自动运行一次')).toBeVisible();
    // Picked from the calendar, as a person would (Enter in a typed date submits the form).
    const pick = async (date: string) => {
      await page.getByLabel('巡检日期').click();
      await page.locator(`.ant-picker-dropdown .ant-picker-cell[title="${date}"]`).click();
      await expect(page.getByLabel('巡检日期')).toHaveValue(date);
    };
    await pick(day(-1));
    const answer = page.waitForResponse((r) => r.url().endsWith('/alerts/sweep') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '运行巡检' }).click();
    const result = (await (await answer).json()) as Record<string, number | string>;
    expect(result.asOf).toBe(day(-1));
    const card = page.getByTestId('sweep-result');
    await expect(card).toContainText(`截至 ${day(-1)} 的巡检结果`);
    for (const [key, label] of [['raised', '新增预警'], ['updated', '更新预警'], ['resolved', '关闭预警'], ['open', '目前未关闭的预警']] as const) {
      await expect(page.getByTestId(`sweep-${key}`)).toContainText(`${label}${result[key]}`);
    }
    await screenshot(page, 'admin-09-sweep');
    await expectNoSeriousA11yViolations(page);

    // A day after today cannot be picked.
    await page.getByLabel('巡检日期').click();
    await expect(page.locator(`.ant-picker-dropdown .ant-picker-cell[title="${day(1)}"]`)).toHaveClass(/ant-picker-cell-disabled/);
    await page.keyboard.press('Escape');

    await pick(today());
    await page.getByRole('button', { name: '运行巡检' }).click();
    await expect(page.getByTestId('sweep-result')).toContainText(`截至 ${today()} 的巡检结果`);
    expect(await openAlerts(page)).toEqual(before);
  });

  test('digests: one made now, with its id, root and project count', async ({ page }) => {
    await signInAs(page, IDENTITY.admin, '/admin/digests');
    await expect(page.getByTestId('digests-lead')).toContainText('默克尔根');
    await expect(page.getByTestId('digests-lead')).toContainText('即使数据库被改动');
    const answer = page.waitForResponse((r) => r.url().endsWith('/digests') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '立即生成摘要' }).click();
    const made = (await (await answer).json()) as { digestId: string; root: string; projects: number; date: string };
    expect(made.date).toBe(today());
    await expect(page.getByTestId('digest-id')).toHaveText(made.digestId);
    await expect(page.getByTestId('digest-root')).toHaveText(made.root);
    await expect(page.getByTestId('digest-projects')).toHaveText(String(made.projects));
    await expect(page.getByTestId('digest')).toContainText('管理员生成');
    // The day's other digests (the one npm start made) can be opened too.
    const first = `${today()}.1`;
    await page.getByTestId('digest').getByText(first, { exact: true }).click();
    await expect(page.getByTestId('digest-id')).toHaveText(first);
    await expect(page.getByTestId('digest')).toContainText(`摘要 ${first}`);
    await screenshot(page, 'admin-10-digests');
    await expectNoSeriousA11yViolations(page);
    // A day without a digest says so.
    await typeDate(page.getByLabel('日期'), '2020-01-02');
    await expect(page.getByTestId('digest-none')).toHaveText('2020-01-02 还没有摘要。每天的巡检会生成一份，管理员也可以随时生成。');
  });
});

test('in English, the admin pages speak English (the data keeps its own language)', async ({ page }) => {
  await signInAs(page, IDENTITY.admin, '/admin/clusters/SZ-NANO-2021');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('cluster-usage')).toContainText('Usage against caps');
  await expect(page.getByTestId('usage-province')).toContainText('province money');
  await expect(page.getByTestId('usage-province-text')).toContainText(/^[\d,.]+ yuan counted, cap 30,000,000\.00 yuan, headroom [\d,.]+ yuan$/);
  await expect(page.getByTestId('cluster-close')).toContainText('Close the cycle');
  await expect(nav(page)).toContainText('Programs & clusters');
  await screenshot(page, 'admin-14-cluster-english');
  await page.goto('/admin/programs/JS-2023-C');
  await expect(page.getByTestId('program-rules')).toContainText('In principle');
  await expect(page.getByTestId('program-rules')).toContainText('6,000,000.00 yuan');
  await expect(page.getByTestId('program-basis')).toContainText('Policy basis');
});

test.describe('auditor: reads, changes nothing', () => {
  test('catalog pages and digests without a control that writes; the sweep and new programs refused', async ({ page }) => {
    await signIn(page, 'auditor');
    for (const name of ['专项计划', '高新区', '集群', '每日摘要']) await expect(nav(page).getByRole('link', { name, exact: true })).toBeVisible();
    await expect(nav(page).getByRole('link', { name: '预警巡检' })).toHaveCount(0);

    await nav(page).getByRole('link', { name: '专项计划' }).click();
    await expect(page.getByTestId('read-only')).toHaveText('您可以查看；只有省科技厅管理员可以新建或修改。');
    await expect(page.getByRole('button', { name: '新建专项' })).toHaveCount(0);
    await page.getByRole('link', { name: 'JS-2021-CLUSTER' }).click();
    await expect(page.getByTestId('program-rules')).toContainText('原则上');
    await expect(page.getByRole('button', { name: '以此为模板' })).toHaveCount(0);

    await page.goto('/admin/zones');
    await expect(page.getByTestId('zones')).toContainText('南京高新技术产业开发区');
    await expect(page.getByTestId('zone-new')).toHaveCount(0);

    await page.goto('/admin/clusters');
    await expect(page.getByTestId('clusters')).toContainText('苏州工业园区纳米技术应用创新型产业集群');
    await expect(page.getByRole('button', { name: '新建集群' })).toHaveCount(0);
    await screenshot(page, 'admin-11-clusters-auditor');
    await page.getByRole('link', { name: '南京高新区生物医药创新型产业集群' }).click();
    await expect(page).toHaveURL(/\/admin\/clusters\/NJ-BIO-2023$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('集群 南京高新区生物医药创新型产业集群');
    await expect(page.getByTestId('usage-province-text')).toContainText('不设上限');
    await expect(page.getByTestId('cluster-close')).toHaveCount(0);

    await page.goto('/admin/digests');
    await expect(page.getByTestId('digest-id')).toHaveText(new RegExp(`^${today()}\\.\\d+$`));
    await expect(page.getByRole('button', { name: '立即生成摘要' })).toHaveCount(0);
    await screenshot(page, 'admin-12-digests-auditor');

    for (const [path, title, refusal] of [
      ['/admin/sweep', '预警巡检', '只有省科技厅管理员可以运行预警巡检。'],
      ['/admin/programs/new', '新建专项', '只有省科技厅管理员可以新建或修改专项。'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByRole('alert')).toHaveText(refusal);
      await expect(page.locator('form')).toHaveCount(0);
    }
  });
});

test('zone committee: no sweep or digests in its menu, and the sweep refused in Chinese', async ({ page }) => {
  await signIn(page, 'zone-committee', 'NJ-HTZ');
  await expect(nav(page).getByRole('link', { name: '集群', exact: true })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: '预警巡检' })).toHaveCount(0);
  await expect(nav(page).getByRole('link', { name: '每日摘要' })).toHaveCount(0);
  await expect(page.getByTestId('admin-links')).toHaveCount(0);

  await page.goto('/admin/sweep');
  await expect(page.getByRole('heading', { level: 1, name: '预警巡检' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('只有省科技厅管理员可以运行预警巡检。');
  await expect(page.getByRole('button', { name: '运行巡检' })).toHaveCount(0);
  await expect(page.getByLabel('巡检日期')).toHaveCount(0);
  await settle(page);
  await screenshot(page, 'admin-13-sweep-refused-zone-committee');
});

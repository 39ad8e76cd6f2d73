/**
 * / — what needs the signed-in person today, by role:
 * - zone committee: pending matches with their deadlines, money held at the zone, payments due in
 *   the next 14 days, open alerts;
 * - finance officer: province money confirmed but not yet transferred, lagging projects,
 *   adjustments awaiting approval;
 * - admin: proposals awaiting approval (four-eyes), holds, acceptance decisions;
 * - city bureau: its city's projects, inspections due, acceptance decisions handed to it, findings;
 * - auditor: recent activity and a quick verify.
 * Figures come from GET /projects and GET /alerts (scoped by the API to the zone or city).
 */
import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Space, Statistic, Table, Typography, type TableProps } from 'antd';
import type { ColumnType, ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { addDays, compareDates, daysBetween } from '../../../../domain/dates';
import { addFen, sumFen } from '../../../../domain/money';
import { useAuth } from '../../auth/context';
import type { Identity } from '../../auth/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AlertKindTag, ProjectStatusTag, ResultTag, RoleTag, SeverityTag, ToneTag } from '../../components/Labels';
import { PageTitle } from '../../components/PageTitle';
import { formatBusinessDate, formatTimestamp, todayInChina } from '../../format/dates';
import { formatWanYuan, formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh';
import { apiPath, useApi, type ApiClient } from '../../services/api';
import { readAllPages } from '../../services/lists';
import { activityOut, alertListOut, projectListOut, projectView, verifyOut, type ActivityEntry, type Alert as AlertItem, type ProjectSummary, type VerifyResult } from '../../services/schemas';
import { useApiQuery } from '../../services/useApiQuery';

const projectLink = (id: string) => (
  <Link to={`/projects/${encodeURIComponent(id)}`} style={{ whiteSpace: 'nowrap' }}>
    {id}
  </Link>
);
/** The first column of every to-do table: the project's id as a link, its title below. */
const projectColumn = <T extends { projectId: string; title: string }>(): ColumnType<T> => ({
  title: '项目',
  dataIndex: 'projectId',
  render: (id: string, r) => (
    <>
      {projectLink(id)}
      <div style={{ fontSize: 12 }}>{r.title}</div>
    </>
  ),
});
const amount = (fen: number) => <span className="amount">{formatYuanDigits(fen)}</span>;
/** Ids stay on one line (antd tables wrap at hyphens otherwise). */
const nowrap = (text: string) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;

function Section({ title, count, extra, children, testId }: { title: string; count?: number; extra?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Card
      title={
        <Space>
          <span>{title}</span>
          {count !== undefined && <ToneTag tone={count > 0 ? 'gold' : 'grey'}>{count}</ToneTag>}
        </Space>
      }
      extra={extra}
      data-testid={testId}
      style={{ height: '100%' }}
    >
      {children}
    </Card>
  );
}

function Nothing({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
}

/** A to-do list: its rows, or a sentence saying there is nothing to do. No rows yet (`undefined`): still loading or failed. */
function TodoTable<T extends object>({ rows, empty, rowKey, columns, loading }: { rows: readonly T[] | undefined; empty: string; rowKey: TableProps<T>['rowKey']; columns: ColumnsType<T>; loading?: boolean }) {
  if (rows && rows.length === 0) return <Nothing text={empty} />;
  return <Table<T> rowKey={rowKey} size="small" pagination={false} loading={loading} dataSource={rows ?? []} columns={columns} />;
}

// --- zone committee -----------------------------------------------------------------------------

interface PendingMatch {
  projectId: string;
  title: string;
  entryId: string;
  pendingFen: number;
  valueDate: string;
  matchDueOn: string;
}

async function pendingMatches(api: ApiClient, projects: ProjectSummary[], signal: AbortSignal): Promise<PendingMatch[]> {
  const waiting = projects.filter((p) => p.balances.province.pendingFen > 0);
  const views = await Promise.all(waiting.map((p) => api.get(apiPath`/projects/${p.projectId}`, projectView, { signal })));
  return views
    .flatMap((v) => v.pendingAllocations.map((a) => ({ projectId: v.projectId, title: v.title, entryId: a.entryId, pendingFen: a.pendingFen, valueDate: a.valueDate, matchDueOn: a.matchDueOn })))
    .sort((a, b) => compareDates(a.matchDueOn, b.matchDueOn));
}

function ZoneCommittee({ projects, alerts, today }: { projects: ProjectSummary[]; alerts: AlertItem[]; today: string }) {
  const { tx, label } = useI18n();
  const matches = useApiQuery((api, signal) => pendingMatches(api, projects, signal), [projects]);
  const held = projects.filter((p) => (p.balances.province.heldAtZoneFen ?? 0) > 0);
  const horizon = addDays(today, 14);
  const due = projects
    .flatMap((p) => p.nextDue.filter((d) => compareDates(d.dueOn, horizon) <= 0).map((d) => ({ ...d, projectId: p.projectId, title: p.title, status: p.status })))
    .sort((a, b) => compareDates(a.dueOn, b.dueOn));
  const heldTotal = sumFen(held.map((p) => p.balances.province.heldAtZoneFen ?? 0));

  const matchColumns: ColumnsType<PendingMatch> = [
    projectColumn(),
    { title: '下达记录', dataIndex: 'entryId', render: (id: string) => <code>{id}</code> },
    { title: '待配套（元）', dataIndex: 'pendingFen', align: 'right', render: amount },
    {
      title: '配套期限',
      dataIndex: 'matchDueOn',
      render: (d: string) => (compareDates(d, today) < 0 ? <ToneTag tone="red">{d} 逾期 {daysBetween(d, today)} 天</ToneTag> : <span>{d}（还有 {daysBetween(today, d)} 天）</span>),
    },
  ];
  type Due = (typeof due)[number];
  const dueColumns: ColumnsType<Due> = [
    projectColumn(),
    { title: '批次', dataIndex: 'trancheId', width: 56 },
    { title: '资金', dataIndex: 'funder', width: 64, render: (f: string) => label('funder', f) },
    { title: '应拨付日', dataIndex: 'dueOn', render: (d: string) => (compareDates(d, today) < 0 ? <ToneTag tone="red">{d} 已过期</ToneTag> : d) },
    { title: '尚欠（元）', dataIndex: 'owedFen', align: 'right', render: amount },
  ];
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} xl={6}>
          <Card>
            <Statistic title="待确认的配套" value={matches.data?.length ?? '…'} suffix="笔" />
          </Card>
        </Col>
        <Col xs={12} xl={6}>
          <Card>
            <Statistic title="省级资金滞留本区" value={formatWanYuan(heldTotal)} />
          </Card>
        </Col>
        <Col xs={12} xl={6}>
          <Card>
            <Statistic title="14 天内应拨付" value={due.length} suffix="批" />
          </Card>
        </Col>
        <Col xs={12} xl={6}>
          <Card>
            <Statistic title={tx('未关闭预警', 'Open alerts')} value={alerts.length} suffix="条" />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Section title={tx('待确认配套（按配套期限）', 'Matches to confirm (by deadline)')} count={matches.data?.length} testId="todo-matches">
            {matches.error ? <ErrorAlert error={matches.error} onRetry={matches.reload} /> : null}
            <TodoTable<PendingMatch>
              rows={matches.data}
              empty="没有待配套的省级下达"
              rowKey="entryId"
              loading={matches.loading}
              columns={matchColumns}
            />
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={tx('14 天内（及已过期）应拨付的批次', 'Tranches due within 14 days (or overdue)')} count={due.length} testId="todo-due">
            <TodoTable<Due>
              rows={due}
              empty="14 天内没有应拨付的批次"
              rowKey={(r) => `${r.projectId}:${r.funder}`}
              columns={dueColumns}
            />
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={tx('已划转到区、尚未拨付的省级资金', 'Province money at the zone, not yet paid on')} count={held.length} testId="todo-held">
            <TodoTable<ProjectSummary>
              rows={held}
              empty="没有滞留在本区的省级资金"
              rowKey="projectId"
              columns={[
                projectColumn(),
                { title: '已划转（元）', key: 't', align: 'right', render: (_: unknown, r) => amount(r.balances.province.transferredFen ?? 0) },
                { title: '留存未拨付（元）', key: 'h', align: 'right', render: (_: unknown, r) => amount(r.balances.province.heldAtZoneFen ?? 0) },
              ]}
            />
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <AlertsSection alerts={alerts} />
        </Col>
      </Row>
    </>
  );
}

function AlertsSection({ alerts }: { alerts: AlertItem[] }) {
  const { label, tx } = useI18n();
  return (
    <Section title={tx('未关闭预警', 'Open alerts')} count={alerts.length} extra={<Link to="/alerts">全部预警</Link>} testId="todo-alerts">
      <TodoTable<AlertItem>
        rows={alerts.slice(0, 8)}
        empty="没有未关闭预警"
        rowKey="alertId"
        columns={[
          { title: '类型', dataIndex: 'kind', render: (k: string) => <AlertKindTag kind={k} /> },
          { title: '项目', dataIndex: 'projectId', render: projectLink },
          { title: '程度', dataIndex: 'severity', render: (s: string) => <SeverityTag severity={s} /> },
          { title: '差额（元）', dataIndex: 'gapFen', align: 'right', render: amount },
          { title: '责任方', dataIndex: 'responsible', render: (r: string | null, a) => `${r ? label('funder', r) : '—'}${a.held ? '（已暂停）' : ''}` },
        ]}
      />
    </Section>
  );
}

// --- finance officer ------------------------------------------------------------------------------

function FinanceOfficer({ projects, alerts }: { projects: ProjectSummary[]; alerts: AlertItem[] }) {
  const { tx, label } = useI18n();
  const toTransfer = projects.filter((p) => p.insideZone && (p.status === 'active' || p.status === 'on-hold') && p.balances.province.confirmedFen - (p.balances.province.transferredFen ?? 0) > 0);
  const lagging = useApiQuery((api, signal) => readAllPages(api, '/projects', projectListOut, (p) => p.projects, { query: { lagging: 'true' }, signal }), []);
  const adjustments = projects.flatMap((p) => p.proposals.filter((x) => x.kind === 'adjustment').map((x) => ({ ...x, projectId: p.projectId, title: p.title })));
  const lagAlerts = (projectId: string) => alerts.filter((a) => a.kind === 'disbursement-lag' && a.projectId === projectId);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Section title={tx('待划转至高新区（已确认未划转的省级资金）', 'To transfer to zones (confirmed, not transferred)')} count={toTransfer.length} testId="todo-transfers">
          <TodoTable<ProjectSummary>
            rows={toTransfer}
            empty="没有待划转的省级资金"
            rowKey="projectId"
            columns={[
              projectColumn(),
              { title: '高新区', dataIndex: 'zoneId', width: 80, render: nowrap },
              { title: '已确认（元）', key: 'c', align: 'right', render: (_: unknown, r) => amount(r.balances.province.confirmedFen) },
              { title: '待划转（元）', key: 't', align: 'right', render: (_: unknown, r) => amount(r.balances.province.confirmedFen - (r.balances.province.transferredFen ?? 0)) },
              { title: '', key: 's', render: (_: unknown, r) => (r.status === 'on-hold' ? <ProjectStatusTag status={r.status} /> : null) },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <Section title={tx('拨付滞后项目', 'Lagging projects')} count={lagging.data?.items.length} extra={<Link to="/projects?lagging=true">在项目列表中查看</Link>} testId="todo-lagging">
          {lagging.error ? <ErrorAlert error={lagging.error} onRetry={lagging.reload} /> : null}
          <TodoTable<ProjectSummary>
            rows={lagging.data?.items}
            empty="没有拨付滞后的项目"
            rowKey="projectId"
            loading={lagging.loading}
            columns={[
              projectColumn(),
              { title: '高新区', dataIndex: 'zoneId', width: 80, render: nowrap },
              {
                title: '滞后（出资方 · 金额 · 责任方）',
                key: 'gap',
                render: (_: unknown, r) => (
                  <Flex vertical>
                    {lagAlerts(r.projectId).map((a) => (
                      <span key={a.alertId}>
                        {label('funder', a.funder)} <span className="amount">{formatYuanDigits(a.gapFen)}</span> 元 · 责任方 {label('funder', a.responsible)}
                        {a.held ? '（已暂停）' : ''}
                      </span>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <Section title={tx('待管理员批准的合同调整', 'Adjustments awaiting approval')} count={adjustments.length} testId="todo-adjustments">
          <TodoTable<(typeof adjustments)[number]>
            rows={adjustments}
            empty="没有待批准的调整"
            rowKey="entryId"
            columns={[
              { title: '项目', dataIndex: 'projectId', render: projectLink },
              { title: '申请记录', dataIndex: 'entryId', render: (id: string) => <code>{id}</code> },
              { title: '提出人', dataIndex: 'proposedBy' },
              { title: '提出日期', dataIndex: 'proposedOn' },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <AlertsSection alerts={alerts} />
      </Col>
    </Row>
  );
}

// --- admin ------------------------------------------------------------------------------------------

function Admin({ projects, identity }: { projects: ProjectSummary[]; identity: Identity | null }) {
  const { label, tx } = useI18n();
  const proposals = projects.flatMap((p) => p.proposals.map((x) => ({ ...x, projectId: p.projectId, title: p.title })));
  const holds = projects.filter((p) => p.status === 'on-hold');
  const decisions = projects.filter((p) => p.acceptance && p.acceptance.result === null);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Section title={tx('待批准的申请（双人复核）', 'Proposals awaiting approval (four-eyes)')} count={proposals.length} testId="todo-proposals">
          <TodoTable<(typeof proposals)[number]>
            rows={proposals}
            empty="没有待批准的申请"
            rowKey="entryId"
            columns={[
              { title: '类型', dataIndex: 'kind', render: (k: string) => <ToneTag tone="gold">{label('proposal', k)}</ToneTag> },
              projectColumn(),
              { title: '申请记录', dataIndex: 'entryId', render: (id: string) => <code>{id}</code> },
              { title: '提出人', dataIndex: 'proposedBy' },
              { title: '提出日期', dataIndex: 'proposedOn' },
              {
                title: '由谁批准',
                key: 'who',
                render: (_: unknown, r) => (r.proposedBy === identity?.sub ? <Typography.Text type="secondary">您提出的：须由另一位管理员批准</Typography.Text> : <Link to={`/projects/${encodeURIComponent(r.projectId)}`}>去批准</Link>),
              },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <Section title={tx('暂停拨付的项目', 'Projects on hold')} count={holds.length} extra={<Link to="/projects?status=on-hold">全部</Link>} testId="todo-holds">
          <TodoTable<ProjectSummary>
            rows={holds}
            empty="没有暂停拨付的项目"
            rowKey="projectId"
            columns={[
              projectColumn(),
              { title: '高新区', dataIndex: 'zoneId', render: nowrap },
              { title: '最近检查', key: 'i', render: (_: unknown, r) => (r.inspections.length ? r.inspections.map((i) => <ResultTag key={i.entryId} result={i.result} />) : '—') },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <DecisionsSection projects={decisions} />
      </Col>
    </Row>
  );
}

function DecisionsSection({ projects }: { projects: ProjectSummary[] }) {
  const { tx } = useI18n();
  return (
    <Section title={tx('待录入的验收结论', 'Acceptance decisions to record')} count={projects.length} testId="todo-acceptance">
      <TodoTable<ProjectSummary>
        rows={projects}
        empty="没有待决定的验收申请"
        rowKey="projectId"
        columns={[
          projectColumn(),
          { title: '申请日期', key: 'a', render: (_: unknown, r) => r.acceptance?.appliedOn },
          { title: '实施期止', key: 'e', render: (_: unknown, r) => r.contract.endsOn },
        ]}
      />
    </Section>
  );
}

// --- city bureau --------------------------------------------------------------------------------

/** A mid-term inspection is due once half the period has passed and none is recorded. */
function midTermDueOn(p: ProjectSummary): string {
  return addDays(p.contract.startsOn, Math.floor(daysBetween(p.contract.startsOn, p.contract.endsOn) / 2));
}

function CityBureau({ projects, alerts, today }: { projects: ProjectSummary[]; alerts: AlertItem[]; today: string }) {
  const { label, tx } = useI18n();
  const running = projects.filter((p) => p.status === 'active' || p.status === 'on-hold');
  const inspectionsDue = running.filter((p) => compareDates(midTermDueOn(p), today) <= 0 && !p.inspections.some((i) => i.kind === 'mid-term'));
  const decisions = projects.filter((p) => p.acceptance && p.acceptance.result === null);
  const findings = projects.flatMap((p) => p.inspections.filter((i) => i.result !== 'pass').map((i) => ({ ...i, projectId: p.projectId, title: p.title })));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Section title={tx('应做的中期检查（实施期已过半）', 'Mid-term inspections due (half the period passed)')} count={inspectionsDue.length} testId="todo-inspections">
          <TodoTable<ProjectSummary>
            rows={inspectionsDue}
            empty="没有到期未做的中期检查"
            rowKey="projectId"
            columns={[
              projectColumn(),
              { title: '实施期', key: 'p', render: (_: unknown, r) => `${r.contract.startsOn} 至 ${r.contract.endsOn}` },
              { title: '过半日', key: 'm', render: (_: unknown, r) => midTermDueOn(r) },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <DecisionsSection projects={decisions} />
      </Col>
      <Col xs={24} xl={12}>
        <Section title={tx('检查发现的问题（整改/不通过）', 'Inspection findings (rectify / fail)')} count={findings.length} testId="todo-findings">
          <TodoTable<(typeof findings)[number]>
            rows={findings}
            empty="没有检查发现的问题"
            rowKey="entryId"
            columns={[
              projectColumn(),
              { title: '检查', dataIndex: 'kind', render: (k: string) => label('inspection', k) },
              { title: '日期', dataIndex: 'inspectedOn' },
              { title: '结论', dataIndex: 'result', render: (r: string) => <ResultTag result={r} /> },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <AlertsSection alerts={alerts} />
      </Col>
      <Col xs={24}>
        <Section title={tx('本市项目', 'The city’s projects')} count={projects.length} extra={<Link to="/projects">项目列表</Link>} testId="todo-city-projects">
          <Table<ProjectSummary>
            rowKey="projectId"
            size="small"
            pagination={false}
            dataSource={projects}
            columns={[
              { title: '项目', dataIndex: 'projectId', render: (id: string, r) => <>{projectLink(id)}<span style={{ marginInlineStart: 8 }}>{r.title}</span></> },
              { title: '高新区', dataIndex: 'zoneId', render: nowrap },
              { title: '状态', dataIndex: 'status', render: (s: string) => <ProjectStatusTag status={s} /> },
              { title: '已拨付（元）', key: 'd', align: 'right', render: (_: unknown, r) => amount(addFen(r.balances.province.disbursedFen, r.balances.zone.disbursedFen)) },
            ]}
          />
        </Section>
      </Col>
    </Row>
  );
}

// --- auditor --------------------------------------------------------------------------------------

function QuickVerify() {
  const { tx } = useI18n();
  const api = useApi();
  const [id, setId] = useState('');
  const [state, setState] = useState<{ busy: boolean; projectId?: string; result?: VerifyResult; error?: unknown }>({ busy: false });
  const run = () => {
    const projectId = id.trim();
    if (!projectId) return;
    setState({ busy: true, projectId });
    api.get(apiPath`/projects/${projectId}/verify`, verifyOut).then(
      (result) => setState({ busy: false, projectId, result }),
      (error: unknown) => setState({ busy: false, projectId, error }),
    );
  };
  return (
    <Section title={tx('快速核验', 'Quick verify')} testId="quick-verify">
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input aria-label="项目编号" placeholder="项目编号，例如 BA2023-0101" value={id} onChange={(e) => setId(e.target.value)} onPressEnter={run} />
        <Button type="primary" onClick={run} loading={state.busy}>
          核验
        </Button>
      </Space.Compact>
      {state.result &&
        (state.result.valid ? (
          <Alert type="success" showIcon role="status" data-testid="quick-verify-result" title={`${state.projectId}：台账完整，${state.result.entries} 条记录`} description={<code style={{ wordBreak: 'break-all' }}>{state.result.headHash}</code>} />
        ) : (
          <Alert type="error" showIcon role="alert" data-testid="quick-verify-result" title={`${state.projectId}：哈希链在第 ${state.result.brokenAtSeq} 条记录处断裂`} description={state.result.reason} />
        ))}
      {state.error ? <ErrorAlert error={state.error} /> : null}
    </Section>
  );
}

function Auditor() {
  const { label, tx } = useI18n();
  const activity = useApiQuery((api, signal) => api.get('/activity', activityOut, { query: { limit: 15 }, signal }), []);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Section title={tx('最近业务（全部项目，最新在前）', 'Recent activity (all projects, newest first)')} testId="todo-activity">
          {activity.error ? <ErrorAlert error={activity.error} onRetry={activity.reload} /> : null}
          <Table<ActivityEntry>
            rowKey="entryId"
            size="small"
            pagination={false}
            loading={activity.loading}
            dataSource={activity.data?.entries ?? []}
            columns={[
              { title: '记录时间（北京时间）', dataIndex: 'recordedAt', width: 160, render: (ts: string) => formatTimestamp(ts) },
              { title: '项目', dataIndex: 'projectId', render: projectLink },
              { title: '类型', dataIndex: 'type', render: (ty: string) => label('entry', ty) },
              { title: '金额（元）', dataIndex: 'amountFen', align: 'right', render: (fen: number | null) => (fen === null ? '—' : amount(fen)) },
              { title: '操作人', dataIndex: ['actor', 'sub'] },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={8}>
        <QuickVerify />
      </Col>
    </Row>
  );
}

// --- the page -----------------------------------------------------------------------------------------

export default function OverviewPage() {
  const { identity } = useAuth();
  const { t, tx } = useI18n();
  const today = todayInChina();
  const projects = useApiQuery((api, signal) => readAllPages(api, '/projects', projectListOut, (p) => p.projects, { signal }), []);
  const alerts = useApiQuery((api, signal) => readAllPages(api, '/alerts', alertListOut, (p) => p.alerts, { query: { status: 'open' }, signal }), []);
  const list = projects.data?.items ?? [];
  const open = alerts.data?.items ?? [];
  const role = identity?.role ?? null;
  const scope = identity?.zoneId ?? identity?.city ?? t('overview.scopeProvince');
  const ready = Boolean(projects.data && alerts.data);

  return (
    <>
      <PageTitle title={t('overview.title')} />
      <Card style={{ marginBottom: 16 }} size="small" data-testid="identity-card">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space wrap size={12}>
            <Typography.Text type="secondary">{t('overview.identity')}</Typography.Text>
            <Typography.Text strong>{identity?.name ?? identity?.sub}</Typography.Text>
            <RoleTag role={role} />
            <code>{role}</code>
            <span>
              {t('overview.scope')}：{scope}
            </span>
            <Typography.Text type="secondary">{formatBusinessDate(today)}（北京时间）</Typography.Text>
          </Space>
          {role && <Typography.Text type="secondary">{t(`overview.roleHint.${role}` as MessageKey)}</Typography.Text>}
        </Flex>
      </Card>
      {projects.error ? <ErrorAlert error={projects.error} onRetry={projects.reload} /> : null}
      {alerts.error ? <ErrorAlert error={alerts.error} onRetry={alerts.reload} /> : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} xl={6}>
          <Card loading={projects.loading && !projects.data}>
            <Statistic title={t('overview.projects')} value={projects.data ? list.length : '—'} />
            <Link to="/projects">{t('overview.viewProjects')}</Link>
          </Card>
        </Col>
        <Col xs={12} xl={6}>
          <Card loading={projects.loading && !projects.data}>
            <Statistic title={t('overview.lagging')} value={projects.data ? list.filter((p) => p.lagging).length : '—'} styles={{ content: { color: '#b91c1c' } }} />
            <Link to="/projects?lagging=true">{t('overview.viewLagging')}</Link>
          </Card>
        </Col>
        <Col xs={12} xl={6}>
          <Card loading={alerts.loading && !alerts.data}>
            <Statistic title={t('overview.openAlerts')} value={alerts.data ? open.length : '—'} />
            <Space>
              <Typography.Text type="secondary">
                {t('overview.critical')} {open.filter((a) => a.severity === 'critical').length}
              </Typography.Text>
              <Link to="/alerts">{t('overview.viewAlerts')}</Link>
            </Space>
          </Card>
        </Col>
        <Col xs={12} xl={6}>
          <Card loading={projects.loading && !projects.data}>
            <Statistic title={t('overview.disbursed')} value={projects.data ? formatWanYuan(sumFen(list.map((p) => addFen(p.balances.province.disbursedFen, p.balances.zone.disbursedFen)))) : '—'} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('overview.provinceGrant')} {formatWanYuan(sumFen(list.map((p) => p.contract.provinceGrantFen)))} · {t('overview.zoneGrant')} {formatWanYuan(sumFen(list.map((p) => p.contract.zoneGrantFen)))}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Typography.Title level={2} style={{ fontSize: 18, margin: '8px 0 12px' }}>
        {tx('今日待办', 'Today')}
      </Typography.Title>
      {!ready ? null : role === 'zone-committee' ? (
        <ZoneCommittee projects={list} alerts={open} today={today} />
      ) : role === 'finance-officer' ? (
        <FinanceOfficer projects={list} alerts={open} />
      ) : role === 'admin' ? (
        <Admin projects={list} identity={identity} />
      ) : role === 'city-bureau' ? (
        <CityBureau projects={list} alerts={open} today={today} />
      ) : role === 'auditor' ? (
        <Auditor />
      ) : (
        <Nothing text="您的账号没有 FundLedger 角色。" />
      )}
    </>
  );
}

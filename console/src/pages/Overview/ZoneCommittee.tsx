/** The zone committee's day: matches to confirm, tranches due, province money held at the zone, alerts. */
import { Card, Col, Row, Statistic } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { addDays, compareDates, daysBetween } from '../../../../domain/dates';
import { sumFen } from '../../../../domain/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ToneTag } from '../../components/Labels';
import { formatWanYuan } from '../../format/money';
import { useI18n } from '../../i18n';
import type { Alert as AlertItem, ProjectSummary } from '../../services/schemas';
import { AlertsSection } from './AlertsSection';
import { UnreconciledSection } from './UnreconciledSection';
import { usePendingMatches, type PendingMatch } from './data';
import { amount, projectColumn, Section, TodoTable } from './parts';

export function ZoneCommittee({ projects, alerts, today }: { projects: ProjectSummary[]; alerts: AlertItem[]; today: string }) {
  const { tx, label } = useI18n();
  const matches = usePendingMatches(projects);
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
            {matches.error ? <ErrorAlert error={matches.error} onRetry={() => void matches.refetch()} /> : null}
            <TodoTable<PendingMatch>
              rows={matches.data}
              empty="没有待配套的省级下达"
              rowKey="entryId"
              loading={matches.isPending}
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
        <Col xs={24} xl={12}>
          <UnreconciledSection />
        </Col>
      </Row>
    </>
  );
}

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
import { OwnProgress } from './BudgetSections';
import { UnreconciledSection } from './UnreconciledSection';
import { usePendingMatches, type PendingMatch } from './data';
import { amount, projectColumn, Section, TodoTable } from './parts';

export function ZoneCommittee({ projects, alerts, today }: { projects: ProjectSummary[]; alerts: AlertItem[]; today: string }) {
  const { t, label } = useI18n();
  const matches = usePendingMatches(projects);
  const held = projects.filter((p) => (p.balances.province.heldAtZoneFen ?? 0) > 0);
  const horizon = addDays(today, 14);
  const due = projects
    .flatMap((p) => p.nextDue.filter((d) => compareDates(d.dueOn, horizon) <= 0).map((d) => ({ ...d, projectId: p.projectId, title: p.title, status: p.status })))
    .sort((a, b) => compareDates(a.dueOn, b.dueOn));
  const heldTotal = sumFen(held.map((p) => p.balances.province.heldAtZoneFen ?? 0));

  const matchColumns: ColumnsType<PendingMatch> = [
    projectColumn(t),
    { title: t('ui.allocationEntry'), dataIndex: 'entryId', render: (id: string) => <code>{id}</code> },
    { title: t('ui.awaitingMatchYuan'), dataIndex: 'pendingFen', align: 'right', render: amount },
    {
      title: t('ui.matchDue'),
      dataIndex: 'matchDueOn',
      render: (d: string) => (compareDates(d, today) < 0 ? <ToneTag tone="red">{d} {t('overview.overdue')}{daysBetween(d, today)} {t('overview.days')}</ToneTag> : <span>{d}{t('overview.daysLeftOpen')}{daysBetween(today, d)} {t('overview.daysLeft')}</span>),
    },
  ];
  type Due = (typeof due)[number];
  const dueColumns: ColumnsType<Due> = [
    projectColumn(t),
    { title: t('ui.tranche'), dataIndex: 'trancheId', width: 56 },
    { title: t('overview.funder'), dataIndex: 'funder', width: 64, render: (f: string) => label('funder', f) },
    { title: t('ui.dueOn'), dataIndex: 'dueOn', render: (d: string) => (compareDates(d, today) < 0 ? <ToneTag tone="red">{d} {t('overview.overdue2')}</ToneTag> : d) },
    { title: t('overview.outstandingYuan'), dataIndex: 'owedFen', align: 'right', render: amount },
  ];
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} xl={6}>
          <Card>
            <Statistic title={t('overview.matchesToConfirm')} value={matches.data?.length ?? '…'} suffix={t('overview.allocations')} />
          </Card>
        </Col>
        <Col xs={12} xl={6}>
          <Card>
            <Statistic title={t('overview.provinceMoneyHeldAtThe')} value={formatWanYuan(heldTotal)} />
          </Card>
        </Col>
        <Col xs={12} xl={6}>
          <Card>
            <Statistic title={t('overview.dueWithin14Days')} value={due.length} suffix={t('overview.tranches')} />
          </Card>
        </Col>
        <Col xs={12} xl={6}>
          <Card>
            <Statistic title={t('ui.openAlerts')} value={alerts.length} suffix={t('overview.alerts')} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Section title={t('overview.matchesToConfirmByDeadline')} count={matches.data?.length} testId="todo-matches">
            {matches.error ? <ErrorAlert error={matches.error} onRetry={() => void matches.refetch()} /> : null}
            <TodoTable<PendingMatch>
              rows={matches.data}
              empty={t('ui.noProvinceAllocationsAwaitingA')}
              rowKey="entryId"
              loading={matches.isPending}
              columns={matchColumns}
            />
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={t('overview.tranchesDueWithin14Days')} count={due.length} testId="todo-due">
            <TodoTable<Due>
              rows={due}
              empty={t('overview.noTranchesDueWithin14')}
              rowKey={(r) => `${r.projectId}:${r.funder}`}
              columns={dueColumns}
            />
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={t('overview.provinceMoneyTransferredToThe')} count={held.length} testId="todo-held">
            <TodoTable<ProjectSummary>
              rows={held}
              empty={t('overview.noProvinceMoneyHeldAt')}
              rowKey="projectId"
              columns={[
                projectColumn(t),
                { title: t('overview.transferredYuan'), key: 't', align: 'right', render: (_: unknown, r) => amount(r.balances.province.transferredFen ?? 0) },
                { title: t('overview.heldNotPaidYuan'), key: 'h', align: 'right', render: (_: unknown, r) => amount(r.balances.province.heldAtZoneFen ?? 0) },
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
        <Col xs={24} xl={12}>
          <OwnProgress groupBy="zone" />
        </Col>
      </Row>
    </>
  );
}

/** The finance officer's day: province money to transfer, lagging projects, adjustments awaiting approval, alerts. */
import { Col, Flex, Row } from 'antd';
import { Link } from 'react-router';
import { CatalogName } from '../../components/CatalogName';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProjectStatusTag } from '../../components/Labels';
import { formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import type { Alert as AlertItem, ProjectSummary } from '../../services/schemas';
import { AlertsSection } from './AlertsSection';
import { IndicatorsRunningOut, ZonesBehind } from './BudgetSections';
import { UnreconciledSection } from './UnreconciledSection';
import { accountId } from '../../../../domain/reconciliation/types';

/** The account a finance officer reconciles. */
const PROVINCE_ACCOUNT = accountId({ kind: 'province' });
import { useScopeProjects } from './data';
import { amount, projectColumn, projectLink, Section, TodoTable } from './parts';

export function FinanceOfficer({ projects, alerts }: { projects: ProjectSummary[]; alerts: AlertItem[] }) {
  const { t, label } = useI18n();
  const toTransfer = projects.filter((p) => p.insideZone && (p.status === 'active' || p.status === 'on-hold') && p.balances.province.confirmedFen - (p.balances.province.transferredFen ?? 0) > 0);
  const lagging = useScopeProjects({ lagging: 'true' });
  const adjustments = projects.flatMap((p) => p.proposals.filter((x) => x.kind === 'adjustment').map((x) => ({ ...x, projectId: p.projectId, title: p.title })));
  const lagAlerts = (projectId: string) => alerts.filter((a) => a.kind === 'disbursement-lag' && a.projectId === projectId);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Section title={t('overview.toTransferToZonesConfirmed')} count={toTransfer.length} testId="todo-transfers">
          <TodoTable<ProjectSummary>
            rows={toTransfer}
            empty={t('overview.noProvinceMoneyWaitingTo')}
            rowKey="projectId"
            columns={[
              projectColumn(t),
              { title: t('ui.zone'), dataIndex: 'zoneId', width: 132, render: (z: string) => <CatalogName kind="zone" code={z} /> },
              { title: t('overview.confirmedYuan'), key: 'c', align: 'right', render: (_: unknown, r) => amount(r.balances.province.confirmedFen) },
              { title: t('overview.toTransferYuan'), key: 't', align: 'right', render: (_: unknown, r) => amount(r.balances.province.confirmedFen - (r.balances.province.transferredFen ?? 0)) },
              { title: '', key: 's', render: (_: unknown, r) => (r.status === 'on-hold' ? <ProjectStatusTag status={r.status} /> : null) },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <Section title={t('overview.lagging')} count={lagging.data?.items.length} extra={<Link to="/projects?lagging=true">{t('overview.viewInTheProjectList')}</Link>} testId="todo-lagging">
          {lagging.error ? <ErrorAlert error={lagging.error} onRetry={() => void lagging.refetch()} /> : null}
          <TodoTable<ProjectSummary>
            rows={lagging.data?.items}
            empty={t('overview.noLaggingProjects')}
            rowKey="projectId"
            loading={lagging.isPending}
            columns={[
              projectColumn(t),
              { title: t('ui.zone'), dataIndex: 'zoneId', width: 132, render: (z: string) => <CatalogName kind="zone" code={z} /> },
              {
                title: t('overview.lagFunderAmountResponsible'),
                key: 'gap',
                render: (_: unknown, r) => (
                  <Flex vertical gap={2}>
                    {lagAlerts(r.projectId).map((a) => (
                      // Each part on one line; a narrow column breaks between the parts, never inside one.
                      <Flex key={a.alertId} wrap gap="0 6px" data-testid="lag-gap">
                        <span style={{ whiteSpace: 'nowrap' }}>
                          {label('funder', a.funder)} <span className="amount">{formatYuanDigits(a.gapFen)}</span>  {t('ui.yuan')}
                        </span>
                        <span style={{ whiteSpace: 'nowrap' }}>
                          
                          {t('overview.responsible')} {label('funder', a.responsible)}
                          {a.held ? t('overview.onHold') : ''}
                        </span>
                      </Flex>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <Section title={t('overview.adjustmentsAwaitingAnAdminS')} count={adjustments.length} testId="todo-adjustments">
          <TodoTable<(typeof adjustments)[number]>
            rows={adjustments}
            empty={t('overview.noAdjustmentsAwaitingApproval')}
            rowKey="entryId"
            columns={[
              { title: t('ui.project'), dataIndex: 'projectId', render: projectLink },
              { title: t('ui.proposalEntry'), dataIndex: 'entryId', render: (id: string) => <code>{id}</code> },
              { title: t('overview.proposedBy'), dataIndex: 'proposedBy' },
              { title: t('overview.proposedOn'), dataIndex: 'proposedOn' },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <AlertsSection alerts={alerts} />
      </Col>
      <Col xs={24} xl={12}>
        <UnreconciledSection account={PROVINCE_ACCOUNT} />
      </Col>
      <Col xs={24} xl={12}>
        <IndicatorsRunningOut />
      </Col>
      <Col xs={24} xl={12}>
        <ZonesBehind />
      </Col>
    </Row>
  );
}

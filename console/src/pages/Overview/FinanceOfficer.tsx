/** The finance officer's day: province money to transfer, lagging projects, adjustments awaiting approval, alerts. */
import { Col, Flex, Row } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProjectStatusTag } from '../../components/Labels';
import { formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import type { Alert as AlertItem, ProjectSummary } from '../../services/schemas';
import { AlertsSection } from './AlertsSection';
import { UnreconciledSection } from './UnreconciledSection';
import { useScopeProjects } from './data';
import { amount, nowrap, projectColumn, projectLink, Section, TodoTable } from './parts';

export function FinanceOfficer({ projects, alerts }: { projects: ProjectSummary[]; alerts: AlertItem[] }) {
  const { tx, label } = useI18n();
  const toTransfer = projects.filter((p) => p.insideZone && (p.status === 'active' || p.status === 'on-hold') && p.balances.province.confirmedFen - (p.balances.province.transferredFen ?? 0) > 0);
  const lagging = useScopeProjects({ lagging: 'true' });
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
          {lagging.error ? <ErrorAlert error={lagging.error} onRetry={() => void lagging.refetch()} /> : null}
          <TodoTable<ProjectSummary>
            rows={lagging.data?.items}
            empty="没有拨付滞后的项目"
            rowKey="projectId"
            loading={lagging.isPending}
            columns={[
              projectColumn(),
              { title: '高新区', dataIndex: 'zoneId', width: 80, render: nowrap },
              {
                title: '滞后（出资方 · 金额 · 责任方）',
                key: 'gap',
                render: (_: unknown, r) => (
                  <Flex vertical gap={2}>
                    {lagAlerts(r.projectId).map((a) => (
                      // Each part on one line; a narrow column breaks between the parts, never inside one.
                      <Flex key={a.alertId} wrap gap="0 6px" data-testid="lag-gap">
                        <span style={{ whiteSpace: 'nowrap' }}>
                          {label('funder', a.funder)} <span className="amount">{formatYuanDigits(a.gapFen)}</span> 元
                        </span>
                        <span style={{ whiteSpace: 'nowrap' }}>
                          · 责任方 {label('funder', a.responsible)}
                          {a.held ? '（已暂停）' : ''}
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
      <Col xs={24} xl={12}>
        <UnreconciledSection />
      </Col>
    </Row>
  );
}

/** The city bureau's day: inspections due, acceptance decisions, findings, alerts, the city's projects. */
import { OwnProgress } from './BudgetSections';
import { CatalogName } from '../../components/CatalogName';
import { Col, Row, Table } from 'antd';
import { Link } from 'react-router';
import { addDays, compareDates, daysBetween } from '../../../../domain/dates';
import { addFen } from '../../../../domain/money';
import { ProjectStatusTag, ResultTag } from '../../components/Labels';
import { useI18n } from '../../i18n';
import type { Alert as AlertItem, ProjectSummary } from '../../services/schemas';
import { AlertsSection, DecisionsSection } from './AlertsSection';
import { amount, projectColumn, projectLink, Section, TodoTable } from './parts';

/** A mid-term inspection is due once half the period has passed and none is recorded. */
function midTermDueOn(p: ProjectSummary): string {
  return addDays(p.contract.startsOn, Math.floor(daysBetween(p.contract.startsOn, p.contract.endsOn) / 2));
}

export function CityBureau({ projects, alerts, today }: { projects: ProjectSummary[]; alerts: AlertItem[]; today: string }) {
  const { t, label } = useI18n();
  const running = projects.filter((p) => p.status === 'active' || p.status === 'on-hold');
  const inspectionsDue = running.filter((p) => compareDates(midTermDueOn(p), today) <= 0 && !p.inspections.some((i) => i.kind === 'mid-term'));
  const decisions = projects.filter((p) => p.acceptance && p.acceptance.result === null);
  const findings = projects.flatMap((p) => p.inspections.filter((i) => i.result !== 'pass').map((i) => ({ ...i, projectId: p.projectId, title: p.title })));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Section title={t('overview.midTermInspectionsDueHalf')} count={inspectionsDue.length} testId="todo-inspections">
          <TodoTable<ProjectSummary>
            rows={inspectionsDue}
            empty={t('overview.noMidTermInspectionsOverdue')}
            rowKey="projectId"
            columns={[
              projectColumn(t),
              { title: t('ui.implementationPeriod'), key: 'p', render: (_: unknown, r) => t('overview.to', { startsOn: r.contract.startsOn, endsOn: r.contract.endsOn }) },
              { title: t('overview.halfWayDay'), key: 'm', render: (_: unknown, r) => midTermDueOn(r) },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <DecisionsSection projects={decisions} />
      </Col>
      <Col xs={24} xl={12}>
        <Section title={t('overview.inspectionFindingsRectifyFail')} count={findings.length} testId="todo-findings">
          <TodoTable<(typeof findings)[number]>
            rows={findings}
            empty={t('overview.noInspectionFindings')}
            rowKey="entryId"
            columns={[
              projectColumn(t),
              { title: t('overview.inspection'), dataIndex: 'kind', render: (k: string) => label('inspection', k) },
              { title: t('overview.date'), dataIndex: 'inspectedOn' },
              { title: t('ui.result2'), dataIndex: 'result', render: (r: string) => <ResultTag result={r} /> },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <AlertsSection alerts={alerts} />
      </Col>
      <Col xs={24} xl={12}>
        <OwnProgress groupBy="city" />
      </Col>
      <Col xs={24}>
        <Section title={t('overview.theCitySProjects')} count={projects.length} extra={<Link to="/projects">{t('overview.projectList')}</Link>} testId="todo-city-projects">
          <Table<ProjectSummary>
            rowKey="projectId"
            size="small"
            pagination={false}
            dataSource={projects}
            columns={[
              { title: t('ui.project'), dataIndex: 'projectId', render: (id: string, r) => <>{projectLink(id)}<span style={{ marginInlineStart: 8 }}>{r.title}</span></> },
              { title: t('ui.zone'), dataIndex: 'zoneId', width: 132, render: (z: string) => <CatalogName kind="zone" code={z} /> },
              { title: t('ui.status'), dataIndex: 'status', render: (s: string) => <ProjectStatusTag status={s} /> },
              { title: t('ui.paidYuan'), key: 'd', align: 'right', render: (_: unknown, r) => amount(addFen(r.balances.province.disbursedFen, r.balances.zone.disbursedFen)) },
            ]}
          />
        </Section>
      </Col>
    </Row>
  );
}

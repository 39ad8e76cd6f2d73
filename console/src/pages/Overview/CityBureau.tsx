/** The city bureau's day: inspections due, acceptance decisions, findings, alerts, the city's projects. */
import { Col, Row, Table } from 'antd';
import { Link } from 'react-router';
import { addDays, compareDates, daysBetween } from '../../../../domain/dates';
import { addFen } from '../../../../domain/money';
import { ProjectStatusTag, ResultTag } from '../../components/Labels';
import { useI18n } from '../../i18n';
import type { Alert as AlertItem, ProjectSummary } from '../../services/schemas';
import { AlertsSection, DecisionsSection } from './AlertsSection';
import { amount, nowrap, projectColumn, projectLink, Section, TodoTable } from './parts';

/** A mid-term inspection is due once half the period has passed and none is recorded. */
function midTermDueOn(p: ProjectSummary): string {
  return addDays(p.contract.startsOn, Math.floor(daysBetween(p.contract.startsOn, p.contract.endsOn) / 2));
}

export function CityBureau({ projects, alerts, today }: { projects: ProjectSummary[]; alerts: AlertItem[]; today: string }) {
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

import { Link } from 'react-router';
import { AlertKindTag, SeverityTag } from '../../components/Labels';
import { useI18n } from '../../i18n';
import type { Alert as AlertItem, ProjectSummary } from '../../services/schemas';
import { amount, projectColumn, projectLink, Section, TodoTable } from './parts';

export function AlertsSection({ alerts }: { alerts: AlertItem[] }) {
  const { label, tx } = useI18n();
  return (
    <Section title={tx('未关闭预警', 'Open alerts')} count={alerts.length} extra={<Link to="/alerts">全部预警</Link>} testId="todo-alerts">
      <TodoTable<AlertItem>
        rows={alerts.slice(0, 8)}
        empty="没有未关闭预警"
        rowKey="alertId"
        columns={[
          { title: '类型', dataIndex: 'kind', render: (k: string) => <AlertKindTag kind={k} /> },
          // An unrecorded-payment is about a statement line, not a project.
          { title: '项目', dataIndex: 'projectId', render: (id: string | null, a) => (id ? projectLink(id) : <Link to={`/statements/${a.statementId}`}>{`#${a.lineNo}`}</Link>) },
          { title: '程度', dataIndex: 'severity', render: (s: string) => <SeverityTag severity={s} /> },
          { title: '差额（元）', dataIndex: 'gapFen', align: 'right', render: amount },
          { title: '责任方', dataIndex: 'responsible', render: (r: string | null, a) => `${r ? label('funder', r) : '—'}${a.held ? '（已暂停）' : ''}` },
        ]}
      />
    </Section>
  );
}

/** Acceptance applications waiting for a decision (admin, city bureau). */
export function DecisionsSection({ projects }: { projects: ProjectSummary[] }) {
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

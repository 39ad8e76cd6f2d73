import { alertCause } from '../../components/alertCause';
import { Link } from 'react-router';
import { AlertKindTag, SeverityTag } from '../../components/Labels';
import { useI18n } from '../../i18n';
import type { Alert as AlertItem, ProjectSummary } from '../../services/schemas';
import { amount, projectColumn, projectLink, Section, TodoTable } from './parts';

export function AlertsSection({ alerts }: { alerts: AlertItem[] }) {
  const { t, label } = useI18n();
  return (
    <Section title={t('ui.openAlerts')} count={alerts.length} extra={<Link to="/alerts">{t('overview.allAlerts')}</Link>} testId="todo-alerts">
      <TodoTable<AlertItem>
        rows={alerts}
        limit={8}
        empty={t('overview.noOpenAlerts')}
        rowKey="alertId"
        columns={[
          { title: t('ui.type'), dataIndex: 'kind', render: (k: string) => <AlertKindTag kind={k} /> },
          // No project: an unrecorded-payment is about a statement line, the budget's alerts about an indicator or a zone's fiscal year.
          { title: t('ui.project'), dataIndex: 'projectId', render: (id: string | null, a) => (id !== null ? projectLink(id) : a.statementId !== undefined ? <Link to={`/statements/${a.statementId}`}>{`#${a.lineNo}`}</Link> : (a.indicatorNo ?? String(a.fiscalYear ?? '—'))) },
          { title: t('ui.severity'), dataIndex: 'severity', render: (s: string) => <SeverityTag severity={s} /> },
          { title: t('ui.gapYuan'), dataIndex: 'gapFen', align: 'right', render: amount },
          { title: t('ui.responsible'), dataIndex: 'responsible', render: (_: string | null, a) => (a.held ? t('overview.causeOnHold', { cause: alertCause(a, t) }) : alertCause(a, t)) },
        ]}
      />
    </Section>
  );
}

/** Acceptance applications waiting for a decision (admin, city bureau). */
export function DecisionsSection({ projects }: { projects: ProjectSummary[] }) {
  const { t } = useI18n();
  return (
    <Section title={t('overview.acceptanceDecisionsToRecord')} count={projects.length} testId="todo-acceptance">
      <TodoTable<ProjectSummary>
        rows={projects}
        empty={t('overview.noAcceptanceApplicationsAwaitingA')}
        rowKey="projectId"
        columns={[
          projectColumn(t),
          { title: t('ui.appliedOn'), key: 'a', render: (_: unknown, r) => r.acceptance?.appliedOn },
          { title: t('overview.periodEnds'), key: 'e', render: (_: unknown, r) => r.contract.endsOn },
        ]}
      />
    </Section>
  );
}

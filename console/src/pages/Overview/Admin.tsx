/** The admin's day: proposals awaiting a second person, holds, acceptance decisions. */
import { CatalogName } from '../../components/CatalogName';
import { Col, Row, Typography } from 'antd';
import { Link } from 'react-router';
import type { Identity } from '../../auth/types';
import { ResultTag, ToneTag } from '../../components/Labels';
import { useI18n } from '../../i18n';
import type { ProjectSummary } from '../../services/schemas';
import { AdminLinks } from '../Admin/OverviewLinks';
import { DecisionsSection } from './AlertsSection';
import { projectColumn, Section, TodoTable } from './parts';

export function Admin({ projects, identity }: { projects: ProjectSummary[]; identity: Identity | null }) {
  const { t, label } = useI18n();
  const proposals = projects.flatMap((p) => p.proposals.map((x) => ({ ...x, projectId: p.projectId, title: p.title })));
  const holds = projects.filter((p) => p.status === 'on-hold');
  const decisions = projects.filter((p) => p.acceptance && p.acceptance.result === null);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Section title={t('ui.proposalsAwaitingApprovalFourEyes')} count={proposals.length} testId="todo-proposals">
          <TodoTable<(typeof proposals)[number]>
            rows={proposals}
            empty={t('ui.noProposalsAwaitingApproval')}
            rowKey="entryId"
            columns={[
              { title: t('ui.type'), dataIndex: 'kind', render: (k: string) => <ToneTag tone="gold">{label('proposal', k)}</ToneTag> },
              projectColumn(t),
              { title: t('ui.proposalEntry'), dataIndex: 'entryId', render: (id: string) => <code>{id}</code> },
              { title: t('overview.proposedBy'), dataIndex: 'proposedBy' },
              { title: t('overview.proposedOn'), dataIndex: 'proposedOn' },
              {
                title: t('overview.whoApproves'),
                key: 'who',
                render: (_: unknown, r) => (r.proposedBy === identity?.sub ? <Typography.Text type="secondary">{t('overview.yoursAnotherAdminMustApprove')}</Typography.Text> : <Link to={`/projects/${encodeURIComponent(r.projectId)}`}>{t('overview.approve')}</Link>),
              },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <Section title={t('overview.projectsOnHold')} count={holds.length} extra={<Link to="/projects?status=on-hold">{t('common.all')}</Link>} testId="todo-holds">
          <TodoTable<ProjectSummary>
            rows={holds}
            empty={t('overview.noProjectsOnHold')}
            rowKey="projectId"
            columns={[
              projectColumn(t),
              { title: t('ui.zone'), dataIndex: 'zoneId', width: 132, render: (z: string) => <CatalogName kind="zone" code={z} /> },
              { title: t('overview.lastInspection'), key: 'i', render: (_: unknown, r) => (r.inspections.length ? r.inspections.map((i) => <ResultTag key={i.entryId} result={i.result} />) : '—') },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <DecisionsSection projects={decisions} />
      </Col>
      <Col xs={24}>
        <AdminLinks />
      </Col>
    </Row>
  );
}

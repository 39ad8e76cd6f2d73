/** The admin's day: proposals awaiting a second person, holds, acceptance decisions. */
import { Col, Row, Typography } from 'antd';
import { Link } from 'react-router';
import type { Identity } from '../../auth/types';
import { ResultTag, ToneTag } from '../../components/Labels';
import { useI18n } from '../../i18n';
import type { ProjectSummary } from '../../services/schemas';
import { AdminLinks } from '../Admin/OverviewLinks';
import { DecisionsSection } from './AlertsSection';
import { nowrap, projectColumn, Section, TodoTable } from './parts';

export function Admin({ projects, identity }: { projects: ProjectSummary[]; identity: Identity | null }) {
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
      <Col xs={24}>
        <AdminLinks />
      </Col>
    </Row>
  );
}

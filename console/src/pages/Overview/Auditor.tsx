/** The auditor's day: recent activity across projects, and a quick verify of one project's chain. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Input, Row, Space, Table } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTimestamp } from '../../format/dates';
import { useI18n, wordsFor } from '../../i18n';
import { programOf, useCatalog } from '../../services/catalog';
import { apiPath, useApi } from '../../services/api';
import { activityOut, verifyOut, type ActivityEntry, type ProjectSummary } from '../../services/schemas';
import { amount, projectLink, Section } from './parts';

function QuickVerify() {
  const { t } = useI18n();
  const api = useApi();
  const [id, setId] = useState('');
  const verify = useMutation({ mutationFn: (projectId: string) => api.get(apiPath`/projects/${projectId}/verify`, verifyOut) });
  const run = () => {
    const projectId = id.trim();
    if (projectId) verify.mutate(projectId);
  };
  const state = { busy: verify.isPending, projectId: verify.variables, result: verify.data, error: verify.error };
  return (
    <Section title={t('overview.quickVerify')} testId="quick-verify">
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input aria-label={t('ui.projectId')} placeholder={t('overview.projectIdEGBa2023')} value={id} onChange={(e) => setId(e.target.value)} onPressEnter={run} />
        <Button type="primary" onClick={run} loading={state.busy}>
          
          {t('ui.verify')}
        </Button>
      </Space.Compact>
      {state.result &&
        (state.result.valid ? (
          <Alert type="success" showIcon role="status" data-testid="quick-verify-result" title={t('overview.ledgerIntactEntries', { projectId: state.projectId ?? '', entries: state.result.entries ?? 0 })} description={<code style={{ wordBreak: 'break-all' }}>{state.result.headHash}</code>} />
        ) : (
          <Alert type="error" showIcon role="alert" data-testid="quick-verify-result" title={t('overview.theHashChainBreaksAt', { projectId: state.projectId ?? '', brokenAtSeq: state.result.brokenAtSeq ?? '?' })} description={state.result.reason} />
        ))}
      {state.error ? <ErrorAlert error={state.error} /> : null}
    </Section>
  );
}

export function Auditor({ projects }: { projects: ProjectSummary[] }) {
  const { t, language } = useI18n();
  const api = useApi();
  const catalog = useCatalog();
  // Each entry by its own program's words (Nanjing: 市级资金下达, 划转至园区), not the usual 省级 / 高新区.
  const programCodes = new Map(projects.map((p) => [p.projectId, p.programCode]));
  const entryLabel = (r: ActivityEntry) => wordsFor(language, programOf(catalog, programCodes.get(r.projectId) ?? '')?.funderNames).label('entry', r.type);
  const activity = useQuery({ queryKey: ['activity', 15], queryFn: ({ signal }) => api.get('/activity', activityOut, { query: { limit: 15 }, signal }) });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Section title={t('overview.recentActivityAllProjectsNewest')} testId="todo-activity">
          {activity.error ? <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} /> : null}
          <Table<ActivityEntry>
            rowKey="entryId"
            size="small"
            pagination={false}
            loading={activity.isPending}
            dataSource={activity.data?.entries ?? []}
            columns={[
              { title: t('ui.recordedAtBeijingTime'), dataIndex: 'recordedAt', width: 160, render: (ts: string) => formatTimestamp(ts) },
              { title: t('ui.project'), dataIndex: 'projectId', render: projectLink },
              { title: t('ui.type'), dataIndex: 'type', render: (_: string, r) => entryLabel(r) },
              { title: t('ui.amountYuan'), dataIndex: 'amountFen', align: 'right', render: (fen: number | null) => (fen === null ? '—' : amount(fen)) },
              { title: t('ui.recordedBy'), key: 'actor', render: (_: unknown, r) => <span title={r.actor.sub}>{r.actor.name ?? r.actor.sub}</span> },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={8}>
        <QuickVerify />
      </Col>
    </Row>
  );
}

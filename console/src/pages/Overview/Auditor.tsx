/** The auditor's day: recent activity across projects, and a quick verify of one project's chain. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Input, Row, Space, Table } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTimestamp } from '../../format/dates';
import { useI18n } from '../../i18n';
import { apiPath, useApi } from '../../services/api';
import { activityOut, verifyOut, type ActivityEntry } from '../../services/schemas';
import { amount, projectLink, Section } from './parts';
import { UnreconciledSection } from './UnreconciledSection';

function QuickVerify() {
  const { tx } = useI18n();
  const api = useApi();
  const [id, setId] = useState('');
  const verify = useMutation({ mutationFn: (projectId: string) => api.get(apiPath`/projects/${projectId}/verify`, verifyOut) });
  const run = () => {
    const projectId = id.trim();
    if (projectId) verify.mutate(projectId);
  };
  const state = { busy: verify.isPending, projectId: verify.variables, result: verify.data, error: verify.error };
  return (
    <Section title={tx('快速核验', 'Quick verify')} testId="quick-verify">
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input aria-label="项目编号" placeholder="项目编号，例如 BA2023-0101" value={id} onChange={(e) => setId(e.target.value)} onPressEnter={run} />
        <Button type="primary" onClick={run} loading={state.busy}>
          核验
        </Button>
      </Space.Compact>
      {state.result &&
        (state.result.valid ? (
          <Alert type="success" showIcon role="status" data-testid="quick-verify-result" title={`${state.projectId}：台账完整，${state.result.entries} 条记录`} description={<code style={{ wordBreak: 'break-all' }}>{state.result.headHash}</code>} />
        ) : (
          <Alert type="error" showIcon role="alert" data-testid="quick-verify-result" title={`${state.projectId}：哈希链在第 ${state.result.brokenAtSeq} 条记录处断裂`} description={state.result.reason} />
        ))}
      {state.error ? <ErrorAlert error={state.error} /> : null}
    </Section>
  );
}

export function Auditor() {
  const { label, tx } = useI18n();
  const api = useApi();
  const activity = useQuery({ queryKey: ['activity', 15], queryFn: ({ signal }) => api.get('/activity', activityOut, { query: { limit: 15 }, signal }) });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Section title={tx('最近业务（全部项目，最新在前）', 'Recent activity (all projects, newest first)')} testId="todo-activity">
          {activity.error ? <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} /> : null}
          <Table<ActivityEntry>
            rowKey="entryId"
            size="small"
            pagination={false}
            loading={activity.isPending}
            dataSource={activity.data?.entries ?? []}
            columns={[
              { title: '记录时间（北京时间）', dataIndex: 'recordedAt', width: 160, render: (ts: string) => formatTimestamp(ts) },
              { title: '项目', dataIndex: 'projectId', render: projectLink },
              { title: '类型', dataIndex: 'type', render: (ty: string) => label('entry', ty) },
              { title: '金额（元）', dataIndex: 'amountFen', align: 'right', render: (fen: number | null) => (fen === null ? '—' : amount(fen)) },
              { title: '操作人', dataIndex: ['actor', 'sub'] },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={8}>
        <QuickVerify />
      </Col>
      <Col xs={24} xl={16}>
        <UnreconciledSection />
      </Col>
    </Row>
  );
}

/**
 * /statements — bank and treasury statements (对账单): download the template, upload a statement
 * (CSV or XLSX, any size: hashed in the browser, declared, PUT to the presigned URL), which is
 * tried first (a dry run, nothing stored) and opens on its own page for confirmation; below, the
 * statements stored. Finance officers upload the province's account, zone committees their
 * zone's; admins and auditors read.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Progress, Space, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert, useReadErrorMessage } from '../../components/ErrorAlert';
import { useAuth } from '../../auth/context';
import { hasRole } from '../../auth/permissions';
import { PageTitle } from '../../components/PageTitle';
import { formatBusinessDate, formatTimestamp } from '../../format/dates';
import { useApi } from '../../services/api';
import { saveBlob } from '../../services/download';
import { uploadStatement, useStatements, useWords, type UploadStage } from '../../services/reconciliation';
import { XLSX, type StatementSummary } from '../../services/schemas';
import { AccountName, RowErrors, StatusTag } from './parts';

export default function StatementsPage() {
  const api = useApi();
  const w = useWords();
  const navigate = useNavigate();
  const readFailed = useReadErrorMessage();
  const { identity } = useAuth();
  const mayUpload = hasRole(identity, 'finance-officer') || hasRole(identity, 'zone-committee');
  const list = useStatements();
  const [stage, setStage] = useState<UploadStage | null>(null);

  const template = useMutation({
    mutationFn: async () => {
      const { blob, filename } = await api.download('/statements/template.xlsx', XLSX);
      saveBlob(blob, filename);
    },
    onError: readFailed,
  });
  const trying = useMutation({
    mutationFn: (file: File) => uploadStatement(api, file, false, setStage),
    onSuccess: (statementId) => navigate(`/statements/${statementId}`),
    onSettled: () => setStage(null),
  });

  const columns: ColumnsType<StatementSummary> = [
    {
      title: w('statements.col.statement'),
      dataIndex: 'statementId',
      render: (id: string, s) => (
        <Link to={`/statements/${id}`}>
          {s.fileName ?? `${id.slice(0, 12)}…`}
        </Link>
      ),
    },
    { title: w('statements.account'), dataIndex: 'account', render: (_: string, s) => <AccountName account={s.account} zoneId={s.zoneId} /> },
    { title: w('statements.col.period'), key: 'period', render: (_: unknown, s) => `${formatBusinessDate(s.firstDate)} — ${formatBusinessDate(s.lastDate)}` },
    { title: w('statements.col.lines'), dataIndex: 'linesTotal', align: 'right' },
    { title: w('statements.col.matched'), dataIndex: 'matched', align: 'right' },
    { title: w('statements.col.statementOnly'), dataIndex: 'statementOnly', align: 'right' },
    { title: w('statements.col.uploadedBy'), key: 'by', render: (_: unknown, s) => s.uploadedBy.name ?? s.uploadedBy.sub },
    { title: w('statements.col.uploadedAt'), dataIndex: 'uploadedAt', render: (t: string) => formatTimestamp(t) },
    { title: w('statements.col.status'), dataIndex: 'status', render: (status: string) => <StatusTag status={status} /> },
  ];

  return (
    <>
      <PageTitle title={w('statements.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{w('statements.intro')}</Typography.Paragraph>
        <Space wrap align="start" size={24}>
          <Button icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending}>
            {w('statements.template')}
          </Button>
          {mayUpload && (
            <Flex vertical gap={8} style={{ width: 460 }}>
              <Typography.Text type="secondary">
                {w('statements.account')}
                {w('ui.colon')}
                {hasRole(identity, 'finance-officer') ? <AccountName account="province" zoneId={null} /> : <AccountName account={`zone:${identity?.zoneId ?? ''}`} zoneId={identity?.zoneId ?? null} />}
              </Typography.Text>
              <Upload.Dragger
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                maxCount={1}
                showUploadList={false}
                disabled={trying.isPending}
                beforeUpload={(file) => {
                  trying.reset();
                  trying.mutate(file);
                  return false;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p>{w('statements.upload')}</p>
                <p style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', padding: '0 12px' }}>{w('statements.upload.hint')}</p>
              </Upload.Dragger>
              {stage && (
                <div data-testid="statement-stage">
                  <Progress percent={stage === 'hashing' ? 20 : stage === 'uploading' ? 60 : 90} status="active" size="small" />
                  <Typography.Text type="secondary">{w(stage === 'hashing' ? 'statements.hashing' : stage === 'uploading' ? 'statements.uploading' : 'statements.processing', { done: 0, total: '…' })}</Typography.Text>
                </div>
              )}
            </Flex>
          )}
        </Space>
        {trying.error && <div style={{ marginTop: 16 }}><RowErrors error={trying.error} /></div>}
      </Card>
      <Card title={w('statements.list')}>
        {list.error ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<StatementSummary>
            rowKey="statementId"
            size="small"
            columns={columns}
            dataSource={list.data?.statements ?? []}
            loading={list.isLoading}
            locale={{ emptyText: w('statements.empty') }}
            pagination={false}
          />
        )}
      </Card>
    </>
  );
}

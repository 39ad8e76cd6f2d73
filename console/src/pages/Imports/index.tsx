/**
 * /imports — registering projects from Excel: download the template (GET
 * /imports/projects/template.xlsx, with dropdowns for program, zone, cluster and funder), upload
 * the filled workbook (POST /imports/projects, the file as the body), read the per-row report
 * (row, field, message in Chinese). Rows that fail change nothing; rows that pass are registered.
 */
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Space, Steps, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/context';
import { ProblemAlert } from '../../components/forms';
import { ToneTag } from '../../components/Labels';
import { PageTitle } from '../../components/PageTitle';
import { ApiError, useApi } from '../../services/api';
import { saveBlob } from '../../services/download';
import { useStaleAfterWrite } from '../../services/queryClient';
import { useSubmission } from '../../services/idempotency';
import { explainWriteError } from '../../services/problems';
import { importReportOut, XLSX, type ImportReport } from '../../services/schemas';
import { hasRole } from '../../auth/permissions';

type Row = ImportReport['rows'][number];

export default function ImportsPage() {
  const api = useApi();
  const { message } = App.useApp();
  const { identity } = useAuth();
  const submission = useSubmission();
  const [file, setFile] = useState<File | null>(null);
  const mayImport = hasRole(identity, 'finance-officer');
  const staleAfterWrite = useStaleAfterWrite();

  const template = useMutation({
    mutationFn: async () => {
      const { blob, filename } = await api.download('/imports/projects/template.xlsx', XLSX);
      saveBlob(blob, filename);
    },
    onError: (err: unknown) => void message.error(err instanceof ApiError ? err.message : String(err)),
  });
  // One workbook, one submission: a retry after a failure sends the same one (services/idempotency.ts).
  const importing = useMutation({
    mutationFn: (workbook: File) => submission.run(() => api.postFile('/imports/projects', workbook, XLSX, { schema: importReportOut })),
    onSuccess: () => {
      submission.reset();
      staleAfterWrite();
    },
  });
  const report: ImportReport | undefined = importing.data;
  const problem = importing.error ? explainWriteError(importing.error) : null;
  const upload = () => {
    if (file) importing.mutate(file);
  };

  const columns: ColumnsType<Row> = [
    { title: '工作表', dataIndex: 'sheet', width: 90 },
    { title: '行号', dataIndex: 'row', width: 60, align: 'right' },
    { title: '项目编号', dataIndex: 'projectId', width: 140, render: (id: string | null, r) => (id && r.status === 'registered' ? <Link to={`/projects/${encodeURIComponent(id)}`}>{id}</Link> : (id ?? '—')) },
    {
      title: '结果',
      dataIndex: 'status',
      width: 90,
      onCell: () => ({ 'data-col': 'status' }) as React.HTMLAttributes<HTMLElement>,
      render: (s: string) => (s === 'registered' ? <ToneTag tone="green">已登记</ToneTag> : <ToneTag tone="red">未登记</ToneTag>),
    },
    {
      title: '问题（字段：说明）',
      dataIndex: 'errors',
      onCell: () => ({ 'data-col': 'errors' }) as React.HTMLAttributes<HTMLElement>,
      render: (errors: Row['errors']) =>
        errors.length === 0 ? (
          '—'
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {errors.map((e, i) => (
              <li key={i}>
                <strong>{e.field}</strong>：{e.message}
              </li>
            ))}
          </ul>
        ),
    },
  ];

  return (
    <>
      <PageTitle title="Excel 导入项目" />
      {!mayImport && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="只有省级财务人员可以导入登记项目；您可以下载模板。" />}
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          items={[
            { title: '下载模板', content: '“项目登记”“拨付计划”两张表，专项、高新区、集群、资金来源有下拉选项' },
            { title: '填写', content: '金额以元为单位，最多两位小数；日期 YYYY-MM-DD' },
            { title: '上传', content: '逐行检查：出错的行不登记，其余行登记' },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Space wrap align="start" size={24}>
          <Button icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending}>
            下载登记模板
          </Button>
          {mayImport && (
            <Flex vertical gap={8} style={{ width: 420 }}>
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  importing.reset();
                  submission.reset();
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  return true;
                }}
                fileList={file ? [{ uid: 'workbook', name: file.name, status: 'done' }] : []}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p>点击或拖入填好的登记表（.xlsx，不超过 5 MB）</p>
              </Upload.Dragger>
              <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={importing.isPending} onClick={upload}>
                导入
              </Button>
            </Flex>
          )}
        </Space>
      </Card>
      {problem && <ProblemAlert explained={problem} />}
      {report && (
        <Card title="导入结果" data-testid="import-report">
          <Alert
            type={report.failed > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={`登记 ${report.registered} 个项目，${report.failed} 行未登记。`}
            description={report.failed > 0 ? '未登记的行没有做任何改动：按说明改正后可只上传这些行。' : undefined}
          />
          <Table<Row> rowKey={(r) => `${r.sheet}:${r.row}`} size="small" columns={columns} dataSource={report.rows} pagination={false} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            行号为工作表中的行号（第 1 行为表头）。
          </Typography.Paragraph>
        </Card>
      )}
    </>
  );
}

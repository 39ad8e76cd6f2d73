/**
 * /imports — registering projects from Excel: download the template (GET
 * /imports/projects/template.xlsx, with dropdowns for program, zone, cluster and funder), upload
 * the filled workbook (POST /imports/projects, the file as the body), read the per-row report
 * (row, field, message in Chinese). Rows that fail change nothing; rows that pass are registered.
 */
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space, Steps, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useReadErrorMessage } from '../../components/ErrorAlert';
import { useAuth } from '../../auth/context';
import { ProblemAlert } from '../../components/forms';
import { ToneTag } from '../../components/Labels';
import { PageTitle } from '../../components/PageTitle';
import { useApi } from '../../services/api';
import { saveBlob } from '../../services/download';
import { useStaleAfterWrite } from '../../services/queryClient';
import { useSubmission } from '../../services/idempotency';
import { explainWriteError } from '../../services/problems';
import { importReportOut, XLSX, type ImportReport } from '../../services/schemas';
import { hasRole } from '../../auth/permissions';
import { useI18n } from '../../i18n';

type Row = ImportReport['rows'][number];

export default function ImportsPage() {
  const words = useI18n();
  const { t } = words;
  const api = useApi();
  const readFailed = useReadErrorMessage();
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
    onError: readFailed,
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
  const problem = importing.error ? explainWriteError(importing.error, words) : null;
  const upload = () => {
    if (file) importing.mutate(file);
  };

  const columns: ColumnsType<Row> = [
    { title: t('imports.sheet'), dataIndex: 'sheet', width: 90 },
    { title: t('imports.row'), dataIndex: 'row', width: 60, align: 'right' },
    { title: t('ui.projectId'), dataIndex: 'projectId', width: 140, render: (id: string | null, r) => (id && r.status === 'registered' ? <Link to={`/projects/${encodeURIComponent(id)}`}>{id}</Link> : (id ?? '—')) },
    {
      title: t('ui.result'),
      dataIndex: 'status',
      width: 90,
      onCell: () => ({ 'data-col': 'status' }) as React.HTMLAttributes<HTMLElement>,
      render: (s: string) => (s === 'registered' ? <ToneTag tone="green">{t('imports.registered')}</ToneTag> : <ToneTag tone="red">{t('imports.notRegistered')}</ToneTag>),
    },
    {
      title: t('imports.problemsFieldExplanation'),
      dataIndex: 'errors',
      onCell: () => ({ 'data-col': 'errors' }) as React.HTMLAttributes<HTMLElement>,
      render: (errors: Row['errors']) =>
        errors.length === 0 ? (
          '—'
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {errors.map((e, i) => (
              <li key={i}>
                <strong>{e.field}</strong>{t('ui.colon')}{e.message}
              </li>
            ))}
          </ul>
        ),
    },
  ];

  return (
    <>
      <PageTitle title={t('imports.importProjectsFromExcel')} />
      {!mayImport && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('imports.onlyTheProvinceFinanceOfficers')} />}
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          items={[
            { title: t('imports.downloadTheTemplate'), content: t('imports.twoSheetsAndWithDrop') },
            { title: t('imports.fillIn'), content: t('imports.amountsInYuanWithAt') },
            { title: t('imports.upload'), content: t('imports.checkedRowByRowRows') },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Space wrap align="start" size={24}>
          <Button icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending}>
            
            {t('imports.downloadTheRegistrationTemplate')}
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
                <p>{t('imports.clickOrDropTheFilled')}</p>
              </Upload.Dragger>
              <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={importing.isPending} onClick={upload}>
                
                {t('imports.import')}
              </Button>
            </Flex>
          )}
        </Space>
      </Card>
      {problem && <ProblemAlert explained={problem} />}
      {report && (
        <Card title={t('imports.importResult')} data-testid="import-report">
          <Alert
            type={report.failed > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={t('imports.projectsRegisteredRowsNotRegistered', { registered: report.registered, failed: report.failed })}
            description={report.failed > 0 ? t('imports.rowsNotRegisteredChangedNothing') : undefined}
          />
          <Table<Row> rowKey={(r) => `${r.sheet}:${r.row}`} size="small" columns={columns} dataSource={report.rows} pagination={false} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            
            {t('imports.rowNumbersAreTheSheet')}
          </Typography.Paragraph>
        </Card>
      )}
    </>
  );
}

import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { AlertKindTag, SeverityTag, TrancheStatusTag } from '../../components/Labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { capitalAmount } from '../../format/capital';
import { formatBusinessDate, formatTimestamp } from '../../format/dates';
import { formatFen, formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh';
import { apiPath, ApiError, useApi } from '../../services/api';
import { saveBlob } from '../../services/download';
import {
  historyResponse,
  projectViewSchema,
  verifyResponse,
  type Balance,
  type Entry,
  type ProjectView,
  type VerifyResult,
} from '../../services/schemas';
import { useApiQuery } from '../../services/useApiQuery';
import { useCursorList } from '../../services/useCursorList';

type Row = { funder: 'province' | 'zone'; grantFen: number } & Balance;

/** Balance columns shown when the API sends them (the money path is growing new ones). */
const BALANCE_COLUMNS: { field: keyof Balance; label: MessageKey; optional?: boolean }[] = [
  { field: 'allocatedFen', label: 'balance.allocated' },
  { field: 'pendingFen', label: 'balance.pending' },
  { field: 'confirmedFen', label: 'balance.confirmed' },
  { field: 'transferredFen', label: 'balance.transferred', optional: true },
  { field: 'heldAtZoneFen', label: 'balance.heldAtZone', optional: true },
  { field: 'disbursedFen', label: 'balance.disbursed' },
  { field: 'recoveredFen', label: 'balance.recovered', optional: true },
];

/** The program's own name for a funder when it has one (Nanjing: 市级 / 园区), else the generic label. */
function useFunderName(project: ProjectView | undefined): (funder: string | null | undefined) => string {
  const { label } = useI18n();
  return (funder) => (project && (funder === 'province' || funder === 'zone') ? project.funderNames?.[funder] : undefined) ?? label('funder', funder);
}

function Amount({ fen }: { fen: number | null | undefined }) {
  return <span className="amount">{fen === null || fen === undefined ? '—' : formatYuanDigits(fen)}</span>;
}

function Balances({ project }: { project: ProjectView }) {
  const { t } = useI18n();
  const funderName = useFunderName(project);
  const rows: Row[] = [
    { funder: 'province', grantFen: project.contract.provinceGrantFen, ...project.balances.province },
    { funder: 'zone', grantFen: project.contract.zoneGrantFen, ...project.balances.zone },
  ];
  const shown = BALANCE_COLUMNS.filter((c) => !c.optional || rows.some((r) => typeof r[c.field] === 'number'));
  const columns: ColumnsType<Row> = [
    { title: t('balance.funder'), dataIndex: 'funder', render: (f: string) => funderName(f) },
    { title: `${t('balance.grant')}（元）`, dataIndex: 'grantFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    ...shown.map((c) => ({
      title: `${t(c.label)}（元）`,
      dataIndex: c.field,
      align: 'right' as const,
      render: (fen: number | undefined) => <Amount fen={fen} />,
    })),
  ];
  return <ScrollTable<Row> label={t('project.balances')} minWidth={900} rowKey="funder" size="small" columns={columns} dataSource={rows} pagination={false} />;
}

function Schedule({ project }: { project: ProjectView }) {
  const { t } = useI18n();
  const funderName = useFunderName(project);
  type Line = ProjectView['schedule'][number];
  const columns: ColumnsType<Line> = [
    { title: t('schedule.tranche'), dataIndex: 'trancheId' },
    { title: t('schedule.funder'), dataIndex: 'funder', render: (f: string) => funderName(f) },
    { title: t('schedule.dueOn'), dataIndex: 'dueOn', render: (d: string) => formatBusinessDate(d) },
    { title: t('schedule.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: t('schedule.paid'), dataIndex: 'paidFen', align: 'right', render: (fen: number | undefined) => <Amount fen={fen} /> },
    { title: t('schedule.status'), dataIndex: 'status', render: (s: string | undefined) => <TrancheStatusTag status={s} /> },
  ];
  return <Table<Line> rowKey="trancheId" size="small" columns={columns} dataSource={project.schedule} pagination={false} />;
}

function Limits({ project }: { project: ProjectView }) {
  const { t, label } = useI18n();
  const funderName = useFunderName(project);
  type Limit = NonNullable<ProjectView['limits']>[number];
  const columns: ColumnsType<Limit> = [
    { title: t('limit.rule'), dataIndex: 'rule', render: (r: string) => <span title={r}>{label('rule', r)}</span> },
    { title: t('limit.funder'), dataIndex: 'funder', render: (f: string | null | undefined) => (f ? funderName(f) : '—') },
    { title: t('limit.limit'), dataIndex: 'limitFen', align: 'right', render: (fen: number | null) => (fen === null ? t('limit.none') : <Amount fen={fen} />) },
    { title: t('limit.used'), dataIndex: 'usedFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: t('limit.headroom'), dataIndex: 'headroomFen', align: 'right', render: (fen: number | null) => (fen === null ? '—' : <Amount fen={fen} />) },
  ];
  return (
    <Table<Limit>
      rowKey={(l) => `${l.rule}:${l.funder ?? ''}`}
      size="small"
      columns={columns}
      dataSource={project.limits ?? []}
      pagination={false}
    />
  );
}

function History({ projectId }: { projectId: string }) {
  const { t, label } = useI18n();
  const history = useCursorList(apiPath`/projects/${projectId}/history`, historyResponse, (p) => p.entries, {}, 100);
  const columns: ColumnsType<Entry> = [
    { title: t('history.seq'), dataIndex: 'seq', width: 56, align: 'right' },
    { title: t('history.type'), dataIndex: 'type', width: 120, render: (type: string) => label('entry', type) },
    { title: t('history.funder'), dataIndex: 'funder', width: 72, render: (f: string | null | undefined) => (f ? label('funder', f) : '—') },
    { title: t('history.amount'), dataIndex: 'amountFen', align: 'right', width: 130, render: (fen: number | null | undefined) => <Amount fen={fen} /> },
    { title: t('history.valueDate'), dataIndex: 'valueDate', width: 100, render: (d: string) => formatBusinessDate(d) },
    { title: t('history.recordedAt'), dataIndex: 'recordedAt', width: 160, render: (ts: string) => formatTimestamp(ts) },
    { title: t('history.actor'), dataIndex: ['actor', 'sub'], width: 170, render: (sub: string, e) => <span title={e.actor.role}>{sub}</span> },
    { title: t('history.reference'), dataIndex: 'reference', ellipsis: true },
    { title: t('history.status'), dataIndex: 'status', width: 80, render: (s: string | null | undefined) => label('entry', s) },
    {
      title: t('history.hash'),
      dataIndex: 'hash',
      width: 100,
      render: (hash: string) => (
        <code title={hash} style={{ fontSize: 12 }}>
          {hash.slice(0, 10)}…
        </code>
      ),
    },
  ];
  return (
    <>
      {history.error ? <ErrorAlert error={history.error} onRetry={history.reload} /> : null}
      <ScrollTable<Entry>
        label={t('project.history')}
        minWidth={1150}
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={history.items}
        loading={history.loading}
        pagination={false}
      />
      {history.hasMore && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={history.loadMore} loading={history.loading}>
            {t('projects.loadMore')}
          </Button>
        </Flex>
      )}
    </>
  );
}

function VerifyOutcome({ result }: { result: VerifyResult }) {
  const { t } = useI18n();
  if (result.valid) {
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        data-testid="verify-result"
        title={t('project.verifyValid', { entries: result.entries })}
        description={
          <>
            {t('project.headHash')}: <code style={{ wordBreak: 'break-all' }}>{result.headHash}</code>
          </>
        }
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="verify-result"
      title={t('project.verifyBroken', { seq: result.brokenAtSeq })}
      description={result.reason}
      style={{ marginBottom: 16 }}
    />
  );
}

export default function ProjectPage() {
  const { projectId = '' } = useParams();
  const { t, label } = useI18n();
  const api = useApi();
  const { message } = App.useApp();
  const project = useApiQuery((a, signal) => a.get(apiPath`/projects/${projectId}`, projectViewSchema, { signal }), [projectId]);
  const [verify, setVerify] = useState<{ busy: boolean; result?: VerifyResult; error?: unknown }>({ busy: false });
  const [exporting, setExporting] = useState(false);

  const runVerify = () => {
    setVerify({ busy: true });
    api.get(apiPath`/projects/${projectId}/verify`, verifyResponse).then(
      (result) => setVerify({ busy: false, result }),
      (error: unknown) => setVerify({ busy: false, error }),
    );
  };
  const exportCsv = () => {
    setExporting(true);
    api
      .download(apiPath`/projects/${projectId}/history.csv`, 'text/csv')
      .then(({ blob, filename }) => saveBlob(blob, filename))
      .catch((err: unknown) => void message.error(err instanceof ApiError ? err.message : String(err)))
      .finally(() => setExporting(false));
  };

  const p = project.data;
  const funderName = useFunderName(p);
  const title = p ? `${p.title}` : projectId;
  const notFound = project.error instanceof ApiError && project.error.status === 404;

  return (
    <>
      <Link to="/projects">← {t('project.back')}</Link>
      <PageTitle
        title={title}
        extra={
          <Space wrap>
            <Button icon={<SafetyCertificateOutlined />} onClick={runVerify} loading={verify.busy}>
              {verify.busy ? t('project.verifying') : t('project.verify')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={exportCsv} loading={exporting}>
              {exporting ? t('project.exporting') : t('project.exportCsv')}
            </Button>
          </Space>
        }
      />
      {verify.result && <VerifyOutcome result={verify.result} />}
      {verify.error ? <ErrorAlert error={verify.error} onRetry={runVerify} /> : null}
      {notFound ? <Alert type="warning" showIcon title={t('project.notFound')} style={{ marginBottom: 16 }} /> : null}
      {project.error && !notFound ? <ErrorAlert error={project.error} onRetry={project.reload} /> : null}
      {project.loading && !p ? <PageSpinner /> : null}
      {p && (
        <Flex vertical gap={16}>
          <Card title={t('project.registration')}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'id', label: t('projects.col.projectId'), children: <code>{p.projectId}</code> },
                { key: 'owner', label: t('project.owner'), children: p.owner.name },
                { key: 'credit', label: t('project.creditCode'), children: <code>{p.owner.creditCode}</code> },
                { key: 'program', label: t('project.program'), children: p.programCode },
                { key: 'zone', label: t('project.zone'), children: `${p.zoneId}（${p.insideZone ? t('project.insideZone') : t('project.outsideZone')}）` },
                { key: 'cluster', label: t('project.cluster'), children: p.clusterId },
                { key: 'signed', label: t('project.signedOn'), children: formatBusinessDate(p.contract.signedOn) },
                {
                  key: 'period',
                  label: t('project.period'),
                  children: t('project.periodRange', { from: formatBusinessDate(p.contract.startsOn), to: formatBusinessDate(p.contract.endsOn) }),
                },
                { key: 'investment', label: t('project.newInvestment'), children: formatFen(p.newInvestmentFen) },
                {
                  key: 'province',
                  label: t('project.provinceGrant'),
                  span: 'filled',
                  children: `${formatFen(p.contract.provinceGrantFen)}（${t('common.capital')}：${capitalAmount(p.contract.provinceGrantFen)}）`,
                },
                {
                  key: 'zoneGrant',
                  label: t('project.zoneGrant'),
                  span: 'filled',
                  children: `${formatFen(p.contract.zoneGrantFen)}（${t('common.capital')}：${capitalAmount(p.contract.zoneGrantFen)}）`,
                },
                ...(p.status ? [{ key: 'status', label: t('project.status'), children: label('projectStatus', p.status) }] : []),
                { key: 'asOf', label: t('project.asOf'), children: formatBusinessDate(p.asOf) },
              ]}
            />
          </Card>
          <Card title={t('project.balances')}>
            <Balances project={p} />
          </Card>
          <Card title={t('project.schedule')}>
            <Schedule project={p} />
          </Card>
          <Card title={t('project.openAlerts')}>
            {p.openAlerts.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('project.noAlerts')} />
            ) : (
              <Flex vertical gap={8} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {p.openAlerts.map((a, i) => (
                  <li key={`${a.kind}:${a.funder ?? ''}:${i}`}>
                    <Space wrap>
                      <AlertKindTag kind={a.kind} />
                      <SeverityTag severity={a.severity} />
                      <span>{funderName(a.funder)}</span>
                      {a.gapFen !== null && a.gapFen !== undefined && <span>{formatFen(a.gapFen)}</span>}
                      {a.daysOverdue ? <Typography.Text type="secondary">{t('common.days', { n: a.daysOverdue })}</Typography.Text> : null}
                    </Space>
                  </li>
                ))}
              </Flex>
            )}
          </Card>
          {p.limits && p.limits.length > 0 && (
            <Card title={t('project.limits')}>
              <Limits project={p} />
            </Card>
          )}
          <Card title={t('project.history')}>
            <History projectId={projectId} />
          </Card>
        </Flex>
      )}
    </>
  );
}

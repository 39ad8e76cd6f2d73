/**
 * /execution[?fiscalYear=&groupBy=&asOf=] — 支出进度: GET /reports/execution, ranked by progress,
 * by zone, city or program, for a fiscal year as of a day; a bar per group against time progress
 * (时序进度, the chart loaded with this page only); the same report as the 支出进度表 workbook
 * (GET /reports/execution.xlsx). The API shows zone committees and city bureaus their own rows.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Row, Segmented, Select, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { EXECUTION_READERS } from '../../../../domain/access';
import { ErrorAlert, useReadErrorMessage } from '../../components/ErrorAlert';
import { RoleGate } from '../../components/RoleGate';
import { ToneTag } from '../../components/Labels';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { todayInChina } from '../../format/dates';
import { formatWanYuan, formatWanYuanDigits } from '../../format/money';
import { useI18n, type TermId } from '../../i18n';
import { useExecution, useExecutionWorkbook, type ExecutionGroupBy, type ExecutionRow } from '../../services/budget';
import { useCatalog } from '../../services/catalog';
import { saveBlob } from '../../services/download';
import { percentOf, rowName } from './model';

const Chart = lazy(() => import('./Chart'));

const GROUPS: { value: ExecutionGroupBy; label: TermId }[] = [
  { value: 'zone', label: 'execution.byZone' },
  { value: 'city', label: 'execution.byCity' },
  { value: 'program', label: 'execution.byProgram' },
];

const wan = (fen: number) => <span className="amount">{formatWanYuanDigits(fen)}</span>;

export default function ExecutionPage() {
  return (
    <RoleGate roles={EXECUTION_READERS}>
      <ExecutionPageBody />
    </RoleGate>
  );
}

function ExecutionPageBody() {
  const { t } = useI18n();
  const readFailed = useReadErrorMessage();
  const catalog = useCatalog();
  const [params, setParams] = useSearchParams();
  const today = todayInChina();
  const thisYear = Number(today.slice(0, 4));
  const fiscalYear = Number(params.get('fiscalYear') ?? thisYear) || thisYear;
  const groupBy: ExecutionGroupBy = GROUPS.find((g) => g.value === params.get('groupBy'))?.value ?? 'zone';
  const asOf = params.get('asOf') ?? undefined;
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const query = { fiscalYear, groupBy, asOf };
  const report = useExecution(query);
  const workbook = useExecutionWorkbook();
  const download = () =>
    workbook.mutate(query, {
      onSuccess: ({ blob, filename }) => saveBlob(blob, filename),
      onError: readFailed,
    });

  const data = report.data;
  const rows = data?.rows ?? [];
  const names = rows.map((r) => rowName(r, groupBy, catalog));
  const time = data ? (percentOf(data.totals.timeProgress) ?? 0) : 0;
  const pct = (f: { numerator: number; denominator: number }) => {
    const p = percentOf(f);
    return p === null ? t('execution.noAllocation') : t('execution.percent', { percent: p.toFixed(1) });
  };

  const columns: ColumnsType<ExecutionRow> = [
    { title: t('execution.col.rank'), dataIndex: 'rank', width: 64, align: 'center', render: (r: number | null) => r ?? t('execution.noAllocation') },
    {
      title: t(`execution.col.group.${groupBy}`),
      dataIndex: 'group',
      render: (group: string, r) => (
        <>
          <span data-testid="execution-group" data-group={group}>{rowName(r, groupBy, catalog)}</span>
          {groupBy !== 'city' && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {group}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t('execution.col.allocated'), dataIndex: 'allocatedFen', align: 'right', render: wan },
    { title: t('execution.col.transferred'), dataIndex: 'transferredFen', align: 'right', render: wan },
    { title: t('execution.col.paid'), dataIndex: 'paidFen', align: 'right', render: wan },
    { title: t('execution.col.progress'), dataIndex: 'progress', align: 'right', render: (f: ExecutionRow['progress']) => <strong data-testid="execution-progress">{pct(f)}</strong> },
    { title: t('execution.col.timeProgress'), dataIndex: 'timeProgress', align: 'right', render: pct },
    {
      title: '',
      dataIndex: 'behind',
      width: 80,
      render: (behind: boolean, r) => (r.allocatedFen === 0 ? null : behind ? <ToneTag tone="red">{t('execution.behind')}</ToneTag> : <ToneTag tone="green">{t('execution.onTrack')}</ToneTag>),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('execution.title')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={download} loading={workbook.isPending}>
            {t('execution.download')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('execution.lead', { tolerance: data ? data.toleranceBps / 100 : 10 })}</Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('execution.fiscalYear')} htmlFor="execution-year">
          <Select
            id="execution-year"
            style={{ width: 110 }}
            value={fiscalYear}
            onChange={(y: number) => set('fiscalYear', String(y))}
            options={[thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({ value: y, label: String(y) }))}
          />
        </Form.Item>
        <Form.Item label={t('execution.asOf')} htmlFor="execution-as-of">
          <DatePicker
            id="execution-as-of"
            format="YYYY-MM-DD"
            allowClear
            value={asOf ? dayjs(asOf) : null}
            placeholder={data?.asOf ?? today}
            disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > today}
            onChange={(d: Dayjs | null) => set('asOf', d ? d.format('YYYY-MM-DD') : undefined)}
          />
        </Form.Item>
        <Form.Item label={t('execution.groupBy')}>
          <Segmented<ExecutionGroupBy> aria-label={t('execution.groupBy')} value={groupBy} options={GROUPS.map((g) => ({ value: g.value, label: t(g.label) }))} onChange={(v) => set('groupBy', v)} />
        </Form.Item>
      </Form>
      {report.error ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.isPending ? <PageSpinner /> : null}
      {data && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={12} xl={6}>
            <Card>
              <Statistic title={t('execution.card.allocated')} value={formatWanYuan(data.totals.allocatedFen)} />
            </Card>
          </Col>
          <Col xs={12} xl={6}>
            <Card>
              <Statistic title={t('execution.card.paid')} value={formatWanYuan(data.totals.paidFen)} />
            </Card>
          </Col>
          <Col xs={12} xl={6}>
            <Card data-testid="execution-total-progress">
              <Statistic title={t('execution.card.progress')} value={pct(data.totals.progress)} valueStyle={data.totals.behind ? { color: '#a8071a' } : {}} />
            </Card>
          </Col>
          <Col xs={12} xl={6}>
            <Card>
              <Statistic title={t('execution.card.time')} value={pct(data.totals.timeProgress)} />
            </Card>
          </Col>
        </Row>
      )}
      {data && rows.length > 0 && (
        <Suspense fallback={<PageSpinner />}>
          <Chart rows={rows} time={time} names={names} />
        </Suspense>
      )}
      {data && (
        <Card title={t('execution.rows')}>
          <ScrollTable<ExecutionRow>
            label={t('execution.title')}
            minWidth={900}
            rowKey="group"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('execution.empty') }}
            data-testid="execution-rows"
            summary={() =>
              rows.length > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} />
                  <Table.Summary.Cell index={1}>
                    <strong>{t('execution.total')}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{wan(data.totals.allocatedFen)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{wan(data.totals.transferredFen)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{wan(data.totals.paidFen)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right"><strong>{pct(data.totals.progress)}</strong></Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{pct(data.totals.timeProgress)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={7} />
                </Table.Summary.Row>
              ) : null
            }
          />
        </Card>
      )}
    </>
  );
}

/**
 * /portfolio — 资金到位统计 (the menu's name): GET /reports/portfolio grouped by program, zone, cluster or city
 * (the API shows zone committees and city bureaus their own rows), as charts for a report and as a
 * table; a bar or a row leads to /projects with the matching filter; the same rollup as an Excel
 * workbook (GET /reports/portfolio.xlsx). The chart library (ECharts) is loaded here only.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { addFen } from '../../../../domain/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { formatWanYuan, formatWanYuanDigits } from '../../format/money';
import { useI18n, type TermId } from '../../i18n';
import { ApiError, useApi } from '../../services/api';
import { useCatalog, type Catalog } from '../../services/catalog';
import { saveBlob } from '../../services/download';
import { portfolioOut, type PortfolioRow } from '../../services/schemas';
import { groupFilter, percent, type GroupBy } from './model';

const Charts = lazy(() => import('./Charts'));

const GROUPS: { value: GroupBy; label: TermId }[] = [
  { value: 'program', label: 'portfolio.byProgram' },
  { value: 'zone', label: 'portfolio.byZone' },
  { value: 'cluster', label: 'portfolio.byCluster' },
  { value: 'city', label: 'portfolio.byCity' },
];

export function groupName(catalog: Catalog | null, groupBy: GroupBy, group: string): string {
  if (groupBy === 'zone') return catalog?.zones.find((z) => z.zoneId === group)?.name ?? group;
  if (groupBy === 'program') return catalog?.programs.find((p) => p.code === group)?.name ?? group;
  if (groupBy === 'cluster') return catalog?.clusters.find((c) => c.clusterId === group)?.name ?? group;
  return group;
}

const wan = (fen: number) => <span className="amount">{formatWanYuanDigits(fen)}</span>;

export default function PortfolioPage() {
  const api = useApi();
  const { message } = App.useApp();
  const { label, t } = useI18n();
  const navigate = useNavigate();
  const catalog = useCatalog();
  const [params, setParams] = useSearchParams();
  const groupBy: GroupBy = (['program', 'zone', 'cluster', 'city'] as const).find((g) => g === params.get('groupBy')) ?? 'zone';
  const report = useQuery({ queryKey: ['portfolio', groupBy], queryFn: ({ signal }) => api.get('/reports/portfolio', portfolioOut, { query: { groupBy }, signal }) });
  const exporting = useMutation({
    mutationFn: async () => {
      const { blob, filename } = await api.download('/reports/portfolio.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', { query: { groupBy } });
      saveBlob(blob, filename);
    },
    onError: (err: unknown) => void message.error(err instanceof ApiError ? err.message : String(err)),
  });
  const open = (group: string) => navigate(`/projects?${new URLSearchParams(groupFilter(groupBy, group)).toString()}`);

  const rows = report.data?.rows ?? [];
  const totals = report.data?.totals;
  const columns: ColumnsType<PortfolioRow> = [
    {
      title: t(`portfolio.groupColumn.${groupBy}`),
      dataIndex: 'group',
      fixed: 'left',
      render: (group: string) => (
        <>
          <Link to={`/projects?${new URLSearchParams(groupFilter(groupBy, group)).toString()}`} data-testid="portfolio-group">
            {group}
          </Link>
          {groupName(catalog, groupBy, group) !== group && <div style={{ fontSize: 12 }}>{groupName(catalog, groupBy, group)}</div>}
        </>
      ),
    },
    {
      title: t('portfolio.projects'),
      dataIndex: 'projects',
      align: 'right',
      width: 84,
      render: (n: number, r) => (
        <span title={Object.entries(r.byStatus).filter(([, c]) => c > 0).map(([s, c]) => `${label('projectStatus', s)} ${c}`).join(t('portfolio.listSeparator'))}>{n}</span>
      ),
    },
    { title: t('portfolio.provinceGrant'), key: 'pg', align: 'right', render: (_: unknown, r) => wan(r.province.grantFen) },
    { title: t('portfolio.provinceAllocated'), key: 'pa', align: 'right', render: (_: unknown, r) => wan(r.province.allocatedFen) },
    { title: t('portfolio.transferredToZone'), key: 'pt', align: 'right', render: (_: unknown, r) => wan(r.province.transferredFen) },
    { title: t('ui.heldAtZone'), key: 'ph', align: 'right', render: (_: unknown, r) => wan(r.province.heldAtZoneFen) },
    { title: t('portfolio.provincePaid'), key: 'pp', align: 'right', render: (_: unknown, r) => wan(r.province.paidFen) },
    { title: t('portfolio.zoneGrant'), key: 'zg', align: 'right', render: (_: unknown, r) => wan(r.zone.grantFen) },
    { title: t('portfolio.zoneConfirmed'), key: 'zc', align: 'right', render: (_: unknown, r) => wan(r.zone.confirmedFen) },
    { title: t('portfolio.zonePaid'), key: 'zp', align: 'right', render: (_: unknown, r) => wan(r.zone.paidFen) },
    { title: t('portfolio.paidShare'), key: 'share', align: 'right', width: 76, render: (_: unknown, r) => percent(r.paidShare) },
    { title: t('portfolio.lagging'), dataIndex: 'laggingCount', align: 'right', width: 56 },
    { title: t('portfolio.held'), dataIndex: 'heldCount', align: 'right', width: 56 },
  ];

  return (
    <>
      <PageTitle
        title={t('nav.portfolio')}
        extra={
          <Space wrap>
            <Segmented<GroupBy>
              aria-label={t('portfolio.groupBy')}
              value={groupBy}
              options={GROUPS.map((g) => ({ value: g.value, label: t(g.label) }))}
              onChange={(v) => {
                const next = new URLSearchParams(params);
                next.set('groupBy', v);
                setParams(next);
              }}
            />
            <Button icon={<DownloadOutlined />} onClick={() => exporting.mutate()} loading={exporting.isPending}>
              
              {t('ui.exportExcel')}
            </Button>
          </Space>
        }
      />
      {report.error ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.isPending ? <PageSpinner /> : null}
      {totals && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={12} xl={4}>
            <Card size="small">
              <Statistic title={t('portfolio.projects')} value={totals.projects} />
            </Card>
          </Col>
          <Col xs={12} xl={5}>
            <Card size="small">
              <Statistic title={t('portfolio.contractGrantsProvinceZone')} value={formatWanYuan(addFen(totals.province.grantFen, totals.zone.grantFen))} />
            </Card>
          </Col>
          <Col xs={12} xl={5}>
            <Card size="small">
              <Statistic title={t('portfolio.allocatedConfirmedTotal')} value={formatWanYuan(addFen(totals.province.allocatedFen, totals.zone.allocatedFen))} />
            </Card>
          </Col>
          <Col xs={12} xl={5}>
            <Card size="small">
              <Statistic title={t('portfolio.paidToOwnersTotal')} value={formatWanYuan(addFen(totals.province.paidFen, totals.zone.paidFen))} />
            </Card>
          </Col>
          <Col xs={12} xl={5}>
            <Card size="small">
              <Statistic title={t('portfolio.paidShareLaggingHeld')} value={`${percent(totals.paidShare)} · ${totals.laggingCount} · ${totals.heldCount}`} />
            </Card>
          </Col>
        </Row>
      )}
      {report.data && (
        <Suspense fallback={<PageSpinner />}>
          <Charts rows={rows} groupBy={groupBy} onOpen={open} />
        </Suspense>
      )}
      {report.data && (
        <Card
          title={
            <Flex justify="space-between">
              <span>{t('portfolio.details10kYuan')}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                
                {t('portfolio.clickAGroupToSee')}
              </Typography.Text>
            </Flex>
          }
        >
          <ScrollTable<PortfolioRow>
            label={t('portfolio.detailsOf', { page: t('nav.portfolio') })}
            minWidth={1060}
            rowKey="group"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            onRow={(r) => ({ onDoubleClick: () => open(r.group) })}
            summary={() =>
              totals ? (
                <ScrollTableSummary
                  cells={[
                    t('ui.total'),
                    String(totals.projects),
                    formatWanYuanDigits(totals.province.grantFen),
                    formatWanYuanDigits(totals.province.allocatedFen),
                    formatWanYuanDigits(totals.province.transferredFen),
                    formatWanYuanDigits(totals.province.heldAtZoneFen),
                    formatWanYuanDigits(totals.province.paidFen),
                    formatWanYuanDigits(totals.zone.grantFen),
                    formatWanYuanDigits(totals.zone.confirmedFen),
                    formatWanYuanDigits(totals.zone.paidFen),
                    percent(totals.paidShare),
                    String(totals.laggingCount),
                    String(totals.heldCount),
                  ]}
                />
              ) : null
            }
          />
        </Card>
      )}
    </>
  );
}

function ScrollTableSummary({ cells }: { cells: string[] }) {
  return (
    <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
      {cells.map((c, i) => (
        <Table.Summary.Cell key={i} index={i} align={i === 0 ? 'left' : 'right'}>
          {c}
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}

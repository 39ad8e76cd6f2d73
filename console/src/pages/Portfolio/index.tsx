/**
 * /portfolio — 资金到位统计 (the menu's name): GET /reports/portfolio grouped by program, zone, cluster or city
 * (the API shows zone committees and city bureaus their own rows), as charts for a report and as a
 * table; a bar or a row leads to /projects with the matching filter; the same rollup as an Excel
 * workbook (GET /reports/portfolio.xlsx). The chart library (ECharts) is loaded here only.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnGroupType, ColumnsType } from 'antd/es/table';
import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { funderNamesIn, term, type Language, type TermId, type Vars } from '../../../../domain/glossary/with-console';
import { ErrorAlert, useReadErrorMessage } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { formatWanYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import { useApi } from '../../services/api';
import { useCatalog, type Catalog } from '../../services/catalog';
import { saveBlob } from '../../services/download';
import { portfolioOut, type PortfolioRow } from '../../services/schemas';
import { FundedCards } from './FundedCards';
import { fundedOf, groupFilter, percent, type Funded, type GroupBy } from './model';

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
  const readFailed = useReadErrorMessage();
  const { label, t, language } = useI18n();
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
    onError: readFailed,
  });
  const open = useCallback((group: string) => navigate(`/projects?${new URLSearchParams(groupFilter(groupBy, group)).toString()}`), [navigate, groupBy]);
  const nameOf = useCallback((group: string) => groupName(catalog, groupBy, group), [catalog, groupBy]);

  const rows = report.data?.rows ?? [];
  const totals = report.data?.totals;
  const pairs = totals?.funders.map((f) => f.funderNames) ?? [];
  const fundedGroups = pairs.map((names) => fundedColumnGroup(names, language));
  const columns: ColumnsType<PortfolioRow> = [
    {
      title: t(`portfolio.groupColumn.${groupBy}`),
      dataIndex: 'group',
      fixed: 'left',
      // The group by its name; its code below where it has one (programs, zones and clusters).
      render: (group: string) => (
        <>
          <Link to={`/projects?${new URLSearchParams(groupFilter(groupBy, group)).toString()}`} data-testid="portfolio-group" data-group={group}>
            {groupName(catalog, groupBy, group)}
          </Link>
          {groupBy !== 'city' && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="portfolio-group-code">
              {group}
            </Typography.Text>
          )}
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
    // Each pair of funding bodies in its own column group, under its own names (issue 19).
    ...fundedGroups,
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
      {totals && <FundedCards totals={totals} />}
      {report.data && (
        <Suspense fallback={<PageSpinner />}>
          <Charts rows={rows} nameOf={nameOf} onOpen={open} />
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
            minWidth={tableWidth(fundedGroups)}
            rowKey="group"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            onRow={(r) => ({ onDoubleClick: () => open(r.group) })}
            summary={() =>
              totals ? (
                <ScrollTableSummary
                  cells={[t('ui.total'), String(totals.projects), ...pairs.flatMap((names) => fundedCells(totals, names)), String(totals.laggingCount), String(totals.heldCount)]}
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

/** A pair of funding bodies' figures as table cells: its own money only, "—" where a row has none of it. */
const FUNDED_FIGURES: [key: string, pick: (f: Funded) => number][] = [
  ['pg', (f) => f.province.grantFen],
  ['pa', (f) => f.province.allocatedFen],
  ['pt', (f) => f.province.transferredFen],
  ['ph', (f) => f.province.heldAtZoneFen],
  ['pp', (f) => f.province.paidFen],
  ['zg', (f) => f.zone.grantFen],
  ['zc', (f) => f.zone.confirmedFen],
  ['zp', (f) => f.zone.paidFen],
];

function fundedCells(row: { funders: Funded[] }, names: Funded['funderNames']): string[] {
  const f = fundedOf(row, names);
  return [...FUNDED_FIGURES.map(([, pick]) => (f ? formatWanYuanDigits(pick(f)) : '—')), f ? percent(f.paidShare) : '—'];
}

/** Pixels for a title on one line (CJK characters are about one em wide, Latin about half), with the cell's padding. */
const titleWidth = (title: string) => Math.max(96, [...title].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 14 : 8), 0) + 32);

/** The table's width: the group, the counts and every pair's columns at their widths. */
const tableWidth = (groups: readonly ColumnGroupType<PortfolioRow>[]) =>
  360 + groups.reduce((w, g) => w + g.children.reduce((x, c) => x + (typeof c.width === 'number' ? c.width : 96), 0), 0);

/** The column group of one pair of funding bodies, each title in the glossary's words with the pair's names. */
function fundedColumnGroup(names: Funded['funderNames'], language: Language): ColumnGroupType<PortfolioRow> {
  const t = (id: TermId, vars: Vars = {}) => term(id, language, vars, names);
  const own = funderNamesIn(names, language);
  const fig = (funder: 'province' | 'zone', balance: TermId) => t('report.figure', { funder: own[funder], balance: t(balance) });
  const titles = [fig('province', 'balance.grant'), fig('province', 'balance.allocated'), fig('province', 'balance.transferred'), t('report.heldAtZone'), fig('province', 'balance.disbursed'), fig('zone', 'balance.grant'), fig('zone', 'balance.confirmed'), fig('zone', 'balance.disbursed')];
  const pair = `${names.province}/${names.zone}`;
  return {
    title: t('report.funders'),
    key: pair,
    children: [
      ...FUNDED_FIGURES.map(([key, pick], i) => ({
        title: titles[i],
        key: `${pair}.${key}`,
        align: 'right' as const,
        // Wide enough for its title on one line: a header never breaks mid-word.
        width: titleWidth(titles[i]!),
        onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
        render: (_: unknown, r: PortfolioRow) => {
          const f = fundedOf(r, names);
          return f ? wan(pick(f)) : '—';
        },
      })),
      {
        title: t('report.paidShare'),
        key: `${pair}.share`,
        align: 'right' as const,
        width: 76,
        render: (_: unknown, r: PortfolioRow) => {
          const f = fundedOf(r, names);
          return f ? percent(f.paidShare) : '—';
        },
      },
    ],
  };
}

/**
 * /projects — the project list with every filter of GET /projects in the address (zoneId, city,
 * programCode, clusterId, status, lagging), so a filtered list can be linked (the portfolio links
 * here). A zone committee's zone and a city bureau's city are fixed (the API scopes them anyway).
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { addFen } from '../../../../domain/money';
import { PROJECT_STATUSES } from '../../../../domain/project/types';
import { useAuth } from '../../auth/context';
import { CatalogName } from '../../components/CatalogName';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OptionalFilter, useAddressFilters, useOwnScope, ZoneFilter } from '../../components/Filters';
import { ProjectStatusTag, ToneTag } from '../../components/Labels';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { ListFooter } from '../../components/ListFooter';
import { formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import { useCatalog } from '../../services/catalog';
import { projectListOut, type ProjectSummary } from '../../services/schemas';
import { useCursorPages } from '../../services/lists';
import { hasRole } from '../../auth/permissions';

/** The API's filters (API.md GET /projects). */
const FILTERS = ['zoneId', 'city', 'programCode', 'clusterId', 'status', 'lagging'] as const;
type Filter = (typeof FILTERS)[number];

export default function ProjectsPage() {
  const { t, label } = useI18n();
  const { identity } = useAuth();
  const navigate = useNavigate();
  const { params, setFilter, clearFilters } = useAddressFilters();
  const catalog = useCatalog();
  const { ownZone, ownCity } = useOwnScope();
  const mayRegister = hasRole(identity, 'finance-officer');

  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])) as Record<Filter, string | undefined>;
  if (filters.lagging !== 'true' && filters.lagging !== 'false') filters.lagging = undefined;
  if (filters.status && !(PROJECT_STATUSES as readonly string[]).includes(filters.status)) filters.status = undefined;
  const query = { ...filters, ...(ownZone ? { zoneId: ownZone } : {}), ...(ownCity ? { city: ownCity } : {}) };

  const list = useCursorPages('/projects', projectListOut, (p) => p.projects, query);

  const zones = catalog?.zones ?? [];
  const cities = [...new Set(zones.map((z) => z.city))];
  const clusters = (catalog?.clusters ?? []).filter((c) => (!query.zoneId || c.zoneId === query.zoneId) && (!query.programCode || c.programCode === query.programCode));

  const columns: ColumnsType<ProjectSummary> = [
    {
      title: `${t('projects.col.projectId')} / ${t('projects.col.title')} / ${t('projects.col.owner')}`,
      dataIndex: 'projectId',
      render: (id: string, p) => (
        <>
          <Link to={`/projects/${encodeURIComponent(id)}`}>{id}</Link>
          <div>{p.title}</div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {p.owner.name}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('projects.col.program'),
      dataIndex: 'programCode',
      width: 220,
      render: (code: string, p) => (
        <>
          <div>
            <CatalogName kind="program" code={code} />
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <CatalogName kind="cluster" code={p.clusterId} />
          </Typography.Text>
          {!p.insideZone && (
            <div>
              <ToneTag tone="grey">{t('projects.outsideTheZone')}</ToneTag>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('projects.col.zone'),
      dataIndex: 'zoneId',
      width: 132,
      onCell: () => ({ 'data-col': 'zone' }) as React.HTMLAttributes<HTMLElement>,
      render: (z: string) => <CatalogName kind="zone" code={z} />,
    },
    { title: t('ui.status'), dataIndex: 'status', width: 100, onCell: () => ({ 'data-col': 'status' }) as React.HTMLAttributes<HTMLElement>, render: (s: string) => <ProjectStatusTag status={s} /> },
    { title: t('projects.col.provinceGrant'), dataIndex: ['contract', 'provinceGrantFen'], align: 'right', width: 130, render: (fen: number) => formatYuanDigits(fen) },
    { title: t('projects.col.zoneGrant'), dataIndex: ['contract', 'zoneGrantFen'], align: 'right', width: 130, render: (fen: number) => formatYuanDigits(fen) },
    {
      title: t('projects.col.disbursed'),
      key: 'disbursed',
      align: 'right',
      width: 130,
      render: (_: unknown, p) => formatYuanDigits(addFen(p.balances.province.disbursedFen, p.balances.zone.disbursedFen)),
    },
    {
      title: t('projects.col.lagging'),
      dataIndex: 'lagging',
      width: 64,
      render: (lagging: boolean) => (lagging ? <ToneTag tone="red">{t('common.yes')}</ToneTag> : <Typography.Text type="secondary">{t('common.no')}</Typography.Text>),
    },
    { title: t('projects.col.alerts'), dataIndex: 'openAlertCount', width: 56, align: 'right' },
  ];

  return (
    <>
      <PageTitle
        title={t('projects.title')}
        extra={
          mayRegister && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/new')}>
              {t('nav.newProject')}
            </Button>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 12 }} aria-label={t('projects.filterProjects')}>
          <ZoneFilter id="filter-zone" label={t('projects.filter.zone')} width={210} value={query.zoneId} onChange={(v) => setFilter('zoneId', v)} />
          <OptionalFilter
            id="filter-city"
            label={t('projects.city')}
            width={110}
            fixed={Boolean(ownCity || ownZone)}
            value={query.city}
            onChange={(v) => setFilter('city', v)}
            options={cities.map((c) => ({ value: c, label: c }))}
          />
          <OptionalFilter
            id="filter-program"
            label={t('projects.filter.program')}
            width={260}
            value={filters.programCode}
            onChange={(v) => setFilter('programCode', v)}
            options={(catalog?.programs ?? []).map((p) => ({ value: p.code, label: t('ui.nameWithCode', { name: p.name, code: p.code }) }))}
          />
          <OptionalFilter
            id="filter-cluster"
            label={t('ui.cluster')}
            width={260}
            showSearch
            value={filters.clusterId}
            onChange={(v) => setFilter('clusterId', v)}
            options={[
              ...clusters.map((c) => ({ value: c.clusterId, label: t('ui.nameWithCode', { name: c.name, code: c.clusterId }) })),
              ...(filters.clusterId && !clusters.some((c) => c.clusterId === filters.clusterId) ? [{ value: filters.clusterId, label: filters.clusterId }] : []),
            ]}
          />
          <OptionalFilter
            id="filter-status"
            label={t('ui.status')}
            width={120}
            value={filters.status}
            onChange={(v) => setFilter('status', v)}
            options={PROJECT_STATUSES.map((s) => ({ value: s, label: label('projectStatus', s) }))}
          />
          <Form.Item label={t('projects.filter.lagging')} htmlFor="filter-lagging">
            <Select
              id="filter-lagging"
              style={{ width: 90 }}
              value={filters.lagging ?? ''}
              onChange={(v: string) => setFilter('lagging', v || undefined)}
              options={[
                { value: '', label: t('projects.filter.all') },
                { value: 'true', label: t('projects.filter.yes') },
                { value: 'false', label: t('projects.filter.no') },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Button onClick={clearFilters}>{t('projects.filter.reset')}</Button>
          </Form.Item>
        </Form>
      </Card>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Card>
        <ScrollTable<ProjectSummary>
          label={t('projects.title')}
          minWidth={1200}
          rowKey="projectId"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          footer={() => <ListFooter list={list} count={t('projects.count', { n: list.items.length })} loadMore={t('projects.loadMore')} />}
        />
      </Card>
    </>
  );
}

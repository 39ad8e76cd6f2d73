import { Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { addFen } from '../../../../domain/money';
import { useAuth } from '../../auth/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ToneTag } from '../../components/Labels';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import { programListResponse, projectListResponse, zoneListResponse, type ProjectSummary } from '../../services/schemas';
import { useApiQuery } from '../../services/useApiQuery';
import { useCursorList } from '../../services/useCursorList';

/** The API's filters (API.md GET /projects), kept in the address so a filtered list can be linked. */
const FILTERS = ['zoneId', 'programCode', 'clusterId', 'lagging'] as const;

export default function ProjectsPage() {
  const { t } = useI18n();
  const { identity } = useAuth();
  const [params, setParams] = useSearchParams();
  const ownZone = identity?.role === 'zone-committee' ? identity.zoneId : null;

  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  if (filters.lagging !== 'true' && filters.lagging !== 'false') filters.lagging = undefined;
  // A zone committee reads its own zone only; the API scopes it, the filter shows it.
  const query = { ...filters, zoneId: ownZone ?? filters.zoneId };

  const list = useCursorList('/projects', projectListResponse, (p) => p.projects, query);
  const zones = useApiQuery((api, signal) => api.get('/zones', zoneListResponse, { signal }), []);
  const programs = useApiQuery((api, signal) => api.get('/programs', programListResponse, { signal }), []);

  const setFilter = (name: (typeof FILTERS)[number], value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

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
    { title: t('projects.col.program'), dataIndex: 'programCode', width: 140 },
    { title: t('projects.col.zone'), dataIndex: 'zoneId', width: 90, onCell: () => ({ 'data-col': 'zone' }) as React.HTMLAttributes<HTMLElement> },
    {
      title: t('projects.col.provinceGrant'),
      dataIndex: ['contract', 'provinceGrantFen'],
      align: 'right',
      width: 130,
      render: (fen: number) => formatYuanDigits(fen),
    },
    {
      title: t('projects.col.zoneGrant'),
      dataIndex: ['contract', 'zoneGrantFen'],
      align: 'right',
      width: 130,
      render: (fen: number) => formatYuanDigits(fen),
    },
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
      width: 80,
      render: (lagging: boolean) => (lagging ? <ToneTag tone="red">{t('common.yes')}</ToneTag> : <Typography.Text type="secondary">{t('common.no')}</Typography.Text>),
    },
    { title: t('projects.col.alerts'), dataIndex: 'openAlertCount', width: 64, align: 'right' },
  ];

  return (
    <>
      <PageTitle title={t('projects.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 12 }} aria-label={t('projects.title')}>
          <Form.Item label={t('projects.filter.zone')} htmlFor="filter-zone">
            <Select
              id="filter-zone"
              style={{ width: 220 }}
              allowClear={!ownZone}
              disabled={Boolean(ownZone)}
              value={query.zoneId ?? null}
              placeholder={t('projects.filter.all')}
              loading={zones.loading}
              onChange={(v: string | null) => setFilter('zoneId', v ?? undefined)}
              options={(zones.data?.zones ?? []).map((z) => ({ value: z.zoneId, label: `${z.name}（${z.zoneId}）` }))}
            />
          </Form.Item>
          <Form.Item label={t('projects.filter.program')} htmlFor="filter-program">
            <Select
              id="filter-program"
              style={{ width: 240 }}
              allowClear
              value={filters.programCode ?? null}
              placeholder={t('projects.filter.all')}
              loading={programs.loading}
              onChange={(v: string | null) => setFilter('programCode', v ?? undefined)}
              options={(programs.data?.programs ?? []).map((p) => ({ value: p.code, label: p.code, title: p.name }))}
            />
          </Form.Item>
          <Form.Item label={t('projects.filter.cluster')} htmlFor="filter-cluster">
            <Input.Search
              id="filter-cluster"
              style={{ width: 200 }}
              allowClear
              defaultValue={filters.clusterId}
              key={filters.clusterId ?? ''}
              onSearch={(v) => setFilter('clusterId', v.trim() || undefined)}
            />
          </Form.Item>
          <Form.Item label={t('projects.filter.lagging')} htmlFor="filter-lagging">
            <Select
              id="filter-lagging"
              style={{ width: 100 }}
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
            <Button onClick={() => setParams(new URLSearchParams())}>{t('projects.filter.reset')}</Button>
          </Form.Item>
        </Form>
      </Card>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Card>
        <ScrollTable<ProjectSummary>
          label={t('projects.title')}
          minWidth={1000}
          rowKey="projectId"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          footer={() => (
            <Flex justify="space-between" align="center">
              <Typography.Text type="secondary">{t('projects.count', { n: list.items.length })}</Typography.Text>
              {list.hasMore && (
                <Button onClick={list.loadMore} loading={list.loading}>
                  {t('projects.loadMore')}
                </Button>
              )}
            </Flex>
          )}
        />
      </Card>
    </>
  );
}

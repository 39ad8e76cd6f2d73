import { Card, Form, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { CatalogName } from '../../components/CatalogName';
import { AlertKindTag, HeldTag, SeverityTag } from '../../components/Labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OptionalFilter, useAddressFilters, useOwnScope, ZoneFilter } from '../../components/Filters';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { ListFooter } from '../../components/ListFooter';
import { formatBusinessDate } from '../../format/dates';
import { formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import { ALERT_KINDS } from '../../../../domain/alerts/conditions';
import { alertListOut, type Alert } from '../../services/schemas';
import { useCursorPages } from '../../services/lists';

const KINDS: readonly string[] = ALERT_KINDS;

export default function AlertsPage() {
  const { t, label } = useI18n();
  const { params, setFilter } = useAddressFilters();
  const { ownZone } = useOwnScope();

  // Default: open alerts; status=all lists both.
  const statusParam = params.get('status');
  const status = statusParam === 'resolved' || statusParam === 'all' ? statusParam : 'open';
  const query = {
    status: status === 'all' ? undefined : status,
    kind: KINDS.includes(params.get('kind') ?? '') ? params.get('kind')! : undefined,
    zoneId: ownZone ?? params.get('zoneId') ?? undefined,
  };
  const list = useCursorPages('/alerts', alertListOut, (p) => p.alerts, query);

  const columns: ColumnsType<Alert> = [
    { title: t('alerts.col.kind'), dataIndex: 'kind', width: 124, render: (k: string) => <AlertKindTag kind={k} /> },
    { title: t('alerts.col.severity'), dataIndex: 'severity', width: 70, render: (s: string) => <SeverityTag severity={s} /> },
    {
      title: t('alerts.col.project'),
      dataIndex: 'projectId',
      width: 120,
      // An unrecorded-payment is about a statement line; the budget's alerts about an indicator (or a
      // zone's fiscal year): no project.
      render: (id: string | null, a: { statementId?: string; lineNo?: number; indicatorNo?: string; fiscalYear?: number }) =>
        id !== null ? (
          <Link to={`/projects/${encodeURIComponent(id)}`}>{id}</Link>
        ) : a.statementId !== undefined ? (
          <Link to={`/statements/${a.statementId}`}>{`${a.statementId.slice(0, 8)}… #${a.lineNo}`}</Link>
        ) : (
          (a.indicatorNo ?? (a.fiscalYear !== undefined ? String(a.fiscalYear) : '—'))
        ),
    },
    { title: t('alerts.col.zone'), dataIndex: 'zoneId', width: 132, onCell: () => ({ 'data-col': 'zone' }) as React.HTMLAttributes<HTMLElement>, render: (z: string | null) => (z === null ? '—' : <CatalogName kind="zone" code={z} />) },
    { title: t('alerts.col.funder'), dataIndex: 'funder', width: 72, render: (f: string | null | undefined) => label('funder', f) },
    { title: t('alerts.col.tranche'), dataIndex: 'trancheId', width: 64, render: (v: string | null | undefined) => v ?? '—' },
    {
      title: t('alerts.col.gap'),
      dataIndex: 'gapFen',
      align: 'right',
      width: 130,
      render: (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatYuanDigits(fen)),
    },
    { title: t('alerts.col.days'), dataIndex: 'daysOverdue', align: 'right', width: 80, render: (d: number | null | undefined) => d ?? '—' },
    { title: t('alerts.col.raisedOn'), dataIndex: 'raisedOn', width: 100, render: (d: string) => formatBusinessDate(d) },
    { title: t('alerts.col.lastSeenOn'), dataIndex: 'lastSeenOn', width: 100, render: (d: string) => formatBusinessDate(d) },
    { title: t('alerts.col.status'), dataIndex: 'status', width: 72, render: (s: string) => label('status', s) },
    {
      title: t('alerts.col.responsible'),
      dataIndex: 'responsible',
      width: 96,
      onCell: () => ({ 'data-col': 'responsible' }) as React.HTMLAttributes<HTMLElement>,
      render: (r: string | null, a) => (
        <>
          {r ? label('funder', r) : '—'}
          {a.held && (
            <div>
              <HeldTag />
            </div>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t('alerts.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 12 }} aria-label={t('alerts.title')}>
          <Form.Item label={t('alerts.filter.status')} htmlFor="filter-status">
            <Select
              id="filter-status"
              style={{ width: 120 }}
              value={status}
              onChange={(v: string) => setFilter('status', v === 'open' ? undefined : v)}
              options={[
                { value: 'open', label: t('status.open') },
                { value: 'resolved', label: t('status.resolved') },
                { value: 'all', label: t('common.all') },
              ]}
            />
          </Form.Item>
          <OptionalFilter
            id="filter-kind"
            label={t('alerts.filter.kind')}
            width={180}
            value={query.kind}
            onChange={(v) => setFilter('kind', v)}
            options={KINDS.map((k) => ({ value: k, label: label('alert', k) }))}
          />
          <ZoneFilter id="filter-alert-zone" label={t('alerts.filter.zone')} width={220} value={query.zoneId} onChange={(v) => setFilter('zoneId', v)} />
        </Form>
      </Card>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Card>
        <ScrollTable<Alert>
          label={t('alerts.title')}
          minWidth={1140}
          rowKey="alertId"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          footer={() => <ListFooter list={list} count={t('alerts.count', { n: list.items.length })} loadMore={t('projects.loadMore')} />}
        />
      </Card>
    </>
  );
}

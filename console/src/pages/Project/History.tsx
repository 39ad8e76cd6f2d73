/** The project's ledger history: a table and a timeline of the same entries, with "reverse" where the person may. */
import { Button, Empty, Flex, Segmented, Space, Timeline, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { reversalOffer } from '../../auth/permissions';
import type { Identity } from '../../auth/types';
import { ToneTag } from '../../components/Labels';
import { ReconciledTag } from '../../components/ReconciledTag';
import { useProjectReconciliation } from '../../services/reconciliation';
import { ScrollTable } from '../../components/ScrollTable';
import { formatBusinessDate, formatTimestamp } from '../../format/dates';
import { formatFen } from '../../format/money';
import { useI18n } from '../../i18n';
import type { CursorPages } from '../../services/lists';
import type { Entry, ProjectView } from '../../services/schemas';
import { currentStatuses } from './entryStatus';
import { Amount, useFunderName } from './sections';

const TYPE_COLOUR: Record<string, string> = {
  registration: 'blue',
  allocation: 'blue',
  'match-confirmation': 'blue',
  transfer: 'blue',
  disbursement: 'green',
  recovery: 'red',
  decommitment: 'gray',
  reversal: 'red',
  hold: 'red',
  'termination-approval': 'red',
  'acceptance-result': 'green',
};

export function History({
  project,
  history,
  identity,
  readOnly,
  onReverse,
}: {
  project: ProjectView;
  history: CursorPages<Entry>;
  identity: Identity | null;
  readOnly: boolean;
  onReverse: (entry: Entry) => void;
}) {
  const { label } = useI18n();
  const funderName = useFunderName(project);
  const [view, setView] = useState<'table' | 'timeline'>('table');
  const reversed = useMemo(() => new Set(history.items.filter((e) => e.type === 'reversal' && e.refersTo).map((e) => e.refersTo!)), [history.items]);
  const reversedBy = useMemo(() => new Map(history.items.filter((e) => e.type === 'reversal' && e.refersTo).map((e) => [e.refersTo!, e.entryId])), [history.items]);
  const statuses = useMemo(() => currentStatuses(project, history.items), [project, history.items]);
  const mayReverse = !readOnly && Boolean(identity?.roles.some((r) => r === 'finance-officer' || r === 'zone-committee'));
  // Whether a bank or treasury statement line is matched to each transfer and payment (not for city bureaus: no account is theirs).
  const reconciled = useProjectReconciliation(project.projectId, Boolean(identity?.roles.some((r) => r !== 'city-bureau'))).data;

  const columns: ColumnsType<Entry> = [
    { title: '序号', dataIndex: 'seq', width: 50, align: 'right' },
    {
      title: '类型',
      dataIndex: 'type',
      width: 120,
      render: (type: string, e) => (
        <Space size={4} wrap>
          <span>{label('entry', type)}</span>
          {reversedBy.has(e.entryId) && (
            <Tooltip title={`由 ${reversedBy.get(e.entryId)} 冲正`}>
              <span>
                <ToneTag tone="red">已冲正</ToneTag>
              </span>
            </Tooltip>
          )}
          {(e.details as { afterPeriod?: unknown }).afterPeriod === true && <ToneTag tone="gold">期满后</ToneTag>}
          {reconciled?.has(e.entryId) && <ReconciledTag reconciled={reconciled.get(e.entryId)!} />}
        </Space>
      ),
    },
    { title: '出资方', dataIndex: 'funder', width: 60, render: (f: string | null) => (f ? funderName(f) : '—') },
    { title: '金额（元）', dataIndex: 'amountFen', align: 'right', width: 124, render: (fen: number | null) => <Amount fen={fen} /> },
    { title: '业务日期', dataIndex: 'valueDate', width: 96, render: (d: string) => formatBusinessDate(d) },
    { title: '记录时间（北京时间）', dataIndex: 'recordedAt', width: 160, render: (ts: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(ts)}</span> },
    { title: '操作人', dataIndex: ['actor', 'sub'], width: 150, ellipsis: { showTitle: false }, render: (sub: string, e) => <span title={`${sub}（${e.actor.role}）`}>{sub}</span> },
    { title: '文号/凭证', dataIndex: 'reference', ellipsis: { showTitle: true }, render: (r: string | null, e) => (e.refersTo ? `${r ?? ''} → ${e.refersTo}` : (r ?? '—')) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 64,
      onCell: () => ({ 'data-col': 'status' }) as React.HTMLAttributes<HTMLElement>,
      render: (s: string, e) => label('entry', statuses.get(e.entryId) ?? s),
    },
    {
      title: '哈希',
      dataIndex: 'hash',
      width: 84,
      render: (hash: string) => (
        <code title={hash} style={{ fontSize: 12 }}>
          {hash.slice(0, 7)}…
        </code>
      ),
    },
    ...(mayReverse
      ? [
          {
            title: '操作',
            key: 'reverse',
            width: 64,
            render: (_: unknown, e: Entry) => {
              const offer = reversalOffer(identity, project, e, reversed);
              if (!offer) return null;
              return (
                <Tooltip title={offer.disabledReason}>
                  <Button size="small" disabled={Boolean(offer.disabledReason)} onClick={() => onReverse(e)} aria-label={`冲正 ${e.entryId}${offer.disabledReason ? `（${offer.disabledReason}）` : ''}`}>
                    冲正
                  </Button>
                </Tooltip>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Segmented
          aria-label="台账视图"
          value={view}
          onChange={(v) => setView(v as 'table' | 'timeline')}
          options={[
            { value: 'table', label: '表格' },
            { value: 'timeline', label: '时间线' },
          ]}
        />
        {mayReverse && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            冲正须由录入人以外的同岗位人员办理（双人复核）。
          </Typography.Text>
        )}
      </Flex>
      {view === 'table' ? (
        <ScrollTable<Entry>
          label="台账记录"
          minWidth={1120}
          rowKey="seq"
          size="small"
          columns={columns}
          dataSource={history.items}
          loading={history.loading}
          pagination={false}
        />
      ) : history.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <div data-testid="history-timeline" style={{ paddingTop: 8 }}>
          <Timeline
            mode="start"
            items={history.items.map((e) => ({
              key: e.entryId,
              color: TYPE_COLOUR[e.type] ?? 'gray',
              title: formatBusinessDate(e.valueDate),
              content: (
                <div>
                  <Space wrap size={6}>
                    <strong>{label('entry', e.type)}</strong>
                    {e.funder && <span>{funderName(e.funder)}</span>}
                    {e.amountFen !== null && <span className="amount">{formatFen(e.amountFen)}</span>}
                    {reversedBy.has(e.entryId) && <ToneTag tone="red">已冲正</ToneTag>}
                  </Space>
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>
                    #{e.seq} · {e.actor.sub} · {formatTimestamp(e.recordedAt)}
                    {e.reference ? ` · ${e.reference}` : ''}
                    {e.refersTo ? ` · 关联 ${e.refersTo}` : ''}
                  </div>
                </div>
              ),
            }))}
          />
        </div>
      )}
      {history.hasMore && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={history.loadMore} loading={history.loadingMore}>
            加载更多
          </Button>
        </Flex>
      )}
    </>
  );
}

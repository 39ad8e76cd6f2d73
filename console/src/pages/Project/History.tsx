/** The project's ledger history: a table and a timeline of the same entries, with "reverse" where the person may. */
import { Button, Empty, Flex, Segmented, Space, Timeline, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { reversalOffer } from '../../auth/permissions';
import type { Identity } from '../../auth/types';
import { ToneTag } from '../../components/Labels';
import { ReconciledTag } from '../../components/ReconciledTag';
import { useProjectReconciliation } from '../../services/reconciliation';
import { readsReconciliation } from '../../services/reads';
import { ScrollTable } from '../../components/ScrollTable';
import { formatBusinessDate, formatTimestamp } from '../../format/dates';
import { formatFen } from '../../format/money';
import { useI18n } from '../../i18n';
import type { CursorPages } from '../../services/lists';
import type { HistoryEntry, ProjectView } from '../../services/schemas';
import { EvidenceCell, useEvidenceOfEntries } from './Evidence';
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
  history: CursorPages<HistoryEntry>;
  identity: Identity | null;
  readOnly: boolean;
  onReverse: (entry: HistoryEntry) => void;
}) {
  const { t, label } = useI18n();
  const funderName = useFunderName(project);
  const [view, setView] = useState<'table' | 'timeline'>('table');
  const reversed = useMemo(() => new Set(history.items.filter((e) => e.type === 'reversal' && e.refersTo).map((e) => e.refersTo!)), [history.items]);
  const reversedBy = useMemo(() => new Map(history.items.filter((e) => e.type === 'reversal' && e.refersTo).map((e) => [e.refersTo!, e.entryId])), [history.items]);
  const evidence = useEvidenceOfEntries(history.items);
  const mayReverse = !readOnly && Boolean(identity?.roles.some((r) => r === 'finance-officer' || r === 'zone-committee'));
  // Whether a bank or treasury statement line is matched to each transfer and payment (not for city bureaus: no account is theirs).
  const reconciled = useProjectReconciliation(project.projectId, readsReconciliation(identity?.roles ?? [])).data;

  const columns: ColumnsType<HistoryEntry> = [
    { title: t('project.seq'), dataIndex: 'seq', width: 50, align: 'right' },
    {
      title: t('ui.type'),
      dataIndex: 'type',
      width: 120,
      render: (type: string, e) => (
        <Space size={4} wrap>
          <span>{label('entry', type)}</span>
          {reversedBy.has(e.entryId) && (
            <Tooltip title={t('project.reversedBy', { v1: reversedBy.get(e.entryId) ?? '' })}>
              <span>
                <ToneTag tone="red">{t('project.reversed')}</ToneTag>
              </span>
            </Tooltip>
          )}
          {(e.details as { afterPeriod?: unknown }).afterPeriod === true && <ToneTag tone="gold">{t('project.afterThePeriod')}</ToneTag>}
          {reconciled?.has(e.entryId) && <ReconciledTag reconciled={reconciled.get(e.entryId)!} />}
        </Space>
      ),
    },
    { title: t('project.funder'), dataIndex: 'funder', width: 60, render: (f: string | null) => (f ? funderName(f) : '—') },
    { title: t('ui.amountYuan'), dataIndex: 'amountFen', align: 'right', width: 124, render: (fen: number | null) => <Amount fen={fen} /> },
    { title: t('ui.valueDate'), dataIndex: 'valueDate', width: 96, render: (d: string) => formatBusinessDate(d) },
    { title: t('ui.recordedAtBeijingTime'), dataIndex: 'recordedAt', width: 160, render: (ts: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(ts)}</span> },
    { title: t('ui.recordedBy'), dataIndex: ['actor', 'sub'], width: 150, ellipsis: { showTitle: false }, render: (_: string, e) => <ActorName actor={e.actor} /> },
    { title: t('ui.documentVoucherNo'), dataIndex: 'reference', ellipsis: { showTitle: true }, render: (r: string | null, e) => (e.refersTo ? `${r ?? ''} → ${e.refersTo}` : (r ?? '—')) },
    {
      title: t('ui.status'),
      dataIndex: 'state',
      width: 72,
      onCell: () => ({ 'data-col': 'status' }) as React.HTMLAttributes<HTMLElement>,
      // What the entry stands for now (the API's `states`); one just written shows as posted until the page is read again.
      render: (state: string | undefined, e) => label('entryStatus', state ?? e.status),
    },
    {
      title: t('evidence.column'),
      key: 'evidence',
      width: 180,
      onCell: () => ({ 'data-col': 'evidence' }) as React.HTMLAttributes<HTMLElement>,
      render: (_: unknown, e: HistoryEntry) => <EvidenceCell project={project} entry={e} files={evidence.get(e.entryId)} identity={identity} readOnly={readOnly} />,
    },
    {
      title: t('project.hash'),
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
            title: t('project.action'),
            key: 'reverse',
            width: 64,
            render: (_: unknown, e: HistoryEntry) => {
              const offer = reversalOffer(identity, project, e, reversed);
              if (!offer) return null;
              return (
                <Tooltip title={offer.disabledReason ? t(offer.disabledReason.id, offer.disabledReason.vars) : undefined}>
                  <Button
                    size="small"
                    disabled={Boolean(offer.disabledReason)}
                    onClick={() => onReverse(e)}
                    aria-label={offer.disabledReason ? t('project.reverseEntryBlocked', { entryId: e.entryId, why: t(offer.disabledReason.id, offer.disabledReason.vars) }) : t('project.reverseEntry', { entryId: e.entryId })}
                  >
                    {t('ui.reverse')}
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
          aria-label={t('project.ledgerView')}
          value={view}
          onChange={(v) => setView(v as 'table' | 'timeline')}
          options={[
            { value: 'table', label: t('project.table') },
            { value: 'timeline', label: t('project.timeline') },
          ]}
        />
        {mayReverse && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('project.aReversalMustBeMade')}
          </Typography.Text>
        )}
      </Flex>
      {view === 'table' ? (
        <ScrollTable<HistoryEntry>
          label={t('project.history')}
          minWidth={1300}
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
                    {reversedBy.has(e.entryId) && <ToneTag tone="red">{t('project.reversed')}</ToneTag>}
                  </Space>
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>
                    #{e.seq} · <ActorName actor={e.actor} /> · {formatTimestamp(e.recordedAt)}
                    {e.reference ? ` · ${e.reference}` : ''}
                    {e.refersTo ? t('project.refersTo', { refersTo: e.refersTo }) : ''}
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
            {t('ui.loadMore')}
          </Button>
        </Flex>
      )}
    </>
  );
}

/** Who posted an entry: the person's name (older entries, recorded before names were kept: the sign-in id), the role on hover. */
function ActorName({ actor }: { actor: HistoryEntry['actor'] }) {
  const { t, label } = useI18n();
  const name = actor.name ?? actor.sub;
  return <span title={t('project.actorWithRole', { sub: actor.name ? `${actor.name} · ${actor.sub}` : actor.sub, role: label('role', actor.role) })}>{name}</span>;
}

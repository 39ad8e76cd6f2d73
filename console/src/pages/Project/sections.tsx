/** The read-side cards of the project page: each renders one part of GET /projects/{id}. */
import { Button, Descriptions, Empty, Flex, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { compareDates } from '../../../../domain/dates';
import { approvalOffer } from '../../auth/permissions';
import type { Identity } from '../../auth/types';
import { AlertKindTag, HeldTag, ResultTag, SeverityTag, ToneTag, TrancheStatusTag } from '../../components/Labels';
import { ScrollTable } from '../../components/ScrollTable';
import { capitalAmount } from '../../format/capital';
import { formatBusinessDate } from '../../format/dates';
import { formatFen, formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import { ruleName } from '../../services/problems';
import type { Balance, Limit, ProjectView, Proposal } from '../../services/schemas';

export function Amount({ fen }: { fen: number | null | undefined }) {
  return <span className="amount">{fen === null || fen === undefined ? '—' : formatYuanDigits(fen)}</span>;
}

/** The program's own name for a funder (Nanjing: 市级 / 园区), else the generic label. */
export function useFunderName(project: ProjectView | undefined): (funder: string | null | undefined) => string {
  const { label } = useI18n();
  return (funder) => (project && (funder === 'province' || funder === 'zone') ? project.funderNames[funder] : label('funder', funder));
}

export function Registration({ p, extra }: { p: ProjectView; extra?: ReactNode }) {
  const { t } = useI18n();
  const changed = p.contract.provinceGrantFen !== p.registeredContract.provinceGrantFen || p.contract.zoneGrantFen !== p.registeredContract.zoneGrantFen || p.contract.endsOn !== p.registeredContract.endsOn;
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'id', label: t('projects.col.projectId'), children: <code>{p.projectId}</code> },
          { key: 'owner', label: t('project.owner'), children: p.owner.name },
          { key: 'credit', label: t('project.creditCode'), children: <code>{p.owner.creditCode}</code> },
          { key: 'program', label: t('project.program'), children: p.programCode },
          { key: 'zone', label: t('project.zone'), children: `${p.zoneId}${p.city ? ` · ${p.city}` : ''}（${p.insideZone ? t('project.insideZone') : t('project.outsideZone')}）` },
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
            label: `${p.funderNames.province}资助`,
            span: 'filled',
            children: `${formatFen(p.contract.provinceGrantFen)}（${t('common.capital')}：${capitalAmount(p.contract.provinceGrantFen)}）`,
          },
          {
            key: 'zoneGrant',
            label: `${p.funderNames.zone}资助`,
            span: 'filled',
            children: `${formatFen(p.contract.zoneGrantFen)}（${t('common.capital')}：${capitalAmount(p.contract.zoneGrantFen)}）`,
          },
          ...(changed
            ? [
                {
                  key: 'registered',
                  label: '登记时合同',
                  span: 'filled' as const,
                  children: `${p.funderNames.province} ${formatFen(p.registeredContract.provinceGrantFen)}，${p.funderNames.zone} ${formatFen(p.registeredContract.zoneGrantFen)}，至 ${p.registeredContract.endsOn}（已经批准调整）`,
                },
              ]
            : []),
          { key: 'asOf', label: t('project.asOf'), children: formatBusinessDate(p.asOf) },
        ]}
      />
      {extra}
    </>
  );
}

type BalanceRow = { funder: 'province' | 'zone'; grantFen: number } & Balance;
const BALANCE_COLUMNS: { field: keyof Balance; label: string; provinceOnly?: boolean }[] = [
  { field: 'allocatedFen', label: '已下达' },
  { field: 'pendingFen', label: '待配套' },
  { field: 'confirmedFen', label: '已确认' },
  { field: 'decommittedFen', label: '已核减' },
  { field: 'transferredFen', label: '已划转高新区', provinceOnly: true },
  { field: 'heldAtZoneFen', label: '高新区留存', provinceOnly: true },
  { field: 'disbursedFen', label: '已拨付' },
  { field: 'recoveredFen', label: '已收回' },
];

export function Balances({ project }: { project: ProjectView }) {
  const funderName = useFunderName(project);
  const rows: BalanceRow[] = [
    { funder: 'province', grantFen: project.contract.provinceGrantFen, ...project.balances.province },
    { funder: 'zone', grantFen: project.contract.zoneGrantFen, ...project.balances.zone },
  ];
  const columns: ColumnsType<BalanceRow> = [
    { title: '出资方', dataIndex: 'funder', width: 80, render: (f: string) => <strong>{funderName(f)}</strong> },
    { title: '合同资助（元）', dataIndex: 'grantFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    ...BALANCE_COLUMNS.filter((c) => !c.provinceOnly || project.insideZone).map((c) => ({
      title: c.label,
      dataIndex: c.field,
      align: 'right' as const,
      onCell: () => ({ 'data-col': c.field }) as React.HTMLAttributes<HTMLElement>,
      render: (fen: number | undefined, row: BalanceRow) => (c.provinceOnly && row.funder === 'zone' ? <Typography.Text type="secondary">—</Typography.Text> : <Amount fen={fen} />),
    })),
  ];
  return (
    <>
      <ScrollTable<BalanceRow> label="资金到位情况" minWidth={960} rowKey="funder" size="small" columns={columns} dataSource={rows} pagination={false} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        金额单位：元。已确认为扣除核减后的金额；高新区留存 = 已划转 − 已拨付（省级部分）。
      </Typography.Text>
    </>
  );
}

export function Limits({ project }: { project: ProjectView }) {
  const funderName = useFunderName(project);
  const columns: ColumnsType<Limit> = [
    { title: '规则', dataIndex: 'rule', render: (r: string) => ruleName(r) },
    { title: '出资方', dataIndex: 'funder', width: 70, render: (f: string) => funderName(f) },
    { title: '上限（元）', dataIndex: 'limitFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: '已用（元）', dataIndex: 'usedFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    {
      title: '余量（元）',
      dataIndex: 'headroomFen',
      align: 'right',
      render: (fen: number) => (fen === 0 ? <ToneTag tone="gold">0.00</ToneTag> : <Amount fen={fen} />),
    },
    {
      title: '例外',
      key: 'exception',
      width: 190,
      render: (_: unknown, l) =>
        l.exception ? (
          <Tooltip title={`申请 ${l.exception.proposalEntryId}，批准 ${l.exception.approvalEntryId}`}>
            <span data-testid="limit-exception">
              <ToneTag tone="blue">已批准例外</ToneTag> 原上限 {formatYuanDigits(l.exception.programLimitFen)}
              {l.exception.reference ? <div style={{ fontSize: 12 }}>{l.exception.reference}</div> : null}
            </span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
  ];
  return <ScrollTable<Limit> label="额度与上限" minWidth={720} rowKey={(l) => `${l.rule}:${l.funder}`} size="small" columns={columns} dataSource={project.limits} pagination={false} />;
}

export function Schedule({ project }: { project: ProjectView }) {
  const funderName = useFunderName(project);
  type Line = ProjectView['schedule'][number];
  const columns: ColumnsType<Line> = [
    { title: '批次', dataIndex: 'trancheId', width: 60 },
    { title: '出资方', dataIndex: 'funder', width: 70, render: (f: string) => funderName(f) },
    { title: '应拨付日', dataIndex: 'dueOn', width: 100, render: (d: string) => formatBusinessDate(d) },
    { title: '计划（元）', dataIndex: 'amountFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: '已拨付（元）', dataIndex: 'paidFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => <TrancheStatusTag status={s} /> },
  ];
  return <Table<Line> rowKey={(l) => `${l.funder}:${l.trancheId}`} size="small" columns={columns} dataSource={project.schedule} pagination={false} />;
}

export function PendingAllocations({ project, today, onConfirm }: { project: ProjectView; today: string; onConfirm?: (entryId: string) => void }) {
  type Row = ProjectView['pendingAllocations'][number];
  if (project.pendingAllocations.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待配套的省级下达" />;
  const columns: ColumnsType<Row> = [
    { title: '下达记录', dataIndex: 'entryId', render: (id: string) => <code>{id}</code> },
    { title: '下达（元）', dataIndex: 'amountFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: '待配套（元）', dataIndex: 'pendingFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: '下达日期', dataIndex: 'valueDate', width: 100 },
    {
      title: '配套期限',
      dataIndex: 'matchDueOn',
      width: 120,
      render: (d: string) => (compareDates(d, today) < 0 ? <ToneTag tone="red">{d} 已逾期</ToneTag> : d),
    },
    ...(onConfirm
      ? [
          {
            title: '操作',
            key: 'action',
            width: 100,
            render: (_: unknown, r: Row) => (
              <Button size="small" type="primary" onClick={() => onConfirm(r.entryId)}>
                确认配套
              </Button>
            ),
          },
        ]
      : []),
  ];
  return <Table<Row> rowKey="entryId" size="small" columns={columns} dataSource={project.pendingAllocations} pagination={false} />;
}

/** Proposals waiting for a second person: who proposed, and the approve button (disabled for the proposer, with why). */
export function Proposals({ project, identity, onApprove, readOnly }: { project: ProjectView; identity: Identity | null; onApprove: (p: Proposal) => void; readOnly: boolean }) {
  const { label } = useI18n();
  if (project.proposals.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待批准的申请" />;
  return (
    <Flex vertical gap={12} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {project.proposals.map((p) => {
        const offer = readOnly ? null : approvalOffer(identity, p.proposedBy);
        return (
          <li key={p.entryId} data-testid="proposal" data-kind={p.kind} style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: 12 }}>
            <Flex justify="space-between" align="start" gap={12} wrap>
              <div>
                <Space wrap>
                  <ToneTag tone="gold">{label('proposal', p.kind)}</ToneTag>
                  <strong>待另一人批准</strong>
                  <code>{p.entryId}</code>
                </Space>
                <div style={{ marginTop: 6 }}>
                  由 <strong data-testid="proposed-by">{p.proposedBy}</strong> 于 {p.proposedOn} 提出{p.reference ? `（${p.reference}）` : ''}
                </div>
                <div style={{ marginTop: 4 }}>{proposalSummary(p, project)}</div>
              </div>
              {offer && (
                <Flex vertical align="end" gap={4} style={{ maxWidth: 320 }}>
                  <Button type="primary" disabled={Boolean(offer.disabledReason)} onClick={() => onApprove(p)} aria-describedby={offer.disabledReason ? `why-${p.entryId}` : undefined}>
                    批准
                  </Button>
                  {offer.disabledReason && (
                    <Typography.Text type="secondary" id={`why-${p.entryId}`} data-testid="approve-disabled-reason" style={{ fontSize: 12, textAlign: 'end' }}>
                      {offer.disabledReason}
                    </Typography.Text>
                  )}
                </Flex>
              )}
            </Flex>
          </li>
        );
      })}
    </Flex>
  );
}

function proposalSummary(p: Proposal, project: ProjectView): string {
  if (p.kind === 'cap-exception') return `${ruleName(p.rule)}提高至 ${formatFen(p.limitFen)}`;
  if (p.kind === 'termination') return p.recoveryDue ? `终止，应收回 ${formatFen(p.recoveryDue.amountFen)}（期限 ${p.recoveryDue.dueOn}）` : '终止，无应收回资金';
  const c = p.change;
  const parts = [
    c.contract?.provinceGrantFen !== undefined ? `${project.funderNames.province}资助调整为 ${formatFen(c.contract.provinceGrantFen)}` : null,
    c.contract?.zoneGrantFen !== undefined ? `${project.funderNames.zone}资助调整为 ${formatFen(c.contract.zoneGrantFen)}` : null,
    c.contract?.endsOn ? `实施期延至 ${c.contract.endsOn}` : null,
    c.newInvestmentFen !== undefined ? `新增投入调整为 ${formatFen(c.newInvestmentFen)}` : null,
    c.schedule ? `拨付计划调整为 ${c.schedule.length} 批` : null,
  ].filter(Boolean);
  return parts.join('；') || '合同调整';
}

/** Hold, acceptance, inspections and a recovery due. */
export function Lifecycle({ project, onRelease }: { project: ProjectView; onRelease?: () => void }) {
  const { label } = useI18n();
  const a = project.acceptance;
  const items = [
    {
      key: 'hold',
      label: '暂停拨付',
      children: project.hold ? (
        <Space wrap>
          <ToneTag tone="gold">自 {project.hold.since} 起暂停</ToneTag>
          <code>{project.hold.entryId}</code>
          {onRelease && (
            <Button size="small" onClick={onRelease}>
              解除暂停
            </Button>
          )}
        </Space>
      ) : (
        '未暂停'
      ),
    },
    {
      key: 'acceptance',
      label: '验收',
      children: a ? (
        <Space wrap>
          <span>{a.appliedOn} 申请</span>
          {a.result ? (
            <>
              <ResultTag result={a.result} />
              <span>{a.decidedOn} 结论</span>
            </>
          ) : (
            <ToneTag tone="blue">待验收结论</ToneTag>
          )}
        </Space>
      ) : (
        '尚未申请'
      ),
    },
    {
      key: 'inspections',
      label: '检查（各类最近一次）',
      children:
        project.inspections.length === 0 ? (
          '尚无检查记录'
        ) : (
          <Flex vertical gap={4}>
            {project.inspections.map((i) => (
              <Space key={i.entryId} wrap data-testid="inspection">
                <span>{label('inspection', i.kind)}</span>
                <span>{i.inspectedOn}</span>
                <ResultTag result={i.result} />
                {i.result !== 'pass' && <Typography.Text type="danger">发现问题</Typography.Text>}
              </Space>
            ))}
          </Flex>
        ),
    },
    {
      key: 'recovery',
      label: '应收回',
      children: project.recoveryDue ? (
        <Space wrap data-testid="recovery-due">
          <span>应收回 {formatFen(project.recoveryDue.amountFen)}</span>
          <span>期限 {project.recoveryDue.dueOn}</span>
          <span>已收回 {formatFen(project.recoveryDue.recoveredFen)}</span>
          {project.recoveryDue.outstandingFen > 0 ? <ToneTag tone="red">尚欠 {formatYuanDigits(project.recoveryDue.outstandingFen)} 元</ToneTag> : <ToneTag tone="green">已收齐</ToneTag>}
        </Space>
      ) : (
        '无'
      ),
    },
  ];
  return <Descriptions size="small" column={1} bordered items={items} />;
}

export function OpenAlerts({ project }: { project: ProjectView }) {
  const funderName = useFunderName(project);
  type Row = ProjectView['openAlerts'][number];
  if (project.openAlerts.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无未关闭预警" />;
  const columns: ColumnsType<Row> = [
    { title: '类型', dataIndex: 'kind', render: (k: string) => <AlertKindTag kind={k} /> },
    { title: '程度', dataIndex: 'severity', width: 70, render: (s: string) => <SeverityTag severity={s} /> },
    { title: '出资方', dataIndex: 'funder', width: 70, render: (f: string | null) => (f ? funderName(f) : '—') },
    { title: '差额（元）', dataIndex: 'gapFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: '逾期天数', dataIndex: 'daysOverdue', align: 'right', width: 80 },
    {
      title: '责任方',
      dataIndex: 'responsible',
      render: (r: string | null, row) => (
        <Space size={4} wrap>
          {r ? `${funderName(r)}${r === 'province' ? '（资金未到区）' : '（资金已到区未拨付）'}` : '—'}
          {row.held && <HeldTag />}
        </Space>
      ),
    },
  ];
  return <Table<Row> rowKey="alertId" size="small" columns={columns} dataSource={project.openAlerts} pagination={false} />;
}

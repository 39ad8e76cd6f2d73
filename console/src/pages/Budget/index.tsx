/**
 * /budget[?fiscalYear=&programCode=] — budget indicators (预算指标): each with its amount, what is
 * allocated, what remains (in 大写 too), what reached the zones and the owners, its status and its
 * carry-over chain. Finance officers record indicators and, after the fiscal year, carry one over
 * or lapse it; admins and auditors read (API.md v3: the roles the API serves it to).
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { BUDGET_READERS } from '../../../../domain/access';
import { useAuth } from '../../auth/context';
import { hasRole } from '../../auth/permissions';
import { OptionalFilter, useAddressFilters } from '../../components/Filters';
import { ToneTag } from '../../components/Labels';
import { RoleGate } from '../../components/RoleGate';
import { ListFooter } from '../../components/ListFooter';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { capitalAmount } from '../../format/capital';
import { todayInChina } from '../../format/dates';
import { formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import { useIndicatorPages } from '../../services/budget';
import { programName, useCatalog } from '../../services/catalog';
import type { BudgetIndicator } from '../../services/schemas';
import { CarryOver, fiscalYears, Lapse, NewIndicator } from './dialogs';

const STATUS_TONE = { open: 'green', 'carried-over': 'blue', lapsed: 'grey' } as const;

const yuan = (fen: number) => <span className="amount">{formatYuanDigits(fen)}</span>;

type Open = { kind: 'new' } | { kind: 'carry-over' | 'lapse'; indicator: BudgetIndicator } | null;

export default function BudgetPage() {
  return (
    <RoleGate roles={BUDGET_READERS}>
      <BudgetPageBody />
    </RoleGate>
  );
}

function BudgetPageBody() {
  const { t } = useI18n();
  const { identity } = useAuth();
  const officer = hasRole(identity, 'finance-officer');
  const catalog = useCatalog();
  const { params, setFilter } = useAddressFilters();
  const fiscalYear = params.get('fiscalYear') ? Number(params.get('fiscalYear')) : undefined;
  const programCode = params.get('programCode') ?? undefined;
  const list = useIndicatorPages({ fiscalYear, programCode });
  const [open, setOpen] = useState<Open>(null);
  const today = todayInChina();
  const currentYear = Number(today.slice(0, 4));

  const columns: ColumnsType<BudgetIndicator> = [
    {
      title: t('budget.col.indicator'),
      dataIndex: 'indicatorNo',
      render: (no: string, i) => (
        <>
          <Typography.Text strong data-testid="indicator-no">{no}</Typography.Text>
          <Typography.Paragraph type="secondary" ellipsis={{ tooltip: programName(catalog, i.programCode) }} style={{ fontSize: 12, margin: 0 }}>
            {i.fiscalYear} · {programName(catalog, i.programCode)}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('budget.issuedOn', { date: i.issuedOn })}</Typography.Text>
        </>
      ),
    },
    { title: t('budget.col.amount'), dataIndex: 'amountFen', align: 'right', width: 122, render: yuan },
    { title: t('budget.col.allocated'), dataIndex: 'allocatedFen', align: 'right', width: 122, render: yuan },
    {
      title: t('budget.col.remaining'),
      dataIndex: 'remainingFen',
      width: 170,
      align: 'right',
      render: (fen: number) => (
        <>
          <strong className="amount" data-testid="indicator-remaining">{formatYuanDigits(fen)}</strong>
          <div style={{ fontSize: 12, textAlign: 'right' }}>
            <Typography.Text type="secondary" data-testid="indicator-remaining-capital">{capitalAmount(fen)}</Typography.Text>
          </div>
        </>
      ),
    },
    {
      // What reached the zones and the owners, one above the other: the table fits the page.
      title: t('budget.col.transferredPaid'),
      key: 'reached',
      align: 'right',
      width: 130,
      render: (_: unknown, i) => (
        <Flex vertical>
          <span title={t('budget.col.transferred')}>{yuan(i.transferredFen)}</span>
          <span title={t('budget.col.paid')}>{yuan(i.paidFen)}</span>
        </Flex>
      ),
    },
    {
      title: t('budget.col.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: BudgetIndicator['status']) => <ToneTag tone={STATUS_TONE[s]}>{t(`budget.status.${s}`)}</ToneTag>,
    },
    {
      title: t('budget.col.chain'),
      key: 'chain',
      width: 160,
      render: (_: unknown, i) => {
        const links = [
          i.carriedFrom ? t('budget.carriedFrom', { indicatorNo: i.carriedFrom }) : null,
          i.carriedTo ? t('budget.carriedTo', { indicatorNo: i.carriedTo }) : null,
          i.lapsedFen !== undefined ? t('budget.lapsedFen', { amount: formatYuanDigits(i.lapsedFen) }) : null,
        ].filter((x): x is string => x !== null);
        return (
          <Flex vertical gap={2} data-testid="indicator-chain" style={{ fontSize: 13 }}>
            {links.length ? links.map((l) => <span key={l}>{l}</span>) : t('budget.noChain')}
            {i.closedOn && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('budget.closedOn', { date: i.closedOn, reference: i.closeReference ?? '' })}</Typography.Text>}
          </Flex>
        );
      },
    },
    ...(officer
      ? [
          {
            title: t('budget.col.actions'),
            key: 'actions',
            width: 124,
            render: (_: unknown, i: BudgetIndicator) => {
              if (i.status !== 'open') return null;
              // Both wait for the end of the fiscal year (API: fiscal-year-open): offered, disabled, saying when.
              const early = i.fiscalYear >= currentYear;
              const when = early ? t('budget.yearOpen', { year: i.fiscalYear }) : undefined;
              // A carried indicator only lapses (carry-over-limit); nothing left, nothing to carry.
              const carryBlocked = i.carriedFrom ? t('budget.carryOver.limit') : i.remainingFen === 0 ? t('budget.carryOver.nothing') : undefined;
              return (
                <Space size={4}>
                  <Button size="small" disabled={early || carryBlocked !== undefined} title={when ?? carryBlocked} onClick={() => setOpen({ kind: 'carry-over', indicator: i })}>
                    {t('budget.carryOver')}
                  </Button>
                  <Button size="small" danger disabled={early} title={when} onClick={() => setOpen({ kind: 'lapse', indicator: i })}>
                    {t('budget.lapse')}
                  </Button>
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        title={t('budget.title')}
        extra={
          officer && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen({ kind: 'new' })}>
              {t('budget.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('budget.lead')}</Typography.Paragraph>
      {!officer && <Typography.Paragraph type="secondary">{t('budget.readOnly')}</Typography.Paragraph>}
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <OptionalFilter
          id="filter-fiscal-year"
          label={t('budget.fiscalYear')}
          width={120}
          value={fiscalYear !== undefined ? String(fiscalYear) : undefined}
          onChange={(v) => setFilter('fiscalYear', v)}
          options={fiscalYears(today).map((y) => ({ value: String(y), label: String(y) }))}
        />
        <OptionalFilter
          id="filter-program"
          label={t('budget.program')}
          width={320}
          value={programCode}
          onChange={(v) => setFilter('programCode', v)}
          options={(catalog?.programs ?? []).map((p) => ({ value: p.code, label: t('admin.common.nameWithCode', { name: p.name, code: p.code }) }))}
          showSearch
        />
      </Form>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Card>
        <ScrollTable<BudgetIndicator>
          label={t('budget.title')}
          minWidth={officer ? 1100 : 980}
          tableLayout="fixed"
          rowKey="indicatorNo"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          locale={{ emptyText: t('budget.empty') }}
          data-testid="indicators"
          footer={() => <ListFooter list={list} count={t('budget.count', { count: list.items.length })} loadMore={t('budget.loadMore')} />}
        />
      </Card>
      {open?.kind === 'new' && <NewIndicator onClose={() => setOpen(null)} preset={{ fiscalYear, programCode }} />}
      {open?.kind === 'carry-over' && <CarryOver indicator={open.indicator} onClose={() => setOpen(null)} />}
      {open?.kind === 'lapse' && <Lapse indicator={open.indicator} onClose={() => setOpen(null)} />}
    </>
  );
}

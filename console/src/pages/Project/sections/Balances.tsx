import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ScrollTable } from '../../../components/ScrollTable';
import type { Balance, ProjectView } from '../../../services/schemas';
import { Amount, useFunderName } from './common';
import { useI18n, type TermId } from '../../../i18n';

type BalanceRow = { funder: 'province' | 'zone'; grantFen: number } & Balance;
/** The books' columns, named by the glossary's balance terms ({zone}: the program's name for it). */
const BALANCE_COLUMNS: { field: keyof Balance; label: TermId; provinceOnly?: boolean }[] = [
  { field: 'allocatedFen', label: 'balance.allocated' },
  { field: 'pendingFen', label: 'balance.pending' },
  { field: 'confirmedFen', label: 'balance.confirmed' },
  { field: 'decommittedFen', label: 'balance.decommitted' },
  { field: 'transferredFen', label: 'balance.transferred', provinceOnly: true },
  { field: 'heldAtZoneFen', label: 'balance.heldAtZone', provinceOnly: true },
  { field: 'disbursedFen', label: 'balance.disbursed' },
  { field: 'recoveredFen', label: 'balance.recovered' },
];

export function Balances({ project }: { project: ProjectView }) {
  const { t } = useI18n();
  const funderName = useFunderName(project);
  const rows: BalanceRow[] = [
    { funder: 'province', grantFen: project.contract.provinceGrantFen, ...project.balances.province },
    { funder: 'zone', grantFen: project.contract.zoneGrantFen, ...project.balances.zone },
  ];
  const columns: ColumnsType<BalanceRow> = [
    { title: t('project.funder'), dataIndex: 'funder', width: 80, render: (f: string) => <strong>{funderName(f)}</strong> },
    { title: t('project.contractGrantYuan'), dataIndex: 'grantFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    ...BALANCE_COLUMNS.filter((c) => !c.provinceOnly || project.insideZone).map((c) => ({
      title: t(c.label),
      dataIndex: c.field,
      align: 'right' as const,
      onCell: () => ({ 'data-col': c.field }) as React.HTMLAttributes<HTMLElement>,
      render: (fen: number | undefined, row: BalanceRow) => (c.provinceOnly && row.funder === 'zone' ? <Typography.Text type="secondary">—</Typography.Text> : <Amount fen={fen} />),
    })),
  ];
  return (
    <>
      <ScrollTable<BalanceRow> label={t('project.balances')} minWidth={960} rowKey="funder" size="small" columns={columns} dataSource={rows} pagination={false} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('project.amountsInYuanConfirmedIs')}
      </Typography.Text>
    </>
  );
}

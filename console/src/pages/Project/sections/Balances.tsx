import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ScrollTable } from '../../../components/ScrollTable';
import type { Balance, ProjectView } from '../../../services/schemas';
import { Amount, useFunderName } from './common';
import { useI18n } from '../../../i18n';

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
      title: c.label,
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

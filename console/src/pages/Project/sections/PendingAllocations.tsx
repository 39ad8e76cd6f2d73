import { Button, Empty } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { compareDates } from '../../../../../domain/dates';
import { ToneTag } from '../../../components/Labels';
import { ScrollTable } from '../../../components/ScrollTable';
import { formatBusinessDate } from '../../../format/dates';
import type { ProjectView } from '../../../services/schemas';
import { Amount } from './common';
import { useI18n } from '../../../i18n';

export function PendingAllocations({ project, today, onConfirm }: { project: ProjectView; today: string; onConfirm?: (entryId: string) => void }) {
  const { t } = useI18n();
  type Row = ProjectView['pendingAllocations'][number];
  if (project.pendingAllocations.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.noProvinceAllocationsAwaitingA')} />;
  const columns: ColumnsType<Row> = [
    { title: t('ui.allocationEntry'), dataIndex: 'entryId', render: (id: string) => <code>{id}</code> },
    { title: t('project.allocatedYuan'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: t('ui.awaitingMatchYuan'), dataIndex: 'pendingFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: t('ui.allocatedOn'), dataIndex: 'valueDate', render: (d: string) => formatBusinessDate(d) },
    {
      title: t('ui.matchDue'),
      dataIndex: 'matchDueOn',
      render: (d: string) => (compareDates(d, today) < 0 ? <ToneTag tone="red">{formatBusinessDate(d)} {t('project.overdue')}</ToneTag> : formatBusinessDate(d)),
    },
    ...(onConfirm
      ? [
          {
            title: t('project.action'),
            key: 'action',
            render: (_: unknown, r: Row) => (
              <Button size="small" type="primary" onClick={() => onConfirm(r.entryId)}>
                
                {t('project.confirmTheMatch')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  // Dates, figures and headers keep to one line; a narrow card scrolls the table instead.
  return (
    <ScrollTable<Row>
      label={t('project.provinceAllocationsAwaitingAMatch')}
      minWidth={0}
      className="nowrap-cells"
      data-testid="pending-allocations"
      rowKey="entryId"
      size="small"
      columns={columns}
      dataSource={project.pendingAllocations}
      pagination={false}
    />
  );
}

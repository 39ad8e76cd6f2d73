import { Button, Empty } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { compareDates } from '../../../../../domain/dates';
import { ToneTag } from '../../../components/Labels';
import { ScrollTable } from '../../../components/ScrollTable';
import { formatBusinessDate } from '../../../format/dates';
import type { ProjectView } from '../../../services/schemas';
import { Amount } from './common';

export function PendingAllocations({ project, today, onConfirm }: { project: ProjectView; today: string; onConfirm?: (entryId: string) => void }) {
  type Row = ProjectView['pendingAllocations'][number];
  if (project.pendingAllocations.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待配套的省级下达" />;
  const columns: ColumnsType<Row> = [
    { title: '下达记录', dataIndex: 'entryId', render: (id: string) => <code>{id}</code> },
    { title: '下达（元）', dataIndex: 'amountFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: '待配套（元）', dataIndex: 'pendingFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: '下达日期', dataIndex: 'valueDate', render: (d: string) => formatBusinessDate(d) },
    {
      title: '配套期限',
      dataIndex: 'matchDueOn',
      render: (d: string) => (compareDates(d, today) < 0 ? <ToneTag tone="red">{formatBusinessDate(d)} 已逾期</ToneTag> : formatBusinessDate(d)),
    },
    ...(onConfirm
      ? [
          {
            title: '操作',
            key: 'action',
            render: (_: unknown, r: Row) => (
              <Button size="small" type="primary" onClick={() => onConfirm(r.entryId)}>
                确认配套
              </Button>
            ),
          },
        ]
      : []),
  ];
  // Dates, figures and headers keep to one line; a narrow card scrolls the table instead.
  return (
    <ScrollTable<Row>
      label="待配套的省级下达"
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

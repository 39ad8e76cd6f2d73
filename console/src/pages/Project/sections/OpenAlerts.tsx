import { Empty, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { AlertKindTag, HeldTag, SeverityTag } from '../../../components/Labels';
import type { ProjectView } from '../../../services/schemas';
import { Amount, useFunderName } from './common';

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

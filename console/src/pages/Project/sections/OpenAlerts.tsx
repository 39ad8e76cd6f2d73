import { alertCause } from '../../../components/alertCause';
import { Empty, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { AlertKindTag, HeldTag, SeverityTag } from '../../../components/Labels';
import type { ProjectView } from '../../../services/schemas';
import { Amount, useFunderName } from './common';
import { useI18n } from '../../../i18n';

export function OpenAlerts({ project }: { project: ProjectView }) {
  const { t } = useI18n();
  const funderName = useFunderName(project);
  type Row = ProjectView['openAlerts'][number];
  if (project.openAlerts.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('project.noAlerts')} />;
  const columns: ColumnsType<Row> = [
    { title: t('ui.type'), dataIndex: 'kind', render: (k: string) => <AlertKindTag kind={k} /> },
    { title: t('ui.severity'), dataIndex: 'severity', width: 70, render: (s: string) => <SeverityTag severity={s} /> },
    { title: t('project.funder'), dataIndex: 'funder', width: 70, render: (f: string | null) => (f ? funderName(f) : '—') },
    { title: t('ui.gapYuan'), dataIndex: 'gapFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: t('project.daysOverdue'), dataIndex: 'daysOverdue', align: 'right', width: 80 },
    {
      title: t('ui.responsible'),
      dataIndex: 'responsible',
      render: (r: string | null, row) => (
        <Space size={4} wrap>
          {alertCause(row, t)}
          {row.held && <HeldTag />}
        </Space>
      ),
    },
  ];
  return <Table<Row> rowKey="alertId" size="small" columns={columns} dataSource={project.openAlerts} pagination={false} />;
}

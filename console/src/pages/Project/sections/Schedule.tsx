import type { ColumnsType } from 'antd/es/table';
import { TrancheStatusTag } from '../../../components/Labels';
import { ScrollTable } from '../../../components/ScrollTable';
import { formatBusinessDate } from '../../../format/dates';
import type { ProjectView } from '../../../services/schemas';
import { Amount, useFunderName } from './common';
import { useI18n } from '../../../i18n';

/** A project that can pay no more (terminated, failed acceptance): what its tranches did not pay is void. */
const paysNoMore = (p: ProjectView) => p.status === 'terminated' || p.status === 'closed-failed';

export function Schedule({ project }: { project: ProjectView }) {
  const { t } = useI18n();
  const funderName = useFunderName(project);
  type Line = ProjectView['schedule'][number];
  const columns: ColumnsType<Line> = [
    { title: t('ui.tranche'), dataIndex: 'trancheId', width: 60 },
    { title: t('project.funder'), dataIndex: 'funder', width: 70, render: (f: string) => funderName(f) },
    { title: t('ui.dueOn'), dataIndex: 'dueOn', width: 100, render: (d: string) => formatBusinessDate(d) },
    { title: t('project.plannedYuan'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: t('ui.paidYuan'), dataIndex: 'paidFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    {
      title: t('ui.status'),
      dataIndex: 'status',
      width: 80,
      onCell: () => ({ 'data-col': 'status' }) as React.HTMLAttributes<HTMLElement>,
      render: (s: string) => <TrancheStatusTag status={s !== 'paid' && paysNoMore(project) ? 'void' : s} />,
    },
  ];
  return (
    <ScrollTable<Line>
      label={t('ui.paymentSchedule')}
      minWidth={520}
      className="nowrap-cells"
      rowKey={(l) => `${l.funder}:${l.trancheId}`}
      size="small"
      columns={columns}
      dataSource={project.schedule}
      pagination={false}
    />
  );
}

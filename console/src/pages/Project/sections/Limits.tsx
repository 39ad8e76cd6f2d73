import { Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ToneTag } from '../../../components/Labels';
import { ScrollTable } from '../../../components/ScrollTable';
import { formatYuanDigits } from '../../../format/money';
import type { Limit, ProjectView } from '../../../services/schemas';
import { Amount, useFunderName } from './common';
import { useI18n } from '../../../i18n';

export function Limits({ project }: { project: ProjectView }) {
  const { t, label } = useI18n();
  const funderName = useFunderName(project);
  const columns: ColumnsType<Limit> = [
    { title: t('project.rule'), dataIndex: 'rule', render: (r: string) => label('rule', r) },
    { title: t('project.funder'), dataIndex: 'funder', width: 70, render: (f: string) => funderName(f) },
    { title: t('project.capYuan'), dataIndex: 'limitFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    { title: t('project.usedYuan'), dataIndex: 'usedFen', align: 'right', render: (fen: number) => <Amount fen={fen} /> },
    {
      title: t('project.headroomYuan'),
      dataIndex: 'headroomFen',
      align: 'right',
      render: (fen: number) => (fen === 0 ? <ToneTag tone="gold">0.00</ToneTag> : <Amount fen={fen} />),
    },
    {
      title: t('project.exception'),
      key: 'exception',
      width: 190,
      render: (_: unknown, l) =>
        l.exception ? (
          <Tooltip title={t('project.proposalApproval', { proposalEntryId: l.exception.proposalEntryId, approvalEntryId: l.exception.approvalEntryId })}>
            <span data-testid="limit-exception">
              <ToneTag tone="blue">{t('project.exceptionApproved')}</ToneTag> {t('project.originalCap')}{formatYuanDigits(l.exception.programLimitFen)}
              {l.exception.reference ? <div style={{ fontSize: 12 }}>{l.exception.reference}</div> : null}
            </span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
  ];
  return <ScrollTable<Limit> label={t('project.limits')} minWidth={720} rowKey={(l) => `${l.rule}:${l.funder}`} size="small" columns={columns} dataSource={project.limits} pagination={false} />;
}

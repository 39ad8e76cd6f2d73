import { Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ToneTag } from '../../../components/Labels';
import { ScrollTable } from '../../../components/ScrollTable';
import { formatYuanDigits } from '../../../format/money';
import { ruleName } from '../../../services/problems';
import type { Limit, ProjectView } from '../../../services/schemas';
import { Amount, useFunderName } from './common';

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

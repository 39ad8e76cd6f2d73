/** /documents/:documentNo — one plan document: its lines and each line's outcome (201, or the problem in Chinese). */
import { Alert, Card, Descriptions, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ToneTag } from '../../components/Labels';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { capitalAmount } from '../../format/capital';
import { formatTimestamp } from '../../format/dates';
import { formatFen, formatYuanDigits } from '../../format/money';
import { apiPath, ApiError, useApi } from '../../services/api';
import { violationSentence } from '../../services/problems';
import { allocationDocumentOut, type AllocationDocument } from '../../services/schemas';

type Line = AllocationDocument['lines'][number];

/** A refused line in words: a rule with its figures, or why the project could not be used. */
export function lineOutcome(line: Line): string {
  const p = line.problem;
  if (line.status === 201) return `已下达（${line.entryId}）`;
  if (!p) return `HTTP ${line.status}`;
  if (line.status === 422) return violationSentence(p);
  if (line.status === 404) return '没有这个项目（或无权访问）。';
  if (line.status === 409) return `冲突：${p.detail}`;
  if (line.status === 503) return '数据库繁忙，未下达；再次提交同一文件即可补完。';
  return `${p.title}：${p.detail}`;
}

export function DocumentLines({ document }: { document: AllocationDocument }) {
  const columns: ColumnsType<Line> = [
    { title: '行', dataIndex: 'line', width: 50, align: 'right' },
    { title: '项目', dataIndex: 'projectId', width: 140, render: (id: string, l) => (l.status === 201 ? <Link to={`/projects/${encodeURIComponent(id)}`}>{id}</Link> : id) },
    { title: '金额（元）', dataIndex: 'amountFen', align: 'right', width: 150, render: (fen: number) => <span className="amount">{formatYuanDigits(fen)}</span> },
    {
      title: '结果',
      dataIndex: 'status',
      width: 90,
      onCell: () => ({ 'data-col': 'status' }) as React.HTMLAttributes<HTMLElement>,
      render: (s: number) => (s === 201 ? <ToneTag tone="green">201 已下达</ToneTag> : <ToneTag tone="red">{s} 未下达</ToneTag>),
    },
    { title: '说明', key: 'outcome', onCell: () => ({ 'data-col': 'outcome' }) as React.HTMLAttributes<HTMLElement>, render: (_: unknown, l) => lineOutcome(l) },
  ];
  return <Table<Line> rowKey="line" size="small" columns={columns} dataSource={document.lines} pagination={false} data-testid="document-lines" />;
}

export default function DocumentPage() {
  const { documentNo = '' } = useParams();
  const api = useApi();
  const doc = useQuery({ queryKey: ['document', documentNo], queryFn: ({ signal }) => api.get(apiPath`/allocation-documents/${documentNo}`, allocationDocumentOut, { signal }) });
  const d = doc.data;
  const notFound = doc.error instanceof ApiError && doc.error.status === 404;
  return (
    <>
      <Link to="/documents">← 返回计划下达文件</Link>
      <PageTitle title={`计划下达文件 ${documentNo}`} />
      {notFound ? <Alert type="warning" showIcon title="没有这份文件。" /> : doc.error ? <ErrorAlert error={doc.error} onRetry={() => void doc.refetch()} /> : null}
      {doc.isPending ? <PageSpinner /> : null}
      {d && (
        <Flex vertical gap={16}>
          <Card>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'no', label: '文号', children: d.documentNo },
                { key: 'issued', label: '印发日期', children: d.issuedOn },
                { key: 'status', label: '状态', children: d.status === 'complete' ? '已完成' : '处理中（再次提交同一文件可补完）' },
                { key: 'lines', label: '行数', children: `${d.totals.lines}（已下达 ${d.totals.posted}，未下达 ${d.totals.refused}）` },
                { key: 'posted', label: '已下达金额', children: `${formatFen(d.totals.postedFen)}（${capitalAmount(d.totals.postedFen)}）` },
                { key: 'refused', label: '未下达金额', children: formatFen(d.totals.refusedFen) },
                { key: 'by', label: '录入人', children: d.createdBy },
                { key: 'at', label: '录入时间', children: formatTimestamp(d.createdAt) },
              ]}
            />
          </Card>
          <Card title="各行结果">
            <DocumentLines document={d} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              每一行是该项目的一笔省级下达，按项目自身的规则单独检查、单独入账；被拒绝的行不影响其他行。
            </Typography.Paragraph>
          </Card>
        </Flex>
      )}
    </>
  );
}

/** /documents — provincial plan documents (计划下达文件), newest first. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../auth/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ToneTag } from '../../components/Labels';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { ListFooter } from '../../components/ListFooter';
import { formatTimestamp } from '../../format/dates';
import { formatYuanDigits } from '../../format/money';
import { allocationDocumentListOut, type AllocationDocumentSummary } from '../../services/schemas';
import { useCursorPages } from '../../services/lists';
import { hasRole } from '../../auth/permissions';

export const documentPath = (documentNo: string) => `/documents/${encodeURIComponent(documentNo)}`;

export default function DocumentsPage() {
  const { identity } = useAuth();
  const navigate = useNavigate();
  const list = useCursorPages('/allocation-documents', allocationDocumentListOut, (p) => p.documents, {});
  const mayPost = hasRole(identity, 'finance-officer');

  const columns: ColumnsType<AllocationDocumentSummary> = [
    { title: '文号', dataIndex: 'documentNo', render: (no: string) => <Link to={documentPath(no)}>{no}</Link> },
    { title: '印发日期', dataIndex: 'issuedOn', width: 110 },
    { title: '行数', key: 'lines', align: 'right', width: 70, render: (_: unknown, d) => d.totals.lines },
    { title: '已下达', key: 'posted', align: 'right', width: 80, render: (_: unknown, d) => d.totals.posted },
    { title: '被拒绝', key: 'refused', align: 'right', width: 80, render: (_: unknown, d) => (d.totals.refused > 0 ? <ToneTag tone="red">{d.totals.refused}</ToneTag> : 0) },
    { title: '已下达金额（元）', key: 'postedFen', align: 'right', render: (_: unknown, d) => <span className="amount">{formatYuanDigits(d.totals.postedFen)}</span> },
    { title: '被拒绝金额（元）', key: 'refusedFen', align: 'right', render: (_: unknown, d) => <span className="amount">{formatYuanDigits(d.totals.refusedFen)}</span> },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => (s === 'complete' ? <ToneTag tone="green">已完成</ToneTag> : <ToneTag tone="gold">处理中</ToneTag>) },
    { title: '录入人', dataIndex: 'createdBy', width: 170 },
    { title: '录入时间（北京时间）', dataIndex: 'createdAt', width: 160, render: (ts: string) => formatTimestamp(ts) },
  ];

  return (
    <>
      <PageTitle
        title="计划下达文件"
        extra={
          mayPost && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/documents/new')}>
              录入计划下达文件
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">一份省级计划下达文件为多个项目下达资金：每一行是该项目的一笔省级下达，各自按项目的规则检查、各自入账；文号是整份文件的幂等键，重复提交只会重放结果。</Typography.Paragraph>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Card>
        <ScrollTable<AllocationDocumentSummary>
          label="计划下达文件"
          minWidth={1100}
          rowKey="documentNo"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          footer={() => <ListFooter list={list} count={`共 ${list.items.length} 份`} loadMore={'加载更多'} />}
        />
      </Card>
    </>
  );
}

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
import { RoleGate } from '../../components/RoleGate';
import { DOCUMENT_READERS } from '../../../../domain/access';
import { useI18n } from '../../i18n';

export const documentPath = (documentNo: string) => `/documents/${encodeURIComponent(documentNo)}`;

/** Only the roles the API serves documents to see the page; anyone else, why (and no data controls). */
export default function DocumentsPage() {
  return (
    <RoleGate roles={DOCUMENT_READERS}>
      <DocumentsPageBody />
    </RoleGate>
  );
}

function DocumentsPageBody() {
  const { t } = useI18n();
  const { identity } = useAuth();
  const navigate = useNavigate();
  const list = useCursorPages('/allocation-documents', allocationDocumentListOut, (p) => p.documents, {});
  const mayPost = hasRole(identity, 'finance-officer');

  const columns: ColumnsType<AllocationDocumentSummary> = [
    { title: t('ui.documentNo'), dataIndex: 'documentNo', render: (no: string) => <Link to={documentPath(no)}>{no}</Link> },
    { title: t('ui.issuedOn'), dataIndex: 'issuedOn', width: 110 },
    { title: t('ui.lines'), key: 'lines', align: 'right', width: 70, render: (_: unknown, d) => d.totals.lines },
    { title: t('documents.allocated'), key: 'posted', align: 'right', width: 80, render: (_: unknown, d) => d.totals.posted },
    { title: t('documents.refused'), key: 'refused', align: 'right', width: 80, render: (_: unknown, d) => (d.totals.refused > 0 ? <ToneTag tone="red">{d.totals.refused}</ToneTag> : 0) },
    { title: t('documents.allocatedYuan'), key: 'postedFen', align: 'right', render: (_: unknown, d) => <span className="amount">{formatYuanDigits(d.totals.postedFen)}</span> },
    { title: t('documents.refusedYuan'), key: 'refusedFen', align: 'right', render: (_: unknown, d) => <span className="amount">{formatYuanDigits(d.totals.refusedFen)}</span> },
    { title: t('ui.status'), dataIndex: 'status', width: 90, render: (s: string) => (s === 'complete' ? <ToneTag tone="green">{t('ui.complete')}</ToneTag> : <ToneTag tone="gold">{t('documents.inProgress')}</ToneTag>) },
    { title: t('ui.enteredBy'), dataIndex: 'createdBy', width: 170 },
    { title: t('documents.enteredAtBeijingTime'), dataIndex: 'createdAt', width: 160, render: (ts: string) => formatTimestamp(ts) },
  ];

  return (
    <>
      <PageTitle
        title={t('documents.allocationDocuments')}
        extra={
          mayPost && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/documents/new')}>
              
              {t('ui.enterAnAllocationDocument')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('documents.oneProvinceAllocationDocumentAllocates')}</Typography.Paragraph>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Card>
        <ScrollTable<AllocationDocumentSummary>
          label={t('documents.allocationDocuments')}
          minWidth={1100}
          rowKey="documentNo"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          footer={() => <ListFooter list={list} count={t('documents.documents', { length: list.items.length })} loadMore={t('ui.loadMore')} />}
        />
      </Card>
    </>
  );
}

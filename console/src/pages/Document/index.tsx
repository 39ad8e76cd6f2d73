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
import { refusalOf } from '../../services/problems';
import { allocationDocumentOut, type AllocationDocument } from '../../services/schemas';
import { RoleGate } from '../../components/RoleGate';
import { DOCUMENT_READERS } from '../../../../domain/access';
import { useI18n, type I18n } from '../../i18n';

type Line = AllocationDocument['lines'][number];

/** A refused line in words: a rule with its figures (the province's allocation), or why the project could not be used. */
export function lineOutcome(line: Line, words: Pick<I18n, 't' | 'language' | 'funderNames'>): string {
  const { t } = words;
  const p = line.problem;
  if (line.status === 201) return t('document.allocatedEntry', { entryId: line.entryId ?? '' });
  if (line.status === 422 && p) return refusalOf(p, words, 'province');
  if (line.status === 409 && p?.rule) return refusalOf(p, words, 'province');
  if (line.status === 404) return t('document.noSuchProject');
  if (line.status === 409) return t('problem.conflict');
  if (line.status === 503) return t('document.busy');
  return t('problem.failed');
}

export function DocumentLines({ document }: { document: AllocationDocument }) {
  const words = useI18n();
  const { t } = words;
  const columns: ColumnsType<Line> = [
    { title: t('document.line'), dataIndex: 'line', width: 50, align: 'right' },
    { title: t('ui.project'), dataIndex: 'projectId', width: 140, render: (id: string, l) => (l.status === 201 ? <Link to={`/projects/${encodeURIComponent(id)}`}>{id}</Link> : id) },
    { title: t('ui.amountYuan'), dataIndex: 'amountFen', align: 'right', width: 150, render: (fen: number) => <span className="amount">{formatYuanDigits(fen)}</span> },
    {
      title: t('ui.result'),
      dataIndex: 'status',
      width: 90,
      onCell: () => ({ 'data-col': 'status' }) as React.HTMLAttributes<HTMLElement>,
      render: (s: number) => (s === 201 ? <ToneTag tone="green">{t('document.201Allocated')}</ToneTag> : <ToneTag tone="red">{s} {t('document.notAllocated')}</ToneTag>),
    },
    { title: t('ui.explanation'), key: 'outcome', onCell: () => ({ 'data-col': 'outcome' }) as React.HTMLAttributes<HTMLElement>, render: (_: unknown, l) => lineOutcome(l, words) },
  ];
  return <Table<Line> rowKey="line" size="small" columns={columns} dataSource={document.lines} pagination={false} data-testid="document-lines" />;
}

/** Only the roles the API serves documents to see the page; anyone else, why (and no data controls). */
export default function DocumentPage() {
  return (
    <RoleGate roles={DOCUMENT_READERS}>
      <DocumentPageBody />
    </RoleGate>
  );
}

function DocumentPageBody() {
  const { t } = useI18n();
  const { documentNo = '' } = useParams();
  const api = useApi();
  const doc = useQuery({ queryKey: ['document', documentNo], queryFn: ({ signal }) => api.get(apiPath`/allocation-documents/${documentNo}`, allocationDocumentOut, { signal }) });
  const d = doc.data;
  const notFound = doc.error instanceof ApiError && doc.error.status === 404;
  return (
    <>
      <Link to="/documents">{t('ui.backToAllocationDocuments')}</Link>
      <PageTitle title={t('document.allocationDocument', { documentNo })} />
      {notFound ? <Alert type="warning" showIcon title={t('document.noSuchDocument')} /> : doc.error ? <ErrorAlert error={doc.error} onRetry={() => void doc.refetch()} /> : null}
      {doc.isPending ? <PageSpinner /> : null}
      {d && (
        <Flex vertical gap={16}>
          <Card>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'no', label: t('ui.documentNo'), children: d.documentNo },
                { key: 'issued', label: t('ui.issuedOn'), children: d.issuedOn },
                { key: 'status', label: t('ui.status'), children: d.status === 'complete' ? t('ui.complete') : t('document.inProgressSubmitTheSame') },
                { key: 'lines', label: t('ui.lines'), children: t('document.allocatedNotAllocated', { lines: d.totals.lines, posted: d.totals.posted, refused: d.totals.refused }) },
                { key: 'posted', label: t('document.amountAllocated'), children: t('document.text2', { v1: formatFen(d.totals.postedFen), v2: capitalAmount(d.totals.postedFen) }) },
                { key: 'refused', label: t('document.amountNotAllocated'), children: formatFen(d.totals.refusedFen) },
                { key: 'by', label: t('ui.enteredBy'), children: d.createdBy },
                { key: 'at', label: t('document.enteredAt'), children: formatTimestamp(d.createdAt) },
              ]}
            />
          </Card>
          <Card title={t('document.resultPerLine')}>
            <DocumentLines document={d} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              
              {t('document.eachLineIsOneProvince')}
            </Typography.Paragraph>
          </Card>
        </Flex>
      )}
    </>
  );
}

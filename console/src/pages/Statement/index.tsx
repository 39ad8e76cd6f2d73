/**
 * /statements/:statementId — one statement: its progress while it runs; its lines as matched,
 * statement-only (with why, and the candidates the rule would not choose between) and the ledger's
 * movements of its period no line is matched to. A dry run (draft) is confirmed here to be stored.
 * On a stored statement, another person of the uploader's role (four-eyes) matches a line by hand
 * or undoes a match, with a reason; every such decision is listed with who and when.
 */
import { Alert, App, AutoComplete, Button, Card, Descriptions, Flex, Form, Input, Modal, Progress, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isTermId, type TermId } from '../../../../domain/glossary/with-console';
import { useAuth } from '../../auth/context';
import { hasRole } from '../../auth/permissions';
import type { Role } from '../../auth/types';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { formatBusinessDate, formatTimestamp } from '../../format/dates';
import { formatYuanDigits } from '../../format/money';
import { useI18n } from '../../i18n';
import { apiPath, useApi } from '../../services/api';
import { confirmStatement, useStatement, useWords } from '../../services/reconciliation';
import { matchAnswerOut, type LedgerMovement, type Statement, type StatementLine } from '../../services/schemas';
import { AccountName, RowErrors, StatusTag } from '../Statements/parts';

type Event = Statement['events'][number];

const projectLink = (entryId: string, projectId: string) => <Link to={`/projects/${encodeURIComponent(projectId)}`}>{entryId}</Link>;
const projectOf = (entryId: string) => entryId.slice(0, entryId.lastIndexOf('.'));

export default function StatementPage() {
  const { statementId = '' } = useParams();
  const statement = useStatement(statementId);
  const w = useWords();
  if (statement.isLoading) return <PageSpinner />;
  if (statement.error || !statement.data) return <RowErrors error={statement.error} />;
  const s = statement.data;
  return (
    <>
      <PageTitle title={`${w('statements.col.statement')} ${s.fileName ?? `${s.statementId.slice(0, 12)}…`}`} extra={<StatusTag status={s.status} />} />
      <Summary s={s} />
      {s.status === 'processing' && (
        <Card style={{ marginBottom: 16 }} data-testid="statement-progress">
          <Progress percent={s.linesTotal ? Math.floor((100 * s.linesDone) / s.linesTotal) : 0} status="active" />
          <Typography.Text>{w('statements.processing', { done: s.linesDone, total: s.linesTotal })}</Typography.Text>
        </Card>
      )}
      {s.status === 'failed' && <Alert type="error" showIcon title={s.failure ?? w('statements.status.failed')} style={{ marginBottom: 16 }} />}
      {s.status === 'draft' && <DraftBar s={s} />}
      {(s.status === 'draft' || s.status === 'complete') && <Lines s={s} />}
    </>
  );
}

function Summary({ s }: { s: Statement }) {
  const w = useWords();
  return (
    <Card style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={w('statements.account')}>
          <AccountName account={s.account} zoneId={s.zoneId} />
        </Descriptions.Item>
        <Descriptions.Item label={w('statements.col.period')}>{`${formatBusinessDate(s.firstDate)} — ${formatBusinessDate(s.lastDate)}`}</Descriptions.Item>
        <Descriptions.Item label={w('statements.col.uploadedBy')}>{`${s.uploadedBy.name ?? s.uploadedBy.sub} · ${formatTimestamp(s.uploadedAt)}`}</Descriptions.Item>
      </Descriptions>
      {s.status !== 'processing' && (
        <Typography.Text strong data-testid="statement-summary">
          {w('statements.summary', { lines: s.linesTotal, matched: s.lines.filter((l) => l.match).length, statementOnly: s.lines.filter((l) => !l.match && l.unmatched?.reason !== 'duplicate').length, ledgerOnly: s.ledgerOnly.length })}
        </Typography.Text>
      )}
      {s.encoding === 'gbk' && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{w('statements.gbk')}</Typography.Paragraph>}
    </Card>
  );
}

/** A dry run on screen: store it (its file is uploaded already), or leave it (it lapses in two days). */
function DraftBar({ s }: { s: Statement }) {
  const w = useWords();
  const api = useApi();
  const client = useQueryClient();
  const navigate = useNavigate();
  const confirm = useMutation({
    mutationFn: () => confirmStatement(api, s.statementId, s.fileName),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['statement', s.statementId] }),
  });
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={w('statements.dryRun')}
      description={confirm.error ? <RowErrors error={confirm.error} /> : undefined}
      action={
        <Space>
          <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate()}>
            {w('statements.confirm')}
          </Button>
          <Button onClick={() => navigate('/statements')}>{w('statements.discard')}</Button>
        </Space>
      }
    />
  );
}

/** Whether the signed-in person may match and undo on this statement: the uploader's role, another person. */
function useDecider(s: Statement): { may: boolean; uploader: boolean } {
  const { identity } = useAuth();
  const uploader = identity?.sub === s.uploadedBy.sub;
  const may = s.status === 'complete' && hasRole(identity, s.uploadedBy.role as Role) && !uploader;
  return { may, uploader: uploader && s.status === 'complete' };
}

function Lines({ s }: { s: Statement }) {
  const w = useWords();
  const { label } = useI18n();
  const decider = useDecider(s);
  const [matching, setMatching] = useState<StatementLine | null>(null);
  const [undoing, setUndoing] = useState<StatementLine | null>(null);
  const matched = s.lines.filter((l) => l.match);
  const open = s.lines.filter((l) => !l.match);
  const amount = (fen: number) => <span className="amount">{formatYuanDigits(fen)}</span>;
  const lineColumns: ColumnsType<StatementLine> = [
    { title: w('statements.line.lineNo'), dataIndex: 'lineNo', width: 64, align: 'right' },
    { title: w('statements.line.date'), dataIndex: 'date', width: 104, render: (d: string) => formatBusinessDate(d) },
    { title: w('statements.line.amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: amount },
    { title: w('statements.line.payee'), dataIndex: 'payeeName', ellipsis: true },
    { title: w('statements.line.voucherNo'), dataIndex: 'voucherNo', width: 150, render: (v: string | null) => v ?? '—' },
  ];
  const matchedColumns: ColumnsType<StatementLine> = [
    ...lineColumns,
    { title: w('statements.line.entry'), key: 'entry', width: 170, render: (_: unknown, l) => (l.match ? projectLink(l.match.entryId, l.match.projectId) : '—') },
    { title: w('statements.line.how'), key: 'how', width: 110, render: (_: unknown, l) => (l.match ? w(`statements.how.${l.match.how}` as TermId) : '—') },
    ...(decider.may
      ? [{ title: '', key: 'undo', width: 100, render: (_: unknown, l: StatementLine) => <Button size="small" onClick={() => setUndoing(l)}>{w('statements.undo')}</Button> }]
      : []),
  ];
  const openColumns: ColumnsType<StatementLine> = [
    ...lineColumns,
    { title: w('statements.line.creditCode'), dataIndex: 'payeeCreditCode', width: 180, render: (v: string | null) => v ?? '—' },
    {
      title: w('statements.line.reason'),
      key: 'reason',
      width: 220,
      render: (_: unknown, l) => {
        const id = `statements.reason.${l.unmatched?.reason ?? 'none'}`;
        const candidates = l.unmatched?.candidates ?? [];
        return (
          <span>
            {isTermId(id) ? w(id) : l.unmatched?.reason}
            {candidates.length > 0 && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{w('statements.line.candidatesList', { ids: candidates.join(w('statements.idSeparator')) })}</Typography.Text>}
          </span>
        );
      },
    },
    ...(decider.may
      ? [{ title: '', key: 'match', width: 100, render: (_: unknown, l: StatementLine) => (l.unmatched?.reason === 'duplicate' ? null : <Button size="small" type="primary" onClick={() => setMatching(l)}>{w('statements.match')}</Button>) }]
      : []),
  ];
  const ledgerColumns: ColumnsType<LedgerMovement> = [
    { title: w('statements.line.entry'), dataIndex: 'entryId', width: 170, render: (id: string, m) => projectLink(id, m.projectId) },
    { title: w('statements.entry.type'), dataIndex: 'type', width: 110, render: (t: string) => label('entry', t) },
    { title: w('statements.line.amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: amount },
    { title: w('statements.entry.valueDate'), dataIndex: 'valueDate', width: 104, render: (d: string) => formatBusinessDate(d) },
    { title: w('statements.entry.reference'), dataIndex: 'reference', render: (r: string | null) => r ?? '—' },
  ];
  const eventColumns: ColumnsType<Event> = [
    { title: w('statements.story.at'), dataIndex: 'at', width: 170, render: (t: string) => formatTimestamp(t) },
    { title: '', dataIndex: 'kind', width: 80, render: (k: string) => w(k === 'match' ? 'statements.story.match' : 'statements.story.undo') },
    { title: w('statements.line.lineNo'), dataIndex: 'lineNo', width: 64, align: 'right' },
    { title: w('statements.line.entry'), dataIndex: 'entryId', width: 170, render: (id: string, e) => projectLink(id, e.projectId) },
    { title: w('statements.story.by'), key: 'by', width: 160, render: (_: unknown, e) => (e.by ? (e.by.name ?? e.by.sub) : w('statements.story.automatic')) },
    { title: w('statements.match.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
  ];
  const table = <T extends object>(testId: string, rows: T[], columns: ColumnsType<T>, rowKey: keyof T & string) => (
    <Table<T> data-testid={testId} rowKey={rowKey} size="small" columns={columns} dataSource={rows} pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false} />
  );
  return (
    <Card>
      {decider.uploader && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={w('statements.match.fourEyes')} />}
      <Tabs
        items={[
          { key: 'matched', label: w('statements.tab.count', { label: w('statements.tab.matched'), n: matched.length }), children: table('lines-matched', matched, matchedColumns, 'lineNo') },
          { key: 'statementOnly', label: w('statements.tab.count', { label: w('statements.tab.statementOnly'), n: open.length }), children: table('lines-open', open, openColumns, 'lineNo') },
          { key: 'ledgerOnly', label: w('statements.tab.count', { label: w('statements.tab.ledgerOnly'), n: s.ledgerOnly.length }), children: table('ledger-only', s.ledgerOnly, ledgerColumns, 'entryId') },
          ...(s.status === 'complete' ? [{ key: 'story', label: w('statements.tab.count', { label: w('statements.tab.story'), n: s.events.length }), children: s.events.length ? table('statement-story', s.events.map((e, i) => ({ ...e, n: i })), eventColumns as ColumnsType<Event & { n: number }>, 'n') : <Typography.Text type="secondary">{w('statements.story.empty')}</Typography.Text> }] : []),
        ]}
      />
      {matching && <MatchDialog s={s} line={matching} onClose={() => setMatching(null)} />}
      {undoing && <UndoDialog s={s} line={undoing} onClose={() => setUndoing(null)} />}
    </Card>
  );
}

/** A match or an undo sent once; on success the statement (and what shows reconciliation) is read again. */
function useDecision(s: Statement, onClose: () => void, send: (body: unknown) => Promise<unknown>, done: string) {
  const client = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      void message.success(done);
      await client.invalidateQueries({ queryKey: ['statement', s.statementId] });
      void client.invalidateQueries({ queryKey: ['reconciliation'] });
      onClose();
    },
  });
}

function MatchDialog({ s, line, onClose }: { s: Statement; line: StatementLine; onClose: () => void }) {
  const w = useWords();
  const api = useApi();
  const [form] = Form.useForm<{ entryId: string; reason: string }>();
  const decision = useDecision(s, onClose, (body) => api.post(apiPath`/statements/${s.statementId}/matches`, body, { schema: matchAnswerOut }), w('statements.match.done'));
  // What the person is likely to pick: the rule's candidates, and the period's unmatched movements of the same amount.
  const options = [...new Set([...(line.unmatched?.candidates ?? []), ...s.ledgerOnly.filter((m) => m.amountFen === line.amountFen).map((m) => m.entryId)])].map((id) => {
    const m = s.ledgerOnly.find((x) => x.entryId === id);
    return { value: id, label: m ? `${id} · ${formatBusinessDate(m.valueDate)} · ${m.reference ?? ''}` : id };
  });
  return (
    <Modal open title={w('statements.match.title', { lineNo: line.lineNo })} onCancel={onClose} footer={null} maskClosable={false}>
      <Typography.Paragraph type="secondary">
        {`${formatBusinessDate(line.date)} · ${formatYuanDigits(line.amountFen)} · ${line.payeeName}${line.voucherNo ? ` · ${line.voucherNo}` : ''}`}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="statement-match" onFinish={(v) => decision.mutate({ lineNo: line.lineNo, entryId: v.entryId.trim(), reason: v.reason })}>
        {decision.error && <RowErrors error={decision.error} />}
        <Form.Item name="entryId" label={w('statements.match.entry')} rules={[{ required: true }]}>
          <AutoComplete options={options} placeholder={`${projectOf(options[0]?.value ?? 'BA2023-0101.1')}.n`} />
        </Form.Item>
        <Form.Item name="reason" label={w('statements.match.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{w('statements.discard')}</Button>
          <Button type="primary" htmlType="submit" loading={decision.isPending}>
            {w('statements.match')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}

function UndoDialog({ s, line, onClose }: { s: Statement; line: StatementLine; onClose: () => void }) {
  const w = useWords();
  const api = useApi();
  const decision = useDecision(s, onClose, (body) => api.post(apiPath`/statements/${s.statementId}/matches/${line.lineNo}/undo`, body, { schema: matchAnswerOut }), w('statements.undo.done'));
  return (
    <Modal open title={w('statements.undo.title', { lineNo: line.lineNo })} onCancel={onClose} footer={null} maskClosable={false}>
      <Form layout="vertical" name="statement-undo" onFinish={(v: { reason: string }) => decision.mutate({ reason: v.reason })}>
        {decision.error && <RowErrors error={decision.error} />}
        <Form.Item name="reason" label={w('statements.match.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{w('statements.discard')}</Button>
          <Button type="primary" danger htmlType="submit" loading={decision.isPending}>
            {w('statements.undo')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}

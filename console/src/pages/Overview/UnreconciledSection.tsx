/**
 * What is not reconciled (GET /reconciliation, the last 90 days): transfers and payments no
 * statement line is matched to, and statement lines the ledger does not know. For the roles that
 * read accounts: finance officers, zone committees (their zone's, as the API scopes it), admins and
 * auditors. `account`: only that account's (a finance officer reconciles the province's: transfers,
 * and payments of outside-zone projects; the zones' own payments are their committees' to reconcile).
 */
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBusinessDate } from '../../format/dates';
import { useI18n } from '../../i18n';
import { useUnreconciled, useWords } from '../../services/reconciliation';
import type { Reconciliation } from '../../services/schemas';
import { amount, projectLink, Section, TodoTable } from './parts';

type EntryRow = Reconciliation['entries'][number];
type LineRow = Reconciliation['statementOnly'][number];

export function UnreconciledSection({ account }: { account?: string } = {}) {
  const w = useWords();
  const { label } = useI18n();
  const recent = useUnreconciled(true);
  const ours = (a: string) => account === undefined || a === account;
  const entries = recent.data?.entries.filter((e) => !e.reconciled && ours(e.account));
  const lines = recent.data?.statementOnly.filter((l) => ours(l.account));
  return (
    <Section title={w('reconciliation.overview')} count={recent.data ? (entries?.length ?? 0) + (lines?.length ?? 0) : undefined} extra={<Link to="/statements">{w('nav.statements')}</Link>} testId="todo-unreconciled">
      {recent.error ? <ErrorAlert error={recent.error} onRetry={() => void recent.refetch()} /> : null}
      <div style={{ fontWeight: 500, margin: '0 0 6px' }}>{w('reconciliation.overview.entries')}</div>
      <TodoTable<EntryRow>
        rows={entries}
        limit={8}
        loading={recent.isLoading}
        empty={w('reconciliation.overview.none')}
        rowKey="entryId"
        columns={[
          { title: w('statements.entry.project'), dataIndex: 'projectId', render: projectLink },
          { title: w('statements.entry.type'), dataIndex: 'type', render: (t: string) => label('entry', t) },
          { title: w('statements.line.amount'), dataIndex: 'amountFen', align: 'right', render: amount },
          { title: w('statements.entry.valueDate'), dataIndex: 'valueDate', render: (d: string) => formatBusinessDate(d) },
        ]}
      />
      {lines && lines.length > 0 && (
        <>
          <div style={{ fontWeight: 500, margin: '12px 0 6px' }}>{w('reconciliation.overview.lines')}</div>
          <TodoTable<LineRow>
            rows={lines}
            limit={8}
            empty=""
            rowKey={(l) => `${l.statementId}:${l.lineNo}`}
            columns={[
              { title: w('statements.col.statement'), key: 's', render: (_: unknown, l) => <Link to={`/statements/${l.statementId}`}>{`${l.statementId.slice(0, 8)}… #${l.lineNo}`}</Link> },
              { title: w('statements.line.payee'), dataIndex: 'payeeName' },
              { title: w('statements.line.amount'), dataIndex: 'amountFen', align: 'right', render: amount },
              { title: w('statements.line.date'), dataIndex: 'date', render: (d: string) => formatBusinessDate(d) },
            ]}
          />
        </>
      )}
    </Section>
  );
}

/** What the statements pages share: the account's name, a statement's status, a refusal of a file or a decision. */
import { Alert } from 'antd';
import type { TermId } from '../../../../domain/glossary/with-console';
import { isTermId } from '../../../../domain/glossary/with-console';
import { ToneTag } from '../../components/Labels';
import { ApiError } from '../../services/api';
import { useWords } from '../../services/reconciliation';

export function AccountName({ account, zoneId }: { account: string; zoneId: string | null }) {
  const w = useWords();
  return <>{account === 'province' ? w('statements.account.province') : w('statements.account.zone', { zoneId: zoneId ?? account.replace(/^zone:/, '') })}</>;
}

const STATUS_TONE = { processing: 'blue', draft: 'gold', complete: 'green', failed: 'red' } as const;

export function StatusTag({ status }: { status: string }) {
  const w = useWords();
  const id = `statements.status.${status}`;
  return <ToneTag tone={STATUS_TONE[status as keyof typeof STATUS_TONE] ?? 'grey'}>{isTermId(id) ? w(id) : status}</ToneTag>;
}

/**
 * A refused file (400: one item per row and column, `rows.<row>.<column>`) as a list of its rows'
 * problems; any other refusal as its sentence from the glossary (refusal.<rule>) or the API's detail.
 */
export function RowErrors({ error }: { error: unknown }) {
  const w = useWords();
  if (!(error instanceof ApiError)) return <Alert type="error" showIcon role="alert" title={String(error)} />;
  const p = error.problem;
  const errors = (p.errors ?? []).map((e) => {
    const [, row, field] = /^rows\.(\d+)\.(.*)$/.exec(e.path) ?? [];
    return { where: row === undefined ? e.path : row === '0' ? w('statements.error.where', { where: w('statements.error.file'), field: field ?? '' }) : w('statements.error.where', { where: w('statements.error.row', { row }), field: field ?? '' }), message: e.message };
  });
  const refusal = `refusal.${p.rule ?? ''}`;
  const title = p.status === 400 ? w('statements.errors', { count: errors.length }) : isTermId(refusal) ? w(refusal as TermId) : (p.detail ?? p.title);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="statement-problem"
      title={title}
      description={
        errors.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {errors.slice(0, 50).map((e, i) => (
              <li key={i}>
                <strong>{e.where}</strong>
                {w('ui.colon')}
                {e.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

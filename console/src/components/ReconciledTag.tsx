import { ToneTag } from './Labels';
import { useWords } from '../services/reconciliation';

/** 已对账 / 未对账 beside a transfer or a payment: whether a statement line is matched to it. */
export function ReconciledTag({ reconciled }: { reconciled: boolean }) {
  const w = useWords();
  return (
    <span data-testid="reconciled-tag">
      <ToneTag tone={reconciled ? 'green' : 'grey'}>{w(reconciled ? 'reconciliation.reconciled' : 'reconciliation.unreconciled')}</ToneTag>
    </span>
  );
}

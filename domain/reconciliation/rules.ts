/**
 * Rule ids the statement routes answer with, beside the ledger's RULE_IDS (`four-eyes` is one of
 * those): 409 for a line or an entry in the wrong state, 422 for a manual match that is not the
 * same payment. Browser-safe: the console names them from the glossary (rule.<id>, refusal.<id>).
 */
export const RECONCILIATION_RULE_IDS = ['line-already-matched', 'line-not-matched', 'entry-already-matched', 'account-mismatch', 'amount-mismatch', 'entry-reversed', 'statement-processing'] as const;
export type ReconciliationRuleId = (typeof RECONCILIATION_RULE_IDS)[number];

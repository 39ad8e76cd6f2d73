import type { AdjustmentChange, Terms } from './types';

/** The contract terms after an adjustment: only the fields the change names are replaced. */
export function applyChange(terms: Terms, change: AdjustmentChange): Terms {
  return {
    contract: { ...terms.contract, ...(change.contract ?? {}) },
    schedule: change.schedule ?? terms.schedule,
    newInvestmentFen: change.newInvestmentFen ?? terms.newInvestmentFen,
  };
}

/** Which indicators the overview calls running out (pure: tested in test/unit/console-budget.test.ts). */
import type { BudgetIndicator } from '../../services/schemas';

/** An open indicator of the year with less than this share (percent) of its amount left is running out. */
export const RUNNING_OUT_PERCENT = 20;

type Figures = Pick<BudgetIndicator, 'status' | 'fiscalYear' | 'amountFen' | 'remainingFen'>;

/** The year's open indicators with less than RUNNING_OUT_PERCENT left, the lowest share first (integer cross-multiplication: no rounding). */
export function runningOut<T extends Figures>(indicators: readonly T[], year: number): T[] {
  return indicators
    .filter((i) => i.status === 'open' && i.fiscalYear === year && i.remainingFen * 100 < i.amountFen * RUNNING_OUT_PERCENT)
    .sort((a, b) => a.remainingFen * b.amountFen - b.remainingFen * a.amountFen);
}

import { chinaDate } from '../../../domain/dates';
import {
  decideCarryOver, decideCreate, decideLapse, indicatorNoProblem,
  type CarryOverBody, type Indicator, type IndicatorBody, type IndicatorOutcome,
} from '../../../domain/budget/indicator';
import { getProgram } from '../storage/catalog-store';
import { getIndicator, putNewIndicator, writeCarryOver, writeLapse } from '../storage/budget-store';
import { StorageUnavailable } from '../storage/errors';

/**
 * The indicator commands, each load → decide (domain/budget/indicator.ts) → persist, deciding
 * again when the indicator moved under it. The routes map the outcome: ok → 201 (created) or 200
 * (the same request again), invalid → 400, violation → 422, conflict → 409, notFound → 404.
 */
export type IndicatorAnswer<T> = IndicatorOutcome<T> | { ok: false; notFound: string };

const MAX_ATTEMPTS = 10;
const busy = (what: string) => new StorageUnavailable(new Error(`indicator ${what} kept changing; nothing was written`));

/** POST /budget-indicators. */
export async function createIndicator(body: IndicatorBody, now: Date): Promise<IndicatorOutcome<{ created: boolean; indicator: Indicator }>> {
  const today = chinaDate(now);
  const programKnown = (await getProgram(body.programCode)) !== null;
  const decided = decideCreate(body, { existing: null, programKnown, today });
  if (!decided.ok) return decided;
  const put = await putNewIndicator(decided.indicator, now);
  if (put.kind === 'created') return decided;
  // The number is taken: the same body answers that indicator, another is a conflict.
  return decideCreate(body, { existing: put.existing, programKnown, today });
}

/** POST /budget-indicators/{no}/carry-over. */
export async function carryOverIndicator(indicatorNo: string, body: CarryOverBody, now: Date): Promise<IndicatorAnswer<{ repeated: boolean; closed: Indicator; created: Indicator }>> {
  const today = chinaDate(now);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [old, target] = await Promise.all([getIndicator(indicatorNo), indicatorNoProblem(body.indicatorNo) === null ? getIndicator(body.indicatorNo) : null]);
    if (!old) return { ok: false, notFound: `no budget indicator ${indicatorNo}` };
    const decided = decideCarryOver(old, body, { target, today });
    if (!decided.ok || decided.repeated) return decided;
    if ((await writeCarryOver(old, decided.closed, decided.created, now)) === 'written') return decided;
  }
  throw busy(indicatorNo);
}

/** POST /budget-indicators/{no}/lapse. */
export async function lapseIndicator(indicatorNo: string, body: { reference: string }, now: Date): Promise<IndicatorAnswer<{ repeated: boolean; lapsed: Indicator }>> {
  const today = chinaDate(now);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const old = await getIndicator(indicatorNo);
    if (!old) return { ok: false, notFound: `no budget indicator ${indicatorNo}` };
    const decided = decideLapse(old, body, today);
    if (!decided.ok || decided.repeated) return decided;
    if ((await writeLapse(old, decided.lapsed)) === 'written') return decided;
  }
  throw busy(indicatorNo);
}

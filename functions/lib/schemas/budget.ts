import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, INDICATOR_STATUSES } from '../../../domain/budget/indicator';
import { businessDate, cursor, dateOut, fen, id, indicatorNo, limit, positiveFen, reference } from './common';

/** Budget indicators (预算指标) and the execution report (支出进度): API.md v3. */

const fiscalYear = () => z.int().check(z.minimum(FISCAL_YEAR_MIN), z.maximum(FISCAL_YEAR_MAX));
const fiscalYearQuery = () => z.coerce.number().check(z.int(), z.minimum(FISCAL_YEAR_MIN), z.maximum(FISCAL_YEAR_MAX));

export const indicatorCreateSchema = lazySchema(() =>
  meta(
    z.strictObject({
      indicatorNo: real(indicatorNo),
      fiscalYear: fiscalYear(),
      programCode: id(),
      amountFen: real(positiveFen),
      issuedOn: real(businessDate),
      reference: z.optional(z.nullable(real(reference))),
    }),
    { id: 'BudgetIndicatorInput', description: 'A budget indicator (预算指标): the province’s spending authority for one program in one fiscal year' },
  ),
);

export const indicatorOut = lazySchema(() =>
  meta(
    z.strictObject({
      indicatorNo: z.string(),
      fiscalYear: z.int(),
      programCode: z.string(),
      amountFen: real(fen),
      allocatedFen: meta(real(fen), { description: 'Allocations naming it, pending or confirmed, less decommitted and reversed' }),
      remainingFen: meta(real(fen), { description: 'amountFen − allocatedFen' }),
      transferredFen: meta(real(fen), { description: 'Province money of those allocations passed to zones (a project’s transfers cover its allocations oldest first)' }),
      paidFen: meta(real(fen), { description: 'Province money of those allocations paid to owners (payments cover allocations oldest first)' }),
      status: z.enum(INDICATOR_STATUSES as ['open', 'carried-over', 'lapsed']),
      carriedFrom: meta(z.optional(z.string()), { description: 'The indicator of the year before whose rest this one carries (结转)' }),
      carriedTo: meta(z.optional(z.string()), { description: 'The next year’s indicator that carries this one’s rest' }),
      lapsedFen: meta(z.optional(real(fen)), { description: 'The rest when it lapsed' }),
      issuedOn: real(dateOut),
      reference: z.nullable(z.string()),
      closedOn: meta(z.nullable(real(dateOut)), { description: 'The day of its carry-over or lapse' }),
      closeReference: meta(z.nullable(z.string()), { description: 'The document of its carry-over or lapse' }),
    }),
    { id: 'BudgetIndicator' },
  ),
);

export const indicatorReply = lazySchema(() => meta(z.strictObject({ indicator: real(indicatorOut) }), { id: 'BudgetIndicatorReply' }));

export const indicatorListQuery = lazySchema(() =>
  z.strictObject({ fiscalYear: z.optional(fiscalYearQuery()), programCode: z.optional(id()), cursor: real(cursor), limit: real(limit) }),
);
export const indicatorListOut = lazySchema(() =>
  meta(z.strictObject({ indicators: z.array(real(indicatorOut)), nextCursor: z.nullable(z.string()) }), { id: 'BudgetIndicatorList', description: 'Newest fiscal year first, then program, then number' }),
);

export const indicatorParams = lazySchema(() => z.strictObject({ indicatorNo: real(indicatorNo) }));

export const carryOverSchema = lazySchema(() =>
  meta(z.strictObject({ indicatorNo: real(indicatorNo), reference: real(reference) }), { id: 'CarryOverRequest', description: 'The next year’s indicator number and the carry-over document (结转)' }),
);
export const carryOverOut = lazySchema(() =>
  meta(z.strictObject({ indicator: real(indicatorOut), created: real(indicatorOut) }), { id: 'CarryOverReply', description: 'The indicator carried over, and the next year’s indicator that carries its rest' }),
);
export const lapseSchema = lazySchema(() => meta(z.strictObject({ reference: real(reference) }), { id: 'LapseRequest' }));

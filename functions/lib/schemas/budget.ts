import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, INDICATOR_STATUSES } from '../../../domain/budget/indicator';
import { EXECUTION_GROUP_BYS } from '../../../domain/budget/execution';
import { businessDate, cityName, cursor, dateOut, fen, id, indicatorNo, limit, positiveFen, reference } from './common';

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

// --- the execution report ----------------------------------------------------------------------

const fraction = lazySchema(() => z.strictObject({ numerator: z.int().check(z.minimum(0)), denominator: z.int().check(z.minimum(0)) }));

export const executionQuery = lazySchema(() =>
  z.strictObject({
    fiscalYear: fiscalYearQuery(),
    groupBy: z.enum(EXECUTION_GROUP_BYS as ['zone', 'city', 'program']),
    asOf: meta(z.optional(real(businessDate)), { description: 'Default today (China)' }),
    toleranceBps: meta(z.optional(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10_000))), { description: 'Basis points below time progress a group may be before it is behind. Default 1000' }),
    programCode: z.optional(id()),
    zoneId: z.optional(id()),
    city: z.optional(cityName()),
  }),
);

const executionFigures = () => ({
  allocatedFen: real(fen),
  transferredFen: real(fen),
  paidFen: real(fen),
  progress: meta(real(fraction), { description: 'paidFen ÷ allocatedFen, as an integer pair' }),
  timeProgress: meta(real(fraction), { description: 'Days of the fiscal year through asOf ÷ days in the year' }),
  behind: meta(z.boolean(), { description: 'Progress more than toleranceBps below time progress' }),
});

export const executionRowOut = lazySchema(() =>
  meta(
    z.strictObject({
      group: z.string(),
      name: meta(z.nullable(z.string()), { description: 'The zone’s or program’s name; null for a city (its name is the group)' }),
      attributes: z.strictObject({ zoneId: z.optional(z.string()), city: z.optional(z.string()), programCode: z.optional(z.string()) }),
      rank: meta(z.nullable(z.int()), { description: 'By progress, highest first; equal progress shares a rank' }),
      ...executionFigures(),
    }),
    { id: 'ExecutionRow' },
  ),
);

export const executionOut = lazySchema(() =>
  meta(
    z.strictObject({
      fiscalYear: z.int(),
      groupBy: z.enum(EXECUTION_GROUP_BYS as ['zone', 'city', 'program']),
      asOf: real(dateOut),
      toleranceBps: z.int(),
      rows: meta(z.array(real(executionRowOut)), { description: 'Ranked by progress (支出进度排名)' }),
      totals: z.strictObject(executionFigures()),
    }),
    { id: 'ExecutionReport', description: 'The province money of the fiscal year’s indicators; every figure equals the sum over the group’s projects' },
  ),
);

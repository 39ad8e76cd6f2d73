import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN } from '../../../domain/budget/indicator';
import { EXECUTION_GROUP_BYS } from '../../../domain/budget/execution';
import { businessDate, cityName, dateOut, fen, id } from './common';

/**
 * The execution report (支出进度), API.md v3: read routes only, so not re-exported by index.ts
 * (the write function, which bundles every schema index.ts names, does not carry these).
 */

const fiscalYearQuery = () => z.coerce.number().check(z.int(), z.minimum(FISCAL_YEAR_MIN), z.maximum(FISCAL_YEAR_MAX));

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

/** The execution report's figures as a page shows them: fractions as percentages (one decimal, for reading only). */
import type * as z from 'zod/mini';
import type { executionOut } from '../../../../functions/lib/schemas/execution';
import type { Catalog } from '../../services/catalog';

type ExecutionRow = z.infer<typeof executionOut>['rows'][number];
type ExecutionGroupBy = z.infer<typeof executionOut>['groupBy'];

export interface Fraction {
  numerator: number;
  denominator: number;
}

/** A fraction as a percentage, one decimal; null when there is nothing to divide by. */
export function percentOf(f: Fraction): number | null {
  if (f.denominator === 0) return null;
  return Math.round((f.numerator * 1000) / f.denominator) / 10;
}

/** The row's name: the API's (zones, programs), the catalog's while it has none, a city is its own name. */
export function rowName(row: Pick<ExecutionRow, 'group' | 'name'>, groupBy: ExecutionGroupBy, catalog: Catalog | null): string {
  if (row.name) return row.name;
  if (groupBy === 'zone') return catalog?.zones.find((z) => z.zoneId === row.group)?.name ?? row.group;
  if (groupBy === 'program') return catalog?.programs.find((p) => p.code === row.group)?.name ?? row.group;
  return row.group;
}

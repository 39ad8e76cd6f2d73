import type * as z from 'zod/mini';
import { chinaDate } from '../../domain/dates';
import { BUDGET_READERS } from '../../domain/access';
import { indicatorView } from '../../domain/budget/indicator';
import { DEFAULT_TOLERANCE_BPS, executionRows, executionTotal, rankByProgress, type ExecutionFilter, type ExecutionGroupBy, type ExecutionOptions, type ExecutionRow } from '../../domain/budget/execution';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { notFound } from '../lib/http/problems';
import { listingScope, requireRole } from '../lib/authorize';
import { pageFromCursor } from '../lib/cursor';
import { indicatorListShape } from '../lib/cursor-shapes';
import { fileReply } from '../lib/files';
import { executionWorkbook } from '../lib/excel/execution';
import { XLSX, type indicatorListQuery } from '../lib/schemas';
import type { executionQuery } from '../lib/schemas/execution';
import { getIndicator, listIndicators, readExecutionCells } from '../lib/storage/budget-store';
import { cityOfZone, listPrograms, listZones } from '../lib/storage/catalog-store';

/**
 * Budget indicators (预算指标) and the execution report (支出进度), API.md v3: the reads. Indicators
 * are read by finance officers, admins and auditors (finance officers write them: budget-writes.ts);
 * the report by the same roles, and by zone committees and city bureaus for their own rows.
 */
const requireIndicatorReader = (req: Req<unknown, unknown, unknown>) => requireRole(req.principal, ...BUDGET_READERS);

async function list(req: Req<unknown, z.infer<typeof indicatorListQuery>>): Promise<Reply> {
  requireIndicatorReader(req);
  const filter = { ...(req.query.fiscalYear !== undefined ? { fiscalYear: req.query.fiscalYear } : {}), ...(req.query.programCode !== undefined ? { programCode: req.query.programCode } : {}) };
  const page = await pageFromCursor(req.query.cursor, { tag: 'indicators', filter }, indicatorListShape(filter), (start) => listIndicators(filter, req.query.limit, start));
  return { status: 200, body: { indicators: page.indicators.map(indicatorView), nextCursor: page.nextCursor } };
}

async function getOne(req: Req<{ indicatorNo: string }>): Promise<Reply> {
  requireIndicatorReader(req);
  const i = await getIndicator(req.params.indicatorNo);
  if (!i) throw notFound(`No budget indicator ${req.params.indicatorNo}.`);
  return { status: 200, body: { indicator: indicatorView(i) } };
}

// --- the execution report ----------------------------------------------------------------------

type ExecutionQuery = z.infer<typeof executionQuery>;

/**
 * The rows as of the day, from the execution rollups (one key range, O(zones × programs × months)
 * items whatever the number of projects), scoped: a zone committee's rows hold its zone's money
 * only, a city bureau's its city's, in every grouping.
 */
async function report(req: Req<unknown, ExecutionQuery>) {
  const q = req.query;
  const scope = await listingScope(req.principal, { zoneId: q.zoneId, city: q.city }, 'execution progress', cityOfZone);
  const filter: ExecutionFilter = {
    ...(q.programCode !== undefined ? { programCode: q.programCode } : {}),
    ...(scope.zoneId !== undefined ? { zoneId: scope.zoneId } : {}),
    ...(scope.city !== undefined ? { city: scope.city } : {}),
  };
  const o: ExecutionOptions = { fiscalYear: q.fiscalYear, asOf: q.asOf ?? chinaDate(req.now), toleranceBps: q.toleranceBps ?? DEFAULT_TOLERANCE_BPS };
  const groupBy = q.groupBy as ExecutionGroupBy;
  const [{ cells }, names] = await Promise.all([readExecutionCells(o.fiscalYear, o.asOf), groupNames(groupBy)]);
  const rows = executionRows(groupBy, cells, filter, o);
  return { groupBy, o, rows, total: executionTotal(rows, o), names };
}

/** Group code → name: zones and programs have names; a city is its own name. */
async function groupNames(groupBy: ExecutionGroupBy): Promise<Map<string, string>> {
  if (groupBy === 'zone') return new Map((await listZones()).map((z) => [z.zoneId, z.name]));
  if (groupBy === 'program') return new Map((await listPrograms()).map((p) => [p.code, p.name]));
  return new Map();
}

const figures = (r: ExecutionRow) => ({
  allocatedFen: r.allocatedFen, transferredFen: r.transferredFen, paidFen: r.paidFen, progress: r.progress, timeProgress: r.timeProgress, behind: r.behind,
});

async function execution(req: Req<unknown, ExecutionQuery>): Promise<Reply> {
  const { groupBy, o, rows, total, names } = await report(req);
  return {
    status: 200,
    body: {
      fiscalYear: o.fiscalYear,
      groupBy,
      asOf: o.asOf,
      toleranceBps: o.toleranceBps ?? DEFAULT_TOLERANCE_BPS,
      rows: rankByProgress(rows).map((r) => ({ group: r.group, name: names.get(r.group) ?? null, attributes: r.attributes, rank: r.rank, ...figures(r) })),
      totals: figures(total),
    },
  };
}

async function executionXlsx(req: Req<unknown, ExecutionQuery>): Promise<Reply> {
  const { groupBy, o, rows, total, names } = await report(req);
  const bytes = await executionWorkbook(rows, total, { groupBy, fiscalYear: o.fiscalYear, asOf: o.asOf, toleranceBps: o.toleranceBps ?? DEFAULT_TOLERANCE_BPS, names });
  return fileReply(bytes, `支出进度表-${o.fiscalYear}-${groupBy}-${o.asOf}.xlsx`, XLSX);
}

export const budgetReads: Record<string, RouteImpl> = {
  'GET /budget-indicators': list,
  'GET /budget-indicators/{indicatorNo}': getOne,
  'GET /reports/execution': execution,
  'GET /reports/execution.xlsx': executionXlsx,
};


import type * as z from 'zod/mini';
import { portfolioRows, totalOf, type PortfolioFilter } from '../../domain/portfolio/report';
import type { Dimension } from '../../domain/portfolio/contribution';
import { DEFAULT_FUNDER_NAMES } from '../../domain/glossary';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { listingScope } from '../lib/authorize';
import { portfolioWorkbook } from '../lib/excel/reports';
import { fileReply } from '../lib/files';
import { figuresOf, rowView } from '../lib/portfolio-view';
import { XLSX, type portfolioQuery } from '../lib/schemas';
import { listClusters, listPrograms, listZones, cityOfZone } from '../lib/storage/catalog-store';
import { readRollupShards } from '../lib/storage/rollup-store';

type Query = z.infer<typeof portfolioQuery>;

/** The rows of the report, regrouped from the cluster rollups (the only ones kept: rollupGroupsOf). */
async function report(req: Req<unknown, Query>) {
  const q = req.query;
  const scope = await listingScope(req.principal, { zoneId: q.zoneId, city: q.city }, 'portfolio', cityOfZone);
  const filter: PortfolioFilter = {
    ...(q.programCode !== undefined ? { programCode: q.programCode } : {}),
    ...(scope.zoneId !== undefined ? { zoneId: scope.zoneId } : {}),
    ...(scope.city !== undefined ? { city: scope.city } : {}),
  };
  const dimension = q.groupBy as Dimension;
  const [{ shards }, programs] = await Promise.all([readRollupShards('cluster'), listPrograms()]);
  const names = new Map(programs.map((p) => [p.code, p.funderNames]));
  // A cluster's program always exists (clusters are created under one); the default is never met.
  const rows = portfolioRows(dimension, shards, filter, (code) => (code !== undefined ? names.get(code) : undefined) ?? DEFAULT_FUNDER_NAMES).filter((r) => r.sums.projects > 0);
  return { dimension, rows, totals: totalOf(rows) };
}

async function portfolio(req: Req<unknown, Query>): Promise<Reply> {
  const { dimension, rows, totals } = await report(req);
  return { status: 200, body: { groupBy: dimension, rows: rows.map(rowView), totals: figuresOf(totals) } };
}

/** Group code → name, for the workbook's 名称 column. */
async function groupNames(dimension: Dimension): Promise<Map<string, string>> {
  if (dimension === 'program') return new Map((await listPrograms()).map((p) => [p.code, p.name]));
  if (dimension === 'zone') return new Map((await listZones()).map((z) => [z.zoneId, z.name]));
  if (dimension === 'cluster') return new Map((await listClusters()).map((c) => [c.clusterId, c.name]));
  return new Map();
}

async function portfolioXlsx(req: Req<unknown, Query>): Promise<Reply> {
  const [{ dimension, rows, totals }, names] = await Promise.all([report(req), groupNames(req.query.groupBy as Dimension)]);
  return fileReply(await portfolioWorkbook(dimension, rows, totals, names), `资金到位情况表-${dimension}.xlsx`, XLSX);
}

export const portfolioReads: Record<string, RouteImpl> = {
  'GET /reports/portfolio': portfolio,
  'GET /reports/portfolio.xlsx': portfolioXlsx,
};

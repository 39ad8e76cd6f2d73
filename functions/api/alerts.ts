import type * as z from 'zod/mini';
import { afterToday, chinaDate } from '../../domain/dates';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { cityOfZone } from '../lib/storage/catalog-store';
import { listingScope, requireRole } from '../lib/authorize';
import { badRequest } from '../lib/http/problems';
import { pageFromCursor } from '../lib/cursor';
import { alertListShape } from '../lib/cursor-shapes';
import type { alertListQuery, sweepSchema } from '../lib/schemas';
import { alertQuery, listAlerts } from '../lib/storage/alert-store';
import { runSweep } from '../lib/alerts/sweep';
import { configuredPublisher } from '../lib/alerts/publisher';
import { PUBLISH_LEFTOVERS_AFTER_MS } from '../lib/alerts/settings';

// Made on the first sweep, so the read function (which shares this module) never reaches it.
let publisher: ReturnType<typeof configuredPublisher> | undefined;

/** GET /alerts: every role reads; a zone committee only its own zone, a city bureau its city. */
async function list(req: Req<unknown, z.infer<typeof alertListQuery>>): Promise<Reply> {
  const q = req.query;
  const scope = await listingScope(req.principal, { zoneId: q.zoneId, city: q.city }, 'alerts', cityOfZone);
  const filter = { status: q.status, zoneId: scope.zoneId, city: scope.city, projectId: q.projectId, kind: q.kind };
  const page = await pageFromCursor(q.cursor, { tag: 'alerts', filter }, alertListShape(alertQuery(filter)), (start) => listAlerts(filter, q.limit, start));
  return { status: 200, body: { alerts: page.alerts, nextCursor: page.nextCursor } };
}

/**
 * POST /alerts/sweep: the daily sweep on demand (admin); asOf defaults to today in China. Never a
 * day ahead: the alerts a sweep raises are real (stored, notified), and lag that has not happened
 * yet is not a fact.
 */
async function sweep(req: Req<unknown, unknown, z.infer<typeof sweepSchema>>): Promise<Reply> {
  requireRole(req.principal, 'admin');
  const asOf = req.body.asOf ?? chinaDate(req.now);
  const ahead = afterToday(asOf, req.now);
  if (ahead) throw badRequest([{ path: 'asOf', message: ahead }]);
  const result = await runSweep(asOf, req.now, (publisher ??= configuredPublisher()), { publishOlderThanMs: PUBLISH_LEFTOVERS_AFTER_MS, signal: req.signal });
  return { status: 200, body: result };
}

export const alertReads: Record<string, RouteImpl> = { 'GET /alerts': list };
export const alertWrites: Record<string, RouteImpl> = { 'POST /alerts/sweep': sweep };

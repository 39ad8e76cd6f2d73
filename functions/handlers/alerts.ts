import { chinaDate } from '../../domain/dates';
import { apiHandler, type RouteRequest } from '../lib/http/handler';
import { json, parse } from '../lib/http/middleware';
import { listingZone, requireRole } from '../lib/authorize';
import { encodeCursor, pageFromCursor } from '../lib/cursor';
import { alertListQuery, sweepSchema } from '../lib/schemas';
import { listAlerts } from '../lib/storage/alert-store';
import { runSweep } from '../lib/alerts/sweep';
import { configuredPublisher } from '../lib/alerts/publisher';
import { PUBLISH_LEFTOVERS_AFTER_MS } from '../lib/alerts/settings';

const publisher = configuredPublisher();

/** GET /alerts: every role reads; a zone committee only its own zone. */
async function list({ ctx, query }: RouteRequest) {
  const q = parse(alertListQuery, query, 'query');
  const p = ctx.principal!;
  const zoneId = listingZone(p, q.zoneId, 'alerts');
  const page = await pageFromCursor(q.cursor, (start) => listAlerts({ status: q.status, zoneId, projectId: q.projectId, kind: q.kind }, q.limit, start));
  return json(200, { alerts: page.alerts, nextCursor: page.next ? encodeCursor(page.next) : null });
}

/** POST /alerts/sweep: the daily sweep on demand (admin); asOf defaults to today in China. */
async function sweep({ ctx, now }: RouteRequest) {
  requireRole(ctx.principal!, 'admin');
  const { asOf } = parse(sweepSchema, ctx.body);
  const result = await runSweep(asOf ?? chinaDate(now), now, publisher, { publishOlderThanMs: PUBLISH_LEFTOVERS_AFTER_MS });
  return json(200, result);
}

export const handler = apiHandler({
  'GET /alerts': list,
  'POST /alerts/sweep': sweep,
});

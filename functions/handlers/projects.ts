import { chinaDate, compareDates } from '../../domain/dates';
import { evaluate } from '../../domain/alerts/conditions';
import { replay } from '../../domain/project/evolve';
import type { Registration } from '../../domain/project/types';
import { apiHandler, type RouteRequest } from '../lib/http/handler';
import { json, parse } from '../lib/http/middleware';
import { notFound } from '../lib/http/problems';
import { listingZone, requireReadProject } from '../lib/authorize';
import { encodeCursor, pageFromCursor } from '../lib/cursor';
import { postEntry } from '../lib/ledger/post-entry';
import { projectGetQuery, projectListQuery, registrationSchema } from '../lib/schemas';
import { allEntries, getClusterUsage, getProject } from '../lib/storage/ledger-store';
import { listProjects } from '../lib/storage/project-queries';
import { projectSummary, projectView } from '../lib/views';

/** Register a contract: entry 1 of the project's ledger. Idempotency-Key is honoured when sent. */
async function register({ event, ctx, now }: RouteRequest) {
  const registration = parse(registrationSchema, ctx.body) as Registration;
  return postEntry({
    projectId: registration.projectId,
    command: { kind: 'register', registration },
    principal: ctx.principal!,
    idempotencyKey: ctx.idempotencyKey,
    fingerprint: { route: event.routeKey, body: ctx.body },
    now,
  });
}

/** The project as of the end of a business day (default today): entries with valueDate ≤ asOf. */
async function getOne({ ctx, params, query, now }: RouteRequest) {
  const { asOf } = parse(projectGetQuery, query, 'query');
  const stored = await getProject(params.projectId!);
  if (!stored) throw notFound(`No project ${params.projectId}.`);
  requireReadProject(ctx.principal!, stored.state);
  const today = chinaDate(now);
  const cluster = await getClusterUsage(stored.state.registration.clusterId);
  if (!asOf || compareDates(asOf, today) >= 0) {
    return json(200, projectView(stored.state, asOf ?? today, stored.openAlerts, cluster));
  }
  const entries = (await allEntries(params.projectId!)).filter((e) => e.type === 'registration' || compareDates(e.valueDate, asOf) <= 0);
  const state = replay(entries)!;
  // Past open alerts are not stored by date: show the conditions that held on that day.
  const conditions = evaluate(state, asOf).map((c) => ({ ...c, alertId: `${state.registration.projectId}:${c.kind}:${c.funder}`, raisedOn: asOf, lastSeenOn: asOf }));
  return json(200, projectView(state, asOf, conditions, null));
}

async function list({ ctx, query, now }: RouteRequest) {
  const q = parse(projectListQuery, query, 'query');
  const p = ctx.principal!;
  const zoneId = listingZone(p, q.zoneId, 'projects');
  const today = chinaDate(now);
  const page = await pageFromCursor(q.cursor, (start) => listProjects({ zoneId, programCode: q.programCode, clusterId: q.clusterId }, q.limit, start));
  // Lagging depends on today's date, so it is computed here rather than stored; a page may
  // therefore hold fewer than `limit` projects while nextCursor still leads on.
  const projects = page.items
    .map((i) => projectSummary(i.state, today, i.openAlerts.length))
    .filter((s) => q.lagging === undefined || s.lagging === (q.lagging === 'true'));
  return json(200, { projects, nextCursor: page.next ? encodeCursor(page.next) : null });
}

export const handler = apiHandler({
  'POST /projects': register,
  'GET /projects/{projectId}': getOne,
  'GET /projects': list,
});

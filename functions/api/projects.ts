import type * as z from 'zod/mini';
import { chinaDate, compareDates } from '../../domain/dates';
import { evaluate } from '../../domain/alerts/conditions';
import { rebuildAsOf } from '../../domain/project/rebuild';
import type { Registration } from '../../domain/project/types';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { listingScope, requireReadable } from '../lib/authorize';
import { pageFromCursor } from '../lib/cursor';
import { projectListShape } from '../lib/cursor-shapes';
import { postEntry } from '../lib/ledger/post-entry';
import { outcomeReply } from '../lib/http/ledger-answers';
import type { projectGetQuery, projectListQuery } from '../lib/schemas';
import { registration } from '../../domain/project/kinds/registration';
import { allEntries, dynamoLedgerStore, getClusterUsage, getProject } from '../lib/storage/ledger-store';
import { listProjectSummaries, planQuery } from '../lib/storage/project-queries';
import { getZone, cityOfZone } from '../lib/storage/catalog-store';
import { projectView } from '../lib/views';

/** Register a contract: entry 1 of the project's ledger. Idempotency-Key is honoured when sent. */
async function register(req: Req<unknown, unknown, Registration>): Promise<Reply> {
  return outcomeReply(await postEntry(dynamoLedgerStore, {
    projectId: req.body.projectId,
    command: registration.route.toCommand(req.body, { projectId: req.body.projectId }),
    principal: req.principal,
    idempotencyKey: req.idempotencyKey,
    fingerprint: { route: req.event.routeKey, body: req.body },
    now: req.now,
  }));
}

/** The project as of the end of a business day (default today): entries with valueDate ≤ asOf. */
async function getOne(req: Req<{ projectId: string }, z.infer<typeof projectGetQuery>>): Promise<Reply> {
  const { projectId } = req.params;
  const stored = await getProject(projectId);
  requireReadable(req.principal, projectId, stored ? { zoneId: stored.state.registration.zoneId, city: stored.city } : null);
  const today = chinaDate(req.now);
  const asOf = req.query.asOf ?? today;
  const cluster = await getClusterUsage(stored!.state.registration.clusterId);
  if (compareDates(asOf, stored!.state.lastValueDate) >= 0) {
    return { status: 200, body: projectView(stored!.state, stored!.city, asOf, stored!.openAlerts, cluster) };
  }
  const state = rebuildAsOf(await allEntries(projectId), asOf)!;
  // Past open alerts are not stored by date: show the conditions that held on that day.
  const conditions = evaluate(state, asOf).map((c) => ({ ...c, alertId: `${projectId}.${c.kind}.${c.funder ?? 'project'}.${asOf}`, raisedOn: asOf, lastSeenOn: asOf }));
  return { status: 200, body: projectView(state, stored!.city, asOf, conditions, null) };
}

async function list(req: Req<unknown, z.infer<typeof projectListQuery>>): Promise<Reply> {
  const q = req.query;
  const scope = await listingScope(req.principal, { zoneId: q.zoneId, city: q.city }, 'projects', cityOfZone);
  const filter = {
    ...(scope.zoneId !== undefined ? { zoneId: scope.zoneId } : {}),
    ...(scope.city !== undefined ? { city: scope.city } : {}),
    ...(q.programCode !== undefined ? { programCode: q.programCode } : {}),
    ...(q.clusterId !== undefined ? { clusterId: q.clusterId } : {}),
    ...(q.status !== undefined ? { status: q.status } : {}),
    ...(q.lagging !== undefined ? { lagging: q.lagging === 'true' } : {}),
  };
  // Lagging projects are keyed by city then zone: a zone scope needs its city to be a key prefix.
  if (filter.lagging === true && filter.zoneId !== undefined && filter.city === undefined) {
    const city = (await getZone(filter.zoneId))?.city;
    if (city) Object.assign(filter, { city });
  }
  const page = await pageFromCursor(q.cursor, { tag: 'projects', filter }, projectListShape(planQuery(filter)), (start) => listProjectSummaries(filter, q.limit, start));
  return { status: 200, body: { projects: page.items, nextCursor: page.nextCursor } };
}

export const projectReads: Record<string, RouteImpl> = {
  'GET /projects': list,
  'GET /projects/{projectId}': getOne,
};

export const projectWrites: Record<string, RouteImpl> = {
  'POST /projects': register,
};

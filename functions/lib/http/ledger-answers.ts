import type { PostOutcome } from '../ledger/outcomes';
import type { Reply } from './handler';
import { badRequest, conflict, forbidden, notFound, ruleViolated, unavailable } from './problems';

/**
 * The one place a ledger write's outcome becomes an HTTP answer: 201 with the entry and the
 * project, a remembered 422 (both marked when replayed), or the refusal's problem. Routes reply
 * with it; a plan document records each line's answer with it.
 */
export function outcomeReply(o: PostOutcome): Reply {
  const replay = 'replayed' in o && o.replayed ? { 'idempotent-replayed': 'true' } : undefined;
  switch (o.kind) {
    case 'posted':
      return { status: 201, body: { entry: o.entry, project: o.project }, headers: replay ?? { location: `/projects/${o.entry.projectId}/history` } };
    case 'rejected':
      return problemReply(ruleViolated(o.violation), replay);
    case 'invalid':
      return problemReply(badRequest(o.errors));
    case 'conflict':
      return problemReply(conflict(o.detail, o.rule));
    case 'forbidden':
      return problemReply(forbidden(o.detail));
    case 'not-found':
      return problemReply(notFound(o.detail));
    case 'busy':
      return problemReply(unavailable(o.detail, 1));
  }
}

const problemReply = (p: ReturnType<typeof badRequest>, headers?: Record<string, string>): Reply => ({
  status: p.status,
  body: p.body(),
  problem: true,
  headers: { ...p.headers, ...(headers ?? {}) },
});

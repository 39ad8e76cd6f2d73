import * as z from 'zod/mini';
import type { RouteSpec } from '../lib/http/route-spec';
import * as s from '../lib/schemas';
import { lazySchema, real } from '../../domain/schema/lazy';

/** What several routes' specs share: path parameters, documented headers, the ledger-event shape. */
export const projectParams = lazySchema(() => z.strictObject({ projectId: s.id() }));
export const proposalParams = lazySchema(() => z.strictObject({ projectId: s.id(), entryId: real(s.entryId) }));
export const clusterParams = lazySchema(() => z.strictObject({ clusterId: s.id() }));

export const RETRY = { 'Retry-After': 'Seconds to wait before retrying' };
export const created = (description: string, schema: z.ZodMiniType) => ({ 201: { description, schema, headers: { Location: 'Where the new entry can be read' } } });
export const replayable = { 'Idempotent-Replayed': 'true when this is the remembered answer to an earlier request with the same Idempotency-Key' };

/** Every route that writes a ledger entry: 201, a remembered 422, 409 on key reuse, 503 when storage is busy. */
export const ledgerEvent = (summary: string, body: z.ZodMiniType, tags: string[], description?: string, bodyOptional = false): RouteSpec => ({
  summary,
  ...(description ? { description } : {}),
  tags,
  params: projectParams,
  body,
  bodyOptional,
  idempotencyKey: 'required',
  responses: {
    201: { description: 'The entry and the project after it', schema: s.ledgerEventOut, headers: { Location: 'The project history', ...replayable } },
    409: { description: 'Idempotency-Key reused with a different request (rule idempotency-key-reuse), or the event happens once' },
    422: { description: 'A funding rule would be broken: `rule` and, where a limit is involved, limitFen / usedFen / attemptedFen', headers: replayable },
    503: { description: 'Storage busy or unavailable past retries: nothing was written. Or …/problems/timed-out, out of time: it may have been written; send it again with the same Idempotency-Key', headers: RETRY },
  },
});

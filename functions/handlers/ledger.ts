import type { Command } from '../../domain/project/commands';
import { apiHandler, type RouteRequest } from '../lib/http/handler';
import { parse } from '../lib/http/middleware';
import { badRequest } from '../lib/http/problems';
import { postEntry } from '../lib/ledger/post-entry';
import { allocationSchema, disbursementSchema, matchConfirmationSchema, reversalSchema } from '../lib/schemas';

/** The four ledger events. Each: parse → post (authorize, load, decide, persist) → respond. */
function ledgerRoute(toCommand: (body: unknown) => Command) {
  return async ({ event, ctx, params, now }: RouteRequest) => {
    const command = toCommand(ctx.body);
    if (!ctx.idempotencyKey) {
      throw badRequest([{ path: 'headers.Idempotency-Key', message: 'required on every POST that writes a ledger entry' }]);
    }
    return postEntry({
      projectId: params.projectId!,
      command,
      principal: ctx.principal!,
      idempotencyKey: ctx.idempotencyKey,
      fingerprint: { route: event.routeKey, projectId: params.projectId, body: ctx.body },
      now,
    });
  };
}

export const handler = apiHandler({
  'POST /projects/{projectId}/allocations': ledgerRoute((b) => ({ kind: 'allocate', ...parse(allocationSchema, b) })),
  'POST /projects/{projectId}/match-confirmations': ledgerRoute((b) => ({ kind: 'confirm-match', ...parse(matchConfirmationSchema, b) })),
  'POST /projects/{projectId}/disbursements': ledgerRoute((b) => ({ kind: 'disburse', ...parse(disbursementSchema, b) })),
  'POST /projects/{projectId}/reversals': ledgerRoute((b) => ({ kind: 'reverse', ...parse(reversalSchema, b) })),
});

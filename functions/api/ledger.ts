import { KINDS, PROJECT_KINDS } from '../../domain/project/kinds';
import type { Command } from '../../domain/project/commands';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { postEntry } from '../lib/ledger/post-entry';
import { dynamoLedgerStore } from '../lib/storage/ledger-store';
import { outcomeReply } from '../lib/http/ledger-answers';
import { uploadCheck } from '../lib/evidence/ledger-uploads';

/** Evidence completions check the stored file (the evidence bucket; locally the local store). */
const checkUpload = uploadCheck();

type Params = { projectId: string; entryId?: string; evidenceId?: string };

/** parse (done by the pipeline) → post (authorize, load, decide, persist) → answer. */
function ledgerRoute(toCommand: (body: unknown, params: Params) => Command): RouteImpl {
  return async (req: Req<Params, unknown, unknown>): Promise<Reply> =>
    outcomeReply(await postEntry(dynamoLedgerStore, {
      projectId: req.params.projectId,
      command: toCommand(req.body, req.params),
      principal: req.principal,
      idempotencyKey: req.idempotencyKey,
      fingerprint: { route: req.event.routeKey, params: req.params, body: req.body },
      now: req.now,
      checkUpload,
    }));
}

/** Every route that writes one ledger entry on a project: one per kind of the catalogue. */
export const ledgerWrites: Record<string, RouteImpl> = Object.fromEntries(
  PROJECT_KINDS.map((type) => {
    const route = KINDS[type].route;
    return [`POST ${route.path}`, ledgerRoute((body, params) => route.toCommand(body, params))];
  }),
);

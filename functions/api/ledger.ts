import type { Command } from '../../domain/project/commands';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { postEntry } from '../lib/ledger/post-entry';
import { dynamoLedgerStore } from '../lib/storage/ledger-store';
import { answerReply } from './answer-reply';

type Params = { projectId: string; entryId?: string };
type Body = Record<string, any>;

/** Every route that writes one ledger entry: the body (already validated) as a domain command. */
const commands: Record<string, (p: Params, b: Body) => Command> = {
  'POST /projects/{projectId}/allocations': (_, b) => ({ kind: 'allocate', amountFen: b.amountFen, valueDate: b.valueDate, reference: b.reference, memo: b.memo }),
  'POST /projects/{projectId}/match-confirmations': (_, b) => ({ kind: 'confirm-match', allocationEntryId: b.allocationEntryId, amountFen: b.amountFen, valueDate: b.valueDate, reference: b.reference, memo: b.memo }),
  'POST /projects/{projectId}/transfers': (_, b) => ({ kind: 'transfer', amountFen: b.amountFen, valueDate: b.valueDate, reference: b.reference, memo: b.memo }),
  'POST /projects/{projectId}/disbursements': (_, b) => ({ kind: 'disburse', funder: b.funder, amountFen: b.amountFen, paidOn: b.paidOn, reference: b.reference, trancheId: b.trancheId, memo: b.memo }),
  'POST /projects/{projectId}/recoveries': (_, b) => ({ kind: 'recover', funder: b.funder, amountFen: b.amountFen, valueDate: b.valueDate, reference: b.reference, reason: b.reason }),
  'POST /projects/{projectId}/decommitments': (_, b) => ({ kind: 'decommit', provinceFen: b.provinceFen, zoneFen: b.zoneFen, valueDate: b.valueDate, reference: b.reference, reason: b.reason }),
  'POST /projects/{projectId}/reversals': (_, b) => ({ kind: 'reverse', entryId: b.entryId, reason: b.reason }),
  'POST /projects/{projectId}/cap-exceptions': (_, b) => ({ kind: 'propose-cap-exception', rule: b.rule, limitFen: b.limitFen, reference: b.reference, reason: b.reason }),
  'POST /projects/{projectId}/cap-exceptions/{entryId}/approval': (p, b) => ({ kind: 'approve-cap-exception', proposalEntryId: p.entryId!, reference: b.reference, memo: b.memo }),
  'POST /projects/{projectId}/adjustments': (_, b) => ({
    kind: 'propose-adjustment',
    change: { ...(b.contract ? { contract: b.contract } : {}), ...(b.schedule ? { schedule: b.schedule } : {}), ...(b.newInvestmentFen !== undefined ? { newInvestmentFen: b.newInvestmentFen } : {}) },
    reference: b.reference,
    reason: b.reason,
  }),
  'POST /projects/{projectId}/adjustments/{entryId}/approval': (p, b) => ({ kind: 'approve-adjustment', proposalEntryId: p.entryId!, reference: b.reference, memo: b.memo }),
  'POST /projects/{projectId}/inspections': (_, b) => ({ kind: 'inspect', inspection: b.kind, inspectedOn: b.inspectedOn, result: b.result, reference: b.reference, notes: b.notes }),
  'POST /projects/{projectId}/holds': (_, b) => ({ kind: 'hold', reason: b.reason, reference: b.reference }),
  'POST /projects/{projectId}/holds/{entryId}/release': (p, b) => ({ kind: 'release-hold', holdEntryId: p.entryId!, reference: b.reference, memo: b.memo }),
  'POST /projects/{projectId}/acceptance-applications': (_, b) => ({ kind: 'apply-acceptance', appliedOn: b.appliedOn, reference: b.reference, memo: b.memo }),
  'POST /projects/{projectId}/acceptance-results': (_, b) => ({
    kind: 'decide-acceptance', result: b.result, decidedOn: b.decidedOn, reference: b.reference, recoveryDueFen: b.recoveryDueFen, recoveryDueOn: b.recoveryDueOn, memo: b.memo,
  }),
  'POST /projects/{projectId}/termination': (_, b) => ({ kind: 'propose-termination', reason: b.reason, reference: b.reference, recoveryDueFen: b.recoveryDueFen, recoveryDueOn: b.recoveryDueOn }),
  'POST /projects/{projectId}/termination/{entryId}/approval': (p, b) => ({ kind: 'approve-termination', proposalEntryId: p.entryId!, reference: b.reference, memo: b.memo }),
};

/** parse (done by the pipeline) → post (authorize, load, decide, persist) → respond. */
function ledgerRoute(toCommand: (p: Params, b: Body) => Command): RouteImpl {
  return async (req: Req<Params, unknown, Body>): Promise<Reply> =>
    answerReply(await postEntry(dynamoLedgerStore, {
      projectId: req.params.projectId,
      command: toCommand(req.params, req.body),
      principal: req.principal,
      idempotencyKey: req.idempotencyKey,
      fingerprint: { route: req.event.routeKey, params: req.params, body: req.body },
      now: req.now,
    }));
}

export const ledgerWrites: Record<string, RouteImpl> = Object.fromEntries(
  Object.entries(commands).map(([key, toCommand]) => [key, ledgerRoute(toCommand)]),
);

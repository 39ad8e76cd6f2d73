import { AmountRangeError } from '../money';
import { DateRangeError } from '../dates';
import type { Command, DecideContext } from './commands';
import { historyNeeded, historyViolation, type PastViolation } from './history-check';
import { invalid, violation, type Decision, type RuleViolation } from './outcome';
import type { ProjectState } from './types';
import { decideAllocation, decideConfirmation, decideDecommitment, decideDisbursement, decideRecovery, decideTransfer } from './deciders/money';
import { decideRegistration } from './deciders/registration';
import { decideReversal } from './deciders/reversal';
import {
  decideAdjustmentApproval, decideAdjustmentProposal, decideCapExceptionApproval, decideCapExceptionProposal,
  decideTerminationApproval, decideTerminationProposal,
} from './deciders/proposals';
import { decideAcceptanceApplication, decideAcceptanceResult, decideHold, decideInspection, decideRelease } from './deciders/lifecycle';

export { entryIdFor } from './posting';

const AMOUNT_KEYS = ['amountFen', 'provinceFen', 'zoneFen', 'limitFen', 'recoveryDueFen'] as const;

/** Money posted is a positive safe integer of fen, whatever the caller validated before. */
function badAmount(command: Command): Decision | null {
  const c = command as Partial<Record<(typeof AMOUNT_KEYS)[number], unknown>>;
  for (const key of AMOUNT_KEYS) {
    const v = c[key];
    if (v === undefined || v === null) continue;
    const zeroAllowed = key === 'provinceFen' || key === 'zoneFen';
    if (!Number.isSafeInteger(v) || (v as number) < (zeroAllowed ? 0 : 1)) return invalid(key, `must be a ${zeroAllowed ? 'non-negative' : 'positive'} safe integer of fen`);
  }
  return null;
}

/** Pure decision: the entry a command produces (and the state after it), or why it must not be posted. */
export function decide(state: ProjectState | null, command: Command, ctx: DecideContext): Decision {
  return inRange(() => keepsThePast(state, command, ctx, decideUnchecked(state, command, ctx)));
}

/**
 * The decision on the current books alone, before the days already shown are checked: what
 * `decide` holds to history-check.ts. For tests that check that second step against a replay
 * of every day.
 */
export function decideOnCurrentBooks(state: ProjectState | null, command: Command, ctx: DecideContext): Decision {
  return inRange(() => decideUnchecked(state, command, ctx));
}

function inRange(decision: () => Decision): Decision {
  try {
    return decision();
  } catch (err) {
    // Sums past 2^53 fen and dates past the calendar range are the input's fault: a clear 400.
    if (err instanceof AmountRangeError) return invalid('amountFen', `out of range: ${err.message}`);
    if (err instanceof DateRangeError) return invalid('', `a date is out of range: ${err.message}`);
    throw err;
  }
}

/**
 * A decision that changes days already shown — a reversal, money dated before the latest entry —
 * holds only if every such day, and every obligation recorded since, stays true (history-check.ts).
 */
function keepsThePast(state: ProjectState | null, command: Command, ctx: DecideContext, decision: Decision): Decision {
  if (!decision.ok || !historyNeeded(state, command)) return decision;
  if (!ctx.history) throw new Error(`${command.kind} changes days already shown: it is decided on the project's history (DecideContext.history)`);
  const { entry } = decision;
  const past = historyViolation(ctx.history, entry);
  if (!past) return decision;
  return violation(entry.type === 'reversal' ? reversalBreaks(entry.refersTo!, past) : backdatedBreaks(entry.valueDate, past));
}

const reversalBreaks = (targetId: string, { violation: v, brokenOn }: PastViolation): RuleViolation => ({
  ...v,
  rule: 'reversal-not-allowed',
  detail: `without ${targetId} the project would break ${v.rule} on ${brokenOn}: ${v.detail}`,
  brokenOn,
});

const backdatedBreaks = (valueDate: string, { violation: v, brokenOn }: PastViolation): RuleViolation => ({
  ...v,
  detail: `dated ${valueDate}, before entries already recorded, it would break the books as of ${brokenOn}: ${v.detail}`,
  brokenOn,
});

function decideUnchecked(state: ProjectState | null, command: Command, ctx: DecideContext): Decision {
  if (command.kind === 'register') return decideRegistration(state, command.registration, ctx);
  if (!state) return invalid('projectId', 'no such project');
  const bad = badAmount(command);
  if (bad) return bad;
  switch (command.kind) {
    case 'allocate': return decideAllocation(state, command, ctx);
    case 'confirm-match': return decideConfirmation(state, command, ctx);
    case 'transfer': return decideTransfer(state, command, ctx);
    case 'disburse': return decideDisbursement(state, command, ctx);
    case 'recover': return decideRecovery(state, command, ctx);
    case 'decommit': return decideDecommitment(state, command, ctx);
    case 'reverse': return decideReversal(state, command, ctx);
    case 'propose-cap-exception': return decideCapExceptionProposal(state, command, ctx);
    case 'approve-cap-exception': return decideCapExceptionApproval(state, command, ctx);
    case 'propose-adjustment': return decideAdjustmentProposal(state, command, ctx);
    case 'approve-adjustment': return decideAdjustmentApproval(state, command, ctx);
    case 'inspect': return decideInspection(state, command, ctx);
    case 'hold': return decideHold(state, command, ctx);
    case 'release-hold': return decideRelease(state, command, ctx);
    case 'apply-acceptance': return decideAcceptanceApplication(state, command, ctx);
    case 'decide-acceptance': return decideAcceptanceResult(state, command, ctx);
    case 'propose-termination': return decideTerminationProposal(state, command, ctx);
    case 'approve-termination': return decideTerminationApproval(state, command, ctx);
  }
}

import { AmountRangeError } from '../money';
import { DateRangeError } from '../dates';
import type { Command, DecideContext } from './commands';
import { historyNeeded, historyViolation, type PastViolation } from './history-check';
import { invalid, violation, type Decision, type RuleViolation } from './outcome';
import type { ProjectState } from './types';
import { acceptanceApplication } from './kinds/acceptance-application';
import { acceptanceResult } from './kinds/acceptance-result';
import { adjustmentApproval } from './kinds/adjustment-approval';
import { adjustmentProposal } from './kinds/adjustment-proposal';
import { allocation } from './kinds/allocation';
import { capExceptionApproval } from './kinds/cap-exception-approval';
import { capExceptionProposal } from './kinds/cap-exception-proposal';
import { decommitment } from './kinds/decommitment';
import { disbursement } from './kinds/disbursement';
import { evidence } from './kinds/evidence';
import { hold } from './kinds/hold';
import { holdRelease } from './kinds/hold-release';
import { inspection } from './kinds/inspection';
import { matchConfirmation } from './kinds/match-confirmation';
import { recovery } from './kinds/recovery';
import { registration } from './kinds/registration';
import { reversal } from './kinds/reversal';
import { terminationApproval } from './kinds/termination-approval';
import { terminationProposal } from './kinds/termination-proposal';
import { transfer } from './kinds/transfer';

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
  if (!ctx.history) throw new Error(`${command.type} changes days already shown: it is decided on the project's history (DecideContext.history)`);
  const { entry } = decision;
  const past = historyViolation(ctx.history, entry);
  if (!past) return decision;
  return violation(entry.type === 'reversal' ? reversalBreaks(entry.refersTo!, past) : backdatedBreaks(entry.valueDate, past));
}

const reversalBreaks = (targetId: string, { violation: v, brokenOn }: PastViolation): RuleViolation => ({
  ...v,
  rule: 'reversal-not-allowed',
  cause: v.rule,
  detail: `without ${targetId} the project would break ${v.rule} on ${brokenOn}: ${v.detail}`,
  brokenOn,
});

const backdatedBreaks = (valueDate: string, { violation: v, brokenOn }: PastViolation): RuleViolation => ({
  ...v,
  detail: `dated ${valueDate}, before entries already recorded, it would break the books as of ${brokenOn}: ${v.detail}`,
  brokenOn,
});

function decideUnchecked(state: ProjectState | null, command: Command, ctx: DecideContext): Decision {
  if (command.type === 'registration') return registration.decide(state, command, ctx);
  if (!state) return invalid('projectId', 'no such project');
  const bad = badAmount(command);
  if (bad) return bad;
  switch (command.type) {
    case 'allocation': return allocation.decide(state, command, ctx);
    case 'match-confirmation': return matchConfirmation.decide(state, command, ctx);
    case 'transfer': return transfer.decide(state, command, ctx);
    case 'disbursement': return disbursement.decide(state, command, ctx);
    case 'recovery': return recovery.decide(state, command, ctx);
    case 'decommitment': return decommitment.decide(state, command, ctx);
    case 'reversal': return reversal.decide(state, command, ctx);
    case 'cap-exception-proposal': return capExceptionProposal.decide(state, command, ctx);
    case 'cap-exception-approval': return capExceptionApproval.decide(state, command, ctx);
    case 'adjustment-proposal': return adjustmentProposal.decide(state, command, ctx);
    case 'adjustment-approval': return adjustmentApproval.decide(state, command, ctx);
    case 'inspection': return inspection.decide(state, command, ctx);
    case 'hold': return hold.decide(state, command, ctx);
    case 'hold-release': return holdRelease.decide(state, command, ctx);
    case 'acceptance-application': return acceptanceApplication.decide(state, command, ctx);
    case 'acceptance-result': return acceptanceResult.decide(state, command, ctx);
    case 'termination-proposal': return terminationProposal.decide(state, command, ctx);
    case 'termination-approval': return terminationApproval.decide(state, command, ctx);
    case 'evidence': return evidence.decide(state, command, ctx);
    default: {
      const unknown: never = command;
      throw new Error(`command of an unknown type: ${JSON.stringify(unknown)}`);
    }
  }
}

import { addFen, subFen, type Fen } from '../../money';
import { compareDates, type BusinessDate } from '../../dates';
import { CAP_RULE, capFieldOf } from '../../programs/program';
import type { Command, DecideContext } from '../commands';
import { invalid, violation, type Decision, type Rejection } from '../outcome';
import { firstRejection, recordDraft, settle, todayOf } from '../posting';
import { effectiveLimitFen, position, programLimitFen } from '../position';
import { mulDivFloor } from '../../money';
import { applyChange } from '../terms';
import type { AdjustmentChange, ProjectState, Proposal, RecoveryDue } from '../types';
import { extendedEnd, termsViolation } from './terms-rules';

type Cmd<K extends Command['type']> = Extract<Command, { type: K }>;

const isClosed = (s: ProjectState) => s.status === 'closed-accepted' || s.status === 'closed-failed' || s.status === 'terminated';

/** A proposal waiting for a second person: it cites its document and says why. */
const proposed = (cmd: { reference: string; reason: string }, ctx: DecideContext) =>
  ({ valueDate: todayOf(ctx), reference: cmd.reference, memo: cmd.reason, refersTo: null, status: 'proposed' }) as const;

/** The second person's approval of proposal `p`: the proposal's document unless the approver cites one. */
const approved = (p: Proposal, cmd: { reference?: string | null; memo?: string | null }, ctx: DecideContext) =>
  ({ valueDate: todayOf(ctx), reference: cmd.reference ?? p.reference, memo: cmd.memo ?? null, refersTo: p.entryId, status: 'approved' }) as const;

export function notClosed(s: ProjectState, what: string): Rejection | null {
  return isClosed(s) ? violation({ rule: 'project-closed', detail: `project ${s.registration.projectId} is ${s.status}: no more ${what}` }) : null;
}

/** The pending proposal an approval names, approved by someone other than its proposer. */
function pendingProposal<K extends Proposal['kind']>(state: ProjectState, kind: K, entryId: string, ctx: DecideContext): Extract<Proposal, { kind: K }> | Rejection {
  const p = state.proposals.find((x): x is Extract<Proposal, { kind: K }> => x.kind === kind && x.entryId === entryId);
  if (!p) return violation({ rule: 'proposal-not-pending', detail: `no ${kind} proposal ${entryId} of project ${state.registration.projectId} is waiting for approval` });
  if (p.proposedBy === ctx.actor.sub) {
    return violation({ rule: 'four-eyes', detail: `proposal ${entryId} was made by ${p.proposedBy}; a different person must approve it` });
  }
  return p;
}

const isRejection = (x: unknown): x is Rejection => typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;

// --- exceptions to in-principle caps ---------------------------------------------------------

export function decideCapExceptionProposal(state: ProjectState, cmd: Cmd<'cap-exception-proposal'>, ctx: DecideContext): Decision {
  const closed = notClosed(state, 'cap exceptions');
  if (closed) return closed;
  const field = capFieldOf(cmd.rule);
  if (!field || !state.rules.caps.inPrinciple.includes(field)) {
    return violation({
      rule: 'cap-not-exceptable',
      detail: field
        ? `${cmd.rule} is a hard cap of program ${state.rules.code}: no exception can raise it`
        : `${cmd.rule} is not a cap of a program: only the caps a program marks 原则上 (in principle) can be excepted`,
    });
  }
  const base = programLimitFen(state, field);
  if (base === null) return violation({ rule: 'cap-not-exceptable', detail: `program ${state.rules.code} sets no ${cmd.rule} cap` });
  if (cmd.limitFen <= base) return invalid('limitFen', `an exception raises the limit: must be above the program's ${base} fen`);
  return settle(state, recordDraft({ type: 'cap-exception-proposal', ...proposed(cmd, ctx), details: { rule: CAP_RULE[field], limitFen: cmd.limitFen, reason: cmd.reason } }), ctx);
}

export function decideCapExceptionApproval(state: ProjectState, cmd: Cmd<'cap-exception-approval'>, ctx: DecideContext): Decision {
  const closed = notClosed(state, 'cap exceptions');
  if (closed) return closed;
  const p = pendingProposal(state, 'cap-exception', cmd.proposalEntryId, ctx);
  if (isRejection(p)) return p;
  return settle(state, recordDraft({ type: 'cap-exception-approval', ...approved(p, cmd, ctx), details: { rule: p.rule, limitFen: p.limitFen } }), ctx);
}

// --- adjustments and extensions --------------------------------------------------------------

const isEmptyChange = (c: AdjustmentChange) =>
  c.schedule === undefined && c.newInvestmentFen === undefined &&
  (c.contract === undefined || (c.contract.provinceGrantFen === undefined && c.contract.zoneGrantFen === undefined && c.contract.endsOn === undefined));

/**
 * The adjusted contract against every rule a contract obeys — period (an extension moves endsOn
 * at most `maxExtensionMonths` past the original end), match on grants, the caps in force, the
 * schedule totals — and no grant below what that funder already has committed.
 */
export function adjustmentViolation(state: ProjectState, change: AdjustmentChange): Rejection | null {
  if (isEmptyChange(change)) return invalid('contract', 'an adjustment changes the grants, the end date, the schedule or the new investment');
  const terms = applyChange(state.terms, change);
  const share = state.rules.caps.jointShareOfNewInvestment;
  const shareBase = share && Number.isSafeInteger(terms.newInvestmentFen) && terms.newInvestmentFen > 0 ? mulDivFloor(terms.newInvestmentFen, share.numerator, share.denominator) : null;
  const shareException = state.exceptions.find((e) => e.rule === 'joint-share-of-new-investment');
  const broken = termsViolation(terms, state.registration.insideZone, state.rules, {
    provincePerProjectFen: effectiveLimitFen(state, 'provincePerProjectFen'),
    jointPerProjectFen: effectiveLimitFen(state, 'jointPerProjectFen'),
    jointShareLimitFen: shareException?.limitFen ?? shareBase,
  }, extendedEnd(state.registration.contract.endsOn, state.rules));
  if (broken) return broken;
  const p = position(state);
  for (const [funder, grant, committed] of [
    ['province', terms.contract.provinceGrantFen, p.provinceAllocatedFen],
    ['zone', terms.contract.zoneGrantFen, p.zoneAllocatedFen],
  ] as const) {
    if (grant < committed) {
      return violation({
        rule: 'contract-grant',
        detail: `the ${funder} grant of ${grant} fen would fall below the ${committed} fen already committed`,
        limitFen: grant,
        usedFen: committed,
        attemptedFen: 0,
      });
    }
  }
  return null;
}

export function decideAdjustmentProposal(state: ProjectState, cmd: Cmd<'adjustment-proposal'>, ctx: DecideContext): Decision {
  const early = firstRejection(notClosed(state, 'adjustments'), adjustmentViolation(state, cmd.change));
  if (early) return early;
  return settle(state, recordDraft({ type: 'adjustment-proposal', ...proposed(cmd, ctx), details: { change: cmd.change, reason: cmd.reason } }), ctx);
}

/** Checked again on approval: the project may have moved since the proposal. */
export function decideAdjustmentApproval(state: ProjectState, cmd: Cmd<'adjustment-approval'>, ctx: DecideContext): Decision {
  const closed = notClosed(state, 'adjustments');
  if (closed) return closed;
  const p = pendingProposal(state, 'adjustment', cmd.proposalEntryId, ctx);
  if (isRejection(p)) return p;
  const broken = adjustmentViolation(state, p.change);
  if (broken) return broken;
  return settle(state, recordDraft({ type: 'adjustment-approval', ...approved(p, cmd, ctx), details: { change: p.change } }), ctx, { caps: 'all' });
}

// --- termination -----------------------------------------------------------------------------

/** A recovery due (both fields or neither), no more than the owner holds of what it was paid. */
export function recoveryDueOf(state: ProjectState, amountFen: Fen | null | undefined, dueOn: BusinessDate | null | undefined, notBefore: BusinessDate): RecoveryDue | null | Rejection {
  if ((amountFen ?? null) === null && (dueOn ?? null) === null) return null;
  if ((amountFen ?? null) === null) return invalid('recoveryDueFen', 'required with recoveryDueOn');
  if ((dueOn ?? null) === null) return invalid('recoveryDueOn', 'required with recoveryDueFen');
  if (compareDates(dueOn!, notBefore) < 0) return invalid('recoveryDueOn', `must not be before ${notBefore}`);
  const held = subFen(addFen(state.province.disbursedFen, state.zone.disbursedFen), addFen(state.province.recoveredFen, state.zone.recoveredFen));
  if (amountFen! > held) {
    return violation({
      rule: 'insufficient-disbursed-funds',
      detail: `a recovery due of ${amountFen} fen is more than the ${held} fen the owner was paid and has not returned`,
      limitFen: held,
      usedFen: 0,
      attemptedFen: amountFen!,
    });
  }
  return { amountFen: amountFen!, dueOn: dueOn! };
}

export function decideTerminationProposal(state: ProjectState, cmd: Cmd<'termination-proposal'>, ctx: DecideContext): Decision {
  const closed = notClosed(state, 'termination');
  if (closed) return closed;
  const due = recoveryDueOf(state, cmd.recoveryDueFen, cmd.recoveryDueOn, todayOf(ctx));
  if (isRejection(due)) return due;
  return settle(state, recordDraft({ type: 'termination-proposal', ...proposed(cmd, ctx), details: { reason: cmd.reason, recoveryDue: due } }), ctx);
}

/** Terminates: pending allocations are voided (freeing the caps), the recovery due starts to run. */
export function decideTerminationApproval(state: ProjectState, cmd: Cmd<'termination-approval'>, ctx: DecideContext): Decision {
  const closed = notClosed(state, 'termination');
  if (closed) return closed;
  const p = pendingProposal(state, 'termination', cmd.proposalEntryId, ctx);
  if (isRejection(p)) return p;
  const due = p.recoveryDue ? recoveryDueOf(state, p.recoveryDue.amountFen, p.recoveryDue.dueOn, p.proposedOn) : null;
  if (isRejection(due)) return due;
  return settle(state, recordDraft({ type: 'termination-approval', ...approved(p, cmd, ctx), details: { recoveryDue: due, voidedFen: position(state).provincePendingFen } }), ctx);
}

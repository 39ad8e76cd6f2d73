import { addFen, subFen, type Fen } from '../../money';
import { compareDates } from '../../dates';
import type { Command, DecideContext } from '../commands';
import { invalid, violation, type Decision, type Rejection } from '../outcome';
import { firstRejection, notAfterToday, notBeforeProgramYear, notBeforeSignature, settle } from '../posting';
import { position } from '../position';
import { exactlyMatchable, needsMatch, provinceMatchedBy, requiredZoneFen } from '../ratio';
import type { AllocationPart, ProjectState } from '../types';
import { indicatorViolation } from '../../budget/control';
import { fromConfirmedOf } from '../../budget/flows';

type Cmd<K extends Command['type']> = Extract<Command, { type: K }>;

const closed = (s: ProjectState) => s.status === 'closed-accepted' || s.status === 'closed-failed' || s.status === 'terminated';

/** Status first: a closed project takes no new commitments. */
function openForCommitments(s: ProjectState): Rejection | null {
  return closed(s) ? violation({ rule: 'project-closed', detail: `project ${s.registration.projectId} is ${s.status}: no more allocations or confirmations` }) : null;
}

/** Status first: nothing is passed on or paid while on hold, or once the project can no longer pay. */
function openForPayments(s: ProjectState, what: 'transfers' | 'payments'): Rejection | null {
  if (s.status === 'on-hold') return violation({ rule: 'project-on-hold', detail: `project ${s.registration.projectId} is on hold since ${s.hold?.since}: no ${what} until it is released` });
  if (s.status === 'terminated' || s.status === 'closed-failed' || (what === 'transfers' && s.status === 'closed-accepted')) {
    return violation({ rule: 'project-closed', detail: `project ${s.registration.projectId} is ${s.status}: no more ${what}` });
  }
  return null;
}

// --- allocation ------------------------------------------------------------------------------

export function decideAllocation(state: ProjectState, cmd: Cmd<'allocation'>, ctx: DecideContext): Decision {
  const { rules, registration } = state;
  const matched = needsMatch(rules.match, registration.insideZone);
  const early = firstRejection(
    openForCommitments(state),
    notAfterToday(cmd.valueDate, 'valueDate', ctx),
    notBeforeProgramYear(state, cmd.valueDate, 'valueDate'),
  );
  if (early) return early;
  if (matched && !exactlyMatchable(rules.match, cmd.amountFen)) {
    return violation({ rule: 'match-ratio', detail: `${cmd.amountFen} fen cannot be matched exactly in whole fen at the program's ratio` });
  }
  const budget = budgetViolation(state, cmd, ctx);
  if (budget) return budget;
  const indicatorNo = cmd.indicatorNo ?? null;
  return settle(state, {
    type: 'allocation',
    funder: 'province',
    amountFen: cmd.amountFen,
    valueDate: cmd.valueDate,
    reference: cmd.reference,
    memo: cmd.memo ?? null,
    refersTo: null,
    status: matched ? 'pending-match' : 'confirmed',
    details: { documentNo: cmd.documentNo ?? null, indicatorNo },
  }, ctx);
}

/**
 * The budget indicator's rules (domain/budget/control.ts): under the program's budgetControl the
 * allocation names an indicator of its program and value-date year, open, with room for it; an
 * allocation that names one is held to them whatever the setting. An indicator left to the write's
 * condition (BudgetContext.checkedOnWrite) is held to them there.
 */
function budgetViolation(state: ProjectState, cmd: Cmd<'allocation'>, ctx: DecideContext): Rejection | null {
  const no = cmd.indicatorNo ?? null;
  if (!ctx.budget) {
    if (no !== null) throw new Error('an allocation naming a budget indicator is decided with the indicator read (DecideContext.budget)');
    return null;
  }
  if (no !== null && ctx.budget.checkedOnWrite?.has(no)) return null;
  const indicator = no === null ? null : ctx.budget.indicators.get(no);
  if (indicator === undefined) throw new Error(`budget indicator ${no} was not read for the decision`);
  if (no === null && ctx.budget.budgetControl === null) throw new Error('an allocation without an indicator is decided with the program\'s budgetControl read');
  const v = indicatorViolation({ code: state.registration.programCode, budgetControl: ctx.budget.budgetControl ?? false }, indicator, cmd);
  return v ? violation(v) : null;
}

// --- match confirmation ----------------------------------------------------------------------

/**
 * Confirms part or all of an allocation's pending province money (API.md): under exact z:p the
 * province part is amount × p / z, a whole number of fen no larger than what is pending; under
 * at-least it is min(pending, ⌊amount × p / z⌋) and the rest is zone money above the ratio.
 * Without an allocation the whole amount is zone money above the ratio (not under exact).
 */
export function decideConfirmation(state: ProjectState, cmd: Cmd<'match-confirmation'>, ctx: DecideContext): Decision {
  const { rules, registration } = state;
  const m = rules.match;
  const early = firstRejection(
    openForCommitments(state),
    notAfterToday(cmd.valueDate, 'valueDate', ctx),
    notBeforeProgramYear(state, cmd.valueDate, 'valueDate'),
  );
  if (early) return early;
  let provinceFen: Fen = 0;
  const allocationId = cmd.allocationEntryId ?? null;
  if (allocationId !== null) {
    const alloc = state.openAllocations.find((a) => a.entryId === allocationId);
    if (!alloc) {
      return violation({ rule: 'match-not-pending', detail: `no allocation ${allocationId} of project ${registration.projectId} is waiting for a match` });
    }
    if (compareDates(cmd.valueDate, alloc.valueDate) < 0) {
      return invalid('valueDate', `must not be before the allocation's valueDate ${alloc.valueDate}`);
    }
    const matchedBy = provinceMatchedBy(m, cmd.amountFen);
    if (m.kind === 'exact') {
      if (matchedBy.exact === null || matchedBy.exact > alloc.pendingFen) {
        return violation({
          rule: 'match-ratio',
          detail: `under zone:province exactly ${m.zone}:${m.province} a confirmation of ${alloc.entryId} is a whole share of its ${alloc.pendingFen} fen still pending: at most ${requiredZoneFen(m, alloc.pendingFen, true)} fen of zone money`,
          limitFen: requiredZoneFen(m, alloc.pendingFen, true),
          attemptedFen: cmd.amountFen,
        });
      }
      provinceFen = matchedBy.exact;
    } else {
      provinceFen = Math.min(alloc.pendingFen, matchedBy.floor);
    }
  } else if (m.kind === 'exact' && registration.insideZone) {
    return violation({
      rule: 'match-ratio',
      detail: `under zone:province exactly ${m.zone}:${m.province} zone money matches a pending province allocation (allocationEntryId); there is no zone money above the ratio`,
      limitFen: 0,
      attemptedFen: cmd.amountFen,
    });
  }
  return settle(state, {
    type: 'match-confirmation',
    funder: 'zone',
    amountFen: cmd.amountFen,
    valueDate: cmd.valueDate,
    reference: cmd.reference,
    memo: cmd.memo ?? null,
    refersTo: allocationId,
    status: 'confirmed',
    details: { provinceFen },
  }, ctx);
}

// --- transfer --------------------------------------------------------------------------------

/** Province money reaching the zone (资金下达) for an inside-zone project, at most what is confirmed. */
export function decideTransfer(state: ProjectState, cmd: Cmd<'transfer'>, ctx: DecideContext): Decision {
  if (!state.registration.insideZone) {
    return violation({ rule: 'transfer-not-applicable', detail: `project ${state.registration.projectId} is outside the zone: the province pays its owner directly` });
  }
  const early = firstRejection(
    openForPayments(state, 'transfers'),
    notAfterToday(cmd.valueDate, 'valueDate', ctx),
    notBeforeSignature(state, cmd.valueDate, 'valueDate'),
  );
  if (early) return early;
  return settle(state, {
    type: 'transfer',
    funder: 'province',
    amountFen: cmd.amountFen,
    valueDate: cmd.valueDate,
    reference: cmd.reference,
    memo: cmd.memo ?? null,
    refersTo: null,
    status: 'posted',
    details: {},
  }, ctx);
}

// --- disbursement ----------------------------------------------------------------------------

/**
 * A payment to the owner. Inside the zone the zone pays both shares, the province share out of
 * money transferred to it; outside the zone the province pays directly. A payment after the
 * period is late, not impossible: it is recorded with `afterPeriod`.
 */
export function decideDisbursement(state: ProjectState, cmd: Cmd<'disbursement'>, ctx: DecideContext): Decision {
  const early = firstRejection(
    openForPayments(state, 'payments'),
    notAfterToday(cmd.paidOn, 'paidOn', ctx),
    notBeforeSignature(state, cmd.paidOn, 'paidOn'),
  );
  if (early) return early;
  const trancheId = cmd.trancheId ?? null;
  if (trancheId !== null) {
    const tranche = state.terms.schedule.find((t) => t.trancheId === trancheId);
    if (!tranche || tranche.funder !== cmd.funder) {
      return violation({ rule: 'schedule-mismatch', detail: `the contract has no ${cmd.funder} tranche ${trancheId}` });
    }
  }
  return settle(state, {
    type: 'disbursement',
    funder: cmd.funder,
    amountFen: cmd.amountFen,
    valueDate: cmd.paidOn,
    reference: cmd.reference,
    memo: cmd.memo ?? null,
    refersTo: null,
    status: 'posted',
    details: { trancheId, afterPeriod: compareDates(cmd.paidOn, state.terms.contract.endsOn) > 0 },
  }, ctx);
}

// --- recovery --------------------------------------------------------------------------------

/** Money the owner really received and really returned (收回/缴回): the payment stays on record. */
export function decideRecovery(state: ProjectState, cmd: Cmd<'recovery'>, ctx: DecideContext): Decision {
  const early = firstRejection(notAfterToday(cmd.valueDate, 'valueDate', ctx), notBeforeSignature(state, cmd.valueDate, 'valueDate'));
  if (early) return early;
  return settle(state, {
    type: 'recovery',
    funder: cmd.funder,
    amountFen: cmd.amountFen,
    valueDate: cmd.valueDate,
    reference: cmd.reference,
    memo: cmd.reason,
    refersTo: null,
    status: 'posted',
    details: { reason: cmd.reason },
  }, ctx);
}

// --- decommitment ----------------------------------------------------------------------------

/**
 * Cancels committed money that will not be paid (核减), pending money first (oldest allocation
 * first), then confirmed money not yet passed on: province money not yet transferred (outside the
 * zone: not yet paid), zone money not yet paid. Every invariant must hold afterwards.
 */
export function decideDecommitment(state: ProjectState, cmd: Cmd<'decommitment'>, ctx: DecideContext): Decision {
  const provinceFen = cmd.provinceFen ?? 0;
  const zoneFen = cmd.zoneFen ?? 0;
  if (provinceFen <= 0 && zoneFen <= 0) return invalid('provinceFen', 'provinceFen or zoneFen must be more than 0');
  const early = firstRejection(notAfterToday(cmd.valueDate, 'valueDate', ctx), notBeforeProgramYear(state, cmd.valueDate, 'valueDate'));
  if (early) return early;
  // It cancels money committed by earlier entries: dated before them, the project as of a day
  // in between would show commitments below zero.
  if (state.lastCommittedOn !== null && compareDates(cmd.valueDate, state.lastCommittedOn) < 0) {
    return invalid('valueDate', `must not be before ${state.lastCommittedOn}, the value date of the latest allocation or confirmation`);
  }

  const p = position(state);
  const inside = state.registration.insideZone;
  const passedOn = inside ? p.transferredFen : p.provinceDisbursedFen;
  const provinceAvailable = Math.max(0, subFen(p.provinceConfirmedFen, passedOn));
  if (provinceFen > addFen(p.provincePendingFen, provinceAvailable)) {
    return violation({
      rule: 'insufficient-confirmed-funds',
      detail: `province: ${p.provincePendingFen} fen pending + ${provinceAvailable} fen confirmed and not yet ${inside ? 'transferred' : 'paid'} can be decommitted, not ${provinceFen} fen`,
      limitFen: addFen(p.provincePendingFen, provinceAvailable),
      usedFen: 0,
      attemptedFen: provinceFen,
    });
  }
  const zoneAvailable = Math.max(0, subFen(p.zoneConfirmedFen, p.zoneDisbursedFen));
  if (zoneFen > zoneAvailable) {
    return violation({
      rule: 'insufficient-confirmed-funds',
      detail: `zone: ${zoneAvailable} fen confirmed and not yet paid can be decommitted, not ${zoneFen} fen`,
      limitFen: zoneAvailable,
      usedFen: 0,
      attemptedFen: zoneFen,
    });
  }

  const fromPending: AllocationPart[] = [];
  let left = provinceFen;
  for (const a of state.openAllocations) {
    if (left === 0) break;
    const take = Math.min(left, a.pendingFen);
    if (!exactlyMatchable(state.rules.match, a.pendingFen - take)) {
      return violation({ rule: 'match-ratio', detail: `decommitting ${take} fen of ${a.entryId} would leave pending money that cannot be matched exactly in whole fen` });
    }
    fromPending.push({ entryId: a.entryId, seq: a.seq, amountFen: a.amountFen, valueDate: a.valueDate, postedBy: a.postedBy, provinceFen: take });
    left -= take;
  }
  return settle(state, {
    type: 'decommitment',
    funder: null,
    amountFen: addFen(provinceFen, zoneFen),
    valueDate: cmd.valueDate,
    reference: cmd.reference,
    memo: cmd.reason,
    refersTo: null,
    status: 'posted',
    details: {
      reason: cmd.reason, fromPending, provinceFromConfirmedFen: left, zoneFen,
      // Which allocations the confirmed part comes out of, recorded so no later entry moves it.
      ...(ctx.budget ? { fromConfirmed: fromConfirmedOf(ctx.budget.flows, fromPending, left) } : {}),
    },
  }, ctx);
}

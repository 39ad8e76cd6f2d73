import { addDays, compareDates } from '../../dates';
import type { Command, DecideContext } from '../commands';
import { conflictWith, invalid, violation, type Decision } from '../outcome';
import { firstRejection, notAfterToday, notBefore, notBeforeSignature, recordDraft, settle, todayOf } from '../posting';
import type { ProjectState } from '../types';
import { notClosed, recoveryDueOf } from './proposals';

type Cmd<K extends Command['type']> = Extract<Command, { type: K }>;

/** The zone may apply for acceptance from this many days before the period ends (API.md). */
export const ACCEPTANCE_WINDOW_DAYS = 90;

/** Mid-term, supervision or fund-use inspection with its result; allowed in any status. */
export function decideInspection(state: ProjectState, cmd: Cmd<'inspection'>, ctx: DecideContext): Decision {
  const early = firstRejection(notAfterToday(cmd.inspectedOn, 'inspectedOn', ctx), notBeforeSignature(state, cmd.inspectedOn, 'inspectedOn'));
  if (early) return early;
  return settle(state, recordDraft({
    type: 'inspection',
    valueDate: cmd.inspectedOn,
    reference: cmd.reference,
    memo: cmd.notes ?? null,
    refersTo: null,
    status: 'posted',
    details: { kind: cmd.kind, result: cmd.result, notes: cmd.notes ?? null },
  }), ctx);
}

export function decideHold(state: ProjectState, cmd: Cmd<'hold'>, ctx: DecideContext): Decision {
  if (state.status === 'on-hold') return violation({ rule: 'project-on-hold', detail: `project ${state.registration.projectId} is already on hold since ${state.hold?.since}` });
  const closed = notClosed(state, 'holds');
  if (closed) return closed;
  return settle(state, recordDraft({
    type: 'hold',
    valueDate: todayOf(ctx),
    reference: cmd.reference,
    memo: cmd.reason,
    refersTo: null,
    status: 'posted',
    details: { reason: cmd.reason },
  }), ctx);
}

export function decideRelease(state: ProjectState, cmd: Cmd<'hold-release'>, ctx: DecideContext): Decision {
  if (state.status !== 'on-hold' || state.hold?.entryId !== cmd.holdEntryId) {
    return violation({ rule: 'not-on-hold', detail: `project ${state.registration.projectId} is not on hold under ${cmd.holdEntryId}${state.hold ? ` (its hold is ${state.hold.entryId})` : ''}` });
  }
  return settle(state, recordDraft({
    type: 'hold-release',
    valueDate: todayOf(ctx),
    reference: cmd.reference ?? null,
    memo: cmd.memo ?? null,
    refersTo: cmd.holdEntryId,
    status: 'posted',
    details: {},
  }), ctx);
}

/** The zone applies for acceptance (验收结题申请), once, from 90 days before the period ends. */
export function decideAcceptanceApplication(state: ProjectState, cmd: Cmd<'acceptance-application'>, ctx: DecideContext): Decision {
  const closed = notClosed(state, 'acceptance applications');
  if (closed) return closed;
  if (state.acceptance) return conflictWith(`Project ${state.registration.projectId} applied for acceptance on ${state.acceptance.appliedOn} (${state.acceptance.applicationEntryId}).`);
  const opens = addDays(state.terms.contract.endsOn, -ACCEPTANCE_WINDOW_DAYS);
  const early = firstRejection(
    notAfterToday(cmd.appliedOn, 'appliedOn', ctx),
    notBefore(cmd.appliedOn, opens, 'appliedOn', `acceptance is applied for from ${ACCEPTANCE_WINDOW_DAYS} days before the period ends on ${state.terms.contract.endsOn}`),
  );
  if (early) return early;
  return settle(state, recordDraft({
    type: 'acceptance-application',
    valueDate: cmd.appliedOn,
    reference: cmd.reference,
    memo: cmd.memo ?? null,
    refersTo: null,
    status: 'posted',
    details: {},
  }), ctx);
}

/** The acceptance result closes the project: closed-accepted (pass) or closed-failed (fail). */
export function decideAcceptanceResult(state: ProjectState, cmd: Cmd<'acceptance-result'>, ctx: DecideContext): Decision {
  const closed = notClosed(state, 'acceptance results');
  if (closed) return closed;
  if (!state.acceptance) return violation({ rule: 'acceptance-not-applied', detail: `the zone has not applied for acceptance of project ${state.registration.projectId}` });
  const early = notAfterToday(cmd.decidedOn, 'decidedOn', ctx);
  if (early) return early;
  if (compareDates(cmd.decidedOn, state.acceptance.appliedOn) < 0) return invalid('decidedOn', `must not be before the application of ${state.acceptance.appliedOn}`);
  const due = recoveryDueOf(state, cmd.recoveryDueFen, cmd.recoveryDueOn, cmd.decidedOn);
  if (due !== null && 'ok' in due) return due;
  return settle(state, recordDraft({
    type: 'acceptance-result',
    valueDate: cmd.decidedOn,
    reference: cmd.reference,
    memo: cmd.memo ?? null,
    refersTo: state.acceptance.applicationEntryId,
    status: 'posted',
    details: { result: cmd.result, recoveryDue: due },
  }), ctx);
}

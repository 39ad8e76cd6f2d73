import { afterToday, chinaDate, compareDates, type BusinessDate } from '../dates';
import type { DecideContext } from './commands';
import { GENESIS_HASH, sealEntry } from './chain';
import { capViolation, flowViolation, negativeFigureViolation, recordLimitViolation, statusViolation } from './checks';
import { evolve } from './evolve';
import { invalid, violation, type Decision, type Rejection, type RuleViolation } from './outcome';
import type { Entry, ProjectState } from './types';

export const entryIdFor = (projectId: string, seq: number): string => `${projectId}.${seq}`;

/** The fields of an entry a decider chooses; the rest (seq, chain, actor, time) are filled in here. */
export type Draft = Entry extends infer E ? (E extends Entry ? Pick<E, 'type' | 'funder' | 'amountFen' | 'valueDate' | 'reference' | 'memo' | 'refersTo' | 'status' | 'details'> : never) : never;

type RecordFields = Draft extends infer D ? (D extends Draft ? Omit<D, 'funder' | 'amountFen'> : never) : never;

/** An entry that moves no money (a registration, a proposal, an approval, a hold, an inspection, a decision). */
export const recordDraft = (fields: RecordFields): Draft => ({ ...fields, funder: null, amountFen: null }) as Draft;

export function sealDraft(projectId: string, state: ProjectState | null, ruleDigest: string, draft: Draft, ctx: DecideContext): Entry {
  const seq = (state?.version ?? 0) + 1;
  return sealEntry({
    format: 2,
    projectId,
    seq,
    entryId: entryIdFor(projectId, seq),
    ...draft,
    recordedAt: ctx.now,
    actor: { sub: ctx.actor.sub, role: ctx.actor.role, ...(ctx.actor.name ? { name: ctx.actor.name } : {}) },
    ruleDigest,
    prevHash: state?.headHash ?? GENESIS_HASH,
  });
}

export interface SettleOptions {
  /** 'all': every cap must hold afterwards (the entry changes the limits themselves). */
  caps?: 'increase' | 'all';
  /** A reversal breaking an invariant is a reversal that is not allowed. */
  asReversal?: boolean;
}

/**
 * Seals the draft, applies it, and holds the result to every rule that can be stated on the
 * position before and after: the status, the caps, the money-flow invariants, the bounded lists.
 */
export function settle(state: ProjectState, draft: Draft, ctx: DecideContext, opts: SettleOptions = {}): Decision {
  const entry = sealDraft(state.registration.projectId, state, state.ruleDigest, draft, ctx);
  const after = evolve(state, entry);
  const status = statusViolation(state, after);
  if (status) return violation(status);
  const broken = negativeFigureViolation(state, after) ?? capViolation(state, after, ctx.cluster ?? null, opts.caps) ?? flowViolation(state, after) ?? recordLimitViolation(after);
  if (broken) return violation(opts.asReversal ? asReversalViolation(broken) : broken);
  return { ok: true, entry, after };
}

const asReversalViolation = (v: RuleViolation): RuleViolation => ({
  ...v,
  rule: 'reversal-not-allowed',
  cause: v.rule,
  detail: `the reversal would break ${v.rule}: ${v.detail}`,
});

// --- dates -----------------------------------------------------------------------------------

export const todayOf = (ctx: DecideContext): BusinessDate => chinaDate(new Date(ctx.now));

/** Money moves and decisions are recorded when they happened, never ahead of today (400). */
export function notAfterToday(date: BusinessDate, field: string, ctx: DecideContext): Rejection | null {
  const why = afterToday(date, new Date(ctx.now));
  return why ? invalid(field, why) : null;
}

export function notBefore(date: BusinessDate, earliest: BusinessDate, field: string, why: string): Rejection | null {
  if (compareDates(date, earliest) >= 0) return null;
  return violation({ rule: 'implementation-period', detail: `${field} ${date} is before ${earliest} (${why})` });
}

/** Allocations, confirmations and decommitments may precede the signature, not the program's year. */
export function notBeforeProgramYear(state: ProjectState, date: BusinessDate, field: string): Rejection | null {
  const year = state.rules.year;
  return year === null ? null : notBefore(date, `${year}-01-01`, field, `program ${state.rules.code} is of ${year}`);
}

/** Transfers, payments and recoveries move money under the contract: not before its signature. */
export const notBeforeSignature = (state: ProjectState, date: BusinessDate, field: string): Rejection | null =>
  notBefore(date, state.terms.contract.signedOn, field, 'the contract was signed then');

export const firstRejection = (...rs: (Rejection | null)[]): Rejection | null => rs.find((r) => r !== null) ?? null;

import type { Actor } from '../project/types';
import type { LineOutcome } from './match';
import type { LedgerMovement, MatchHow, StatementLine } from './types';

/**
 * A statement's story: who uploaded it, then every match and undo with who, when and why, in
 * order. Nothing is ever removed from it; a line's current match is what the story adds up to.
 * POST /statements/{statementId}/matches and …/matches/{lineNo}/undo append to it, by the
 * uploader's role and another person than the uploader (four-eyes).
 */

export interface StatementHeader {
  statementId: string;
  /** The account it covers, as accountId() spells it. */
  account: string;
  uploadedBy: Actor;
  uploadedAt: string;
  lines: readonly StatementLine[];
}

export type MatchEvent =
  | { kind: 'match'; lineNo: number; entryId: string; projectId: string; how: MatchHow; reason: string | null; by: Actor | null; at: string }
  | { kind: 'undo'; lineNo: number; entryId: string; projectId: string; reason: string; by: Actor; at: string };

export interface CurrentMatch {
  entryId: string;
  projectId: string;
  how: MatchHow;
}

/** The automatic matches of an upload as the story's first events (by: null = the rule, not a person). */
export function automaticEvents(outcomes: readonly LineOutcome[], at: string): MatchEvent[] {
  return outcomes.flatMap((o) => (o.status === 'matched' ? [{ kind: 'match' as const, lineNo: o.lineNo, entryId: o.entryId, projectId: o.projectId, how: o.how, reason: null, by: null, at }] : []));
}

/** Each line's match now: the story replayed. */
export function currentMatches(events: readonly MatchEvent[]): Map<number, CurrentMatch> {
  const now = new Map<number, CurrentMatch>();
  for (const e of events) {
    if (e.kind === 'match') now.set(e.lineNo, { entryId: e.entryId, projectId: e.projectId, how: e.how });
    else now.delete(e.lineNo);
  }
  return now;
}

export type Refusal = {
  ok: false;
  /** `four-eyes` is a rule id of the API; the others are answered as 409 or 422 by the route. */
  rule: 'four-eyes' | 'wrong-role' | 'reason-required' | 'no-such-line' | 'line-already-matched' | 'line-not-matched' | 'entry-already-matched' | 'account-mismatch' | 'amount-mismatch';
  message: string;
};
export type Decision = { ok: true; event: MatchEvent } | Refusal;

const refuse = (rule: Refusal['rule'], message: string): Refusal => ({ ok: false, rule, message });

function fourEyes(statement: StatementHeader, actor: Actor): Refusal | null {
  if (actor.role !== statement.uploadedBy.role) return refuse('wrong-role', `only a ${statement.uploadedBy.role} (the uploader's role) may match or undo lines of this statement`);
  if (actor.sub === statement.uploadedBy.sub) return refuse('four-eyes', 'another person than the uploader must match or undo lines of this statement');
  return null;
}

const reasonOf = (reason: string): string | null => (reason.trim() === '' ? null : reason.trim());

export interface ManualMatchRequest {
  lineNo: number;
  /** The entry, as loaded by the caller. */
  entry: LedgerMovement;
  /** accountId() of the account the entry's money left. */
  entryAccount: string;
  /** Where the entry is matched already (this or another statement), or null. */
  entryMatchedAt: { statementId: string; lineNo: number } | null;
  reason: string;
}

/**
 * A person matches a line the rule left open (another voucher spelling, a date further apart, one
 * of several candidates). The amounts must be equal and the entry's money must have left the
 * statement's account: a manual match says "this is the same payment", never "close enough".
 */
export function decideManualMatch(statement: StatementHeader, events: readonly MatchEvent[], request: ManualMatchRequest, actor: Actor, at: string): Decision {
  const eyes = fourEyes(statement, actor);
  if (eyes) return eyes;
  const reason = reasonOf(request.reason);
  if (reason === null) return refuse('reason-required', 'a manual match needs a reason');
  const line = statement.lines.find((l) => l.lineNo === request.lineNo);
  if (!line) return refuse('no-such-line', `the statement has no line ${request.lineNo}`);
  const current = currentMatches(events).get(line.lineNo);
  if (current) return refuse('line-already-matched', `line ${line.lineNo} is matched to ${current.entryId} already: undo that first`);
  if (request.entryMatchedAt) return refuse('entry-already-matched', `${request.entry.entryId} is matched to line ${request.entryMatchedAt.lineNo} of statement ${request.entryMatchedAt.statementId} already`);
  if (request.entryAccount !== statement.account) return refuse('account-mismatch', `${request.entry.entryId} was not paid from the account this statement covers`);
  if (request.entry.amountFen !== line.amountFen) return refuse('amount-mismatch', `line ${line.lineNo} is ${line.amountFen} fen, ${request.entry.entryId} is ${request.entry.amountFen} fen`);
  return { ok: true, event: { kind: 'match', lineNo: line.lineNo, entryId: request.entry.entryId, projectId: request.entry.projectId, how: 'manual', reason, by: actor, at } };
}

/** Undoes a line's match (automatic or manual); the line and its entry are then unmatched. */
export function decideUndo(statement: StatementHeader, events: readonly MatchEvent[], lineNo: number, reason: string, actor: Actor, at: string): Decision {
  const eyes = fourEyes(statement, actor);
  if (eyes) return eyes;
  const why = reasonOf(reason);
  if (why === null) return refuse('reason-required', 'an undo needs a reason');
  const current = currentMatches(events).get(lineNo);
  if (!current) return refuse(statement.lines.some((l) => l.lineNo === lineNo) ? 'line-not-matched' : 'no-such-line', `line ${lineNo} is not matched`);
  return { ok: true, event: { kind: 'undo', lineNo, entryId: current.entryId, projectId: current.projectId, reason: why, by: actor, at } };
}

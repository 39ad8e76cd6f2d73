import { addDays } from '../dates';
import { PAYEE_DATE_WINDOW_DAYS, lineKeys, movementKeys } from './keys';
import type { LedgerMovement, StatementLine } from './types';

/**
 * Automatic matching of a statement's lines to the ledger's transfers and payments: one to one,
 * and never a guess. A line is matched to an entry only when that entry is the line's one
 * candidate and the line is the entry's one candidate in the statement; otherwise both stay
 * unmatched for a person to decide (manual.ts). Pure: the ledger given is not changed.
 */

export interface Candidate {
  movement: LedgerMovement;
  how: 'voucher' | 'payee-date';
}

/** An entry already matched (by an earlier statement, or by hand): it is not free. */
export interface ExistingMatch {
  entryId: string;
  statementId: string;
  lineNo: number;
  line: Pick<StatementLine, 'date' | 'amountFen' | 'payeeCreditCode' | 'voucherNo'>;
}

export type LineOutcome =
  | { lineNo: number; status: 'matched'; entryId: string; projectId: string; how: 'voucher' | 'payee-date' }
  | {
      lineNo: number;
      status: 'unmatched';
      /**
       * none: nothing in the ledger fits. ambiguous: more than one entry fits the line, or its one
       * entry fits other lines too. taken: its one entry is matched already. duplicate: that entry
       * is matched to a line of another statement with the same date, amount, payee and voucher:
       * the same bank movement listed twice (overlapping statements), not money the ledger lacks.
       */
      reason: 'none' | 'ambiguous' | 'taken' | 'duplicate';
      candidates: string[];
      duplicateOf: { statementId: string; lineNo: number } | null;
    };

export interface MatchResult {
  lines: LineOutcome[];
  matched: number;
  /** Lines matched to nothing (duplicates of a line matched elsewhere not counted). */
  statementOnly: number;
  /** Movements dated within the statement's first and last line dates that no line is matched to. */
  ledgerOnly: LedgerMovement[];
}

/** Candidates of a line by key lookups only: never a scan of the ledger. */
export interface CandidateLookup {
  byVoucher(key: string): readonly LedgerMovement[];
  byPayee(key: string): readonly LedgerMovement[];
}

export function indexLedger(ledger: readonly LedgerMovement[]): CandidateLookup {
  const voucher = new Map<string, LedgerMovement[]>();
  const payee = new Map<string, LedgerMovement[]>();
  const add = (map: Map<string, LedgerMovement[]>, key: string | null, m: LedgerMovement) => {
    if (key === null) return;
    const list = map.get(key);
    if (list) list.push(m);
    else map.set(key, [m]);
  };
  for (const m of ledger) {
    const keys = movementKeys(m);
    add(voucher, keys.voucher, m);
    add(payee, keys.payee, m);
  }
  return { byVoucher: (k) => voucher.get(k) ?? [], byPayee: (k) => payee.get(k) ?? [] };
}

/** Every entry the rule lets a line match, once each, the voucher rule first. */
export function candidatesFor(line: StatementLine, lookup: CandidateLookup): Candidate[] {
  const keys = lineKeys(line);
  const out: Candidate[] = [];
  if (keys.voucher !== null) for (const m of lookup.byVoucher(keys.voucher)) out.push({ movement: m, how: 'voucher' });
  if (keys.payee !== null) {
    const payees = lookup.byPayee(keys.payee);
    if (payees.length > 0) {
      // Business dates are fixed-width YYYY-MM-DD: the window compares as text, no date parsed per candidate.
      const from = addDays(line.date, -PAYEE_DATE_WINDOW_DAYS);
      const to = addDays(line.date, PAYEE_DATE_WINDOW_DAYS);
      for (const m of payees) {
        if (m.valueDate >= from && m.valueDate <= to && !out.some((c) => c.movement.entryId === m.entryId)) out.push({ movement: m, how: 'payee-date' });
      }
    }
  }
  return out;
}

const sameMovement = (a: ExistingMatch['line'], b: StatementLine) =>
  a.date === b.date && a.amountFen === b.amountFen && (a.payeeCreditCode ?? null) === (b.payeeCreditCode ?? null) && (a.voucherNo ?? null) === (b.voucherNo ?? null);

/**
 * Decides from each line's candidates (however they were found: an in-memory index, or DynamoDB
 * queries per key). Taken entries count as candidates: a line whose candidates include one taken
 * entry and one free entry is ambiguous, not a match to the free one.
 */
export function decideMatches(lines: readonly StatementLine[], candidatesOf: (line: StatementLine) => readonly Candidate[], existing: ReadonlyMap<string, ExistingMatch> = new Map()): LineOutcome[] {
  const perLine = lines.map((line) => ({ line, candidates: candidatesOf(line) }));
  // How many lines of this statement each entry could match.
  const linesPerEntry = new Map<string, number>();
  for (const { candidates } of perLine) for (const c of candidates) linesPerEntry.set(c.movement.entryId, (linesPerEntry.get(c.movement.entryId) ?? 0) + 1);
  return perLine.map(({ line, candidates }): LineOutcome => {
    const ids = candidates.map((c) => c.movement.entryId);
    const unmatched = (reason: 'none' | 'ambiguous' | 'taken' | 'duplicate', duplicateOf: { statementId: string; lineNo: number } | null = null): LineOutcome => ({ lineNo: line.lineNo, status: 'unmatched', reason, candidates: ids, duplicateOf });
    if (candidates.length === 0) return unmatched('none');
    if (candidates.length > 1) return unmatched('ambiguous');
    const only = candidates[0]!;
    const taken = existing.get(only.movement.entryId);
    if (taken) return sameMovement(taken.line, line) ? unmatched('duplicate', { statementId: taken.statementId, lineNo: taken.lineNo }) : unmatched('taken');
    if (linesPerEntry.get(only.movement.entryId) !== 1) return unmatched('ambiguous');
    return { lineNo: line.lineNo, status: 'matched', entryId: only.movement.entryId, projectId: only.movement.projectId, how: only.how };
  });
}

export function summarise(lines: readonly StatementLine[], outcomes: readonly LineOutcome[], ledgerInPeriod: readonly LedgerMovement[], existing: ReadonlyMap<string, ExistingMatch>): MatchResult {
  const matchedIds = new Set(outcomes.flatMap((o) => (o.status === 'matched' ? [o.entryId] : [])));
  const dates = lines.map((l) => l.date).sort();
  const [first, last] = [dates[0], dates[dates.length - 1]];
  const ledgerOnly = first === undefined || last === undefined ? [] : ledgerInPeriod.filter((m) => m.valueDate >= first && m.valueDate <= last && !matchedIds.has(m.entryId) && !existing.has(m.entryId));
  return {
    lines: [...outcomes],
    matched: matchedIds.size,
    statementOnly: outcomes.filter((o) => o.status === 'unmatched' && o.reason !== 'duplicate').length,
    ledgerOnly,
  };
}

/** The whole dry run in memory: index the ledger once, look each line up, decide, count. */
export function matchStatement(lines: readonly StatementLine[], ledger: readonly LedgerMovement[], existing: ReadonlyMap<string, ExistingMatch> = new Map()): MatchResult {
  const lookup = indexLedger(ledger);
  return summarise(lines, decideMatches(lines, (line) => candidatesFor(line, lookup), existing), ledger, existing);
}

import { decideMatches, type Candidate, type ExistingMatch, type LineOutcome } from '../../../domain/reconciliation/match';
import type { StatementLine } from '../../../domain/reconciliation/types';
import { mapBounded } from '../documents/post-document';
import type { StoredMovement } from '../storage/reconciliation-items';
import { getMovements, lookUpLine, movementsInPeriod, type Hit } from '../storage/reconciliation-store';

/**
 * Automatic matching against the stored ledger (API.md, Statements and reconciliation): each
 * line's candidates by key lookups (a Query per key), their movements by BatchGetItem, then the
 * pure decision of domain/reconciliation/match.ts. The cost grows with the lines, not with the
 * ledger: only ledgerOnly reads the account's movements, and only those dated in the statement's
 * period. Nothing is written here.
 */

/** Queries in flight at once: DynamoDB answers a key lookup in a few ms; more in flight only queue. */
export const LOOKUP_CONCURRENCY = 16;
const PROGRESS_EVERY = 500;

export interface LedgerMatch {
  outcomes: LineOutcome[];
  /** Every movement a line found, by entry id (reversed ones included, as read). */
  movements: Map<string, StoredMovement>;
  existing: Map<string, ExistingMatch>;
  /** Movements of the period matched to nothing, this statement's outcomes counted. */
  ledgerOnly: StoredMovement[];
}

/** Matched elsewhere (another statement, or by hand), as the decision counts it; this statement's own earlier claims are free. */
export function existingOf(movements: Iterable<StoredMovement>, statementId: string): Map<string, ExistingMatch> {
  const existing = new Map<string, ExistingMatch>();
  for (const m of movements) {
    if (!m.matchedBy || m.matchedBy.statementId === statementId) continue;
    existing.set(m.entryId, { entryId: m.entryId, statementId: m.matchedBy.statementId, lineNo: m.matchedBy.lineNo, line: m.matchedBy.line });
  }
  return existing;
}

export async function matchAgainstLedger(statementId: string, account: string, lines: readonly StatementLine[], onProgress: (done: number) => Promise<void> = async () => {}): Promise<LedgerMatch> {
  let done = 0;
  let reported = 0;
  const hits = await mapBounded(lines, LOOKUP_CONCURRENCY, async (line) => {
    const found = await lookUpLine(account, line);
    done++;
    if (done - reported >= PROGRESS_EVERY) {
      reported = done;
      await onProgress(done);
    }
    return found;
  });
  await onProgress(lines.length);
  const movements = await getMovements(account, hits.flat());
  const existing = existingOf(movements.values(), statementId);
  const candidatesOf = (hitsOfLine: readonly Hit[]): Candidate[] => {
    const out: Candidate[] = [];
    // The voucher rule first, then payee and date; each entry once (as domain candidatesFor()).
    for (const how of ['voucher', 'payee-date'] as const) {
      for (const h of hitsOfLine) {
        const m = movements.get(h.entryId);
        if (h.how !== how || !m || m.reversedBy !== null || out.some((c) => c.movement.entryId === m.entryId)) continue;
        out.push({ movement: m, how });
      }
    }
    return out;
  };
  const byLine = new Map(lines.map((l, i) => [l.lineNo, hits[i]!]));
  const outcomes = decideMatches(lines, (line) => candidatesOf(byLine.get(line.lineNo) ?? []), existing);
  const dates = lines.map((l) => l.date).sort();
  const period = dates.length ? await movementsInPeriod(account, dates[0]!, dates[dates.length - 1]!) : [];
  const free = period.filter((m) => m.reversedBy === null && (!m.matchedBy || m.matchedBy.statementId === statementId));
  const matchedIds = new Set(outcomes.flatMap((o) => (o.status === 'matched' ? [o.entryId] : [])));
  return { outcomes, movements, existing, ledgerOnly: free.filter((m) => !matchedIds.has(m.entryId)) };
}

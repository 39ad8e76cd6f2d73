import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Actor } from '../../../domain/project/types';
import type { LineOutcome } from '../../../domain/reconciliation/match';
import type { StatementLine } from '../../../domain/reconciliation/types';
import { doc } from '../storage/client';
import { isTransactionCanceled } from '../storage/cancellation';
import type { MatchRef, StoredMovement } from '../storage/reconciliation-items';
import { claimItem, extendCoverage, releaseItem } from '../storage/reconciliation-store';
import { beginRun, finishRun, lineItem, reportProgress, failRun, type StatementRecord, type StoredLine } from '../storage/statement-store';
import { matchAgainstLedger } from './match-ledger';

/**
 * One run over a statement: match it against the ledger, then keep the result — a stored
 * statement (its lines, each matched movement claimed one to one, the account's coverage moved
 * on) or a draft (a dry run of an uploaded file: its lines only, claiming nothing). Resumable: a
 * run that stopped half way is run again from the start, and a movement this statement claimed
 * before counts as free to it.
 */

/** How long a run holds a statement without reporting progress before another may take over. */
export const LEASE_MS = 5 * 60 * 1000;
/** Lines per transaction: each a Put, and a claim for a matched one (DynamoDB allows 100 items). */
const LINES_PER_TRANSACTION = 40;
const MAX_CONFLICT_RETRIES = 8;

export interface StatementFile {
  statementId: string;
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'gbk' | null;
  fileName: string | null;
  lines: StatementLine[];
}

export interface Uploader {
  account: string;
  zoneId: string | null;
  city: string | null;
  actor: Actor;
}

const leaseFrom = (now: number) => new Date(now + LEASE_MS).toISOString();

/** The record a run starts with. */
export function newRecord(file: StatementFile, by: Uploader, mode: 'draft' | 'store', source: 'body' | 'upload', now: Date): StatementRecord {
  const dates = file.lines.map((l) => l.date).sort();
  return {
    statementId: file.statementId, account: by.account, zoneId: by.zoneId, city: by.city, uploadedBy: by.actor, uploadedAt: now.toISOString(),
    status: 'processing', mode, source, format: file.format, encoding: file.encoding, fileName: file.fileName,
    linesTotal: file.lines.length, linesDone: 0, firstDate: dates[0] ?? null, lastDate: dates[dates.length - 1] ?? null,
    matched: 0, statementOnly: 0, events: 0, failure: null, leaseUntil: leaseFrom(now.getTime()),
  };
}

export { beginRun };

export const isStatementOnly = (l: StoredLine) => l.match === null && !(l.auto.status === 'unmatched' && l.auto.reason === 'duplicate');

export function storedLinesOf(lines: readonly StatementLine[], outcomes: readonly LineOutcome[]): StoredLine[] {
  return lines.map((line, i) => {
    const auto = outcomes[i]!;
    return { line, auto, match: auto.status === 'matched' ? { entryId: auto.entryId, projectId: auto.projectId, how: auto.how } : null };
  });
}

const refOf = (statementId: string, l: StoredLine): MatchRef => ({
  statementId, lineNo: l.line.lineNo, how: l.match!.how,
  line: { date: l.line.date, amountFen: l.line.amountFen, payeeCreditCode: l.line.payeeCreditCode, voucherNo: l.line.voucherNo },
});

/**
 * The lines written, each matched one with its movement claimed in the same transaction. A claim
 * refused (another statement, or a person, took the movement meanwhile) leaves its line unmatched
 * as `taken`: the database keeps matching one to one, whatever runs at the same time.
 */
async function writeLines(record: StatementRecord, lines: StoredLine[], movements: ReadonlyMap<string, StoredMovement>, now: Date): Promise<void> {
  const claiming = record.mode === 'store';
  for (let i = 0; i < lines.length; i += LINES_PER_TRANSACTION) {
    const chunk = lines.slice(i, i + LINES_PER_TRANSACTION);
    for (let attempt = 0; ; attempt++) {
      const claimed = claiming ? chunk.filter((l) => l.match !== null) : [];
      const items = [
        ...claimed.map((l) => claimItem(movements.get(l.match!.entryId)!, refOf(record.statementId, l), true)),
        ...chunk.map((l) => lineItem(record, l, now)),
      ];
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: items }));
        break;
      } catch (err) {
        if (!isTransactionCanceled(err)) throw err;
        const reasons = err.CancellationReasons ?? [];
        const refused = claimed.filter((_, k) => reasons[k]?.Code === 'ConditionalCheckFailed');
        for (const l of refused) {
          l.auto = { lineNo: l.line.lineNo, status: 'unmatched', reason: 'taken', candidates: [l.match!.entryId], duplicateOf: null };
          l.match = null;
        }
        if (refused.length === 0 && attempt >= MAX_CONFLICT_RETRIES) throw err;
        if (refused.length === 0) await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
      }
    }
  }
}

/** Claims an interrupted run of this statement left on movements that no line keeps now. */
async function releaseStale(record: StatementRecord, lines: readonly StoredLine[], movements: ReadonlyMap<string, StoredMovement>): Promise<void> {
  const kept = new Set(lines.flatMap((l) => (l.match ? [l.match.entryId] : [])));
  for (const m of movements.values()) {
    if (m.matchedBy?.statementId !== record.statementId || kept.has(m.entryId)) continue;
    try {
      await doc.send(new UpdateCommand(releaseItem(m, { statementId: record.statementId, lineNo: null }).Update!));
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }
}

export interface RunResult {
  record: StatementRecord;
  lines: StoredLine[];
  ledgerOnly: StoredMovement[];
}

/** Runs a statement the caller has begun (beginRun), to its end; a failure is recorded, then thrown. */
export async function runStatement(begun: StatementRecord, file: StatementFile, now: Date): Promise<RunResult> {
  try {
    const match = await matchAgainstLedger(begun.statementId, begun.account, file.lines, (done) => reportProgress(begun.statementId, done, leaseFrom(Date.now())));
    const lines = storedLinesOf(file.lines, match.outcomes);
    await writeLines(begun, lines, match.movements, now);
    if (begun.mode === 'store') {
      await releaseStale(begun, lines, match.movements);
      if (begun.lastDate) await extendCoverage(begun.account, begun.lastDate);
    }
    const record: StatementRecord = {
      ...begun,
      status: begun.mode === 'store' ? 'complete' : 'draft',
      linesDone: file.lines.length,
      matched: lines.filter((l) => l.match !== null).length,
      statementOnly: lines.filter(isStatementOnly).length,
      leaseUntil: null,
    };
    await finishRun(record, now);
    return { record, lines, ledgerOnly: match.ledgerOnly };
  } catch (err) {
    await failRun(begun.statementId, (err as Error).message ?? String(err));
    throw err;
  }
}

import { canonicalJson, sha256Hex } from '../../../domain/canonical-json';
import { afterToday } from '../../../domain/dates';
import { yearOf, type Indicator } from '../../../domain/budget/indicator';
import { AmountRangeError, addFen } from '../../../domain/money';
import type { InvalidField } from '../../../domain/project/outcome';
import { HttpProblem, badRequest, conflict, unavailable } from '../http/problems';
import type { Principal } from '../http/principal';
import { requireRole } from '../authorize';
import { postEntry } from '../ledger/post-entry';
import { outcomeReply } from '../http/ledger-answers';
import { StorageUnavailable } from '../storage/client';
import type { LedgerStore } from '../storage/ledger-store';
import { IDEMPOTENCY_TTL_DAYS } from '../storage/transaction-items';
import { finishDocument, startDocument, type DocumentRecord, type LineOutcome } from '../storage/document-store';

/** Lines in flight at once: enough to overlap storage round trips, few enough not to fight over the same rollups. */
export const DOCUMENT_CONCURRENCY = 8;

export interface DocumentRequest {
  documentNo: string;
  issuedOn: string;
  /** The budget indicator every line draws on (API.md v3: a plan document names it at its top level). */
  indicatorNo?: string;
  lines: { projectId: string; amountFen: number }[];
  principal: Principal;
  now: Date;
}

/** Runs `work` over the items with at most `limit` in flight, keeping the results in order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The document's indicator when no line can draw on it (there is none of that number, it is closed
 * — which it stays — or of another year than the issue date), read once: every line is then decided
 * on it and refused without a transaction. Otherwise undefined: each line's draw is held by its
 * transaction's condition, and a line that does not fit reads the indicator to name its rule.
 */
async function unusableIndicator(store: LedgerStore, req: DocumentRequest): Promise<{ read: Indicator | null } | undefined> {
  if (req.indicatorNo === undefined) return undefined;
  const read = await store.getIndicator(req.indicatorNo);
  return read === null || read.status !== 'open' || read.fiscalYear !== yearOf(req.issuedOn) ? { read } : undefined;
}

/** One line as its own allocation: its own transaction, its own rules, its own idempotency key. */
async function postLine(store: LedgerStore, req: DocumentRequest, documentHash: string, line: { projectId: string; amountFen: number }, index: number, unusable: { read: Indicator | null } | undefined): Promise<LineOutcome> {
  const base = { line: index + 1, projectId: line.projectId, amountFen: line.amountFen };
  try {
    const outcome = await postEntry(store, {
      ...(unusable ? { namedIndicatorRead: unusable.read } : {}),
      projectId: line.projectId,
      command: {
        type: 'allocation', amountFen: line.amountFen, valueDate: req.issuedOn, reference: req.documentNo, documentNo: req.documentNo,
        ...(req.indicatorNo !== undefined ? { indicatorNo: req.indicatorNo } : {}),
      },
      principal: req.principal,
      // Per line, so that sending the document again replays each line instead of posting it twice;
      // of this document number, so that another document with the same lines posts its own.
      idempotencyKey: `doc-${sha256Hex(`${req.documentNo}\n${documentHash}`).slice(0, 32)}-${index + 1}`,
      fingerprint: { document: req.documentNo, issuedOn: req.issuedOn, line: index + 1, projectId: line.projectId, amountFen: line.amountFen, ...(req.indicatorNo !== undefined ? { indicatorNo: req.indicatorNo } : {}) },
      now: req.now,
    });
    if (outcome.kind === 'posted') return { ...base, status: 201, entryId: outcome.entry.entryId, problem: null };
    const answer = outcomeReply(outcome);
    return { ...base, status: answer.status, entryId: null, problem: answer.body as Record<string, unknown> };
  } catch (err) {
    const problem = err instanceof HttpProblem ? err : err instanceof StorageUnavailable ? unavailable('Storage was busy for this line; send the document again to finish it.') : null;
    if (!problem) throw err;
    return { ...base, status: problem.status, entryId: null, problem: problem.body() };
  }
}

function totalsOf(lines: readonly LineOutcome[]): DocumentRecord['totals'] {
  let postedFen = 0;
  let refusedFen = 0;
  for (const l of lines) {
    if (l.status === 201) postedFen = addFen(postedFen, l.amountFen);
    else refusedFen = addFen(refusedFen, l.amountFen);
  }
  const posted = lines.filter((l) => l.status === 201).length;
  return { lines: lines.length, posted, refused: lines.length - posted, postedFen, refusedFen };
}

/**
 * What makes a document invalid as a whole rather than line by line: an issue date after today
 * (every line would be refused for it) and lines whose total passes 2^53 fen (the totals could not
 * be kept). Checked before the number is claimed or any line posted, so the 400 leaves the number
 * free for the corrected document.
 */
function wholeDocumentProblems(req: DocumentRequest): InvalidField[] {
  const errors: InvalidField[] = [];
  const ahead = afterToday(req.issuedOn, req.now);
  if (ahead) errors.push({ path: 'issuedOn', message: ahead });
  let total = 0;
  for (const [i, line] of req.lines.entries()) {
    try {
      total = addFen(total, line.amountFen);
    } catch (err) {
      if (!(err instanceof AmountRangeError)) throw err;
      errors.push({ path: `lines.${i}.amountFen`, message: `the lines up to this one add up to more than ${Number.MAX_SAFE_INTEGER} fen, the largest total kept exactly` });
      break;
    }
  }
  return errors;
}

/** A day short of the records' lifetime: a resume must not race the expiry of the lines' records. */
const RESUME_WINDOW_MS = (IDEMPOTENCY_TTL_DAYS - 1) * 86_400_000;

/**
 * An unfinished document is finished by sending it again, each line replayed from its own
 * Idempotency-Key record. Those records expire (IDEMPOTENCY_TTL_DAYS): past that, a line that was
 * posted could be posted twice, so the resume is refused and the lines are reconciled by hand.
 */
function refuseStaleResume(existing: DocumentRecord, now: Date): void {
  if (now.getTime() - Date.parse(existing.createdAt) < RESUME_WINDOW_MS) return;
  throw conflict(
    `Document ${existing.documentNo} was started at ${existing.createdAt} and never finished; its lines' retry records have expired, ` +
      'so sending it again could post a line twice. Check which of its projects show an allocation naming this document, ' +
      'and post the missing lines under a new document number.',
    'document-resume-expired',
  );
}

/**
 * POST /allocation-documents: the document number is the idempotency key of the whole — the same
 * document again replays its outcomes (finishing any line a busy database left undone); the same
 * number with other lines is a 409. A document invalid as a whole is a 400 before anything is stored.
 */
export async function postDocument(store: LedgerStore, req: DocumentRequest): Promise<{ status: number; record: DocumentRecord; replayed: boolean }> {
  requireRole(req.principal, 'finance-officer');
  const invalid = wholeDocumentProblems(req);
  if (invalid.length) throw badRequest(invalid, 'The document is invalid as a whole: nothing was posted, and its number is still free.');
  // A document without an indicator hashes as before v3, so its replays still match.
  const requestHash = sha256Hex(canonicalJson({ issuedOn: req.issuedOn, lines: req.lines, ...(req.indicatorNo !== undefined ? { indicatorNo: req.indicatorNo } : {}) }));
  const fresh: DocumentRecord = {
    documentNo: req.documentNo,
    issuedOn: req.issuedOn,
    ...(req.indicatorNo !== undefined ? { indicatorNo: req.indicatorNo } : {}),
    requestHash,
    status: 'in-progress',
    createdBy: req.principal.sub,
    createdAt: req.now.toISOString(),
    completedAt: null,
    lines: [],
    totals: totalsOf([]),
  };
  const claim = await startDocument(fresh);
  let record = fresh;
  if (!claim.started) {
    if (claim.existing.requestHash !== requestHash) {
      throw conflict(`Document ${req.documentNo} was already recorded with other lines, another issue date or another budget indicator.`, 'idempotency-key-reuse');
    }
    if (claim.existing.status === 'complete') return { status: 201, record: claim.existing, replayed: true };
    refuseStaleResume(claim.existing, req.now);
    record = claim.existing;
  }
  const unusable = await unusableIndicator(store, req);
  const lines = await mapBounded(req.lines, DOCUMENT_CONCURRENCY, (line, i) => postLine(store, req, requestHash, line, i, unusable));
  const done: DocumentRecord = {
    ...record,
    lines,
    totals: totalsOf(lines),
    status: lines.some((l) => l.status === 503) ? 'in-progress' : 'complete',
    completedAt: lines.some((l) => l.status === 503) ? null : req.now.toISOString(),
  };
  await finishDocument(done);
  return { status: 201, record: done, replayed: !claim.started };
}

import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod/mini';
import { addDays, chinaDate, compareDates, daysBetween, maxDate, minDate } from '../../domain/dates';
import type { Actor, Role } from '../../domain/project/types';
import { decideManualMatch, decideUndo, type MatchEvent, type Refusal, type StatementHeader } from '../../domain/reconciliation/manual';
import type { ReconciliationRuleId } from '../../domain/reconciliation/rules';
import { accountId } from '../../domain/reconciliation/types';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { HttpProblem, badRequest, conflict, forbidden, notFound } from '../lib/http/problems';
import { hasRole, canRead, type Principal } from '../lib/http/principal';
import { requireRole } from '../lib/authorize';
import { decodeCursor, encodeCursor, pageFromCursor } from '../lib/cursor';
import { checkFileName } from '../lib/evidence/declaration';
import { matchAgainstLedger } from '../lib/reconciliation/match-ledger';
import { startJob } from '../lib/reconciliation/jobs';
import { beginRun, isStatementOnly, newRecord, runStatement, storedLinesOf, type StatementFile, type Uploader } from '../lib/reconciliation/run-statement';
import type {
  dryRunQuery, lineParams, manualMatchSchema, statementCompleteSchema, reconciliationQuery, statementGetQuery, statementListQuery, statementParams, statementUploadSchema, undoSchema,
} from '../lib/schemas';
import { readStatement, statementTemplate, XLSX } from '../lib/statements/read-statement';
import { configuredStatementFiles } from '../lib/statements/statement-files';
import { fileReply } from '../lib/files';
import { isTransactionCanceled } from '../lib/storage/cancellation';
import { doc } from '../lib/storage/client';
import { cityOfZone, listZones } from '../lib/storage/catalog-store';
import { entriesPage, getProject } from '../lib/storage/ledger-store';
import { accountOf, type StoredMovement } from '../lib/storage/reconciliation-items';
import { claimItem, getMovement, getMovements, movementsInPeriod, releaseItem } from '../lib/storage/reconciliation-store';
import { STATEMENT_PREFIX, STATEMENT_TYPE } from '../lib/storage/reconciliation-keys';
import { indexKeys } from '../lib/storage/keys';
import { INDEX } from '../lib/storage/table-definition';
import {
  eventItems, getStatement, listStatements, readEvents, readLine, readLines, unmatchedLines, type StatementRecord, type StoredLine,
} from '../lib/storage/statement-store';

/**
 * Statements and reconciliation (API.md v3; docs/api.md says what the contract leaves open).
 * A statement belongs to an account: the province's (uploaded by a finance officer) or a zone's
 * (by that zone's committee). Finance officers, admins and auditors read every statement; a zone
 * committee only its own zone's, and anything else answers as an unknown id does (404). City
 * bureaus have no account and read none (403). Reconciling never writes a ledger item.
 */

/** Lines a statement sent as the request body may have: its matching and storing happen within the request. */
export const MAX_BODY_LINES = 2_000;
/** A GET /reconciliation answer holds at most this many entries and lines: a narrower range otherwise. */
export const MAX_RECONCILIATION_ITEMS = 10_000;
/** GET /reconciliation's range: at most this many days (default: the 90 days to today). */
export const MAX_RANGE_DAYS = 366;

const READERS: Role[] = ['admin', 'finance-officer', 'auditor', 'zone-committee'];

const actorOf = (p: Principal, role: Role): Actor => ({ sub: p.sub, role, ...(p.name ? { name: p.name } : {}) });

/** The account a principal uploads for: the province's (finance officer) or its zone's (zone committee). */
async function uploaderOf(p: Principal): Promise<Uploader> {
  if (hasRole(p, 'finance-officer')) return { account: accountId({ kind: 'province' }), zoneId: null, city: null, actor: actorOf(p, 'finance-officer') };
  if (hasRole(p, 'zone-committee')) return { account: accountId({ kind: 'zone', zoneId: p.zoneId! }), zoneId: p.zoneId!, city: await cityOfZone(p.zoneId!), actor: actorOf(p, 'zone-committee') };
  throw forbidden('Statements are uploaded by a finance officer (the province’s account) or a zone committee (its zone’s account).');
}

const seesEveryAccount = (p: Principal) => hasRole(p, 'admin') || hasRole(p, 'finance-officer') || hasRole(p, 'auditor');
const canSee = (p: Principal, r: StatementRecord) => seesEveryAccount(p) || (hasRole(p, 'zone-committee') && r.zoneId !== null && r.zoneId === p.zoneId);

/** The statement, when it exists and the caller may see it; 404 otherwise, whichever it is. */
async function visibleStatement(p: Principal, statementId: string): Promise<StatementRecord> {
  requireRole(p, ...READERS);
  const r = await getStatement(statementId);
  if (!r || !canSee(p, r)) throw notFound(`No statement ${statementId}.`);
  return r;
}

const refused = (status: 409 | 422, rule: ReconciliationRuleId, detail: string) =>
  new HttpProblem(status, status === 409 ? 'Conflict' : 'Reconciliation refused', detail, { rule }, {}, `rules/${rule}`);

/** A file's reading errors as the 400 the contract asks for: one `errors[]` item per row and field. */
const rowErrors = (errors: { row: number; field: string; message: string }[]) =>
  badRequest(errors.map((e) => ({ path: `rows.${e.row}.${e.field}`, message: e.message })), `The statement has ${errors.length} error(s); nothing was stored.`);

// --- views -----------------------------------------------------------------------------------

function lineView(l: StoredLine) {
  const unmatched = l.match !== null
    ? null
    : l.auto.status === 'unmatched'
      ? { reason: l.auto.reason, candidates: l.auto.candidates, duplicateOf: l.auto.duplicateOf }
      : { reason: 'undone' as const, candidates: [l.auto.entryId], duplicateOf: null };
  return { ...l.line, match: l.match, unmatched };
}

const movementView = (m: StoredMovement) => ({ entryId: m.entryId, projectId: m.projectId, type: m.type, amountFen: m.amountFen, valueDate: m.valueDate, reference: m.reference });

function summaryView(r: StatementRecord) {
  return {
    statementId: r.statementId, account: r.account, zoneId: r.zoneId, status: r.status, uploadedBy: r.uploadedBy, uploadedAt: r.uploadedAt,
    format: r.format, encoding: r.encoding, fileName: r.fileName, linesTotal: r.linesTotal, linesDone: r.linesDone,
    firstDate: r.firstDate, lastDate: r.lastDate, matched: r.matched, statementOnly: r.statementOnly, failure: r.failure,
  };
}

/** Every stored line of a statement (for answers that hold them all). */
async function allLines(statementId: string): Promise<StoredLine[]> {
  const out: StoredLine[] = [];
  for (let from: number | null = 1; from !== null; ) {
    const page = await readLines(statementId, from, 10_000);
    out.push(...page.lines);
    from = page.next;
  }
  return out;
}

/** The account's movements of the statement's period that no line is matched to now (a draft's proposals counted as matches). */
async function ledgerOnlyNow(r: StatementRecord, lines: readonly StoredLine[] | null): Promise<StoredMovement[]> {
  if (!r.firstDate || !r.lastDate || (r.status !== 'complete' && r.status !== 'draft')) return [];
  const proposed = new Set((lines ?? []).flatMap((l) => (l.match ? [l.match.entryId] : [])));
  const period = await movementsInPeriod(r.account, r.firstDate, r.lastDate);
  return period.filter((m) => m.reversedBy === null && m.matchedBy === null && !proposed.has(m.entryId));
}

function resultView(r: StatementRecord, lines: readonly StoredLine[], ledgerOnly: readonly StoredMovement[], dryRun: boolean) {
  return {
    statementId: r.statementId, dryRun, status: r.status, account: r.account, format: r.format, encoding: r.encoding,
    lines: lines.map(lineView),
    matched: lines.filter((l) => l.match !== null).length,
    statementOnly: lines.filter(isStatementOnly).length,
    ledgerOnly: ledgerOnly.map(movementView),
  };
}

/** A statement stored already, sent again: its result now (200), if the caller's account is the one it covers. */
async function storedAgain(existing: StatementRecord, by: Uploader): Promise<Reply> {
  if (existing.account !== by.account) throw conflict(`A statement with this content (${existing.statementId}) is stored for another account.`);
  if (existing.status === 'processing') throw refused(409, 'statement-processing', `Statement ${existing.statementId} is being processed; read GET /statements/${existing.statementId} for its progress.`);
  const lines = await allLines(existing.statementId);
  return { status: 200, body: resultView(existing, lines, await ledgerOnlyNow(existing, lines), false) };
}

const isStoredRun = (r: StatementRecord | null): r is StatementRecord => r !== null && r.mode === 'store' && r.status !== 'failed';

// --- POST /statements ------------------------------------------------------------------------

/**
 * A statement in the request body (CSV or XLSX, up to 5 MiB and 2,000 lines): matched and, unless
 * dryRun=true, stored within the request. The same file again answers the stored result (200).
 */
async function postStatement(req: Req<unknown, z.infer<typeof dryRunQuery>>): Promise<Reply> {
  const by = await uploaderOf(req.principal);
  const dryRun = req.query.dryRun === 'true';
  const read = await readStatement(req.upload!);
  if (!read.ok) throw rowErrors(read.errors);
  if (read.lines.length > MAX_BODY_LINES) {
    throw badRequest([{ path: '', message: `${read.lines.length} lines: a statement sent as the request body may have ${MAX_BODY_LINES}; upload a larger one through POST /statements/uploads` }]);
  }
  const file: StatementFile = { statementId: read.statementId, format: read.format, encoding: read.encoding, fileName: null, lines: read.lines };
  const existing = await getStatement(file.statementId);
  if (isStoredRun(existing)) return storedAgain(existing, by);
  if (dryRun) {
    const match = await matchAgainstLedger(file.statementId, by.account, file.lines);
    const record = { ...newRecord(file, by, 'draft', 'body', req.now), status: 'draft' as const };
    return { status: 200, body: resultView(record, storedLinesOf(file.lines, match.outcomes), match.ledgerOnly, true) };
  }
  const record = newRecord(file, by, 'store', 'body', req.now);
  const begun = await beginRun(record, req.now);
  if (!begun.begun) return storedAgain(begun.existing, by);
  const result = await runStatement(record, file, req.now);
  return { status: 201, body: resultView(result.record, result.lines, result.ledgerOnly, false), headers: { location: `/statements/${file.statementId}` } };
}

// --- uploads (files too large for a body) ------------------------------------------------------

async function declareUpload(req: Req<unknown, unknown, z.infer<typeof statementUploadSchema>>): Promise<Reply> {
  const by = await uploaderOf(req.principal);
  const body = req.body;
  const existing = await getStatement(body.sha256);
  if (isStoredRun(existing) && existing.status === 'complete') {
    if (existing.account !== by.account) throw conflict(`A statement with this content (${existing.statementId}) is stored for another account.`);
    return { status: 200, body: { statementId: existing.statementId, status: existing.status, uploadUrl: null, uploadHeaders: null, expiresAt: null } };
  }
  const ticket = await configuredStatementFiles().presignUpload({ sizeBytes: body.sizeBytes, contentType: body.contentType, sha256: body.sha256 }, req.now);
  return { status: 201, body: { statementId: body.sha256, status: 'awaiting-upload', uploadUrl: ticket.url, uploadHeaders: ticket.headers, expiresAt: ticket.expiresAt } };
}

/**
 * The uploaded file read and checked now (a bad row is a 400, nothing kept), then matched and
 * stored — or, with dryRun=true, matched into a draft — in the background: 202 with the progress,
 * which GET /statements/{statementId} keeps showing.
 */
async function completeUpload(req: Req<z.infer<typeof statementParams>, z.infer<typeof dryRunQuery>, z.infer<typeof statementCompleteSchema>>): Promise<Reply> {
  const by = await uploaderOf(req.principal);
  const { statementId } = req.params;
  let fileName: string | null = null;
  if (req.body.fileName !== undefined) {
    const name = checkFileName(req.body.fileName);
    if (!name.ok) throw badRequest([{ path: 'fileName', message: name.message }]);
    fileName = name.value;
  }
  const mode = req.query.dryRun === 'true' ? 'draft' : 'store';
  const bytes = await configuredStatementFiles().read(statementId);
  if (!bytes) throw conflict(`Nothing was uploaded for statement ${statementId}: PUT the file to the upload URL first.`);
  const read = await readStatement(bytes);
  if (read.statementId !== statementId) throw conflict(`The file uploaded for ${statementId} has another SHA-256: declare it again.`);
  if (!read.ok) throw rowErrors(read.errors);
  const existing = await getStatement(statementId);
  if (isStoredRun(existing) && existing.status === 'complete') {
    if (existing.account !== by.account) throw conflict(`A statement with this content (${statementId}) is stored for another account.`);
    return { status: 200, body: summaryView(existing) };
  }
  const file: StatementFile = { statementId, format: read.format, encoding: read.encoding, fileName: fileName ?? (existing?.status === 'draft' ? existing.fileName : null), lines: read.lines };
  const record = newRecord(file, by, mode, 'upload', req.now);
  const begun = await beginRun(record, req.now);
  if (!begun.begun) {
    const running = begun.existing;
    if (running.account !== by.account) throw conflict(`A statement with this content (${statementId}) is stored for another account.`);
    if (running.status === 'complete') return { status: 200, body: summaryView(running) };
    if (running.mode === mode) return { status: 202, body: summaryView(running), headers: { location: `/statements/${statementId}` } };
    throw refused(409, 'statement-processing', `Statement ${statementId} is being processed; read GET /statements/${statementId} for its progress.`);
  }
  await startJob(statementId, mode, req.now);
  return { status: 202, body: summaryView(record), headers: { location: `/statements/${statementId}` } };
}

// --- reading -----------------------------------------------------------------------------------

async function getOne(req: Req<z.infer<typeof statementParams>, z.infer<typeof statementGetQuery>>): Promise<Reply> {
  const r = await visibleStatement(req.principal, req.params.statementId);
  const listing = { tag: 'statement-lines', filter: { statementId: r.statementId } };
  const from = decodeCursor(req.query.cursor, listing, (k): k is number => Number.isSafeInteger(k) && (k as number) >= 1) ?? 1;
  const page = await readLines(r.statementId, from, req.query.limit);
  // ledgerOnly is about the whole statement: on its first page.
  const ledgerOnly = from === 1 ? await ledgerOnlyNow(r, r.status === 'draft' ? await allLines(r.statementId) : null) : [];
  return {
    status: 200,
    body: {
      ...summaryView(r),
      lines: page.lines.map(lineView),
      nextCursor: page.next === null ? null : encodeCursor(listing, page.next),
      ledgerOnly: ledgerOnly.map(movementView),
      events: r.status === 'complete' ? await readEvents(r.statementId) : [],
    },
  };
}

async function list(req: Req<unknown, z.infer<typeof statementListQuery>>): Promise<Reply> {
  const p = req.principal;
  requireRole(p, ...READERS);
  let zoneId = req.query.zoneId ?? null;
  if (!seesEveryAccount(p)) {
    if (zoneId !== null && zoneId !== p.zoneId) throw forbidden('Zone committees read only their own zone’s statements.');
    zoneId = p.zoneId;
  }
  const shape = zoneId
    ? { index: INDEX.byZone, partition: indexKeys.zone(zoneId), sortPrefix: 'STATEMENT#', pk: (pk: string) => pk.startsWith(STATEMENT_PREFIX), sk: (sk: string) => sk === 'META' }
    : { index: INDEX.byType, partition: STATEMENT_TYPE, sortPrefix: '', pk: (pk: string) => pk.startsWith(STATEMENT_PREFIX), sk: (sk: string) => sk === 'META' };
  const page = await pageFromCursor(req.query.cursor, { tag: 'statements', filter: { zoneId } }, shape, (start) => listStatements(zoneId, req.query.limit, start));
  return { status: 200, body: { statements: page.statements.map(summaryView), nextCursor: page.nextCursor } };
}

async function template(req: Req): Promise<Reply> {
  requireRole(req.principal, ...READERS);
  return fileReply(await statementTemplate(), '对账单模板.xlsx', XLSX);
}

// --- manual matches and undos (four-eyes) ------------------------------------------------------

/** The role the principal acts in: the uploader's when it holds it (else its first, which the decision refuses). */
const actingActor = (p: Principal, r: StatementRecord): Actor => actorOf(p, hasRole(p, r.uploadedBy.role) ? r.uploadedBy.role : (p.roles[0] ?? r.uploadedBy.role));

function answerRefusal(f: Refusal): never {
  switch (f.rule) {
    case 'wrong-role': throw forbidden(f.message);
    case 'four-eyes': throw new HttpProblem(422, 'Funding rule violated', f.message, { rule: 'four-eyes' }, {}, 'rules/four-eyes');
    case 'reason-required': throw badRequest([{ path: 'reason', message: f.message }]);
    case 'no-such-line': throw notFound(f.message);
    case 'line-already-matched':
    case 'line-not-matched':
    case 'entry-already-matched': throw refused(409, f.rule, f.message);
    case 'account-mismatch':
    case 'amount-mismatch': throw refused(422, f.rule, f.message);
  }
}

/** A complete statement the caller may see, for a match or an undo. */
async function statementForDecision(p: Principal, statementId: string): Promise<StatementRecord> {
  const r = await visibleStatement(p, statementId);
  if (r.status === 'processing') throw refused(409, 'statement-processing', `Statement ${statementId} is being processed; matches wait until it is stored.`);
  if (r.status !== 'complete') throw notFound(`No stored statement ${statementId}.`);
  return r;
}

const headerOf = (r: StatementRecord, line: StoredLine | null): StatementHeader => ({ statementId: r.statementId, account: r.account, uploadedBy: r.uploadedBy, uploadedAt: r.uploadedAt, lines: line ? [line.line] : [] });
/** The line's match now as the one event the decisions need to know it by. */
const eventsOf = (r: StatementRecord, line: StoredLine | null): MatchEvent[] =>
  line?.match ? [{ kind: 'match', lineNo: line.line.lineNo, entryId: line.match.entryId, projectId: line.match.projectId, how: line.match.how, reason: null, by: null, at: r.uploadedAt }] : [];

/** The transfer or payment an entry id names, as a readable movement of some account (404 like an unknown id otherwise). */
async function movementNamed(p: Principal, entryId: string): Promise<{ movement: StoredMovement; account: string }> {
  const dot = entryId.lastIndexOf('.');
  const projectId = entryId.slice(0, dot);
  const seq = Number(entryId.slice(dot + 1));
  const stored = await getProject(projectId);
  if (!stored || !canRead(p, { zoneId: stored.state.registration.zoneId, city: stored.city })) throw notFound(`No entry ${entryId}.`);
  const [entry] = (await entriesPage(projectId, seq - 1, 1)).entries;
  if (!entry || entry.entryId !== entryId) throw notFound(`No entry ${entryId}.`);
  if (entry.type !== 'transfer' && entry.type !== 'disbursement') throw refused(422, 'account-mismatch', `${entryId} is a ${entry.type}: only transfers and payments leave an account.`);
  const account = accountId(accountOf(entry.type, stored.state));
  const movement = await getMovement(account, entry.valueDate, entryId);
  if (!movement) throw conflict(`${entryId} was recorded before reconciliation kept its payments: it cannot be matched until the ledger's movements are backfilled (npm start does it; on AWS local/backfill-reconciliation.ts).`);
  if (movement.reversedBy !== null) throw refused(409, 'entry-reversed', `${entryId} is reversed by ${movement.reversedBy}: it matches nothing.`);
  return { movement, account };
}

const ATTEMPTS = 4;

async function manualMatch(req: Req<z.infer<typeof statementParams>, unknown, z.infer<typeof manualMatchSchema>>): Promise<Reply> {
  const p = req.principal;
  for (let attempt = 0; ; attempt++) {
    const r = await statementForDecision(p, req.params.statementId);
    const { movement, account } = await movementNamed(p, req.body.entryId);
    const line = await readLine(r.statementId, req.body.lineNo);
    const decision = decideManualMatch(headerOf(r, line), eventsOf(r, line), {
      lineNo: req.body.lineNo,
      entry: movement,
      entryAccount: account,
      entryMatchedAt: movement.matchedBy ? { statementId: movement.matchedBy.statementId, lineNo: movement.matchedBy.lineNo } : null,
      reason: req.body.reason,
    }, actingActor(p, r), req.now.toISOString());
    if (!decision.ok) answerRefusal(decision);
    const match = { entryId: movement.entryId, projectId: movement.projectId, how: 'manual' as const };
    const ref = { statementId: r.statementId, lineNo: line!.line.lineNo, how: 'manual' as const, line: { date: line!.line.date, amountFen: line!.line.amountFen, payeeCreditCode: line!.line.payeeCreditCode, voucherNo: line!.line.voucherNo } };
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: [...eventItems(r, decision.event, line!.line, match), claimItem(movement, ref, false)] }));
      return { status: 201, body: { statementId: r.statementId, line: lineView({ ...line!, match }), event: decision.event } };
    } catch (err) {
      // Someone else acted on the statement, the line or the entry meanwhile: decide again on what is there now.
      if (!isTransactionCanceled(err) || attempt >= ATTEMPTS) throw err;
    }
  }
}

async function undoMatch(req: Req<z.infer<typeof lineParams>, unknown, z.infer<typeof undoSchema>>): Promise<Reply> {
  const p = req.principal;
  for (let attempt = 0; ; attempt++) {
    const r = await statementForDecision(p, req.params.statementId);
    const line = await readLine(r.statementId, req.params.lineNo);
    const decision = decideUndo(headerOf(r, line), eventsOf(r, line), req.params.lineNo, req.body.reason, actingActor(p, r), req.now.toISOString());
    if (!decision.ok) answerRefusal(decision);
    const matched = line!.match!;
    const dot = matched.entryId.lastIndexOf('.');
    const [entry] = (await entriesPage(matched.projectId, Number(matched.entryId.slice(dot + 1)) - 1, 1)).entries;
    if (!entry) throw notFound(`No entry ${matched.entryId}.`);
    try {
      await doc.send(new TransactWriteCommand({
        TransactItems: [...eventItems(r, decision.event, line!.line, null), releaseItem({ account: r.account, valueDate: entry.valueDate, entryId: matched.entryId }, { statementId: r.statementId, lineNo: line!.line.lineNo })],
      }));
      return { status: 201, body: { statementId: r.statementId, line: lineView({ ...line!, match: null }), event: decision.event } };
    } catch (err) {
      if (!isTransactionCanceled(err) || attempt >= ATTEMPTS) throw err;
    }
  }
}

// --- GET /reconciliation -----------------------------------------------------------------------

/**
 * The transfers and payments of a range with whether a statement line is matched to each, and the
 * stored statement lines of the range matched to nothing. By account: a zone committee sees its
 * zone's (its projects' payments); the others see the zone's transfers and payments with
 * `zoneId`, every account without. With `projectId`: that project's transfers and payments (of
 * any date unless from/to are given), read by key.
 */
async function reconciliation(req: Req<unknown, z.infer<typeof reconciliationQuery>>): Promise<Reply> {
  const p = req.principal;
  requireRole(p, ...READERS);
  const q = req.query;
  if (q.projectId) return projectReconciliation(p, q.projectId, q.from ?? null, q.to ?? null);
  // One bound given: the range runs 90 days from or to it (at most to today); neither: the 90 days to today.
  const today = chinaDate(req.now);
  const to = q.to ?? (q.from ? minDate(addDays(q.from, 89), maxDate(today, q.from)) : today);
  const from = q.from ?? addDays(to, -89);
  if (compareDates(from, to) > 0) throw badRequest([{ path: 'query.from', message: 'must not be after `to`' }]);
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw badRequest([{ path: 'query.from', message: `the range may span at most ${MAX_RANGE_DAYS} days` }]);
  let accounts: { account: string; onlyZone: string | null; lines: boolean }[];
  if (!seesEveryAccount(p)) {
    if (q.zoneId && q.zoneId !== p.zoneId) throw forbidden('Zone committees read only their own zone’s reconciliation.');
    accounts = [{ account: accountId({ kind: 'zone', zoneId: p.zoneId! }), onlyZone: null, lines: true }];
  } else if (q.zoneId) {
    accounts = [{ account: accountId({ kind: 'province' }), onlyZone: q.zoneId, lines: false }, { account: accountId({ kind: 'zone', zoneId: q.zoneId }), onlyZone: null, lines: true }];
  } else {
    const zones = await listZones();
    accounts = [{ account: accountId({ kind: 'province' }), onlyZone: null, lines: true }, ...zones.map((z) => ({ account: accountId({ kind: 'zone', zoneId: z.zoneId }), onlyZone: null, lines: true }))];
  }
  const entries: ReturnType<typeof entryView>[] = [];
  const statementOnly: ReturnType<typeof unmatchedView>[] = [];
  for (const a of accounts) {
    for (const m of await movementsInPeriod(a.account, from, to)) if (m.reversedBy === null && (a.onlyZone === null || m.zoneId === a.onlyZone)) entries.push(entryView(m));
    if (a.lines) for (const l of await unmatchedLines(a.account, from, to)) statementOnly.push(unmatchedView(l, a.account));
    if (entries.length + statementOnly.length > MAX_RECONCILIATION_ITEMS) throw badRequest([{ path: 'query.from', message: `more than ${MAX_RECONCILIATION_ITEMS} entries and lines in the range: ask for a shorter one` }]);
  }
  entries.sort((a, b) => compareDates(a.valueDate, b.valueDate) || (a.entryId < b.entryId ? -1 : 1));
  statementOnly.sort((a, b) => compareDates(a.date, b.date) || (a.statementId < b.statementId ? -1 : a.statementId > b.statementId ? 1 : a.lineNo - b.lineNo));
  return { status: 200, body: { from, to, entries, statementOnly } };
}

const entryView = (m: StoredMovement) => ({
  ...movementView(m), account: m.account, zoneId: m.zoneId,
  reconciled: m.matchedBy !== null,
  statementLines: m.matchedBy ? [{ statementId: m.matchedBy.statementId, lineNo: m.matchedBy.lineNo, how: m.matchedBy.how }] : [],
});
const unmatchedView = (l: StoredLine & { statementId: string }, account: string) => ({ ...lineView(l), statementId: l.statementId, account });

async function projectReconciliation(p: Principal, projectId: string, from: string | null, to: string | null): Promise<Reply> {
  const stored = await getProject(projectId);
  if (!stored || !canRead(p, { zoneId: stored.state.registration.zoneId, city: stored.city })) throw notFound(`No project ${projectId}.`);
  const movements: { entryId: string; valueDate: string; account: string }[] = [];
  const reversed = new Set<string>();
  for (let after = 0; ; ) {
    const page = await entriesPage(projectId, after, 1000);
    for (const e of page.entries) {
      if (e.type === 'reversal' && e.refersTo) reversed.add(e.refersTo);
      if ((e.type === 'transfer' || e.type === 'disbursement') && (!from || compareDates(e.valueDate, from) >= 0) && (!to || compareDates(e.valueDate, to) <= 0)) {
        movements.push({ entryId: e.entryId, valueDate: e.valueDate, account: accountId(accountOf(e.type, stored.state)) });
      }
    }
    if (!page.more || page.entries.length === 0) break;
    after = page.entries[page.entries.length - 1]!.seq;
  }
  const entries: ReturnType<typeof entryView>[] = [];
  for (const account of new Set(movements.map((m) => m.account))) {
    const found = await getMovements(account, movements.filter((m) => m.account === account));
    for (const m of found.values()) if (m.reversedBy === null && !reversed.has(m.entryId)) entries.push(entryView(m));
  }
  entries.sort((a, b) => compareDates(a.valueDate, b.valueDate) || (a.entryId < b.entryId ? -1 : 1));
  const dates = entries.map((e) => e.valueDate);
  return { status: 200, body: { from: from ?? dates[0] ?? stored.state.registration.contract.startsOn, to: to ?? dates[dates.length - 1] ?? stored.state.lastValueDate, entries, statementOnly: [] } };
}

export const statementReads: Record<string, RouteImpl> = {
  'GET /statements/template.xlsx': template,
  'GET /statements': list,
  'GET /statements/{statementId}': getOne,
  'GET /reconciliation': reconciliation,
};

export const statementWrites: Record<string, RouteImpl> = {
  'POST /statements': postStatement,
  'POST /statements/uploads': declareUpload,
  'POST /statements/uploads/{statementId}/complete': completeUpload,
  'POST /statements/{statementId}/matches': manualMatch,
  'POST /statements/{statementId}/matches/{lineNo}/undo': undoMatch,
};

import { canonicalJson } from '../../domain/canonical-json';
import { compareDates } from '../../domain/dates';
import { verifyChain } from '../../domain/project/chain';
import { replay } from '../../domain/project/evolve';
import type { Entry } from '../../domain/project/types';
import { apiHandler, type RouteRequest } from '../lib/http/handler';
import { json, parse } from '../lib/http/middleware';
import { notFound } from '../lib/http/problems';
import { requireReadProject } from '../lib/authorize';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { historyCsv } from '../lib/csv';
import { historyQuery } from '../lib/schemas';
import { allEntries, entriesPage, getProject } from '../lib/storage/ledger-store';
import { entryView } from '../lib/views';

/** Auditors' view: the append-only entries, a CSV export, and chain verification. */
async function readableProject(req: RouteRequest) {
  const stored = await getProject(req.params.projectId!);
  if (!stored) throw notFound(`No project ${req.params.projectId}.`);
  requireReadProject(req.ctx.principal!, stored.state);
  return stored;
}

type HistoryFilter = { from?: string; to?: string; type?: string };

const matches = (e: Entry, f: HistoryFilter) =>
  (!f.type || e.type === f.type) &&
  (!f.from || compareDates(e.valueDate, f.from) >= 0) &&
  (!f.to || compareDates(e.valueDate, f.to) <= 0);

const isSeqCursor = (v: unknown): v is { afterSeq: number } =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as { afterSeq?: unknown }).afterSeq) && (v as { afterSeq: number }).afterSeq >= 0;

async function history(req: RouteRequest) {
  const q = parse(historyQuery, req.query, 'query');
  await readableProject(req);
  let afterSeq = decodeCursor(q.cursor, isSeqCursor)?.afterSeq ?? 0;
  const out: Entry[] = [];
  let more = true;
  // Filters apply after the key range, so keep reading until the page is full or entries run out.
  while (more && out.length < q.limit) {
    const page = await entriesPage(req.params.projectId!, afterSeq, q.limit);
    let consumed = 0;
    for (const e of page.entries) {
      if (out.length === q.limit) break;
      afterSeq = e.seq;
      consumed++;
      if (matches(e, q)) out.push(e);
    }
    more = consumed < page.entries.length || page.more;
  }
  return json(200, { entries: out.map(entryView), nextCursor: more ? encodeCursor({ afterSeq }) : null });
}

async function historyCsvRoute(req: RouteRequest) {
  const q = parse(historyQuery, req.query, 'query');
  await readableProject(req);
  const entries = (await allEntries(req.params.projectId!)).filter((e) => matches(e, q));
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${req.params.projectId}-history.csv"`,
    },
    body: historyCsv(entries),
  };
}

/** Recomputes every hash and link, and checks that replaying the entries gives the stored state. */
async function verify(req: RouteRequest) {
  const stored = await readableProject(req);
  const entries = await allEntries(req.params.projectId!);
  const verdict = verifyChain(entries, { version: stored.version, headHash: stored.state.headHash });
  if (!verdict.valid) return json(200, { valid: false, brokenAtSeq: verdict.brokenAtSeq, reason: verdict.reason });
  if (canonicalJson(replay(entries)) !== canonicalJson(stored.state)) {
    return json(200, { valid: false, brokenAtSeq: entries.length, reason: 'the stored project state differs from the replay of its entries' });
  }
  return json(200, verdict);
}

export const handler = apiHandler({
  'GET /projects/{projectId}/history': history,
  'GET /projects/{projectId}/history.csv': historyCsvRoute,
  'GET /projects/{projectId}/verify': verify,
});

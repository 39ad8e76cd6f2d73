import type * as z from 'zod/mini';
import { canonicalJson } from '../../domain/canonical-json';
import { compareDates } from '../../domain/dates';
import { verifyChain } from '../../domain/project/chain';
import { rebuild } from '../../domain/project/rebuild';
import type { Entry } from '../../domain/project/types';
import type { Req, Reply, RouteImpl } from '../lib/http/handler';
import { cityOfZone } from '../lib/storage/catalog-store';
import { listingScope, requireReadable } from '../lib/authorize';
import { decodeCursor, encodeCursor, pageFromCursor } from '../lib/cursor';
import { activityShape } from '../lib/cursor-shapes';
import { historyCsv, historyMachineCsv } from '../lib/csv';
import { historyRows } from '../lib/history-rows';
import { entryStates } from '../../domain/project/entry-states';
import { evidenceByEntry } from '../../domain/project/evidence';
import { configuredEvidenceStore } from '../lib/evidence/configured-store';
import { evidenceFileProblems } from '../lib/evidence/verify-files';
import { recordedEvidence } from '../lib/storage/evidence-store';
import type { activityQuery, historyCsvQuery, historyFileQuery, historyQuery, verifyQuery } from '../lib/schemas';
import { recentEntries } from '../lib/storage/activity-store';
import { allEntries, entriesPage, getProject } from '../lib/storage/ledger-store';
import { entryView } from '../lib/views';
import { inclusionProof } from '../../domain/digest/merkle';
import { notFound } from '../lib/http/problems';
import { historyWorkbook } from '../lib/excel/reports';
import { fileReply } from '../lib/files';
import { XLSX } from '../lib/schemas';
import { findDigest } from './digests';

type HistoryFilter = z.infer<typeof historyFileQuery>;

/** Auditors' view: the append-only entries, a CSV export, and chain verification. */
async function readableProject(req: Req<{ projectId: string }>) {
  const stored = await getProject(req.params.projectId);
  requireReadable(req.principal, req.params.projectId, stored ? { zoneId: stored.state.registration.zoneId, city: stored.city } : null);
  return stored!;
}

const matches = (e: Entry, f: HistoryFilter) =>
  (!f.type || e.type === f.type) &&
  (!f.from || compareDates(e.valueDate, f.from) >= 0) &&
  (!f.to || compareDates(e.valueDate, f.to) <= 0);

/** Sequence numbers have ten digits in the entries' keys. */
const isSeqCursor = (v: unknown): v is { afterSeq: number } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 &&
  Number.isSafeInteger((v as { afterSeq?: unknown }).afterSeq) && (v as { afterSeq: number }).afterSeq >= 0 && (v as { afterSeq: number }).afterSeq < 1e10;

async function history(req: Req<{ projectId: string }, z.infer<typeof historyQuery>>): Promise<Reply> {
  const q = req.query;
  await readableProject(req);
  const listing = { tag: 'history', filter: { projectId: req.params.projectId, from: q.from, to: q.to, type: q.type } };
  let afterSeq = decodeCursor(q.cursor, listing, isSeqCursor)?.afterSeq ?? 0;
  const out: Entry[] = [];
  let more = true;
  // Filters apply after the key range, so keep reading until the page is full or entries run out.
  while (more && out.length < q.limit) {
    const page = await entriesPage(req.params.projectId, afterSeq, q.limit);
    let consumed = 0;
    for (const e of page.entries) {
      if (out.length === q.limit) break;
      afterSeq = e.seq;
      consumed++;
      if (matches(e, q)) out.push(e);
    }
    more = consumed < page.entries.length || page.more;
  }
  // What each entry stands for now, and its evidence, depend on what was recorded after it: read to the end.
  const all = out.length > 0 ? await allEntries(req.params.projectId) : [];
  const now = entryStates(all);
  const evidence = evidenceByEntry(all);
  return {
    status: 200,
    body: {
      entries: out.map(entryView),
      states: Object.fromEntries(out.map((e) => [e.entryId, now.get(e.entryId) ?? 'posted'])),
      evidence: Object.fromEntries(out.flatMap((e) => (evidence.has(e.entryId) ? [[e.entryId, evidence.get(e.entryId)!]] : []))),
      nextCursor: more ? encodeCursor(listing, { afterSeq }) : null,
    },
  };
}

async function historyXlsxRoute(req: Req<{ projectId: string }, HistoryFilter>): Promise<Reply> {
  const stored = await readableProject(req);
  const rows = historyRows(await allEntries(req.params.projectId)).filter((r) => matches(r.entry, req.query));
  return fileReply(await historyWorkbook(rows, stored.state.rules.funderNames), `${req.params.projectId}-history.xlsx`, XLSX);
}

async function historyCsvRoute(req: Req<{ projectId: string }, z.infer<typeof historyCsvQuery>>): Promise<Reply> {
  const stored = await readableProject(req);
  // Every entry is replayed (effects need the whole history); the filter picks the rows shown.
  const rows = historyRows(await allEntries(req.params.projectId)).filter((r) => matches(r.entry, req.query));
  return {
    status: 200,
    raw: req.query.format === 'machine' ? historyMachineCsv(rows) : historyCsv(rows, stored.state.rules.funderNames),
    contentType: 'text/csv; charset=utf-8',
    headers: { 'content-disposition': `attachment; filename="${req.params.projectId}-history.csv"` },
  };
}

/**
 * The project's place in a digest: the audit path from its leaf to the digest's root, and whether
 * its entry number `entries` today still carries the hash the digest recorded (history not rewritten).
 */
async function inclusion(projectId: string, entries: readonly Entry[], digestIdOrDate: string) {
  const digest = await findDigest(digestIdOrDate);
  if (!digest) throw notFound(`No digest ${digestIdOrDate}.`);
  const leaves = digest.leaves.map(([p, n, h]) => ({ projectId: p, entries: n, headHash: h }));
  const index = leaves.findIndex((l) => l.projectId === projectId);
  const base = { digestId: digest.digestId, root: digest.root, treeSize: leaves.length };
  if (index < 0) return { ...base, included: false };
  const leaf = leaves[index]!;
  return { ...base, included: true, leafIndex: index, leaf, proof: inclusionProof(leaves, index), chainMatches: entries[leaf.entries - 1]?.hash === leaf.headHash };
}

/**
 * Recomputes every hash and link, checks that replaying the entries gives the stored state, and
 * reads every recorded evidence file back: each must still have the SHA-256 its entry recorded.
 */
async function verify(req: Req<{ projectId: string }, z.infer<typeof verifyQuery>>): Promise<Reply> {
  const stored = await readableProject(req);
  const entries = await allEntries(req.params.projectId);
  const digest = req.query.digest ? { digest: await inclusion(req.params.projectId, entries, req.query.digest) } : {};
  const verdict = verifyChain(entries, { version: stored.version, headHash: stored.state.headHash });
  if (!verdict.valid) return { status: 200, body: { valid: false, brokenAtSeq: verdict.brokenAtSeq, reason: verdict.reason, ...digest } };
  // A state item from before the bounded state is itself rebuilt from the entries: the chain is the check.
  if (!stored.legacy && canonicalJson(rebuild(entries)) !== canonicalJson(stored.state)) {
    return { status: 200, body: { valid: false, brokenAtSeq: entries.length, reason: 'the stored project state differs from the replay of its entries', ...digest } };
  }
  const files = entries.some((e) => e.type === 'evidence')
    ? await evidenceFileProblems(configuredEvidenceStore(), req.params.projectId, entries, await recordedEvidence(req.params.projectId))
    : { checked: 0, problems: [] };
  const [first] = files.problems;
  if (first) {
    const evidence = files.problems.map(({ entryId, evidenceId, fileName, problem, detail }) => ({ entryId, evidenceId, fileName, problem, detail }));
    return { status: 200, body: { valid: false, brokenAtSeq: first.seq, reason: files.problems.map((p) => p.detail).join('; '), evidence, ...digest } };
  }
  return { status: 200, body: { ...verdict, ...(files.checked > 0 ? { evidenceFiles: files.checked } : {}), ...digest } };
}

/** GET /activity: what happened lately across the projects the caller may read. */
async function activity(req: Req<unknown, z.infer<typeof activityQuery>>): Promise<Reply> {
  const scope = await listingScope(req.principal, { zoneId: req.query.zoneId, city: req.query.city }, 'activity', cityOfZone);
  const page = await pageFromCursor(req.query.cursor, { tag: 'activity', filter: scope }, activityShape(), (start) => recentEntries(scope, req.query.limit, start));
  return { status: 200, body: { entries: page.entries.map((e) => ({ ...entryView(e), zoneId: e.zoneId, city: e.city })), nextCursor: page.nextCursor } };
}

export const historyReads: Record<string, RouteImpl> = {
  'GET /activity': activity,
  'GET /projects/{projectId}/history': history,
  'GET /projects/{projectId}/history.csv': historyCsvRoute,
  'GET /projects/{projectId}/history.xlsx': historyXlsxRoute,
  'GET /projects/{projectId}/verify': verify,
};

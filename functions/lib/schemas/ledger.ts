import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { CAP_RULE } from '../../../domain/programs/caps';
import { ENTRY_TYPES } from '../../../domain/project/kinds';
import { ENTRY_STATES } from '../../../domain/project/entry-states';
import { businessDate, cursor, dateOut, entryId, fen, funder, id, limit, memo, positiveFen, reference, text, timestamp, cityName } from './common';
import { actorOut, projectView } from './projects';
import { digestRef, inclusionOut } from './portfolio';
import { evidenceRefOut, verifyEvidenceProblemOut } from './evidence';

// --- entries ---------------------------------------------------------------------------------


export const entryType = lazySchema(() => meta(z.enum(ENTRY_TYPES), { id: 'EntryType' }));

export const entryOut = lazySchema(() =>
  meta(
    z.strictObject({
      seq: z.int().check(z.minimum(1)),
      entryId: z.string(),
      projectId: z.string(),
      format: meta(z.optional(z.literal(2)), { description: 'Absent on entries written before the money path was modelled (format 1, read with the meaning they had then)' }),
      type: real(entryType),
      funder: z.nullable(real(funder)),
      amountFen: z.nullable(real(fen)),
      valueDate: real(dateOut),
      recordedAt: real(timestamp),
      actor: real(actorOut),
      reference: z.nullable(z.string()),
      memo: z.nullable(z.string()),
      refersTo: z.nullable(z.string()),
      status: z.enum(['registered', 'pending-match', 'confirmed', 'posted', 'proposed', 'approved']),
      ruleDigest: z.string(),
      details: meta(z.record(z.string(), z.unknown()), { description: 'What the entry means beyond the common fields, by type (payments: trancheId, afterPeriod — paid after the implementation period ended)' }),
      prevHash: z.string(),
      hash: z.string(),
    }),
    { id: 'Entry' },
  ),
);

export const ledgerEventOut = lazySchema(() => meta(z.strictObject({ entry: real(entryOut), project: real(projectView) }), { id: 'LedgerEventResult' }));

export const historyQuery = lazySchema(() =>
  z.strictObject({
    from: z.optional(real(businessDate)),
    to: z.optional(real(businessDate)),
    type: z.optional(real(entryType)),
    cursor: real(cursor),
    limit: real(limit),
  }),
);
/** The whole history as a file: the same filters, no pages (a cursor or limit is a 400). */
export const historyFileQuery = lazySchema(() =>
  z.strictObject({
    from: z.optional(real(businessDate)),
    to: z.optional(real(businessDate)),
    type: z.optional(real(entryType)),
  }),
);
/** The CSV for people (the default: Chinese, China time) or for programs (ids, ISO 8601 UTC). */
export const historyCsvQuery = lazySchema(() =>
  z.strictObject({
    from: z.optional(real(businessDate)),
    to: z.optional(real(businessDate)),
    type: z.optional(real(entryType)),
    format: meta(z.optional(z.enum(['people', 'machine'])), { description: 'people (default): the console’s words, China time; machine: ids and codes, ISO 8601 UTC' }),
  }),
);
export const entryStateOut = lazySchema(() =>
  meta(z.enum(ENTRY_STATES), { id: 'EntryState', description: 'What an entry stands for now, after everything recorded since (an allocation matched since, a proposal approved, an entry reversed …); the entry itself never changes' }),
);
export const historyOut = lazySchema(() =>
  meta(
    z.strictObject({
      entries: z.array(real(entryOut)),
      states: z.record(z.string(), real(entryStateOut)),
      evidence: meta(z.record(z.string(), z.array(real(evidenceRefOut))), { description: 'By the id of an entry on this page: the evidence recorded for it (on any page), oldest first; entries without evidence are left out' }),
      nextCursor: z.nullable(z.string()),
    }),
    { id: 'HistoryPage' },
  ),
);

export const verifyQuery = lazySchema(() => z.strictObject({ digest: z.optional(real(digestRef)) }));
export const verifyOut = lazySchema(() =>
  meta(
    z.union([
      z.strictObject({
        valid: z.literal(true), entries: z.int(), headHash: z.string(),
        evidenceFiles: meta(z.optional(z.int()), { description: 'The recorded evidence files read back, each with the SHA-256 its entry recorded (absent when the project has none)' }),
        digest: z.optional(real(inclusionOut)),
      }),
      z.strictObject({
        valid: z.literal(false), brokenAtSeq: z.int(), reason: z.string(),
        evidence: meta(z.optional(z.array(real(verifyEvidenceProblemOut))), { description: 'When the chain holds but recorded evidence files do not: each such file (brokenAtSeq is the first one’s entry)' }),
        digest: z.optional(real(inclusionOut)),
      }),
    ]),
    { id: 'Verification' },
  ),
);

export const activityQuery = lazySchema(() => z.strictObject({ zoneId: z.optional(id()), city: z.optional(cityName()), cursor: real(cursor), limit: real(limit) }));
export const activityOut = lazySchema(() =>
  meta(
    z.strictObject({ entries: z.array(z.extend(real(entryOut), { zoneId: z.string(), city: z.nullable(z.string()) })), nextCursor: z.nullable(z.string()) }),
    { id: 'Activity', description: 'Ledger entries of every project, newest first' },
  ),
);

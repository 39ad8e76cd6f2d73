import * as z from 'zod/mini';
import { meta } from './meta';
import { lazySchema, real } from './lazy';
import { CAP_RULE } from '../../../domain/programs/caps';
import { ENTRY_TYPES } from '../../../domain/project/types';
import { businessDate, cursor, dateOut, entryId, fen, funder, id, limit, memo, positiveFen, reference, text, timestamp } from './common';
import { projectView, trancheSchema } from './projects';
import { digestRef, inclusionOut } from './portfolio';

const reason = lazySchema(() => text(500));

export const allocationSchema = lazySchema(() =>
  meta(
    z.strictObject({ amountFen: real(positiveFen), valueDate: real(businessDate), reference: real(reference), memo: real(memo) }),
    { id: 'Allocation', description: 'Province money for the project (计划下达); pending a match inside the zone under a match rule' },
  ),
);

export const matchConfirmationSchema = lazySchema(() =>
  meta(
    z.strictObject({
      allocationEntryId: meta(z.optional(z.nullable(real(entryId))), { description: 'The pending province allocation matched, in part or whole; omitted: zone money above the ratio (not under exact)' }),
      amountFen: real(positiveFen),
      valueDate: real(businessDate),
      reference: real(reference),
      memo: real(memo),
    }),
    { id: 'MatchConfirmation' },
  ),
);

export const transferSchema = lazySchema(() =>
  meta(
    z.strictObject({ amountFen: real(positiveFen), valueDate: real(businessDate), reference: real(reference), memo: real(memo) }),
    { id: 'Transfer', description: 'Province money reaching the zone (资金下达) for an inside-zone project' },
  ),
);

export const disbursementSchema = lazySchema(() =>
  meta(
    z.strictObject({ funder: real(funder), amountFen: real(positiveFen), paidOn: real(businessDate), reference: real(reference), trancheId: z.optional(z.nullable(id(32))), memo: real(memo) }),
    { id: 'Disbursement', description: 'A payment to the owner; inside the zone the zone committee pays both shares' },
  ),
);

export const recoverySchema = lazySchema(() =>
  meta(
    z.strictObject({ funder: real(funder), amountFen: real(positiveFen), valueDate: real(businessDate), reference: real(reference), reason: real(reason) }),
    { id: 'Recovery', description: 'Money the owner returned (收回/缴回); the payment stays in the history' },
  ),
);

export const decommitmentSchema = lazySchema(() =>
  meta(
    z.strictObject({ provinceFen: z.optional(real(fen)), zoneFen: z.optional(real(fen)), valueDate: real(businessDate), reference: real(reference), reason: real(reason) }),
    { id: 'Decommitment', description: 'Committed money that will not be paid (核减); pending money first' },
  ),
);

export const reversalSchema = lazySchema(() =>
  meta(
    z.strictObject({ entryId: real(entryId), reason: real(reason) }),
    { id: 'Reversal', description: 'Error correction by a different person: the entry is treated as never having happened' },
  ),
);

export const capExceptionSchema = lazySchema(() =>
  meta(
    z.strictObject({
      rule: meta(z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z-]+$/, 'a rule id')), { description: `The cap's rule id: ${Object.values(CAP_RULE).join(', ')}` }),
      limitFen: real(positiveFen),
      reference: real(reference),
      reason: real(reason),
    }),
    { id: 'CapExceptionProposal', description: 'Proposes a raised limit for one in-principle (原则上) cap of this project; reference: the approval document' },
  ),
);

export const approvalSchema = lazySchema(() =>
  meta(
    z.strictObject({ reference: z.optional(real(reference)), memo: real(memo) }),
    { id: 'Approval', description: 'Approval by a different person than the proposer (four-eyes); the body may be empty' },
  ),
);

export const adjustmentSchema = lazySchema(() =>
  meta(
    z.strictObject({
      contract: z.optional(z.strictObject({ provinceGrantFen: z.optional(real(positiveFen)), zoneGrantFen: z.optional(real(fen)), endsOn: z.optional(real(businessDate)) })),
      schedule: z.optional(z.array(real(trancheSchema)).check(z.minLength(1), z.maxLength(100))),
      newInvestmentFen: z.optional(real(positiveFen)),
      reference: real(reference),
      reason: real(reason),
    }),
    { id: 'AdjustmentProposal', description: 'A change of the contract (项目调整) or an extension of its end, for approval by an admin' },
  ),
);

export const inspectionSchema = lazySchema(() =>
  meta(
    z.strictObject({
      kind: z.enum(['mid-term', 'supervision', 'fund-use']),
      inspectedOn: real(businessDate),
      result: z.enum(['pass', 'rectify', 'fail']),
      reference: real(reference),
      notes: z.optional(z.nullable(z.string().check(z.maxLength(2000)))),
    }),
    { id: 'Inspection' },
  ),
);

export const holdSchema = lazySchema(() => meta(z.strictObject({ reason: real(reason), reference: real(reference) }), { id: 'Hold', description: 'Suspends transfers and payments' }));
export const releaseSchema = lazySchema(() => meta(z.strictObject({ reference: z.optional(real(reference)), memo: real(memo) }), { id: 'HoldRelease' }));

export const acceptanceApplicationSchema = lazySchema(() =>
  meta(
    z.strictObject({ appliedOn: real(businessDate), reference: real(reference), memo: real(memo) }),
    { id: 'AcceptanceApplication', description: '验收结题申请 by the zone, from 90 days before endsOn' },
  ),
);

export const acceptanceResultSchema = lazySchema(() =>
  meta(
    z.strictObject({
      result: z.enum(['pass', 'fail']),
      decidedOn: real(businessDate),
      reference: real(reference),
      recoveryDueFen: z.optional(z.nullable(real(positiveFen))),
      recoveryDueOn: z.optional(z.nullable(real(businessDate))),
      memo: real(memo),
    }),
    { id: 'AcceptanceResult' },
  ),
);

export const terminationSchema = lazySchema(() =>
  meta(
    z.strictObject({ reason: real(reason), reference: real(reference), recoveryDueFen: z.optional(z.nullable(real(positiveFen))), recoveryDueOn: z.optional(z.nullable(real(businessDate))) }),
    { id: 'TerminationProposal' },
  ),
);

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
      actor: z.strictObject({ sub: z.string(), role: z.string() }),
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
export const historyOut = lazySchema(() => meta(z.strictObject({ entries: z.array(real(entryOut)), nextCursor: z.nullable(z.string()) }), { id: 'HistoryPage' }));

export const verifyQuery = lazySchema(() => z.strictObject({ digest: z.optional(real(digestRef)) }));
export const verifyOut = lazySchema(() =>
  meta(
    z.union([
      z.strictObject({ valid: z.literal(true), entries: z.int(), headHash: z.string(), digest: z.optional(real(inclusionOut)) }),
      z.strictObject({ valid: z.literal(false), brokenAtSeq: z.int(), reason: z.string(), digest: z.optional(real(inclusionOut)) }),
    ]),
    { id: 'Verification' },
  ),
);

export const activityQuery = lazySchema(() => z.strictObject({ zoneId: z.optional(id()), city: z.optional(text(100)), cursor: real(cursor), limit: real(limit) }));
export const activityOut = lazySchema(() =>
  meta(
    z.strictObject({ entries: z.array(z.extend(real(entryOut), { zoneId: z.string(), city: z.nullable(z.string()) })), nextCursor: z.nullable(z.string()) }),
    { id: 'Activity', description: 'Ledger entries of every project, newest first' },
  ),
);

import * as z from 'zod';
import { lazySchema, real } from './lazy';
import { CAP_RULE } from '../../../domain/programs/caps';
import { ENTRY_TYPES } from '../../../domain/project/types';
import { businessDate, cursor, dateOut, entryId, fen, funder, id, limit, memo, positiveFen, reference, text, timestamp } from './common';
import { projectView, trancheSchema } from './projects';
import { inclusionOut } from './portfolio';

const reason = lazySchema(() => text(500));

export const allocationSchema = lazySchema(() =>
  z
    .strictObject({ amountFen: real(positiveFen), valueDate: real(businessDate), reference: real(reference), memo: real(memo) })
    .meta({ id: 'Allocation', description: 'Province money for the project (计划下达); pending a match inside the zone under a match rule' }),
);

export const matchConfirmationSchema = lazySchema(() =>
  z
    .strictObject({
      allocationEntryId: real(entryId).nullable().optional()
        .meta({ description: 'The pending province allocation matched, in part or whole; omitted: zone money above the ratio (not under exact)' }),
      amountFen: real(positiveFen),
      valueDate: real(businessDate),
      reference: real(reference),
      memo: real(memo),
    })
    .meta({ id: 'MatchConfirmation' }),
);

export const transferSchema = lazySchema(() =>
  z
    .strictObject({ amountFen: real(positiveFen), valueDate: real(businessDate), reference: real(reference), memo: real(memo) })
    .meta({ id: 'Transfer', description: 'Province money reaching the zone (资金下达) for an inside-zone project' }),
);

export const disbursementSchema = lazySchema(() =>
  z
    .strictObject({ funder: real(funder), amountFen: real(positiveFen), paidOn: real(businessDate), reference: real(reference), trancheId: id(32).nullable().optional(), memo: real(memo) })
    .meta({ id: 'Disbursement', description: 'A payment to the owner; inside the zone the zone committee pays both shares' }),
);

export const recoverySchema = lazySchema(() =>
  z
    .strictObject({ funder: real(funder), amountFen: real(positiveFen), valueDate: real(businessDate), reference: real(reference), reason: real(reason) })
    .meta({ id: 'Recovery', description: 'Money the owner returned (收回/缴回); the payment stays in the history' }),
);

export const decommitmentSchema = lazySchema(() =>
  z
    .strictObject({ provinceFen: real(fen).optional(), zoneFen: real(fen).optional(), valueDate: real(businessDate), reference: real(reference), reason: real(reason) })
    .meta({ id: 'Decommitment', description: 'Committed money that will not be paid (核减); pending money first' }),
);

export const reversalSchema = lazySchema(() =>
  z
    .strictObject({ entryId: real(entryId), reason: real(reason) })
    .meta({ id: 'Reversal', description: 'Error correction by a different person: the entry is treated as never having happened' }),
);

export const capExceptionSchema = lazySchema(() =>
  z
    .strictObject({
      rule: z.string().min(1).max(64).regex(/^[a-z-]+$/, 'a rule id').meta({ description: `The cap's rule id: ${Object.values(CAP_RULE).join(', ')}` }),
      limitFen: real(positiveFen),
      reference: real(reference),
      reason: real(reason),
    })
    .meta({ id: 'CapExceptionProposal', description: 'Proposes a raised limit for one in-principle (原则上) cap of this project; reference: the approval document' }),
);

export const approvalSchema = lazySchema(() =>
  z
    .strictObject({ reference: real(reference).optional(), memo: real(memo) })
    .meta({ id: 'Approval', description: 'Approval by a different person than the proposer (four-eyes); the body may be empty' }),
);

export const adjustmentSchema = lazySchema(() =>
  z
    .strictObject({
      contract: z.strictObject({ provinceGrantFen: real(positiveFen).optional(), zoneGrantFen: real(fen).optional(), endsOn: real(businessDate).optional() }).optional(),
      schedule: z.array(real(trancheSchema)).min(1).max(100).optional(),
      newInvestmentFen: real(positiveFen).optional(),
      reference: real(reference),
      reason: real(reason),
    })
    .meta({ id: 'AdjustmentProposal', description: 'A change of the contract (项目调整) or an extension of its end, for approval by an admin' }),
);

export const inspectionSchema = lazySchema(() =>
  z
    .strictObject({
      kind: z.enum(['mid-term', 'supervision', 'fund-use']),
      inspectedOn: real(businessDate),
      result: z.enum(['pass', 'rectify', 'fail']),
      reference: real(reference),
      notes: z.string().max(2000).nullable().optional(),
    })
    .meta({ id: 'Inspection' }),
);

export const holdSchema = lazySchema(() => z.strictObject({ reason: real(reason), reference: real(reference) }).meta({ id: 'Hold', description: 'Suspends transfers and payments' }));
export const releaseSchema = lazySchema(() => z.strictObject({ reference: real(reference).optional(), memo: real(memo) }).meta({ id: 'HoldRelease' }));

export const acceptanceApplicationSchema = lazySchema(() =>
  z
    .strictObject({ appliedOn: real(businessDate), reference: real(reference), memo: real(memo) })
    .meta({ id: 'AcceptanceApplication', description: '验收结题申请 by the zone, from 90 days before endsOn' }),
);

export const acceptanceResultSchema = lazySchema(() =>
  z
    .strictObject({
      result: z.enum(['pass', 'fail']),
      decidedOn: real(businessDate),
      reference: real(reference),
      recoveryDueFen: real(positiveFen).nullable().optional(),
      recoveryDueOn: real(businessDate).nullable().optional(),
      memo: real(memo),
    })
    .meta({ id: 'AcceptanceResult' }),
);

export const terminationSchema = lazySchema(() =>
  z
    .strictObject({ reason: real(reason), reference: real(reference), recoveryDueFen: real(positiveFen).nullable().optional(), recoveryDueOn: real(businessDate).nullable().optional() })
    .meta({ id: 'TerminationProposal' }),
);

// --- entries ---------------------------------------------------------------------------------

export const entryType = lazySchema(() => z.enum(ENTRY_TYPES).meta({ id: 'EntryType' }));

export const entryOut = lazySchema(() =>
  z
    .strictObject({
      seq: z.int().min(1),
      entryId: z.string(),
      projectId: z.string(),
      format: z.literal(2).optional().meta({ description: 'Absent on entries written before the money path was modelled (format 1, read with the meaning they had then)' }),
      type: real(entryType),
      funder: real(funder).nullable(),
      amountFen: real(fen).nullable(),
      valueDate: real(dateOut),
      recordedAt: real(timestamp),
      actor: z.strictObject({ sub: z.string(), role: z.string() }),
      reference: z.string().nullable(),
      memo: z.string().nullable(),
      refersTo: z.string().nullable(),
      status: z.enum(['registered', 'pending-match', 'confirmed', 'posted', 'proposed', 'approved']),
      ruleDigest: z.string(),
      details: z.record(z.string(), z.unknown()).meta({ description: 'What the entry means beyond the common fields, by type (payments: trancheId, afterPeriod — paid after the implementation period ended)' }),
      prevHash: z.string(),
      hash: z.string(),
    })
    .meta({ id: 'Entry' }),
);

export const ledgerEventOut = lazySchema(() => z.strictObject({ entry: real(entryOut), project: real(projectView) }).meta({ id: 'LedgerEventResult' }));

export const historyQuery = lazySchema(() =>
  z.strictObject({
    from: real(businessDate).optional(),
    to: real(businessDate).optional(),
    type: real(entryType).optional(),
    cursor: real(cursor),
    limit: real(limit),
  }),
);
/** The whole history as a file: the same filters, no pages (a cursor or limit is a 400). */
export const historyFileQuery = lazySchema(() =>
  z.strictObject({
    from: real(businessDate).optional(),
    to: real(businessDate).optional(),
    type: real(entryType).optional(),
  }),
);
export const historyOut = lazySchema(() => z.strictObject({ entries: z.array(real(entryOut)), nextCursor: z.string().nullable() }).meta({ id: 'HistoryPage' }));

export const verifyQuery = lazySchema(() => z.strictObject({ digest: z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}(\.\d{1,6})?$/, 'a digest date YYYY-MM-DD or id YYYY-MM-DD.n').optional() }));
export const verifyOut = lazySchema(() =>
  z
    .union([
      z.strictObject({ valid: z.literal(true), entries: z.int(), headHash: z.string(), digest: real(inclusionOut).optional() }),
      z.strictObject({ valid: z.literal(false), brokenAtSeq: z.int(), reason: z.string(), digest: real(inclusionOut).optional() }),
    ])
    .meta({ id: 'Verification' }),
);

export const activityQuery = lazySchema(() => z.strictObject({ zoneId: id().optional(), city: text(100).optional(), cursor: real(cursor), limit: real(limit) }));
export const activityOut = lazySchema(() =>
  z
    .strictObject({ entries: z.array(real(entryOut).extend({ zoneId: z.string(), city: z.string().nullable() })), nextCursor: z.string().nullable() })
    .meta({ id: 'Activity', description: 'Ledger entries of every project, newest first' }),
);

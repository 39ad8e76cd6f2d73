import * as z from 'zod';
import { isBusinessDate } from '../../domain/dates';
import { isValidCreditCode } from '../../domain/credit-code';

/**
 * Request and response shapes, shared by the handlers (validation) and /openapi.json.
 * Objects are strict: unknown fields are a 400, as API.md requires.
 */
export const fen = z.int().min(0).meta({ description: 'Integer fen (1 yuan = 100 fen), a safe integer' });
export const positiveFen = z.int().min(1).meta({ description: 'Integer fen > 0, a safe integer' });
export const businessDate = z
  .string()
  .refine(isBusinessDate, { message: 'must be a real calendar date YYYY-MM-DD' })
  .meta({ format: 'date', description: 'Business date YYYY-MM-DD (China Standard Time)' });
const id = (max = 64) => z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only').min(1).max(max);
const text = (max: number) => z.string().trim().min(1).max(max);
export const funder = z.enum(['province', 'zone']);

const ratio = z.strictObject({ numerator: z.int().min(1).max(1_000_000), denominator: z.int().min(1).max(1_000_000) });

export const programSchema = z
  .strictObject({
    code: id(),
    name: text(200),
    basis: text(500),
    year: z.int().min(2000).max(2100),
    match: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.enum(['exact', 'at-least']), zone: z.int().min(1).max(1000), province: z.int().min(1).max(1000) }),
      z.strictObject({ kind: z.literal('none') }),
    ]),
    caps: z.strictObject({
      provincePerProjectFen: fen.nullable(),
      jointPerProjectFen: fen.nullable(),
      jointShareOfNewInvestment: ratio.nullable(),
      provincePerClusterFen: fen.nullable(),
    }),
    implementationMonths: z.int().min(1).max(240),
    matchDeadlineDays: z.int().min(0).max(3650),
    graceDays: z.int().min(0).max(3650),
    quotas: z.strictObject({
      projectsPerEnterprise: z.int().min(1).nullable(),
      projectsPerCluster: z.int().min(1).nullable(),
      clustersPerZone: z.int().min(1).nullable(),
    }),
  })
  .meta({ id: 'Program' });

export const zoneSchema = z
  .strictObject({ zoneId: id(), name: text(200), city: text(100), level: z.enum(['national', 'provincial']) })
  .meta({ id: 'Zone' });

export const clusterSchema = z
  .strictObject({ clusterId: id(), programCode: id(), zoneId: id(), name: text(200), industry: text(100) })
  .meta({ id: 'Cluster' });

export const trancheSchema = z.strictObject({ trancheId: id(32), funder, dueOn: businessDate, amountFen: positiveFen });

export const registrationSchema = z
  .strictObject({
    projectId: id(),
    programCode: id(),
    clusterId: id(),
    zoneId: id(),
    insideZone: z.boolean(),
    title: text(300),
    owner: z.strictObject({
      name: text(200),
      creditCode: z.string().refine(isValidCreditCode, { message: 'not a valid unified social credit code (GB 32100-2015)' }),
    }),
    newInvestmentFen: positiveFen,
    contract: z.strictObject({
      signedOn: businessDate,
      startsOn: businessDate,
      endsOn: businessDate,
      provinceGrantFen: positiveFen,
      zoneGrantFen: fen,
    }),
    schedule: z.array(trancheSchema).min(1).max(100),
  })
  .meta({ id: 'ProjectRegistration' });

const reference = text(100);
const memo = z.string().max(500).nullable().optional();

export const allocationSchema = z
  .strictObject({ amountFen: positiveFen, valueDate: businessDate, reference, memo })
  .meta({ id: 'Allocation' });

export const matchConfirmationSchema = z
  .strictObject({
    allocationEntryId: z.string().min(1).max(100).nullable().optional()
      .meta({ description: 'The pending province allocation matched; omit only under a program whose match rule is none' }),
    amountFen: positiveFen,
    valueDate: businessDate,
    reference,
    memo,
  })
  .meta({ id: 'MatchConfirmation' });

export const disbursementSchema = z
  .strictObject({ funder, amountFen: positiveFen, paidOn: businessDate, reference, trancheId: id(32).nullable().optional(), memo })
  .meta({ id: 'Disbursement' });

export const reversalSchema = z
  .strictObject({ entryId: z.string().min(1).max(100), reason: text(500) })
  .meta({ id: 'Reversal' });

export const sweepSchema = z.strictObject({ asOf: businessDate.optional() }).meta({ id: 'SweepRequest' });

// --- query strings ---------------------------------------------------------------------------

const limit = z.coerce.number().int().min(1).max(500).default(100);
export const projectListQuery = z.strictObject({
  zoneId: id().optional(),
  programCode: id().optional(),
  clusterId: id().optional(),
  lagging: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(2000).optional(),
  limit,
});
export const projectGetQuery = z.strictObject({ asOf: businessDate.optional() });
export const historyQuery = z.strictObject({
  from: businessDate.optional(),
  to: businessDate.optional(),
  type: z.enum(['registration', 'allocation', 'match-confirmation', 'disbursement', 'reversal']).optional(),
  cursor: z.string().max(2000).optional(),
  limit,
});
export const alertListQuery = z.strictObject({
  status: z.enum(['open', 'resolved']).optional(),
  zoneId: id().optional(),
  projectId: id().optional(),
  kind: z.enum(['disbursement-lag', 'match-overdue', 'disbursement-at-risk']).optional(),
  cursor: z.string().max(2000).optional(),
  limit,
});

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{1,128}$/;

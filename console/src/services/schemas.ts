/**
 * Response shapes the pages rely on, until functions/lib/schemas.ts exports the API's own response
 * schemas (then pages import those instead and this file shrinks to nothing).
 *
 * Deliberately loose (z.looseObject, new enum values accepted as strings): the API is gaining
 * fields and entry types while the console is built, and a page should keep working when it
 * does. What is checked is what the pages read: amounts are integer fen, dates are strings.
 */
import * as z from 'zod';

const fen = z.number().int();
const text = z.string();
const nullableText = z.string().nullish();

export const localIdentitiesResponse = z.looseObject({
  identities: z.array(
    z.looseObject({
      identityId: text,
      role: text,
      name: text,
      scope: text,
      zoneId: text.optional(),
      city: text.optional(),
    }),
  ),
});
export type LocalIdentityView = z.infer<typeof localIdentitiesResponse>['identities'][number];

export const localTokenResponse = z.looseObject({ token: text, expiresAt: text });

export const balanceSchema = z.looseObject({
  allocatedFen: fen,
  pendingFen: fen,
  confirmedFen: fen,
  disbursedFen: fen,
  transferredFen: fen.optional(),
  heldAtZoneFen: fen.optional(),
  decommittedFen: fen.optional(),
  recoveredFen: fen.optional(),
});
export type Balance = z.infer<typeof balanceSchema>;

const contractSchema = z.looseObject({
  signedOn: text,
  startsOn: text,
  endsOn: text,
  provinceGrantFen: fen,
  zoneGrantFen: fen,
});

export const projectSummarySchema = z.looseObject({
  projectId: text,
  programCode: text,
  clusterId: text,
  zoneId: text,
  insideZone: z.boolean(),
  title: text,
  owner: z.looseObject({ name: text, creditCode: text }),
  contract: contractSchema,
  balances: z.looseObject({ province: balanceSchema, zone: balanceSchema }),
  lagging: z.boolean(),
  openAlertCount: z.number().int().optional(),
  status: text.optional(),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const projectListResponse = z.looseObject({
  projects: z.array(projectSummarySchema),
  nextCursor: z.string().nullable(),
});

export const alertSchema = z.looseObject({
  alertId: text,
  kind: text,
  projectId: text,
  zoneId: text,
  funder: text.nullish(),
  trancheId: nullableText,
  raisedOn: text,
  lastSeenOn: text,
  severity: text,
  gapFen: fen.nullish(),
  daysOverdue: z.number().int().nullish(),
  status: text,
  resolvedOn: nullableText,
  responsible: nullableText,
  held: z.boolean().nullish(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertListResponse = z.looseObject({
  alerts: z.array(alertSchema),
  nextCursor: z.string().nullable(),
});

export const scheduleLineSchema = z.looseObject({
  trancheId: text,
  funder: text,
  dueOn: text,
  amountFen: fen,
  paidFen: fen.optional(),
  status: text.optional(),
});

export const limitSchema = z.looseObject({
  rule: text,
  funder: text.nullish(),
  limitFen: fen.nullable(),
  usedFen: fen,
  headroomFen: fen.nullable(),
});

export const projectViewSchema = projectSummarySchema.extend({
  newInvestmentFen: fen,
  asOf: text.optional(),
  schedule: z.array(scheduleLineSchema),
  limits: z.array(limitSchema).optional(),
  openAlerts: z.array(z.looseObject({ kind: text, funder: text.nullish(), severity: text.optional(), gapFen: fen.nullish(), daysOverdue: z.number().int().nullish() })),
  version: z.number().int(),
  headHash: text,
  /** The program's names for the two funders (Nanjing: 市级 / 园区). */
  funderNames: z.looseObject({ province: text, zone: text }).optional(),
});
export type ProjectView = z.infer<typeof projectViewSchema>;

export const entrySchema = z.looseObject({
  seq: z.number().int(),
  entryId: text,
  type: text,
  funder: text.nullish(),
  amountFen: fen.nullish(),
  valueDate: text,
  recordedAt: text,
  actor: z.looseObject({ sub: text, role: text }),
  reference: nullableText,
  memo: nullableText,
  refersTo: nullableText,
  status: nullableText,
  hash: text,
});
export type Entry = z.infer<typeof entrySchema>;

export const historyResponse = z.looseObject({
  entries: z.array(entrySchema),
  nextCursor: z.string().nullable(),
});

export const verifyResponse = z.union([
  z.looseObject({ valid: z.literal(true), entries: z.number().int(), headHash: text }),
  z.looseObject({ valid: z.literal(false), brokenAtSeq: z.number().int(), reason: text.optional() }),
]);
export type VerifyResult = z.infer<typeof verifyResponse>;

export const zoneListResponse = z.looseObject({
  zones: z.array(z.looseObject({ zoneId: text, name: text, city: text.optional() })),
});

export const programListResponse = z.looseObject({
  programs: z.array(z.looseObject({ code: text, name: text, year: z.number().int().optional() })),
});

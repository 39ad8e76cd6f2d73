/**
 * The API's own schemas (functions/lib/schemas, browser-safe): the console validates every
 * response with the schema the handler answers with, and every form with the request schema the
 * handler parses, so the console and the API cannot disagree about a shape. Types come from them
 * (z.infer); nothing is redeclared here.
 *
 * Only the local sign-in answers (local/server.ts, not part of the deployed API) are described
 * here.
 */
import * as z from 'zod/mini';
import type {
  activityOut,
  alertOut,
  allocationDocumentListOut,
  allocationDocumentOut,
  clusterOut,
  entryOut,
  importReportOut,
  ledgerEventOut,
  limitOut,
  portfolioOut,
  portfolioRowOut,
  programOut,
  projectSummaryOut,
  projectView,
  proposalOut,
  trancheView,
  verifyOut,
  zoneSchema,
} from '../../../functions/lib/schemas';

export {
  // responses
  activityOut,
  alertListOut,
  allocationDocumentListOut,
  allocationDocumentOut,
  clusterListOut,
  historyOut,
  importReportOut,
  ledgerEventOut,
  portfolioOut,
  programListOut,
  projectListOut,
  projectView,
  storedProgramOut,
  verifyOut,
  zoneListOut,
  // requests
  acceptanceApplicationSchema,
  acceptanceResultSchema,
  adjustmentSchema,
  allocationDocumentSchema,
  allocationSchema,
  approvalSchema,
  capExceptionSchema,
  decommitmentSchema,
  disbursementSchema,
  holdSchema,
  inspectionSchema,
  matchConfirmationSchema,
  recoverySchema,
  registrationSchema,
  releaseSchema,
  reversalSchema,
  terminationSchema,
  transferSchema,
  XLSX,
} from '../../../functions/lib/schemas';

export type ProjectView = z.infer<typeof projectView>;
export type ProjectSummary = z.infer<typeof projectSummaryOut>;
export type Balance = ProjectView['balances']['province'];
export type Limit = z.infer<typeof limitOut>;
export type Tranche = z.infer<typeof trancheView>;
export type Proposal = z.infer<typeof proposalOut>;
export type Entry = z.infer<typeof entryOut>;
export type ActivityEntry = z.infer<typeof activityOut>['entries'][number];
export type Alert = z.infer<typeof alertOut>;
export type VerifyResult = z.infer<typeof verifyOut>;
export type Zone = z.infer<typeof zoneSchema>;
export type Program = z.infer<typeof programOut>;
export type Cluster = z.infer<typeof clusterOut>;
export type LedgerEventResult = z.infer<typeof ledgerEventOut>;
export type Portfolio = z.infer<typeof portfolioOut>;
export type PortfolioRow = z.infer<typeof portfolioRowOut>;
export type AllocationDocument = z.infer<typeof allocationDocumentOut>;
export type AllocationDocumentSummary = z.infer<typeof allocationDocumentListOut>['documents'][number];
export type ImportReport = z.infer<typeof importReportOut>;
export type Funder = 'province' | 'zone';

// --- local sign-in (local/server.ts only) -------------------------------------------------------

const text = z.string();

export const localIdentitiesResponse = z.looseObject({
  identities: z.array(
    z.looseObject({
      identityId: text,
      role: text,
      name: text,
      scope: text,
      zoneId: z.optional(text),
      city: z.optional(text),
    }),
  ),
});
export type LocalIdentityView = z.infer<typeof localIdentitiesResponse>['identities'][number];

export const localTokenResponse = z.looseObject({ token: text, expiresAt: text });

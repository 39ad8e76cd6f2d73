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
  indicatorOut,
  allocationDocumentListOut,
  allocationDocumentOut,
  clusterOut,
  entryOut,
  historyOut,
  importReportOut,
  ledgerEventOut,
  limitOut,
  portfolioOut,
  portfolioRowOut,
  programOut,
  projectSummaryOut,
  projectView,
  proposalOut,
  reconciliationOut as reconciliationOutType,
  statementLineOut,
  statementOut as statementOutType,
  statementListOut as statementListOutType,
  movementOut,
  trancheView,
  verifyOut,
  zoneSchema,
  storedProgramOut,
  sweepOut,
  digestOut,
} from '../../../functions/lib/schemas';

export {
  // responses
  activityOut,
  alertListOut,
  allocationDocumentListOut,
  allocationDocumentOut,
  clusterListOut,
  clusterOut,
  digestOut,
  historyOut,
  importReportOut,
  ledgerEventOut,
  portfolioOut,
  programListOut,
  projectListOut,
  projectView,
  programOut,
  storedProgramOut,
  sweepOut,
  verifyOut,
  zoneListOut,
  reconciliationOut,
  statementListOut,
  statementOut,
  statementProgressOut,
  statementUploadOut,
  matchAnswerOut,
  indicatorListOut,
  indicatorReply,
  carryOverOut,
  evidenceDeclarationOut,
  evidenceLinkOut,
  // requests
  indicatorCreateSchema,
  carryOverSchema,
  lapseSchema,
  manualMatchSchema,
  undoSchema,
  allocationDocumentSchema,
  clusterCloseSchema,
  clusterSchema,
  programSchema,
  sweepSchema,
  zoneSchema,
  XLSX,
} from '../../../functions/lib/schemas';
// Ledger requests: each entry kind's own schema, from the catalogue (domain/project/kinds).
export { acceptanceApplicationSchema } from '../../../domain/project/kinds/acceptance-application';
export { acceptanceResultSchema } from '../../../domain/project/kinds/acceptance-result';
export { adjustmentSchema } from '../../../domain/project/kinds/adjustment-proposal';
export { allocationSchema } from '../../../domain/project/kinds/allocation';
export { approvalSchema } from '../../../domain/project/kinds/approval';
export { capExceptionSchema } from '../../../domain/project/kinds/cap-exception-proposal';
export { decommitmentSchema } from '../../../domain/project/kinds/decommitment';
export { disbursementSchema } from '../../../domain/project/kinds/disbursement';
export { holdSchema } from '../../../domain/project/kinds/hold';
export { inspectionSchema } from '../../../domain/project/kinds/inspection';
export { matchConfirmationSchema } from '../../../domain/project/kinds/match-confirmation';
export { recoverySchema } from '../../../domain/project/kinds/recovery';
export { registrationSchema } from '../../../domain/project/kinds/registration';
export { releaseSchema } from '../../../domain/project/kinds/hold-release';
export { reversalSchema } from '../../../domain/project/kinds/reversal';
export { terminationSchema } from '../../../domain/project/kinds/termination-proposal';
export { transferSchema } from '../../../domain/project/kinds/transfer';

export type ProjectView = z.infer<typeof projectView>;
export type ProjectSummary = z.infer<typeof projectSummaryOut>;
export type Balance = ProjectView['balances']['province'];
export type Limit = z.infer<typeof limitOut>;
export type Tranche = z.infer<typeof trancheView>;
export type Proposal = z.infer<typeof proposalOut>;
export type Entry = z.infer<typeof entryOut>;
/** An entry as the history lists it, with what it stands for now (the page's `states`). */
export type HistoryEntry = Entry & { state?: z.infer<typeof historyOut>['states'][string] };
export type ActivityEntry = z.infer<typeof activityOut>['entries'][number];
export type Alert = z.infer<typeof alertOut>;
export type BudgetIndicator = z.infer<typeof indicatorOut>;
export type VerifyResult = z.infer<typeof verifyOut>;
export type Zone = z.infer<typeof zoneSchema>;
export type StoredProgram = z.infer<typeof storedProgramOut>;
export type SweepResult = z.infer<typeof sweepOut>;
export type Digest = z.infer<typeof digestOut>;
export type Program = z.infer<typeof programOut>;
export type Cluster = z.infer<typeof clusterOut>;
export type LedgerEventResult = z.infer<typeof ledgerEventOut>;
export type Portfolio = z.infer<typeof portfolioOut>;
export type PortfolioRow = z.infer<typeof portfolioRowOut>;
export type AllocationDocument = z.infer<typeof allocationDocumentOut>;
export type AllocationDocumentSummary = z.infer<typeof allocationDocumentListOut>['documents'][number];
export type ImportReport = z.infer<typeof importReportOut>;
export type Funder = 'province' | 'zone';
export type Statement = z.infer<typeof statementOutType>;
export type StatementSummary = z.infer<typeof statementListOutType>['statements'][number];
export type StatementLine = z.infer<typeof statementLineOut>;
export type LedgerMovement = z.infer<typeof movementOut>;
export type Reconciliation = z.infer<typeof reconciliationOutType>;
export type AwaitingEvidence = ProjectView['awaitingEvidence'][number];

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

import * as z from 'zod';
import { isValidCreditCode } from '../../../domain/credit-code';
import { ALERT_KINDS } from '../../../domain/alerts/conditions';
import { PROJECT_STATUSES } from '../../../domain/project/types';
import { businessDate, cursor, dateOut, fen, funder, id, limit, positiveFen, text } from './common';

export const projectStatus = z.enum(PROJECT_STATUSES).meta({ id: 'ProjectStatus' });

export const trancheSchema = z.strictObject({ trancheId: id(32), funder, dueOn: businessDate, amountFen: positiveFen }).meta({ id: 'Tranche' });

const contractIn = z.strictObject({
  signedOn: businessDate,
  startsOn: businessDate,
  endsOn: businessDate,
  provinceGrantFen: positiveFen,
  zoneGrantFen: fen,
});

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
    contract: contractIn,
    schedule: z.array(trancheSchema).min(1).max(100),
  })
  .meta({ id: 'ProjectRegistration' });

// --- views -----------------------------------------------------------------------------------

const contractOut = z.strictObject({ signedOn: dateOut, startsOn: dateOut, endsOn: dateOut, provinceGrantFen: fen, zoneGrantFen: fen }).meta({ id: 'Contract' });
const owner = z.strictObject({ name: z.string(), creditCode: z.string() });

const balance = z.strictObject({
  allocatedFen: fen,
  pendingFen: fen,
  confirmedFen: fen,
  decommittedFen: fen,
  transferredFen: fen.optional(),
  heldAtZoneFen: fen.optional(),
  disbursedFen: fen,
  recoveredFen: fen,
});
export const balancesOut = z.strictObject({ province: balance, zone: balance }).meta({
  id: 'Balances',
  description: 'Per funder. confirmedFen is net of decommitments; the province also has transferredFen and heldAtZoneFen (transferred − paid).',
});

export const limitOut = z.strictObject({
  rule: z.string(),
  funder: z.enum(['province', 'zone', 'joint']),
  limitFen: fen,
  usedFen: fen,
  headroomFen: fen,
  exception: z.strictObject({ programLimitFen: fen, proposalEntryId: z.string(), approvalEntryId: z.string(), reference: z.string().nullable() }).optional(),
}).meta({ id: 'Limit' });

export const trancheView = z.strictObject({
  trancheId: z.string(),
  funder,
  dueOn: dateOut,
  amountFen: fen,
  paidFen: fen,
  status: z.enum(['paid', 'partial', 'upcoming', 'due', 'overdue']),
}).meta({ id: 'TrancheStatus' });

export const openAlertOut = z.strictObject({
  alertId: z.string(),
  kind: z.enum(ALERT_KINDS),
  funder: funder.nullable(),
  trancheId: z.string().nullable(),
  severity: z.enum(['warning', 'critical']),
  gapFen: fen,
  daysOverdue: z.int(),
  responsible: z.enum(['province', 'zone']).nullable(),
  held: z.boolean(),
  raisedOn: dateOut,
  lastSeenOn: dateOut,
}).meta({ id: 'OpenAlert' });

const proposalBase = { entryId: z.string(), proposedBy: z.string(), proposedOn: dateOut, reference: z.string().nullable() };
const adjustmentChange = z.strictObject({
  contract: z.strictObject({ provinceGrantFen: fen.optional(), zoneGrantFen: fen.optional(), endsOn: dateOut.optional() }).optional(),
  schedule: z.array(z.strictObject({ trancheId: z.string(), funder, dueOn: dateOut, amountFen: fen })).optional(),
  newInvestmentFen: fen.optional(),
}).meta({ id: 'AdjustmentChange' });
const recoveryDue = z.strictObject({ amountFen: fen, dueOn: dateOut });
export const proposalOut = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cap-exception'), ...proposalBase, rule: z.string(), limitFen: fen }),
  z.strictObject({ kind: z.literal('adjustment'), ...proposalBase, change: adjustmentChange }),
  z.strictObject({ kind: z.literal('termination'), ...proposalBase, recoveryDue: recoveryDue.nullable() }),
]).meta({ id: 'Proposal', description: 'A proposal waiting for a second person’s approval (four-eyes)' });

const acceptanceOut = z.strictObject({ applicationEntryId: z.string(), appliedOn: dateOut, result: z.enum(['pass', 'fail']).nullable(), decidedOn: dateOut.nullable() }).nullable();
const inspectionsOut = z.array(z.strictObject({ kind: z.enum(['mid-term', 'supervision', 'fund-use']), entryId: z.string(), inspectedOn: dateOut, result: z.enum(['pass', 'rectify', 'fail']) }))
  .meta({ description: 'The latest inspection of each kind' });

export const projectView = z
  .strictObject({
    projectId: z.string(),
    programCode: z.string(),
    clusterId: z.string(),
    zoneId: z.string(),
    city: z.string().nullable(),
    insideZone: z.boolean(),
    title: z.string(),
    owner,
    newInvestmentFen: fen,
    contract: contractOut,
    registeredContract: contractOut,
    funderNames: z.strictObject({ province: z.string(), zone: z.string() }),
    ruleDigest: z.string(),
    asOf: dateOut,
    status: projectStatus,
    balances: balancesOut,
    limits: z.array(limitOut),
    schedule: z.array(trancheView),
    lagging: z.boolean(),
    openAlerts: z.array(openAlertOut),
    pendingAllocations: z.array(z.strictObject({ entryId: z.string(), amountFen: fen, pendingFen: fen, valueDate: dateOut, matchDueOn: dateOut.meta({ description: 'valueDate + the program’s matchDeadlineDays' }) }))
      .meta({ description: 'Province allocations with money still waiting for the zone’s match' }),
    proposals: z.array(proposalOut),
    exceptions: z.array(z.strictObject({ rule: z.string(), limitFen: fen, proposalEntryId: z.string(), approvalEntryId: z.string(), reference: z.string().nullable() })),
    hold: z.strictObject({ entryId: z.string(), since: dateOut }).nullable(),
    acceptance: acceptanceOut,
    inspections: inspectionsOut,
    recoveryDue: z.strictObject({ amountFen: fen, dueOn: dateOut, entryId: z.string(), recoveredFen: fen, outstandingFen: fen }).nullable(),
    version: z.int(),
    headHash: z.string(),
  })
  .meta({ id: 'Project' });

export const projectSummaryOut = z
  .strictObject({
    projectId: z.string(),
    programCode: z.string(),
    clusterId: z.string(),
    zoneId: z.string(),
    city: z.string().nullable(),
    insideZone: z.boolean(),
    title: z.string(),
    owner,
    newInvestmentFen: fen,
    contract: contractOut,
    status: projectStatus,
    balances: balancesOut,
    lagging: z.boolean().meta({ description: 'The project has an open disbursement-lag alert' }),
    openAlertCount: z.int(),
    nextDue: z.array(z.strictObject({ funder, trancheId: z.string(), dueOn: dateOut, owedFen: fen }))
      .meta({ description: 'Per funder, the first tranche payments do not fully cover' }),
    proposals: z.array(z.strictObject({ kind: z.enum(['cap-exception', 'adjustment', 'termination']), entryId: z.string(), proposedBy: z.string(), proposedOn: dateOut }))
      .meta({ description: 'Proposals waiting for a second person’s approval' }),
    acceptance: acceptanceOut,
    inspections: inspectionsOut,
    lastEntry: z.strictObject({ entryId: z.string(), type: z.string(), valueDate: dateOut, recordedAt: z.string(), actor: z.strictObject({ sub: z.string(), role: z.string() }) }).nullable(),
    version: z.int(),
    headHash: z.string(),
  })
  .meta({ id: 'ProjectSummary' });

export const projectListOut = z.strictObject({ projects: z.array(projectSummaryOut), nextCursor: z.string().nullable() }).meta({ id: 'ProjectList' });

export const projectListQuery = z.strictObject({
  zoneId: id().optional(),
  city: text(100).optional(),
  programCode: id().optional(),
  clusterId: id().optional(),
  status: projectStatus.optional(),
  lagging: z.enum(['true', 'false']).optional(),
  cursor,
  limit,
});
export const projectGetQuery = z.strictObject({ asOf: businessDate.optional() });

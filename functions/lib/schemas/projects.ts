import * as z from 'zod';
import { lazySchema, real } from './lazy';
import { isValidCreditCode } from '../../../domain/credit-code';
import { ALERT_KINDS } from '../../../domain/alerts/conditions';
import { PROJECT_STATUSES } from '../../../domain/project/types';
import { businessDate, cursor, dateOut, fen, funder, id, limit, positiveFen, text } from './common';

export const projectStatus = lazySchema(() => z.enum(PROJECT_STATUSES).meta({ id: 'ProjectStatus' }));

export const trancheSchema = lazySchema(() => z.strictObject({ trancheId: id(32), funder: real(funder), dueOn: real(businessDate), amountFen: real(positiveFen) }).meta({ id: 'Tranche' }));

const contractIn = lazySchema(() =>
  z.strictObject({
    signedOn: real(businessDate),
    startsOn: real(businessDate),
    endsOn: real(businessDate),
    provinceGrantFen: real(positiveFen),
    zoneGrantFen: real(fen),
  }),
);

export const registrationSchema = lazySchema(() =>
  z
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
      newInvestmentFen: real(positiveFen),
      contract: real(contractIn),
      schedule: z.array(real(trancheSchema)).min(1).max(100),
    })
    .meta({ id: 'ProjectRegistration' }),
);

// --- views -----------------------------------------------------------------------------------

const contractOut = lazySchema(() => z.strictObject({ signedOn: real(dateOut), startsOn: real(dateOut), endsOn: real(dateOut), provinceGrantFen: real(fen), zoneGrantFen: real(fen) }).meta({ id: 'Contract' }));
const owner = lazySchema(() => z.strictObject({ name: z.string(), creditCode: z.string() }));

const balance = lazySchema(() =>
  z.strictObject({
    allocatedFen: real(fen),
    pendingFen: real(fen),
    confirmedFen: real(fen),
    decommittedFen: real(fen),
    transferredFen: real(fen).optional(),
    heldAtZoneFen: real(fen).optional(),
    disbursedFen: real(fen),
    recoveredFen: real(fen),
  }),
);
export const balancesOut = lazySchema(() =>
  z.strictObject({ province: real(balance), zone: real(balance) }).meta({
    id: 'Balances',
    description: 'Per funder. confirmedFen is net of decommitments; the province also has transferredFen and heldAtZoneFen (transferred − paid).',
  }),
);

export const limitOut = lazySchema(() =>
  z.strictObject({
    rule: z.string(),
    funder: z.enum(['province', 'zone', 'joint']),
    limitFen: real(fen),
    usedFen: real(fen),
    headroomFen: real(fen),
    exception: z.strictObject({ programLimitFen: real(fen), proposalEntryId: z.string(), approvalEntryId: z.string(), reference: z.string().nullable() }).optional(),
  }).meta({ id: 'Limit' }),
);

export const trancheView = lazySchema(() =>
  z.strictObject({
    trancheId: z.string(),
    funder: real(funder),
    dueOn: real(dateOut),
    amountFen: real(fen),
    paidFen: real(fen),
    status: z.enum(['paid', 'partial', 'upcoming', 'due', 'overdue']),
  }).meta({ id: 'TrancheStatus' }),
);

export const openAlertOut = lazySchema(() =>
  z.strictObject({
    alertId: z.string(),
    kind: z.enum(ALERT_KINDS),
    funder: real(funder).nullable(),
    trancheId: z.string().nullable(),
    severity: z.enum(['warning', 'critical']),
    gapFen: real(fen),
    daysOverdue: z.int(),
    responsible: z.enum(['province', 'zone']).nullable(),
    held: z.boolean(),
    raisedOn: real(dateOut),
    lastSeenOn: real(dateOut),
  }).meta({ id: 'OpenAlert' }),
);

const proposalBase = () => ({ entryId: z.string(), proposedBy: z.string(), proposedOn: real(dateOut), reference: z.string().nullable() });
const adjustmentChange = lazySchema(() =>
  z.strictObject({
    contract: z.strictObject({ provinceGrantFen: real(fen).optional(), zoneGrantFen: real(fen).optional(), endsOn: real(dateOut).optional() }).optional(),
    schedule: z.array(z.strictObject({ trancheId: z.string(), funder: real(funder), dueOn: real(dateOut), amountFen: real(fen) })).optional(),
    newInvestmentFen: real(fen).optional(),
  }).meta({ id: 'AdjustmentChange' }),
);
const recoveryDue = lazySchema(() => z.strictObject({ amountFen: real(fen), dueOn: real(dateOut) }));
export const proposalOut = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('cap-exception'), ...proposalBase(), rule: z.string(), limitFen: real(fen) }),
    z.strictObject({ kind: z.literal('adjustment'), ...proposalBase(), change: real(adjustmentChange) }),
    z.strictObject({ kind: z.literal('termination'), ...proposalBase(), recoveryDue: real(recoveryDue).nullable() }),
  ]).meta({ id: 'Proposal', description: 'A proposal waiting for a second person’s approval (four-eyes)' }),
);

const acceptanceOut = lazySchema(() => z.strictObject({ applicationEntryId: z.string(), appliedOn: real(dateOut), result: z.enum(['pass', 'fail']).nullable(), decidedOn: real(dateOut).nullable() }).nullable());
const inspectionsOut = lazySchema(() =>
  z.array(z.strictObject({ kind: z.enum(['mid-term', 'supervision', 'fund-use']), entryId: z.string(), inspectedOn: real(dateOut), result: z.enum(['pass', 'rectify', 'fail']) }))
    .meta({ description: 'The latest inspection of each kind' }),
);

export const projectView = lazySchema(() =>
  z
    .strictObject({
      projectId: z.string(),
      programCode: z.string(),
      clusterId: z.string(),
      zoneId: z.string(),
      city: z.string().nullable(),
      insideZone: z.boolean(),
      title: z.string(),
      owner: real(owner),
      newInvestmentFen: real(fen),
      contract: real(contractOut),
      registeredContract: real(contractOut),
      funderNames: z.strictObject({ province: z.string(), zone: z.string() }),
      ruleDigest: z.string(),
      asOf: real(dateOut),
      status: real(projectStatus),
      balances: real(balancesOut),
      limits: z.array(real(limitOut)),
      schedule: z.array(real(trancheView)),
      lagging: z.boolean(),
      openAlerts: z.array(real(openAlertOut)),
      pendingAllocations: z.array(z.strictObject({ entryId: z.string(), amountFen: real(fen), pendingFen: real(fen), valueDate: real(dateOut), matchDueOn: real(dateOut).meta({ description: 'valueDate + the program’s matchDeadlineDays' }) }))
        .meta({ description: 'Province allocations with money still waiting for the zone’s match' }),
      proposals: z.array(real(proposalOut)),
      exceptions: z.array(z.strictObject({ rule: z.string(), limitFen: real(fen), proposalEntryId: z.string(), approvalEntryId: z.string(), reference: z.string().nullable() })),
      hold: z.strictObject({ entryId: z.string(), since: real(dateOut) }).nullable(),
      acceptance: real(acceptanceOut),
      inspections: real(inspectionsOut),
      recoveryDue: z.strictObject({ amountFen: real(fen), dueOn: real(dateOut), entryId: z.string(), recoveredFen: real(fen), outstandingFen: real(fen) }).nullable(),
      version: z.int(),
      headHash: z.string(),
    })
    .meta({ id: 'Project' }),
);

export const projectSummaryOut = lazySchema(() =>
  z
    .strictObject({
      projectId: z.string(),
      programCode: z.string(),
      clusterId: z.string(),
      zoneId: z.string(),
      city: z.string().nullable(),
      insideZone: z.boolean(),
      title: z.string(),
      owner: real(owner),
      newInvestmentFen: real(fen),
      contract: real(contractOut),
      status: real(projectStatus),
      balances: real(balancesOut),
      lagging: z.boolean().meta({ description: 'The project has an open disbursement-lag alert' }),
      openAlertCount: z.int(),
      nextDue: z.array(z.strictObject({ funder: real(funder), trancheId: z.string(), dueOn: real(dateOut), owedFen: real(fen) }))
        .meta({ description: 'Per funder, the first tranche payments do not fully cover' }),
      proposals: z.array(z.strictObject({ kind: z.enum(['cap-exception', 'adjustment', 'termination']), entryId: z.string(), proposedBy: z.string(), proposedOn: real(dateOut) }))
        .meta({ description: 'Proposals waiting for a second person’s approval' }),
      acceptance: real(acceptanceOut),
      inspections: real(inspectionsOut),
      lastEntry: z.strictObject({ entryId: z.string(), type: z.string(), valueDate: real(dateOut), recordedAt: z.string(), actor: z.strictObject({ sub: z.string(), role: z.string() }) }).nullable(),
      version: z.int(),
      headHash: z.string(),
    })
    .meta({ id: 'ProjectSummary' }),
);

export const projectListOut = lazySchema(() => z.strictObject({ projects: z.array(real(projectSummaryOut)), nextCursor: z.string().nullable() }).meta({ id: 'ProjectList' }));

export const projectListQuery = lazySchema(() =>
  z.strictObject({
    zoneId: id().optional(),
    city: text(100).optional(),
    programCode: id().optional(),
    clusterId: id().optional(),
    status: real(projectStatus).optional(),
    lagging: z.enum(['true', 'false']).optional(),
    cursor: real(cursor),
    limit: real(limit),
  }),
);
export const projectGetQuery = lazySchema(() => z.strictObject({ asOf: real(businessDate).optional() }));

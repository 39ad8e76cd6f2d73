import * as z from 'zod/mini';
import { meta } from '../../../domain/schema/meta';
import { lazySchema, real } from '../../../domain/schema/lazy';
import { ALERT_KINDS } from '../../../domain/alerts/conditions';
import { PROJECT_STATUSES } from '../../../domain/project/types';
import { businessDate, cursor, dateOut, fen, funder, id, limit, positiveFen, text, cityName } from './common';

export const projectStatus = lazySchema(() => meta(z.enum(PROJECT_STATUSES), { id: 'ProjectStatus' }));

/** Who posted an entry (entries and project summaries alike). */
export const actorOut = lazySchema(() =>
  meta(
    z.strictObject({ sub: z.string(), role: z.string(), name: meta(z.optional(z.string()), { description: 'The person’s name from their token when they posted (entries recorded since names are kept)' }) }),
    { id: 'Actor', description: 'Who posted an entry, and in which role' },
  ),
);

// --- views -----------------------------------------------------------------------------------

/** An entry of a type the program requires evidence for, without evidence yet (project view and summary). */
export const awaitingEvidenceOut = lazySchema(() =>
  meta(
    z.array(
      z.strictObject({
        entryId: z.string(),
        type: z.string(),
        funder: z.nullable(real(funder)),
        amountFen: z.nullable(real(fen)),
        valueDate: real(dateOut),
        dueOn: meta(real(dateOut), { description: 'valueDate + the program’s evidenceGraceDays: evidence-missing is raised after this day' }),
        role: meta(z.string(), { description: 'The role that posted the entry: who is to provide its evidence' }),
      }),
    ),
    { id: 'AwaitingEvidence', description: 'Entries of the types the program requires evidence for (evidenceRequired) that have none yet, oldest first' },
  ),
);


const contractOut = lazySchema(() => meta(z.strictObject({ signedOn: real(dateOut), startsOn: real(dateOut), endsOn: real(dateOut), provinceGrantFen: real(fen), zoneGrantFen: real(fen) }), { id: 'Contract' }));
const owner = lazySchema(() => z.strictObject({ name: z.string(), creditCode: z.string() }));

const balance = lazySchema(() =>
  z.strictObject({
    allocatedFen: real(fen),
    pendingFen: real(fen),
    confirmedFen: real(fen),
    decommittedFen: real(fen),
    transferredFen: z.optional(real(fen)),
    heldAtZoneFen: z.optional(real(fen)),
    disbursedFen: real(fen),
    recoveredFen: real(fen),
  }),
);
export const balancesOut = lazySchema(() =>
  meta(
    z.strictObject({ province: real(balance), zone: real(balance) }),
    {
    id: 'Balances',
    description: 'Per funder. confirmedFen is net of decommitments; the province also has transferredFen and heldAtZoneFen (transferred − paid).',
  },
  ),
);

export const limitOut = lazySchema(() =>
  meta(
    z.strictObject({
    rule: z.string(),
    funder: z.enum(['province', 'zone', 'joint']),
    limitFen: real(fen),
    usedFen: real(fen),
    headroomFen: real(fen),
    exception: z.optional(z.strictObject({ programLimitFen: real(fen), proposalEntryId: z.string(), approvalEntryId: z.string(), reference: z.nullable(z.string()) })),
  }),
    { id: 'Limit' },
  ),
);

export const trancheView = lazySchema(() =>
  meta(
    z.strictObject({
    trancheId: z.string(),
    funder: real(funder),
    dueOn: real(dateOut),
    amountFen: real(fen),
    paidFen: real(fen),
    status: z.enum(['paid', 'partial', 'upcoming', 'due', 'overdue']),
  }),
    { id: 'TrancheStatus' },
  ),
);

export const openAlertOut = lazySchema(() =>
  meta(
    z.strictObject({
    alertId: z.string(),
    kind: z.enum(ALERT_KINDS),
    funder: z.nullable(real(funder)),
    trancheId: z.nullable(z.string()),
    severity: z.enum(['warning', 'critical']),
    gapFen: real(fen),
    daysOverdue: z.int(),
    responsible: z.nullable(z.enum(['province', 'zone'])),
    held: z.boolean(),
    raisedOn: real(dateOut),
    lastSeenOn: real(dateOut),
  }),
    { id: 'OpenAlert' },
  ),
);

const proposalBase = () => ({ entryId: z.string(), proposedBy: z.string(), proposedOn: real(dateOut), reference: z.nullable(z.string()) });
const adjustmentChange = lazySchema(() =>
  meta(
    z.strictObject({
    contract: z.optional(z.strictObject({ provinceGrantFen: z.optional(real(fen)), zoneGrantFen: z.optional(real(fen)), endsOn: z.optional(real(dateOut)) })),
    schedule: z.optional(z.array(z.strictObject({ trancheId: z.string(), funder: real(funder), dueOn: real(dateOut), amountFen: real(fen) }))),
    newInvestmentFen: z.optional(real(fen)),
  }),
    { id: 'AdjustmentChange' },
  ),
);
const recoveryDue = lazySchema(() => z.strictObject({ amountFen: real(fen), dueOn: real(dateOut) }));
export const proposalOut = lazySchema(() =>
  meta(
    z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('cap-exception'), ...proposalBase(), rule: z.string(), limitFen: real(fen) }),
    z.strictObject({ kind: z.literal('adjustment'), ...proposalBase(), change: real(adjustmentChange) }),
    z.strictObject({ kind: z.literal('termination'), ...proposalBase(), recoveryDue: z.nullable(real(recoveryDue)) }),
  ]),
    { id: 'Proposal', description: 'A proposal waiting for a second person’s approval (four-eyes)' },
  ),
);

const acceptanceOut = lazySchema(() => z.nullable(z.strictObject({ applicationEntryId: z.string(), appliedOn: real(dateOut), result: z.nullable(z.enum(['pass', 'fail'])), decidedOn: z.nullable(real(dateOut)) })));
const inspectionsOut = lazySchema(() =>
  meta(
    z.array(z.strictObject({ kind: z.enum(['mid-term', 'supervision', 'fund-use']), entryId: z.string(), inspectedOn: real(dateOut), result: z.enum(['pass', 'rectify', 'fail']) })),
    { description: 'The latest inspection of each kind' },
  ),
);

/** Who and what a project is, as both the list line and the full view begin (the shape of projectHeader in storage/project-item.ts). */
const projectHeader = () => ({
  projectId: z.string(),
  programCode: z.string(),
  clusterId: z.string(),
  zoneId: z.string(),
  city: z.nullable(z.string()),
  insideZone: z.boolean(),
  title: z.string(),
  owner: real(owner),
  newInvestmentFen: real(fen),
  contract: real(contractOut),
});

export const projectView = lazySchema(() =>
  meta(
    z.strictObject({
      ...projectHeader(),
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
      pendingAllocations: meta(z.array(z.strictObject({ entryId: z.string(), amountFen: real(fen), pendingFen: real(fen), valueDate: real(dateOut), matchDueOn: meta(real(dateOut), { description: 'valueDate + the program’s matchDeadlineDays' }) })), { description: 'Province allocations with money still waiting for the zone’s match' }),
      proposals: z.array(real(proposalOut)),
      exceptions: z.array(z.strictObject({ rule: z.string(), limitFen: real(fen), proposalEntryId: z.string(), approvalEntryId: z.string(), reference: z.nullable(z.string()) })),
      hold: z.nullable(z.strictObject({ entryId: z.string(), since: real(dateOut) })),
      acceptance: real(acceptanceOut),
      inspections: real(inspectionsOut),
      recoveryDue: z.nullable(z.strictObject({ amountFen: real(fen), dueOn: real(dateOut), entryId: z.string(), recoveredFen: real(fen), outstandingFen: real(fen) })),
      awaitingEvidence: real(awaitingEvidenceOut),
      version: z.int(),
      headHash: z.string(),
    }),
    { id: 'Project' },
  ),
);

export const projectSummaryOut = lazySchema(() =>
  meta(
    z.strictObject({
      ...projectHeader(),
      status: real(projectStatus),
      balances: real(balancesOut),
      lagging: meta(z.boolean(), { description: 'The project has an open disbursement-lag alert' }),
      openAlertCount: z.int(),
      nextDue: meta(z.array(z.strictObject({ funder: real(funder), trancheId: z.string(), dueOn: real(dateOut), owedFen: real(fen) })), { description: 'Per funder, the first tranche payments do not fully cover' }),
      proposals: meta(z.array(z.strictObject({ kind: z.enum(['cap-exception', 'adjustment', 'termination']), entryId: z.string(), proposedBy: z.string(), proposedOn: real(dateOut) })), { description: 'Proposals waiting for a second person’s approval' }),
      acceptance: real(acceptanceOut),
      inspections: real(inspectionsOut),
      lastEntry: z.nullable(z.strictObject({ entryId: z.string(), type: z.string(), valueDate: real(dateOut), recordedAt: z.string(), actor: real(actorOut) })),
      awaitingEvidence: real(awaitingEvidenceOut),
      version: z.int(),
      headHash: z.string(),
    }),
    { id: 'ProjectSummary' },
  ),
);

export const projectListOut = lazySchema(() => meta(z.strictObject({ projects: z.array(real(projectSummaryOut)), nextCursor: z.nullable(z.string()) }), { id: 'ProjectList' }));

export const projectListQuery = lazySchema(() =>
  z.strictObject({
    zoneId: z.optional(id()),
    city: z.optional(cityName()),
    programCode: z.optional(id()),
    clusterId: z.optional(id()),
    status: z.optional(real(projectStatus)),
    lagging: z.optional(z.enum(['true', 'false'])),
    cursor: real(cursor),
    limit: real(limit),
  }),
);
export const projectGetQuery = lazySchema(() => z.strictObject({ asOf: z.optional(real(businessDate)) }));

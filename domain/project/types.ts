import type { Fen } from '../money';
import type { BusinessDate } from '../dates';
import type { CapRule, ProgramRules } from '../programs/program';
import type { AwaitingEvidence } from './evidence';

export type Funder = 'province' | 'zone';
export const FUNDERS: readonly Funder[] = ['province', 'zone'];

export type Role = 'admin' | 'finance-officer' | 'zone-committee' | 'city-bureau' | 'auditor';
export const ROLES: readonly Role[] = ['admin', 'finance-officer', 'zone-committee', 'city-bureau', 'auditor'];

export interface Actor {
  sub: string;
  role: Role;
  /** The person's name as their token gave it when they posted (entries since people are shown by name). */
  name?: string;
}

export interface Tranche {
  trancheId: string;
  funder: Funder;
  dueOn: BusinessDate;
  amountFen: Fen;
}

export interface Contract {
  signedOn: BusinessDate;
  startsOn: BusinessDate;
  endsOn: BusinessDate;
  provinceGrantFen: Fen;
  zoneGrantFen: Fen;
}

/** The contract as registered (POST /projects body). */
export interface Registration {
  projectId: string;
  programCode: string;
  clusterId: string;
  zoneId: string;
  insideZone: boolean;
  title: string;
  owner: { name: string; creditCode: string };
  newInvestmentFen: Fen;
  contract: Contract;
  schedule: Tranche[];
}

/** What an approved adjustment may change (API.md, Lifecycle). */
export interface Terms {
  contract: Contract;
  schedule: Tranche[];
  newInvestmentFen: Fen;
}

export interface AdjustmentChange {
  contract?: { provinceGrantFen?: Fen; zoneGrantFen?: Fen; endsOn?: BusinessDate };
  schedule?: Tranche[];
  newInvestmentFen?: Fen;
}

export type ProjectStatus = 'active' | 'on-hold' | 'closed-accepted' | 'closed-failed' | 'terminated';
export const PROJECT_STATUSES: readonly ProjectStatus[] = ['active', 'on-hold', 'closed-accepted', 'closed-failed', 'terminated'];

export type InspectionKind = 'mid-term' | 'supervision' | 'fund-use';
export type InspectionResult = 'pass' | 'rectify' | 'fail';

/** Entries and their types come from the catalogue of entry kinds (kinds/index.ts). */
export type { Entry, EntryType } from './kinds';

/** Status of an entry at the moment it was posted (entries never change afterwards). */
export type EntryStatus = 'registered' | 'pending-match' | 'confirmed' | 'posted' | 'proposed' | 'approved';

/** An allocation's part in a decommitment or a restored confirmation: enough to put it back. */
export interface AllocationPart {
  entryId: string;
  seq: number;
  amountFen: Fen;
  valueDate: BusinessDate;
  postedBy: string;
  /** Province money of this allocation the event moved. */
  provinceFen: Fen;
}

export interface RecoveryDue {
  amountFen: Fen;
  dueOn: BusinessDate;
}

/** What a reversal takes back: a copy of the target's effect, so replay needs nothing else. */
export type Undo =
  | { type: 'allocation'; entryId: string; amountFen: Fen; confirmedFen: Fen }
  | { type: 'match-confirmation'; entryId: string; zoneFen: Fen; provinceFen: Fen; allocation: AllocationPart | null }
  | { type: 'transfer'; entryId: string; amountFen: Fen; valueDate: BusinessDate }
  | { type: 'disbursement'; entryId: string; funder: Funder; amountFen: Fen; impliedTransfer: { valueDate: BusinessDate; amountFen: Fen } | null }
  /** `beforeDueFen`: the recovery preceded the recovery due in force, which counted it as returned before. */
  | { type: 'recovery'; entryId: string; funder: Funder; amountFen: Fen; beforeDueFen?: Fen }
  | { type: 'decommitment'; entryId: string; fromPending: AllocationPart[]; provinceFromConfirmedFen: Fen; zoneFen: Fen };

/** A province allocation with money still waiting for the zone's match. */
export interface OpenAllocation {
  entryId: string;
  seq: number;
  amountFen: Fen;
  pendingFen: Fen;
  valueDate: BusinessDate;
  postedBy: string;
}

/** Money of one funder. Province pending is the sum of the open allocations. */
export interface FunderBook {
  /** Confirmed money, net of decommitments. */
  confirmedFen: Fen;
  /** Cancelled commitments (核减), pending and confirmed parts alike. */
  decommittedFen: Fen;
  /** Province money that reached the zone (always 0 for the zone). */
  transferredFen: Fen;
  /** Paid to the owner (gross: recoveries are counted separately). */
  disbursedFen: Fen;
  /** Returned by the owner (收回/缴回). */
  recoveredFen: Fen;
}

export interface DatedAmount {
  valueDate: BusinessDate;
  amountFen: Fen;
}

export interface CapException {
  rule: CapRule;
  limitFen: Fen;
  proposalEntryId: string;
  approvalEntryId: string;
  reference: string | null;
}

export type Proposal =
  | { kind: 'cap-exception'; entryId: string; proposedBy: string; proposedOn: BusinessDate; reference: string | null; rule: CapRule; limitFen: Fen }
  | { kind: 'adjustment'; entryId: string; proposedBy: string; proposedOn: BusinessDate; reference: string | null; change: AdjustmentChange }
  | { kind: 'termination'; entryId: string; proposedBy: string; proposedOn: BusinessDate; reference: string | null; recoveryDue: RecoveryDue | null };

export interface InspectionRecord {
  kind: InspectionKind;
  entryId: string;
  inspectedOn: BusinessDate;
  result: InspectionResult;
}

/**
 * A project's state: bounded whatever the history's length. It keeps balances and what `decide`
 * needs — the current terms, the allocations still pending, transfers per value date (for money
 * held at the zone), approved exceptions, pending proposals and the lifecycle — never a record of
 * every entry. Lists that could grow are bounded by the `record-limit` rule.
 */
export interface ProjectState {
  format: 2;
  registration: Registration;
  terms: Terms;
  rules: ProgramRules;
  ruleDigest: string;
  registeredAt: string;
  status: ProjectStatus;
  province: FunderBook;
  zone: FunderBook;
  openAllocations: OpenAllocation[];
  transfers: DatedAmount[];
  exceptions: CapException[];
  proposals: Proposal[];
  hold: { entryId: string; since: BusinessDate } | null;
  acceptance: { applicationEntryId: string; appliedOn: BusinessDate; result: 'pass' | 'fail' | null; decidedOn: BusinessDate | null } | null;
  inspections: InspectionRecord[];
  recoveryDue: (RecoveryDue & { entryId: string; recoveredBeforeFen: Fen }) | null;
  /**
   * Entries of the types the program requires evidence for that have none yet, in value-date order
   * (`record-limit` bounds them). Absent when there are none, as in every state from before evidence.
   */
  awaitingEvidence?: AwaitingEvidence[];
  /** Latest value date of any entry: a sweep for an earlier day rebuilds the state as of that day. */
  lastValueDate: BusinessDate;
  /** Latest value date of an allocation or match confirmation: a decommitment cancels those, so not before it. */
  lastCommittedOn: BusinessDate | null;
  version: number;
  headHash: string;
}

export interface Balance {
  allocatedFen: Fen;
  pendingFen: Fen;
  confirmedFen: Fen;
  decommittedFen: Fen;
  transferredFen?: Fen;
  heldAtZoneFen?: Fen;
  disbursedFen: Fen;
  recoveredFen: Fen;
}

export type Balances = Record<Funder, Balance>;

import type { Fen } from '../money';
import type { BusinessDate } from '../dates';
import type { ProgramRules } from '../programs/program';

export type Funder = 'province' | 'zone';
export const FUNDERS: readonly Funder[] = ['province', 'zone'];

export type Role = 'admin' | 'finance-officer' | 'zone-committee' | 'auditor';

export interface Actor {
  sub: string;
  role: Role;
}

export interface Tranche {
  trancheId: string;
  funder: Funder;
  dueOn: BusinessDate;
  amountFen: Fen;
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
  contract: {
    signedOn: BusinessDate;
    startsOn: BusinessDate;
    endsOn: BusinessDate;
    provinceGrantFen: Fen;
    zoneGrantFen: Fen;
  };
  schedule: Tranche[];
}

export type EntryType = 'registration' | 'allocation' | 'match-confirmation' | 'disbursement' | 'reversal';

/** Status of an entry at the moment it was posted (entries never change afterwards). */
export type EntryStatus = 'registered' | 'pending-match' | 'confirmed' | 'posted';

/**
 * One ledger entry: what is stored, hashed and shown to auditors.
 * `details` carries what replay needs beyond the common fields.
 */
export interface Entry {
  projectId: string;
  seq: number;
  entryId: string;
  type: EntryType;
  funder: Funder | null;
  amountFen: Fen | null;
  valueDate: BusinessDate;
  recordedAt: string;
  actor: Actor;
  reference: string | null;
  memo: string | null;
  refersTo: string | null;
  status: EntryStatus;
  ruleDigest: string;
  details: EntryDetails;
  prevHash: string;
  hash: string;
}

export type EntryDetails =
  | { registration: Registration; rules: ProgramRules }
  | { trancheId: string | null }
  | { reason: string }
  | Record<string, never>;

/** What the project remembers of each money entry, keyed by entryId. */
export interface AllocationRecord {
  kind: 'allocation';
  amountFen: Fen;
  valueDate: BusinessDate;
  postedBy: string;
  status: 'pending-match' | 'confirmed' | 'void' | 'reversed';
  /** Zone money owed to match this allocation; 0 when no match is needed. */
  requiredZoneFen: Fen;
  matchedBy: string | null;
}

export interface ConfirmationRecord {
  kind: 'match-confirmation';
  amountFen: Fen;
  valueDate: BusinessDate;
  postedBy: string;
  allocationEntryId: string | null;
  reversed: boolean;
}

export interface DisbursementRecord {
  kind: 'disbursement';
  funder: Funder;
  amountFen: Fen;
  valueDate: BusinessDate;
  postedBy: string;
  trancheId: string | null;
  reversed: boolean;
}

export interface ReversalRecord {
  kind: 'reversal';
  postedBy: string;
  target: string;
}

export type MoneyRecord = AllocationRecord | ConfirmationRecord | DisbursementRecord | ReversalRecord;

export interface ProjectState {
  registration: Registration;
  rules: ProgramRules;
  ruleDigest: string;
  registeredAt: string;
  /** Every entry after the registration, by entryId, in posting order. */
  records: Record<string, MoneyRecord>;
  version: number;
  headHash: string;
}

export interface Balance {
  allocatedFen: Fen;
  pendingFen: Fen;
  confirmedFen: Fen;
  disbursedFen: Fen;
}

export type Balances = Record<Funder, Balance>;

import type { Fen } from '../money';
import type { BusinessDate } from '../dates';
import type { Program } from '../programs/program';
import type { ClusterUsage } from './position';
import type { Actor, AdjustmentChange, Entry, Funder, InspectionKind, InspectionResult, Registration } from './types';

type Memo = { memo?: string | null };

export type Command =
  | { kind: 'register'; registration: Registration }
  | ({ kind: 'allocate'; amountFen: Fen; valueDate: BusinessDate; reference: string; documentNo?: string | null } & Memo)
  | ({
      kind: 'confirm-match';
      /** The pending province allocation matched; omitted: zone money above the ratio. */
      allocationEntryId?: string | null;
      amountFen: Fen;
      valueDate: BusinessDate;
      reference: string;
    } & Memo)
  | ({ kind: 'transfer'; amountFen: Fen; valueDate: BusinessDate; reference: string } & Memo)
  | ({ kind: 'disburse'; funder: Funder; amountFen: Fen; paidOn: BusinessDate; reference: string; trancheId?: string | null } & Memo)
  | { kind: 'recover'; funder: Funder; amountFen: Fen; valueDate: BusinessDate; reference: string; reason: string }
  | { kind: 'decommit'; provinceFen?: Fen; zoneFen?: Fen; valueDate: BusinessDate; reference: string; reason: string }
  | { kind: 'reverse'; entryId: string; reason: string }
  | { kind: 'propose-cap-exception'; rule: string; limitFen: Fen; reference: string; reason: string }
  | ({ kind: 'approve-cap-exception'; proposalEntryId: string; reference?: string | null } & Memo)
  | { kind: 'propose-adjustment'; change: AdjustmentChange; reference: string; reason: string }
  | ({ kind: 'approve-adjustment'; proposalEntryId: string; reference?: string | null } & Memo)
  | { kind: 'inspect'; inspection: InspectionKind; inspectedOn: BusinessDate; result: InspectionResult; reference: string; notes?: string | null }
  | { kind: 'hold'; reason: string; reference: string }
  | ({ kind: 'release-hold'; holdEntryId: string; reference?: string | null } & Memo)
  | ({ kind: 'apply-acceptance'; appliedOn: BusinessDate; reference: string } & Memo)
  | ({
      kind: 'decide-acceptance';
      result: 'pass' | 'fail';
      decidedOn: BusinessDate;
      reference: string;
      recoveryDueFen?: Fen | null;
      recoveryDueOn?: BusinessDate | null;
    } & Memo)
  | { kind: 'propose-termination'; reason: string; reference: string; recoveryDueFen?: Fen | null; recoveryDueOn?: BusinessDate | null }
  | ({ kind: 'approve-termination'; proposalEntryId: string; reference?: string | null } & Memo);

export type CommandKind = Command['kind'];

/** A reversal's target, found in the project's history (never in the state). */
export interface ReversalTarget {
  entry: Entry;
  /** A reversal of it is already recorded. */
  reversed: boolean;
  /** For a match confirmation: the allocation it matched (to reopen it if it left the open list). */
  allocation: Entry | null;
}

/** Everything a decision depends on besides the project itself; all read by the caller. */
export interface DecideContext {
  actor: Actor;
  /** ISO 8601 UTC instant at which the command is decided (becomes `recordedAt`). */
  now: string;
  /**
   * The project's cluster counters. null: not read — cluster caps are then enforced by the
   * storage condition alone, and a refused condition brings the caller back with the counters.
   */
  cluster?: ClusterUsage | null;
  /** Registration only: the program the contract names, and the owner's projects under it. */
  program?: Program | null;
  enterpriseProjectCount?: number;
  /**
   * The project's stored entries in seq order, exactly up to the state's version. Required for a
   * reversal and for money dated before the project's latest value date (`historyNeeded`): both
   * change days already shown, which are checked against it (history-check.ts).
   */
  history?: readonly Entry[] | null;
}

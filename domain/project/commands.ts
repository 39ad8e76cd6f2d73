import type { Fen } from '../money';
import type { BusinessDate } from '../dates';
import type { Program } from '../programs/program';
import type { ClusterUsage } from './position';
import type { Actor, Funder, Registration } from './types';

export type Command =
  | { kind: 'register'; registration: Registration }
  | { kind: 'allocate'; amountFen: Fen; valueDate: BusinessDate; reference: string; memo?: string | null }
  | {
      kind: 'confirm-match';
      /** Omitted only under a program without a match rule: the zone's own contribution. */
      allocationEntryId?: string | null;
      amountFen: Fen;
      valueDate: BusinessDate;
      reference: string;
      memo?: string | null;
    }
  | {
      kind: 'disburse';
      funder: Funder;
      amountFen: Fen;
      paidOn: BusinessDate;
      reference: string;
      trancheId?: string | null;
      memo?: string | null;
    }
  | { kind: 'reverse'; entryId: string; reason: string };

/** Everything a decision depends on besides the project itself; all read by the caller. */
export interface DecideContext {
  actor: Actor;
  /** ISO 8601 UTC instant at which the command is decided (becomes `recordedAt`). */
  now: string;
  /** The project's cluster counters (required for registration and allocation). */
  cluster?: ClusterUsage | null;
  /** Registration only: the program the contract names, and the owner's projects under it. */
  program?: Program | null;
  enterpriseProjectCount?: number;
}

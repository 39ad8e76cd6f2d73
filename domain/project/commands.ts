import type { Indicator } from '../budget/indicator';
import type { ProvinceFlows } from '../budget/flows';
import type { Program } from '../programs/program';
import type { ClusterUsage } from './position';
import type { EvidenceContext } from './evidence';
import type { Actor, Entry } from './types';

/** A command names the entry type it posts; each kind declares its own (kinds/*.ts). */
export type { Command, CommandType } from './kinds';

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
  /** Evidence only: its declaration, the entry it documents and what it supersedes (read by the caller). */
  evidence?: EvidenceContext | null;
  /**
   * The budget as the caller read it (API.md v3, Budget indicators). Required for an allocation
   * that names an indicator and wherever the project's province flows are needed (a decommitment
   * records how its confirmed part splits over allocations). Absent: the program's budgetControl
   * was not read and counts as off (unit tests of the project rules alone).
   */
  budget?: BudgetContext;
}

export interface BudgetContext {
  /**
   * The program's setting, read fresh (never from a cache: it may be turned on while in use).
   * null: not read — an allocation that names an indicator is held to it whatever the setting.
   */
  budgetControl: boolean | null;
  /** The indicators read for this decision, by number; null: no indicator has that number. */
  indicators: ReadonlyMap<string, Indicator | null>;
  /**
   * Indicators an allocation names that were not read: every rule of theirs (it exists, is of the
   * program and the value date's year, open, with room) is the write's condition
   * (functions/lib/storage/budget-items.ts), so an allocation that fits needs no read of them. One
   * that does not fit is refused by that condition and decided again with the indicator read, which
   * names the rule; so is any other refusal, so that rules come in the contract's order.
   */
  checkedOnWrite?: ReadonlySet<string>;
  /** The project's province flows before the command (domain/budget/flows.ts). */
  flows: ProvinceFlows;
}

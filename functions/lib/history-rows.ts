import { subFen, type Fen } from '../../domain/money';
import { entryStates, type EntryState } from '../../domain/project/entry-states';
import { evolve } from '../../domain/project/evolve';
import { KINDS } from '../../domain/project/kinds';
import { balances } from '../../domain/project/position';
import type { Entry, ProjectState } from '../../domain/project/types';
import { upcastHistory } from '../../domain/project/upcast';

/** The balance columns an export carries: each column sums to that balance. */
export const EFFECT_COLUMNS = [
  ['province', 'allocatedFen'], ['province', 'confirmedFen'], ['province', 'transferredFen'], ['province', 'disbursedFen'], ['province', 'recoveredFen'], ['province', 'decommittedFen'],
  ['zone', 'allocatedFen'], ['zone', 'confirmedFen'], ['zone', 'disbursedFen'], ['zone', 'recoveredFen'], ['zone', 'decommittedFen'],
] as const;
export type EffectColumn = (typeof EFFECT_COLUMNS)[number];

export interface HistoryRow {
  entry: Entry;
  /** The amount signed by its effect: money going back (recoveries, decommitments, reversals) is negative. */
  signedAmountFen: Fen | null;
  /** How the entry moved each balance. */
  effects: Fen[];
  /** What the entry stands for now (an allocation matched since, a proposal approved …). */
  state: EntryState;
}

/** How exports sign an entry's amount: its kind's sign, a reversal the opposite of its target's. */
function signOf(entry: Entry, byId: Map<string, Entry>): 1 | -1 | 0 {
  const sign = KINDS[entry.type].sign;
  if (sign !== 'opposite-of-target') return sign;
  const target = entry.refersTo ? byId.get(entry.refersTo) : undefined;
  return target ? (-signOf(target, byId) as 1 | -1 | 0) : -1;
}

const read = (s: ProjectState | null, [funder, field]: EffectColumn): Fen =>
  s ? ((balances(s)[funder] as unknown as Record<string, Fen | undefined>)[field] ?? 0) : 0;

/** Every entry with its signed amount, its effect on each balance (by replaying the history) and its state now. */
export function historyRows(entries: readonly Entry[]): HistoryRow[] {
  const byId = new Map(entries.map((e) => [e.entryId, e]));
  const upcast = upcastHistory(entries);
  const states = entryStates(entries);
  let state: ProjectState | null = null;
  return entries.map((entry, i) => {
    const before = state;
    state = evolve(state, upcast[i]!);
    const sign = signOf(entry, byId);
    return {
      entry,
      signedAmountFen: entry.amountFen === null || sign === 0 ? null : sign * entry.amountFen,
      effects: EFFECT_COLUMNS.map((c) => subFen(read(state, c), read(before, c))),
      state: states.get(entry.entryId) ?? 'posted',
    };
  });
}

import { ruleDigest } from '../programs/program';
import type { Entry, ProjectState, Registration } from './types';
import type { ProgramRules } from '../programs/program';
import { requiredZoneFen, needsMatch } from './ratio';

/**
 * Applies one entry. Total: it never rejects (decide already did), so replaying stored
 * entries always rebuilds the state that was saved with them.
 */
export function evolve(state: ProjectState | null, entry: Entry): ProjectState {
  if (entry.type === 'registration') {
    const details = entry.details as { registration: Registration; rules: ProgramRules };
    return {
      registration: details.registration,
      rules: details.rules,
      ruleDigest: ruleDigest(details.rules),
      registeredAt: entry.recordedAt,
      records: {},
      version: entry.seq,
      headHash: entry.hash,
    };
  }
  if (!state) throw new Error(`entry ${entry.entryId} precedes the project's registration`);
  const records = { ...state.records };
  const actor = entry.actor.sub;
  switch (entry.type) {
    case 'allocation': {
      const amount = entry.amountFen ?? 0;
      const pending = entry.status === 'pending-match';
      records[entry.entryId] = {
        kind: 'allocation',
        amountFen: amount,
        valueDate: entry.valueDate,
        postedBy: actor,
        status: pending ? 'pending-match' : 'confirmed',
        requiredZoneFen: pending && needsMatch(state.rules.match, state.registration.insideZone)
          ? requiredZoneFen(state.rules.match, amount, true)
          : 0,
        matchedBy: null,
      };
      break;
    }
    case 'match-confirmation': {
      records[entry.entryId] = {
        kind: 'match-confirmation',
        amountFen: entry.amountFen ?? 0,
        valueDate: entry.valueDate,
        postedBy: actor,
        allocationEntryId: entry.refersTo,
        reversed: false,
      };
      const alloc = entry.refersTo ? records[entry.refersTo] : undefined;
      if (alloc && alloc.kind === 'allocation') {
        records[entry.refersTo!] = { ...alloc, status: 'confirmed', requiredZoneFen: 0, matchedBy: entry.entryId };
      }
      break;
    }
    case 'disbursement': {
      const details = entry.details as { trancheId: string | null };
      records[entry.entryId] = {
        kind: 'disbursement',
        funder: entry.funder ?? 'province',
        amountFen: entry.amountFen ?? 0,
        valueDate: entry.valueDate,
        postedBy: actor,
        trancheId: details.trancheId ?? null,
        reversed: false,
      };
      break;
    }
    case 'reversal': {
      const target = entry.refersTo ? records[entry.refersTo] : undefined;
      records[entry.entryId] = { kind: 'reversal', postedBy: actor, target: entry.refersTo ?? '' };
      if (!target || !entry.refersTo) break;
      if (target.kind === 'allocation') {
        records[entry.refersTo] = { ...target, status: target.status === 'pending-match' ? 'void' : 'reversed', requiredZoneFen: 0 };
        const match = target.matchedBy ? records[target.matchedBy] : undefined;
        if (match && match.kind === 'match-confirmation') records[target.matchedBy!] = { ...match, reversed: true };
      } else if (target.kind === 'match-confirmation' || target.kind === 'disbursement') {
        records[entry.refersTo] = { ...target, reversed: true };
      }
      break;
    }
  }
  return { ...state, records, version: entry.seq, headHash: entry.hash };
}

/** Rebuilds a project from its entries (ascending seq). */
export function replay(entries: readonly Entry[]): ProjectState | null {
  let state: ProjectState | null = null;
  for (const e of entries) state = evolve(state, e);
  return state;
}

/**
 * An entry's state now, rather than the status it was written with: an allocation matched since
 * is no longer 待配套, a proposal approved since is no longer 待批准, a reversed entry is 已冲正.
 * Read from the project view (what is still pending) and the history read so far (what refers to
 * what); an entry nothing later speaks of keeps its written status.
 */
import type { Entry, ProjectView } from '../../services/schemas';

export type EntryState = Entry['status'] | 'reversed' | 'decommitted' | 'void';

export function currentStatuses(project: Pick<ProjectView, 'status' | 'pendingAllocations' | 'proposals'>, entries: readonly Entry[]): Map<string, EntryState> {
  const referredBy = new Map<string, Entry[]>();
  for (const e of entries) if (e.refersTo) referredBy.set(e.refersTo, [...(referredBy.get(e.refersTo) ?? []), e]);
  const pending = new Set(project.pendingAllocations.map((a) => a.entryId));
  const proposed = new Set(project.proposals.map((p) => p.entryId));
  const states = new Map<string, EntryState>();
  for (const e of entries) {
    const later = referredBy.get(e.entryId) ?? [];
    let state: EntryState = e.status;
    if (later.some((r) => r.type === 'reversal')) state = 'reversed';
    else if (e.status === 'proposed' && !proposed.has(e.entryId) && later.some((r) => r.status === 'approved')) state = 'approved';
    else if (e.status === 'pending-match' && !pending.has(e.entryId)) {
      // Matched (in whole or in part) by confirmations that name it; else its money was taken back.
      state = later.some((r) => r.type === 'match-confirmation') ? 'confirmed' : project.status === 'terminated' ? 'void' : 'decommitted';
    }
    states.set(e.entryId, state);
  }
  return states;
}

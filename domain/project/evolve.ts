import { maxDate } from '../dates';
import { acceptanceApplication } from './kinds/acceptance-application';
import { acceptanceResult } from './kinds/acceptance-result';
import { adjustmentApproval } from './kinds/adjustment-approval';
import { adjustmentProposal } from './kinds/adjustment-proposal';
import { allocation } from './kinds/allocation';
import { capExceptionApproval } from './kinds/cap-exception-approval';
import { capExceptionProposal } from './kinds/cap-exception-proposal';
import { decommitment } from './kinds/decommitment';
import { disbursement } from './kinds/disbursement';
import { evidence } from './kinds/evidence';
import { awaitingAfter } from './evidence';
import { hold } from './kinds/hold';
import { holdRelease } from './kinds/hold-release';
import { inspection } from './kinds/inspection';
import { matchConfirmation } from './kinds/match-confirmation';
import { recovery } from './kinds/recovery';
import { registration } from './kinds/registration';
import { reversal } from './kinds/reversal';
import { terminationApproval } from './kinds/termination-approval';
import { terminationProposal } from './kinds/termination-proposal';
import { transfer } from './kinds/transfer';
import type { Entry, ProjectState } from './types';

/** The effect of one entry on the project: its kind's evolve, before the bookkeeping common to all (below). */
function applied(s: ProjectState, e: Entry): ProjectState {
  switch (e.type) {
    case 'registration': throw new Error(`entry ${e.entryId}: a project is registered once`);
    case 'allocation': return allocation.evolve(s, e);
    case 'match-confirmation': return matchConfirmation.evolve(s, e);
    case 'transfer': return transfer.evolve(s, e);
    case 'disbursement': return disbursement.evolve(s, e);
    case 'recovery': return recovery.evolve(s, e);
    case 'decommitment': return decommitment.evolve(s, e);
    case 'reversal': return reversal.evolve(s, e);
    case 'cap-exception-proposal': return capExceptionProposal.evolve(s, e);
    case 'cap-exception-approval': return capExceptionApproval.evolve(s, e);
    case 'adjustment-proposal': return adjustmentProposal.evolve(s, e);
    case 'adjustment-approval': return adjustmentApproval.evolve(s, e);
    case 'inspection': return inspection.evolve(s, e);
    case 'hold': return hold.evolve(s, e);
    case 'hold-release': return holdRelease.evolve(s, e);
    case 'acceptance-application': return acceptanceApplication.evolve(s, e);
    case 'acceptance-result': return acceptanceResult.evolve(s, e);
    case 'termination-proposal': return terminationProposal.evolve(s, e);
    case 'termination-approval': return terminationApproval.evolve(s, e);
    case 'evidence': return evidence.evolve(s, e);
    default: {
      const unknown: never = e;
      throw new Error(`entry of an unknown type: ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Applies one entry (format 2; format-1 entries go through `upcast` first). Total: it never
 * rejects — decide already did — so replaying stored entries always rebuilds the saved state.
 */
export function evolve(state: ProjectState | null, entry: Entry): ProjectState {
  if (entry.type === 'registration') return registration.evolve(state, entry);
  if (!state) throw new Error(`entry ${entry.entryId} precedes the project's registration`);
  // Entries the program requires evidence for wait for it; evidence and reversals end the wait.
  const next = awaitingAfter(applied(state, entry), entry);
  const commits = entry.type === 'allocation' || entry.type === 'match-confirmation';
  return {
    ...next,
    lastValueDate: maxDate(state.lastValueDate, entry.valueDate),
    lastCommittedOn: commits ? (state.lastCommittedOn ? maxDate(state.lastCommittedOn, entry.valueDate) : entry.valueDate) : state.lastCommittedOn,
    version: entry.seq,
    headHash: entry.hash,
  };
}

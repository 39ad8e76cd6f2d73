import { addFen, type Fen } from '../money';
import { compareDates, type BusinessDate } from '../dates';
import type { AllocationPart, DatedAmount, FunderBook, OpenAllocation, ProjectState, RecoveryDue } from './types';

/** The arithmetic of the books that entries share when they evolve a project. */
export const emptyBook = (): FunderBook => ({ confirmedFen: 0, decommittedFen: 0, transferredFen: 0, disbursedFen: 0, recoveredFen: 0 });

export type BookDelta = Partial<FunderBook>;

export function moveBook(book: FunderBook, d: BookDelta): FunderBook {
  return {
    confirmedFen: addFen(book.confirmedFen, d.confirmedFen ?? 0),
    decommittedFen: addFen(book.decommittedFen, d.decommittedFen ?? 0),
    transferredFen: addFen(book.transferredFen, d.transferredFen ?? 0),
    disbursedFen: addFen(book.disbursedFen, d.disbursedFen ?? 0),
    recoveredFen: addFen(book.recoveredFen, d.recoveredFen ?? 0),
  };
}

/** Adds (or with a negative amount removes) money on a value date; the list stays in date order. */
export function addOnDate(list: readonly DatedAmount[], valueDate: BusinessDate, amountFen: Fen): DatedAmount[] {
  const out = list.map((x) => ({ ...x }));
  const i = out.findIndex((x) => x.valueDate === valueDate);
  if (i >= 0) out[i] = { valueDate, amountFen: addFen(out[i]!.amountFen, amountFen) };
  else out.push({ valueDate, amountFen });
  return out.filter((x) => x.amountFen !== 0).sort((a, b) => compareDates(a.valueDate, b.valueDate));
}

/** Moves an allocation's pending money; reopens it (from the part's copy) when it had left the list. */
export function movePending(open: readonly OpenAllocation[], part: AllocationPart, deltaFen: Fen): OpenAllocation[] {
  const out = open.map((a) => ({ ...a }));
  const i = out.findIndex((a) => a.entryId === part.entryId);
  if (i >= 0) out[i] = { ...out[i]!, pendingFen: addFen(out[i]!.pendingFen, deltaFen) };
  else out.push({ entryId: part.entryId, seq: part.seq, amountFen: part.amountFen, pendingFen: deltaFen, valueDate: part.valueDate, postedBy: part.postedBy });
  return out.filter((a) => a.pendingFen !== 0).sort((a, b) => a.seq - b.seq);
}

export const withoutAllocation = (open: readonly OpenAllocation[], entryId: string): OpenAllocation[] => open.filter((a) => a.entryId !== entryId);

/** A recovery due starts to run: it counts what the owner returns from now on. */
export function recoveryDueFrom(s: ProjectState, entryId: string, due: RecoveryDue | null): ProjectState['recoveryDue'] {
  if (!due) return s.recoveryDue;
  return { ...due, entryId, recoveredBeforeFen: addFen(s.province.recoveredFen, s.zone.recoveredFen) };
}

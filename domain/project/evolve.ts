import { addFen, subFen, type Fen } from '../money';
import { compareDates, maxDate, type BusinessDate } from '../dates';
import { normalizeRules, type ProgramRules } from '../programs/program';
import { applyChange } from './terms';
import type {
  AdjustmentChange, AllocationPart, DatedAmount, Entry, FunderBook, InspectionKind, InspectionResult, OpenAllocation,
  ProjectState, RecoveryDue, Registration, Undo,
} from './types';

const emptyBook = (): FunderBook => ({ confirmedFen: 0, decommittedFen: 0, transferredFen: 0, disbursedFen: 0, recoveredFen: 0 });

type BookDelta = Partial<FunderBook>;

function moveBook(book: FunderBook, d: BookDelta): FunderBook {
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
function movePending(open: readonly OpenAllocation[], part: AllocationPart, deltaFen: Fen): OpenAllocation[] {
  const out = open.map((a) => ({ ...a }));
  const i = out.findIndex((a) => a.entryId === part.entryId);
  if (i >= 0) out[i] = { ...out[i]!, pendingFen: addFen(out[i]!.pendingFen, deltaFen) };
  else out.push({ entryId: part.entryId, seq: part.seq, amountFen: part.amountFen, pendingFen: deltaFen, valueDate: part.valueDate, postedBy: part.postedBy });
  return out.filter((a) => a.pendingFen !== 0).sort((a, b) => a.seq - b.seq);
}

const withoutAllocation = (open: readonly OpenAllocation[], entryId: string) => open.filter((a) => a.entryId !== entryId);

function applyUndo(s: ProjectState, u: Undo): ProjectState {
  switch (u.type) {
    case 'allocation':
      return { ...s, openAllocations: withoutAllocation(s.openAllocations, u.entryId), province: moveBook(s.province, { confirmedFen: -u.confirmedFen }) };
    case 'match-confirmation':
      return {
        ...s,
        province: moveBook(s.province, { confirmedFen: -u.provinceFen }),
        zone: moveBook(s.zone, { confirmedFen: -u.zoneFen }),
        openAllocations: u.allocation && u.provinceFen > 0 ? movePending(s.openAllocations, u.allocation, u.provinceFen) : s.openAllocations,
      };
    case 'transfer':
      return { ...s, province: moveBook(s.province, { transferredFen: -u.amountFen }), transfers: addOnDate(s.transfers, u.valueDate, -u.amountFen) };
    case 'disbursement': {
      let next: ProjectState = { ...s, [u.funder]: moveBook(s[u.funder], { disbursedFen: -u.amountFen }) };
      if (u.impliedTransfer) {
        next = { ...next, province: moveBook(next.province, { transferredFen: -u.impliedTransfer.amountFen }), transfers: addOnDate(next.transfers, u.impliedTransfer.valueDate, -u.impliedTransfer.amountFen) };
      }
      return next;
    }
    case 'recovery': {
      const due = s.recoveryDue && u.beforeDueFen ? { ...s.recoveryDue, recoveredBeforeFen: subFen(s.recoveryDue.recoveredBeforeFen, u.beforeDueFen) } : s.recoveryDue;
      return { ...s, [u.funder]: moveBook(s[u.funder], { recoveredFen: -u.amountFen }), recoveryDue: due };
    }
    case 'decommitment': {
      let open = s.openAllocations;
      for (const part of u.fromPending) open = movePending(open, part, part.provinceFen);
      const fromPending = u.fromPending.reduce((t, p) => addFen(t, p.provinceFen), 0);
      return {
        ...s,
        openAllocations: open,
        province: moveBook(s.province, { confirmedFen: u.provinceFromConfirmedFen, decommittedFen: -addFen(fromPending, u.provinceFromConfirmedFen) }),
        zone: moveBook(s.zone, { confirmedFen: u.zoneFen, decommittedFen: -u.zoneFen }),
      };
    }
  }
}

function registered(entry: Entry): ProjectState {
  const details = entry.details as { registration: Registration; rules: ProgramRules };
  const reg = details.registration;
  return {
    format: 2,
    registration: reg,
    terms: { contract: reg.contract, schedule: reg.schedule, newInvestmentFen: reg.newInvestmentFen },
    rules: normalizeRules(details.rules),
    // The digest recorded with the registration: the rules exactly as they were checked.
    ruleDigest: entry.ruleDigest,
    registeredAt: entry.recordedAt,
    status: 'active',
    province: emptyBook(),
    zone: emptyBook(),
    openAllocations: [],
    transfers: [],
    exceptions: [],
    proposals: [],
    hold: null,
    acceptance: null,
    inspections: [],
    recoveryDue: null,
    lastValueDate: entry.valueDate,
    lastCommittedOn: null,
    version: entry.seq,
    headHash: entry.hash,
  };
}

/** The effect of one entry on the project, before the bookkeeping common to every entry. */
function applied(s: ProjectState, entry: Entry): ProjectState {
  const amount = entry.amountFen ?? 0;
  const on = entry.valueDate;
  switch (entry.type) {
    case 'registration':
      throw new Error(`entry ${entry.entryId}: a project is registered once`);
    case 'allocation': {
      if (entry.status === 'pending-match') {
        const open: OpenAllocation = { entryId: entry.entryId, seq: entry.seq, amountFen: amount, pendingFen: amount, valueDate: on, postedBy: entry.actor.sub };
        return { ...s, openAllocations: [...s.openAllocations, open] };
      }
      return { ...s, province: moveBook(s.province, { confirmedFen: amount }) };
    }
    case 'match-confirmation': {
      const { provinceFen } = entry.details as { provinceFen: Fen };
      const alloc = entry.refersTo ? s.openAllocations.find((a) => a.entryId === entry.refersTo) : undefined;
      return {
        ...s,
        province: moveBook(s.province, { confirmedFen: provinceFen }),
        zone: moveBook(s.zone, { confirmedFen: amount }),
        openAllocations: alloc && provinceFen > 0 ? movePending(s.openAllocations, { ...alloc, provinceFen }, -provinceFen) : s.openAllocations,
      };
    }
    case 'transfer':
      return { ...s, province: moveBook(s.province, { transferredFen: amount }), transfers: addOnDate(s.transfers, on, amount) };
    case 'disbursement': {
      const funder = entry.funder ?? 'province';
      let next: ProjectState = { ...s, [funder]: moveBook(s[funder], { disbursedFen: amount }) };
      if ((entry.details as { impliedTransfer?: boolean }).impliedTransfer) {
        next = { ...next, province: moveBook(next.province, { transferredFen: amount }), transfers: addOnDate(next.transfers, on, amount) };
      }
      return next;
    }
    case 'recovery': {
      const funder = entry.funder ?? 'province';
      return { ...s, [funder]: moveBook(s[funder], { recoveredFen: amount }) };
    }
    case 'decommitment': {
      const d = entry.details as { fromPending: AllocationPart[]; provinceFromConfirmedFen: Fen; zoneFen: Fen };
      let open = s.openAllocations;
      for (const part of d.fromPending) open = movePending(open, part, -part.provinceFen);
      const fromPending = d.fromPending.reduce((t, p) => addFen(t, p.provinceFen), 0);
      return {
        ...s,
        openAllocations: open,
        province: moveBook(s.province, { confirmedFen: -d.provinceFromConfirmedFen, decommittedFen: addFen(fromPending, d.provinceFromConfirmedFen) }),
        zone: moveBook(s.zone, { confirmedFen: -d.zoneFen, decommittedFen: d.zoneFen }),
      };
    }
    case 'reversal':
      return applyUndo(s, (entry.details as { undo: Undo }).undo);
    case 'cap-exception-proposal': {
      const d = entry.details as { rule: ProjectState['exceptions'][number]['rule']; limitFen: Fen };
      const others = s.proposals.filter((p) => !(p.kind === 'cap-exception' && p.rule === d.rule));
      return { ...s, proposals: [...others, { kind: 'cap-exception', entryId: entry.entryId, proposedBy: entry.actor.sub, proposedOn: on, reference: entry.reference, rule: d.rule, limitFen: d.limitFen }] };
    }
    case 'cap-exception-approval': {
      const d = entry.details as { rule: ProjectState['exceptions'][number]['rule']; limitFen: Fen };
      const proposal = s.proposals.find((p) => p.entryId === entry.refersTo);
      return {
        ...s,
        proposals: s.proposals.filter((p) => p.entryId !== entry.refersTo),
        exceptions: [
          ...s.exceptions.filter((e) => e.rule !== d.rule),
          { rule: d.rule, limitFen: d.limitFen, proposalEntryId: entry.refersTo ?? '', approvalEntryId: entry.entryId, reference: proposal?.reference ?? entry.reference },
        ],
      };
    }
    case 'adjustment-proposal': {
      const d = entry.details as { change: AdjustmentChange };
      const others = s.proposals.filter((p) => p.kind !== 'adjustment');
      return { ...s, proposals: [...others, { kind: 'adjustment', entryId: entry.entryId, proposedBy: entry.actor.sub, proposedOn: on, reference: entry.reference, change: d.change }] };
    }
    case 'adjustment-approval': {
      const d = entry.details as { change: AdjustmentChange };
      return { ...s, terms: applyChange(s.terms, d.change), proposals: s.proposals.filter((p) => p.entryId !== entry.refersTo) };
    }
    case 'inspection': {
      const d = entry.details as { kind: InspectionKind; result: InspectionResult };
      return { ...s, inspections: [...s.inspections.filter((i) => i.kind !== d.kind), { kind: d.kind, entryId: entry.entryId, inspectedOn: on, result: d.result }] };
    }
    case 'hold':
      return { ...s, status: 'on-hold', hold: { entryId: entry.entryId, since: on } };
    case 'hold-release':
      return { ...s, status: 'active', hold: null };
    case 'acceptance-application':
      return { ...s, acceptance: { applicationEntryId: entry.entryId, appliedOn: on, result: null, decidedOn: null } };
    case 'acceptance-result': {
      const d = entry.details as { result: 'pass' | 'fail'; recoveryDue: RecoveryDue | null };
      return {
        ...s,
        status: d.result === 'pass' ? 'closed-accepted' : 'closed-failed',
        hold: null,
        proposals: [],
        acceptance: s.acceptance ? { ...s.acceptance, result: d.result, decidedOn: on } : s.acceptance,
        recoveryDue: recoveryDueFrom(s, entry.entryId, d.recoveryDue),
      };
    }
    case 'termination-proposal': {
      const d = entry.details as { recoveryDue: RecoveryDue | null };
      const others = s.proposals.filter((p) => p.kind !== 'termination');
      return { ...s, proposals: [...others, { kind: 'termination', entryId: entry.entryId, proposedBy: entry.actor.sub, proposedOn: on, reference: entry.reference, recoveryDue: d.recoveryDue }] };
    }
    case 'termination-approval': {
      const d = entry.details as { recoveryDue: RecoveryDue | null; voidedFen: Fen };
      return {
        ...s,
        status: 'terminated',
        hold: null,
        proposals: [],
        // Pending allocations are voided: cancelled commitments, freeing the caps.
        openAllocations: [],
        province: moveBook(s.province, { decommittedFen: d.voidedFen }),
        recoveryDue: recoveryDueFrom(s, entry.entryId, d.recoveryDue),
      };
    }
  }
}

function recoveryDueFrom(s: ProjectState, entryId: string, due: RecoveryDue | null): ProjectState['recoveryDue'] {
  if (!due) return s.recoveryDue;
  return { ...due, entryId, recoveredBeforeFen: addFen(s.province.recoveredFen, s.zone.recoveredFen) };
}

/**
 * Applies one entry (format 2; format-1 entries go through `upcast` first). Total: it never
 * rejects — decide already did — so replaying stored entries always rebuilds the saved state.
 */
export function evolve(state: ProjectState | null, entry: Entry): ProjectState {
  if (entry.type === 'registration') {
    if (state) throw new Error(`entry ${entry.entryId}: the project is already registered`);
    return registered(entry);
  }
  if (!state) throw new Error(`entry ${entry.entryId} precedes the project's registration`);
  const next = applied(state, entry);
  const commits = entry.type === 'allocation' || entry.type === 'match-confirmation';
  return {
    ...next,
    lastValueDate: maxDate(state.lastValueDate, entry.valueDate),
    lastCommittedOn: commits ? (state.lastCommittedOn ? maxDate(state.lastCommittedOn, entry.valueDate) : entry.valueDate) : state.lastCommittedOn,
    version: entry.seq,
    headHash: entry.hash,
  };
}


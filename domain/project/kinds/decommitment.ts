import * as z from 'zod/mini';
import { addFen, type Fen } from '../../money';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, fen, reference, text } from '../../schema/fields';
import type { BusinessDate } from '../../dates';
import { moveBook, movePending } from '../books';
import { decideDecommitment } from '../deciders/money';
import type { AllocationPart } from '../types';
import type { EntryKind, EntryOf } from './kind';

export const decommitmentSchema = lazySchema(() =>
  meta(
    z.strictObject({ provinceFen: z.optional(real(fen)), zoneFen: z.optional(real(fen)), valueDate: real(businessDate), reference: real(reference), reason: text(500) }),
    { id: 'Decommitment', description: 'Committed money that will not be paid (核减); pending money first' },
  ),
);

export interface DecommitmentDetails {
  reason: string;
  /** Pending province money cancelled, per allocation (oldest first). */
  fromPending: AllocationPart[];
  provinceFromConfirmedFen: Fen;
  zoneFen: Fen;
  /**
   * v3: the allocations its confirmed province part came out of, as decided (domain/budget/flows.ts
   * fromConfirmedOf), so that a later entry dated earlier never moves it between indicators.
   * Absent in entries recorded before (the budget's fold splits those the same way).
   */
  fromConfirmed?: { entryId: string; provinceFen: Fen }[];
}
export type DecommitmentEntry = EntryOf<'decommitment', DecommitmentDetails>;
export interface DecommitmentCommand {
  type: 'decommitment';
  provinceFen?: Fen;
  zoneFen?: Fen;
  valueDate: BusinessDate;
  reference: string;
  reason: string;
}

/** Committed money that will not be paid (核减): pending money first, then confirmed money not passed on. */
export const decommitment: EntryKind<'decommitment', DecommitmentDetails, DecommitmentCommand> = {
  type: 'decommitment',
  term: 'entry.decommitment',
  route: {
    path: '/projects/{projectId}/decommitments',
    summary: 'Decommit money that will not be paid',
    description: 'Finance officer. Pending money first; frees project and cluster headroom.',
    tags: ['Ledger'],
    body: decommitmentSchema,
    toCommand: (b: Omit<DecommitmentCommand, 'type'>) => ({ type: 'decommitment', ...b }),
  },
  roles: ['finance-officer'],
  decide: (state, command, ctx) => decideDecommitment(state, command, ctx),
  evolve: (s, e) => {
    const d = e.details;
    let open = s.openAllocations;
    for (const part of d.fromPending) open = movePending(open, part, -part.provinceFen);
    const fromPending = d.fromPending.reduce((t, p) => addFen(t, p.provinceFen), 0);
    return {
      ...s,
      openAllocations: open,
      province: moveBook(s.province, { confirmedFen: -d.provinceFromConfirmedFen, decommittedFen: addFen(fromPending, d.provinceFromConfirmedFen) }),
      zone: moveBook(s.zone, { confirmedFen: -d.zoneFen, decommittedFen: d.zoneFen }),
    };
  },
  sign: -1,
  reversible: true,
};

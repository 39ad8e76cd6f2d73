import * as z from 'zod/mini';
import { meta } from '../../schema/meta';
import { lazySchema, real } from '../../schema/lazy';
import { businessDate, reference } from '../../schema/fields';
import type { BusinessDate } from '../../dates';
import { decideInspection } from '../deciders/lifecycle';
import type { InspectionKind, InspectionResult, Role } from '../types';
import type { EntryKind, EntryOf } from './kind';

export const inspectionSchema = lazySchema(() =>
  meta(
    z.strictObject({
      kind: z.enum(['mid-term', 'supervision', 'fund-use']),
      inspectedOn: real(businessDate),
      result: z.enum(['pass', 'rectify', 'fail']),
      reference: real(reference),
      notes: z.optional(z.nullable(z.string().check(z.maxLength(2000)))),
    }),
    { id: 'Inspection' },
  ),
);

export interface InspectionDetails {
  kind: InspectionKind;
  result: InspectionResult;
  notes: string | null;
}
export type InspectionEntry = EntryOf<'inspection', InspectionDetails>;
export interface InspectionCommand {
  type: 'inspection';
  kind: InspectionKind;
  inspectedOn: BusinessDate;
  result: InspectionResult;
  reference: string;
  notes?: string | null;
}

/** Inspections are the admin's and the city bureau's; a zone committee inspects the use of funds in its own zone only. */
export const inspectionRoles = (kind: InspectionKind): readonly Role[] => (kind === 'fund-use' ? ['admin', 'city-bureau', 'zone-committee'] : ['admin', 'city-bureau']);

/** A mid-term, supervision or fund-use inspection (检查) with its result; allowed in any status. */
export const inspection: EntryKind<'inspection', InspectionDetails, InspectionCommand> = {
  type: 'inspection',
  term: 'entry.inspection',
  route: {
    path: '/projects/{projectId}/inspections',
    summary: 'Record an inspection',
    description: 'Admin or the city bureau of the project’s city; the zone committee for fund use in its zone.',
    tags: ['Lifecycle'],
    body: inspectionSchema,
    toCommand: (b: Omit<InspectionCommand, 'type'>) => ({ type: 'inspection', ...b }),
  },
  roles: ['admin', 'city-bureau', 'zone-committee'],
  rolesOn: (command) => inspectionRoles(command.kind),
  decide: (state, command, ctx) => decideInspection(state, command, ctx),
  evolve: (s, e) => {
    const d = e.details;
    return { ...s, inspections: [...s.inspections.filter((i) => i.kind !== d.kind), { kind: d.kind, entryId: e.entryId, inspectedOn: e.valueDate, result: d.result }] };
  },
  sign: 0,
  reversible: false,
};

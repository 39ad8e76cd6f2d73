/**
 * The catalogue of entry kinds: each declared once, in its own module. Everything that lists kinds
 * — the Entry and Command unions, evolve and decide, the routes and OpenAPI, the role matrices of
 * the API and the console, the exports' labels and signs, the console's actions — derives from
 * KINDS, so a new kind is one module here plus its tests, and a table that lacks it does not compile.
 */
import { acceptanceApplication } from './acceptance-application';
import { acceptanceResult } from './acceptance-result';
import { adjustmentApproval } from './adjustment-approval';
import { adjustmentProposal } from './adjustment-proposal';
import { allocation } from './allocation';
import { capExceptionApproval } from './cap-exception-approval';
import { capExceptionProposal } from './cap-exception-proposal';
import { decommitment } from './decommitment';
import { disbursement, disbursementRoles } from './disbursement';
import { evidence } from './evidence';
import { hold } from './hold';
import { holdRelease } from './hold-release';
import { inspection, inspectionRoles } from './inspection';
import type { EntryKind, EntryOf, ProjectFacts } from './kind';
import type { Actor, Role } from '../types';
import { matchConfirmation } from './match-confirmation';
import { recovery, recoveryRoles } from './recovery';
import { registration } from './registration';
import { reversal } from './reversal';
import { terminationApproval } from './termination-approval';
import { terminationProposal } from './termination-proposal';
import { transfer } from './transfer';

export const KINDS = {
  registration,
  allocation,
  'match-confirmation': matchConfirmation,
  transfer,
  disbursement,
  recovery,
  decommitment,
  reversal,
  'cap-exception-proposal': capExceptionProposal,
  'cap-exception-approval': capExceptionApproval,
  'adjustment-proposal': adjustmentProposal,
  'adjustment-approval': adjustmentApproval,
  inspection,
  hold,
  'hold-release': holdRelease,
  'acceptance-application': acceptanceApplication,
  'acceptance-result': acceptanceResult,
  'termination-proposal': terminationProposal,
  'termination-approval': terminationApproval,
  evidence,
} as const;

type Kinds = typeof KINDS;
export type EntryType = keyof Kinds;

/** Every entry type, in the catalogue's order (the path of the money, then the lifecycle). */
export const ENTRY_TYPES = Object.keys(KINDS) as EntryType[];

type DetailsOf<K extends EntryType> = Parameters<Kinds[K]['evolve']>[1] extends EntryOf<K, infer D> ? D : never;
type CommandOf<K extends EntryType> = Parameters<Kinds[K]['decide']>[1];

/** One ledger entry: a discriminated union on `type`, each with its kind's `details`. */
export type Entry = { [K in EntryType]: EntryOf<K, DetailsOf<K>> }[EntryType];
/** One command: what a route's body becomes, named by the entry type it posts. */
export type Command = { [K in EntryType]: CommandOf<K> }[EntryType];
export type CommandType = Command['type'];

/** The kinds posted by a route on an existing project (every kind but the registration). */
export const PROJECT_KINDS = ENTRY_TYPES.filter((t) => t !== 'registration') as Exclude<EntryType, 'registration'>[];

export const kindOf = <K extends EntryType>(type: K): Kinds[K] => KINDS[type];

/** Whether a value names an entry type of the catalogue (stored or requested text). */
export const isEntryType = (v: unknown): v is EntryType => typeof v === 'string' && Object.prototype.hasOwnProperty.call(KINDS, v);

/**
 * The kind a command posts. Each kind's command names its own type, so `KINDS[command.type]` is
 * that command's kind; TypeScript cannot tie the two together on its own, which this one place says.
 */
export function kindFor<C extends Command>(command: C): EntryKind<C['type'], unknown, C, never> {
  return KINDS[command.type] as unknown as EntryKind<C['type'], unknown, C, never>;
}

/**
 * The roles that may post an entry like this one on the project: its kind's roles, narrowed by
 * what the entry records as its command did (a payment's or a recovery's funder, an inspection's
 * kind); a reversal was posted in the role of the entry it took back, so in its own actor's role.
 */
export function rolesForEntry(entry: Entry, project: ProjectFacts | null): readonly Role[] {
  switch (entry.type) {
    case 'disbursement': return disbursementRoles(entry.funder ?? 'province', project);
    case 'recovery': return recoveryRoles(entry.funder ?? 'province');
    case 'inspection': return inspectionRoles(entry.details.kind);
    case 'reversal': return [entry.actor.role];
    default: return KINDS[entry.type].roles;
  }
}

/**
 * The roles that may post a command: as narrowed by the command, the project and the entry it
 * names where the kind says so (before the project is read, as far as the command alone tells).
 * Evidence is posted by whoever may post the entry it documents, for their scope.
 */
export function rolesFor(command: Command, project?: ProjectFacts, target?: Entry | { actor: Actor } | null): readonly Role[] {
  if (command.type === 'evidence') return target && 'type' in target ? rolesForEntry(target, project ?? null) : KINDS.evidence.roles;
  const kind = kindFor(command);
  return kind.rolesOn ? kind.rolesOn(command, project ?? null, target ?? null) : kind.roles;
}

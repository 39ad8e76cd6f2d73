import type { ZodMiniType } from 'zod/mini';
import type { BusinessDate } from '../../dates';
import type { TermId } from '../../glossary';
import type { Fen } from '../../money';
import type { DecideContext } from '../commands';
import type { Decision } from '../outcome';
import type { Actor, EntryStatus, Funder, ProjectState, Role } from '../types';

/**
 * One ledger entry as stored, hashed and shown to auditors; `details` is its kind's own (what
 * replay needs beyond the common fields). `format` is 2 for entries written since the money path
 * was modelled; entries without it were written in format 1 and are read through `upcast`.
 */
export interface EntryOf<T extends string, D> {
  format?: 2;
  projectId: string;
  seq: number;
  entryId: string;
  type: T;
  funder: Funder | null;
  amountFen: Fen | null;
  valueDate: BusinessDate;
  recordedAt: string;
  actor: Actor;
  reference: string | null;
  memo: string | null;
  refersTo: string | null;
  status: EntryStatus;
  ruleDigest: string;
  details: D;
  prevHash: string;
  hash: string;
}

/**
 * How an entry's amount is signed in exports: money coming in (+1), going back (−1), none (0),
 * or the opposite of the entry it takes back (a reversal).
 */
export type Sign = 1 | -1 | 0 | 'opposite-of-target';

/** What decides who may post an entry on a project: the same from its state or its view. */
export interface ProjectFacts {
  insideZone: boolean;
}

/** The HTTP route that posts the kind: POST `path`, its body and how the body becomes a command. */
export interface KindRoute<C> {
  /**
   * `/projects/{projectId}/…`; `{entryId}` names the entry the event answers (a proposal, a hold),
   * `{evidenceId}` the declared evidence a completion records.
   */
  path: string;
  summary: string;
  description: string;
  tags: readonly string[];
  /** The request body (a lazy schema): strict, validated before anything else. */
  body: ZodMiniType;
  bodyOptional?: boolean;
  /** The body as its schema parsed it (the route validated it first), and the path's parameters. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind names its body's shape
  toCommand(body: any, params: { projectId: string; entryId?: string; evidenceId?: string }): C;
}

/**
 * An entry kind, declared once: its route and request schema, who may post it, how it is decided
 * and how it changes the project (evolve), how exports sign it, whether a reversal can take it
 * back, and the glossary term people read for it. Routes, OpenAPI, the role matrices of the API
 * and the console, exports and the console's actions derive from the catalogue (kinds/index.ts).
 */
export interface EntryKind<T extends string, D, C extends { type: T }, S = ProjectState> {
  readonly type: T;
  readonly term: TermId;
  readonly route: KindRoute<C>;
  /** Every role that may post the kind on some project (the role matrix). */
  readonly roles: readonly Role[];
  /**
   * The roles that may post this command, where that depends on more than the kind: on the command
   * itself (a recovery's funder), on the project (null before it is read) or on the entry it names.
   */
  rolesOn?(command: C, project: ProjectFacts | null, target: { actor: Actor } | null): readonly Role[];
  decide(state: S, command: C, ctx: DecideContext): Decision;
  evolve(state: S, entry: EntryOf<T, D>): ProjectState;
  readonly sign: Sign;
  readonly reversible: boolean;
}

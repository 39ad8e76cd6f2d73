import type { Fen } from '../money';
import type { BusinessDate } from '../dates';
import type { Entry, Funder, ProjectState } from './types';

export const RULE_IDS = [
  'four-eyes',
  'province-per-project',
  'joint-per-project',
  'joint-share-of-new-investment',
  'province-per-cluster',
  'zone-per-cluster',
  'contract-grant',
  'match-ratio',
  'match-not-pending',
  'insufficient-confirmed-funds',
  'insufficient-transferred-funds',
  'insufficient-disbursed-funds',
  'transfer-not-applicable',
  'cap-not-exceptable',
  'project-on-hold',
  'project-closed',
  'reversal-not-allowed',
  'schedule-mismatch',
  'implementation-period',
  'enterprise-quota',
  'cluster-quota',
  'cluster-mismatch',
  // Added where API.md is silent (docs/api.md lists them):
  'proposal-not-pending',
  'not-on-hold',
  'acceptance-not-applied',
  'record-limit',
  // v3 (API.md): a stored evidence file that is not the one declared.
  'evidence-mismatch',
  // v3, budget indicators (domain/budget/):
  'indicator-required',
  'indicator-mismatch',
  'indicator-closed',
  'budget-indicator-exceeded',
  'carry-over-limit',
  'fiscal-year-open',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** A funding rule the command would break (HTTP 422). */
export interface RuleViolation {
  rule: RuleId;
  detail: string;
  limitFen?: Fen;
  usedFen?: Fen;
  attemptedFen?: Fen;
  /** A past day (or a recorded obligation's day) the command would make untrue (history-check.ts). */
  brokenOn?: BusinessDate;
  /** Whose money the rule is about, where it is one funder's (or both: joint). */
  funder?: Funder | 'joint';
  /** For a refused reversal: the rule the history without its target would break. */
  cause?: RuleId;
}

/** Input that is well-formed JSON but not meaningful for this project (HTTP 400). */
export interface InvalidField {
  path: string;
  message: string;
}

export type Decision =
  | { ok: true; entry: Entry; after: ProjectState }
  | { ok: false; violation: RuleViolation }
  | { ok: false; invalid: InvalidField[] }
  /** The command repeats something that happens once (HTTP 409). */
  | { ok: false; conflict: string };

export type Rejection = Exclude<Decision, { ok: true }>;

export const violation = (v: RuleViolation): Rejection => ({ ok: false, violation: v });
export const invalid = (path: string, message: string): Rejection => ({ ok: false, invalid: [{ path, message }] });
export const conflictWith = (detail: string): Rejection => ({ ok: false, conflict: detail });

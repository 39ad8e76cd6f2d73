import type { Fen } from '../money';
import type { Entry } from './types';

export const RULE_IDS = [
  'four-eyes',
  'province-per-project',
  'joint-per-project',
  'joint-share-of-new-investment',
  'province-per-cluster',
  'contract-grant',
  'match-ratio',
  'match-not-pending',
  'insufficient-confirmed-funds',
  'reversal-not-allowed',
  'schedule-mismatch',
  'implementation-period',
  'enterprise-quota',
  'cluster-quota',
  'cluster-mismatch',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** A funding rule the command would break (HTTP 422). */
export interface RuleViolation {
  rule: RuleId;
  detail: string;
  limitFen?: Fen;
  usedFen?: Fen;
  attemptedFen?: Fen;
}

/** Input that is well-formed JSON but not meaningful for this project (HTTP 400). */
export interface InvalidField {
  path: string;
  message: string;
}

export type Decision =
  | { ok: true; entry: Entry }
  | { ok: false; violation: RuleViolation }
  | { ok: false; invalid: InvalidField[] };

export const violation = (v: RuleViolation): Decision => ({ ok: false, violation: v });
export const invalid = (path: string, message: string): Decision => ({ ok: false, invalid: [{ path, message }] });

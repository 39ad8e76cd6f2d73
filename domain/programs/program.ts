import type { Fen } from '../money';
import { canonicalJson, sha256Hex } from '../canonical-json';

/** A ratio of small positive integers, e.g. zone : province = 1 : 1. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

/**
 * How zone money must relate to the province money it matches.
 * `zone : province` — exact means zone × province' = province × zone'; at-least means ≥.
 */
export type MatchRule =
  | { kind: 'exact' | 'at-least'; zone: number; province: number }
  | { kind: 'none' };

export interface ProgramCaps {
  provincePerProjectFen: Fen | null;
  jointPerProjectFen: Fen | null;
  jointShareOfNewInvestment: Ratio | null;
  provincePerClusterFen: Fen | null;
}

export interface ProgramQuotas {
  projectsPerEnterprise: number | null;
  projectsPerCluster: number | null;
  clustersPerZone: number | null;
}

export interface Program {
  code: string;
  name: string;
  /** The clause of the policy document (see shared/RULES.md) the rules come from. */
  basis: string;
  year: number;
  match: MatchRule;
  caps: ProgramCaps;
  implementationMonths: number;
  matchDeadlineDays: number;
  graceDays: number;
  quotas: ProgramQuotas;
}

/** The part of a program that decisions depend on: what `ruleDigest` fingerprints. */
export type ProgramRules = Pick<
  Program,
  'code' | 'match' | 'caps' | 'implementationMonths' | 'matchDeadlineDays' | 'graceDays' | 'quotas'
>;

export function programRules(p: ProgramRules): ProgramRules {
  return {
    code: p.code,
    match: p.match,
    caps: p.caps,
    implementationMonths: p.implementationMonths,
    matchDeadlineDays: p.matchDeadlineDays,
    graceDays: p.graceDays,
    quotas: p.quotas,
  };
}

/** SHA-256 of the canonical JSON of the rules an entry was checked against. */
export function ruleDigest(p: ProgramRules): string {
  return sha256Hex(canonicalJson(programRules(p)));
}

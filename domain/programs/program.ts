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

export { CAP_FIELDS, CAP_RULE, capFieldOf, type CapField, type CapRule } from './caps';
import type { CapField } from './caps';

export interface ProgramCaps {
  provincePerProjectFen: Fen | null;
  jointPerProjectFen: Fen | null;
  jointShareOfNewInvestment: Ratio | null;
  provincePerClusterFen: Fen | null;
  zonePerClusterFen: Fen | null;
  /** Caps the documents mark 原则上 (in principle): raisable by a four-eyes approved exception. */
  inPrinciple: CapField[];
}

export interface ProgramQuotas {
  projectsPerEnterprise: number | null;
  projectsPerCluster: number | null;
  clustersPerZone: number | null;
}

export interface FunderNames {
  province: string;
  zone: string;
}

export interface Program {
  code: string;
  name: string;
  /** The clauses of the policy documents the numbers come from, and which are local operating choices. */
  basis: string;
  year: number;
  match: MatchRule;
  caps: ProgramCaps;
  implementationMonths: number;
  matchDeadlineDays: number;
  graceDays: number;
  quotas: ProgramQuotas;
  /** Open reading (RULES.md): does province money of outside-zone projects count against the cluster cap? */
  outsideZoneCountsInClusterCap: boolean;
  /** Days the zone may hold transferred province money before paying it on (local operating choice). */
  onwardPaymentDays: number;
  /** How far an approved extension may move `endsOn` past the contract's original end. */
  maxExtensionMonths: number;
  /** Days after `endsOn` by which the zone applies for acceptance. */
  acceptanceApplicationDays: number;
  funderNames: FunderNames;
  /** Entry types that need evidence (a bank receipt, a document) behind them, e.g. ["disbursement"]. */
  evidenceRequired: string[];
  /** Days after an entry's value date its evidence may take before `evidence-missing` is raised. */
  evidenceGraceDays: number;
  /**
   * v3: every province allocation (and plan document) names a budget indicator, which it draws on
   * (domain/budget/control.ts). A program setting, not one of the rules `ruleDigest` fingerprints:
   * adding it leaves the digest of every program, and so every recorded entry, as it was.
   */
  budgetControl: boolean;
}

/** Defaults of the fields added with the money path and lifecycle (API.md, Programs), and v3's budgetControl. */
export const PROGRAM_DEFAULTS = {
  zonePerClusterFen: null,
  inPrinciple: [] as CapField[],
  outsideZoneCountsInClusterCap: true,
  onwardPaymentDays: 30,
  maxExtensionMonths: 12,
  acceptanceApplicationDays: 90,
  funderNames: { province: '省级', zone: '高新区' },
  evidenceRequired: [] as string[],
  evidenceGraceDays: 15,
  budgetControl: false,
} as const;

/** The part of a program that decisions depend on: what `ruleDigest` fingerprints. */
export interface ProgramRules {
  code: string;
  /** null only in rules recorded before the program year was part of the rules. */
  year: number | null;
  match: MatchRule;
  caps: ProgramCaps;
  implementationMonths: number;
  matchDeadlineDays: number;
  graceDays: number;
  quotas: ProgramQuotas;
  outsideZoneCountsInClusterCap: boolean;
  onwardPaymentDays: number;
  maxExtensionMonths: number;
  acceptanceApplicationDays: number;
  funderNames: FunderNames;
  /**
   * Present only when the program requires evidence for some entry type: rules without it are the
   * rules of every program before evidence existed, and keep their ruleDigest.
   */
  evidenceRequired?: string[];
  evidenceGraceDays?: number;
}

/** The evidence settings as rules record them: absent when nothing requires evidence. */
const evidenceRules = (required: readonly string[] | undefined, graceDays: number | undefined): Pick<ProgramRules, 'evidenceRequired' | 'evidenceGraceDays'> =>
  required && required.length > 0 ? { evidenceRequired: [...required], evidenceGraceDays: graceDays ?? PROGRAM_DEFAULTS.evidenceGraceDays } : {};

export const evidenceRequiredOf = (r: Pick<ProgramRules, 'evidenceRequired'>): readonly string[] => r.evidenceRequired ?? PROGRAM_DEFAULTS.evidenceRequired;
export const evidenceGraceDaysOf = (r: Pick<ProgramRules, 'evidenceGraceDays'>): number => r.evidenceGraceDays ?? PROGRAM_DEFAULTS.evidenceGraceDays;

export function programRules(p: Program): ProgramRules {
  return {
    code: p.code,
    year: p.year,
    match: p.match,
    caps: p.caps,
    implementationMonths: p.implementationMonths,
    matchDeadlineDays: p.matchDeadlineDays,
    graceDays: p.graceDays,
    quotas: p.quotas,
    outsideZoneCountsInClusterCap: p.outsideZoneCountsInClusterCap,
    onwardPaymentDays: p.onwardPaymentDays,
    maxExtensionMonths: p.maxExtensionMonths,
    acceptanceApplicationDays: p.acceptanceApplicationDays,
    funderNames: p.funderNames,
    ...evidenceRules(p.evidenceRequired, p.evidenceGraceDays),
  };
}

type Partialish<T> = { [K in keyof T]?: T[K] };

/**
 * Rules as recorded by any version of the ledger, with the settings later versions added filled
 * from their defaults. Old registrations keep being judged by exactly what they were checked
 * against: a setting they did not have is one they were not subject to.
 */
export function normalizeRules(stored: Partialish<ProgramRules> & { caps: Partialish<ProgramCaps> }): ProgramRules {
  const caps = stored.caps;
  return {
    code: stored.code!,
    year: stored.year ?? null,
    match: stored.match!,
    caps: {
      provincePerProjectFen: caps.provincePerProjectFen ?? null,
      jointPerProjectFen: caps.jointPerProjectFen ?? null,
      jointShareOfNewInvestment: caps.jointShareOfNewInvestment ?? null,
      provincePerClusterFen: caps.provincePerClusterFen ?? null,
      zonePerClusterFen: caps.zonePerClusterFen ?? PROGRAM_DEFAULTS.zonePerClusterFen,
      inPrinciple: caps.inPrinciple ?? [...PROGRAM_DEFAULTS.inPrinciple],
    },
    implementationMonths: stored.implementationMonths!,
    matchDeadlineDays: stored.matchDeadlineDays!,
    graceDays: stored.graceDays!,
    quotas: stored.quotas!,
    outsideZoneCountsInClusterCap: stored.outsideZoneCountsInClusterCap ?? PROGRAM_DEFAULTS.outsideZoneCountsInClusterCap,
    onwardPaymentDays: stored.onwardPaymentDays ?? PROGRAM_DEFAULTS.onwardPaymentDays,
    maxExtensionMonths: stored.maxExtensionMonths ?? PROGRAM_DEFAULTS.maxExtensionMonths,
    acceptanceApplicationDays: stored.acceptanceApplicationDays ?? PROGRAM_DEFAULTS.acceptanceApplicationDays,
    funderNames: stored.funderNames ?? { ...PROGRAM_DEFAULTS.funderNames },
    ...evidenceRules(stored.evidenceRequired, stored.evidenceGraceDays),
  };
}

/** A program body with the later-added fields defaulted (older program bodies stay valid). */
export function normalizeProgram(p: Omit<Program, keyof typeof PROGRAM_DEFAULTS | 'caps'> & Partialish<Program> & { caps: Partialish<ProgramCaps> }): Program {
  // The rules' defaults are the program's: only name, basis and the (required) year are its own.
  const { code, year: _rulesYear, evidenceRequired: _required, evidenceGraceDays: _grace, ...rules } = normalizeRules(p);
  return {
    code, name: p.name, basis: p.basis, year: p.year, ...rules,
    evidenceRequired: [...(p.evidenceRequired ?? PROGRAM_DEFAULTS.evidenceRequired)],
    evidenceGraceDays: p.evidenceGraceDays ?? PROGRAM_DEFAULTS.evidenceGraceDays,
    budgetControl: p.budgetControl ?? PROGRAM_DEFAULTS.budgetControl,
  };
}

/** SHA-256 of the canonical JSON of the rules an entry was checked against. */
export function ruleDigest(p: Program): string {
  return sha256Hex(canonicalJson(programRules(p)));
}

export const rulesDigest = (r: ProgramRules): string => sha256Hex(canonicalJson(r));

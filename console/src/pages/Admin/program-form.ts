/**
 * The program form's values and the request they make (POST /programs): amounts typed in 元 become
 * integer fen by string arithmetic, an empty cap or quota is null (none), the 原则上 ticks become
 * `caps.inPrinciple`. A program read from the API fills the form back (a template).
 */
import { DEFAULT_FUNDER_NAMES } from '../../../../domain/glossary/with-console';
import { formatYuan } from '../../../../domain/money';
import { CAP_FIELDS, type CapField } from '../../../../domain/programs/caps';
import { PROGRAM_DEFAULTS } from '../../../../domain/programs/program';
import { optionalFen } from '../../components/forms';
import type { Program } from '../../services/schemas';

export const MONEY_CAPS = ['provincePerProjectFen', 'jointPerProjectFen', 'provincePerClusterFen', 'zonePerClusterFen'] as const satisfies readonly CapField[];
export const QUOTAS = ['projectsPerEnterprise', 'projectsPerCluster', 'clustersPerZone'] as const;
export const DEADLINES = ['implementationMonths', 'matchDeadlineDays', 'graceDays', 'onwardPaymentDays', 'maxExtensionMonths', 'acceptanceApplicationDays'] as const;

type MoneyCap = (typeof MONEY_CAPS)[number];
type Quota = (typeof QUOTAS)[number];
type Deadline = (typeof DEADLINES)[number];

export type ProgramValues = {
  code?: string;
  name?: string;
  basis?: string;
  year?: number | null;
  match?: { kind?: Program['match']['kind']; zone?: number | null; province?: number | null };
  caps?: Partial<Record<MoneyCap, string>> & { jointShareOfNewInvestment?: { numerator?: number | null; denominator?: number | null } };
  inPrinciple?: Partial<Record<CapField, boolean>>;
  quotas?: Partial<Record<Quota, number | null>>;
  funderNames?: { province?: string; zone?: string };
  outsideZoneCountsInClusterCap?: boolean;
} & Partial<Record<Deadline, number | null>>;

const trimmed = (s: string | undefined) => (typeof s === 'string' ? s.trim() : s);
const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** The request body; the API's programSchema checks it before it is sent. */
export function programBody(v: ProgramValues): unknown {
  const kind = v.match?.kind;
  const share = v.caps?.jointShareOfNewInvestment;
  const shareGiven = share && (share.numerator != null || share.denominator != null);
  return {
    code: trimmed(v.code),
    name: trimmed(v.name),
    basis: trimmed(v.basis),
    year: v.year ?? undefined,
    match: kind === 'none' ? { kind } : { kind, zone: v.match?.zone ?? undefined, province: v.match?.province ?? undefined },
    caps: {
      ...Object.fromEntries(MONEY_CAPS.map((f) => [f, optionalFen(v.caps?.[f]) ?? null])),
      jointShareOfNewInvestment: shareGiven ? { numerator: share.numerator ?? undefined, denominator: share.denominator ?? undefined } : null,
      inPrinciple: CAP_FIELDS.filter((f) => v.inPrinciple?.[f]),
    },
    quotas: Object.fromEntries(QUOTAS.map((q) => [q, orNull(v.quotas?.[q])])),
    ...Object.fromEntries(DEADLINES.map((d) => [d, v[d] ?? undefined])),
    funderNames: { province: trimmed(v.funderNames?.province), zone: trimmed(v.funderNames?.zone) },
    outsideZoneCountsInClusterCap: v.outsideZoneCountsInClusterCap ?? true,
  };
}

/** A fresh program: the API's defaults, a 1:1 exact match, no caps or quotas yet. */
export function blankProgram(year: number): ProgramValues {
  return {
    year,
    match: { kind: 'exact', zone: 1, province: 1 },
    implementationMonths: 36,
    matchDeadlineDays: 30,
    graceDays: 30,
    onwardPaymentDays: PROGRAM_DEFAULTS.onwardPaymentDays,
    maxExtensionMonths: PROGRAM_DEFAULTS.maxExtensionMonths,
    acceptanceApplicationDays: PROGRAM_DEFAULTS.acceptanceApplicationDays,
    funderNames: { ...DEFAULT_FUNDER_NAMES },
    outsideZoneCountsInClusterCap: PROGRAM_DEFAULTS.outsideZoneCountsInClusterCap,
  };
}

/** A program as the form shows it (for a new program made from it, or a change while unused). */
export function programValues(p: Program): ProgramValues {
  const share = p.caps.jointShareOfNewInvestment;
  return {
    code: p.code,
    name: p.name,
    basis: p.basis,
    year: p.year,
    match: p.match.kind === 'none' ? { kind: 'none' } : { kind: p.match.kind, zone: p.match.zone, province: p.match.province },
    caps: {
      ...Object.fromEntries(MONEY_CAPS.map((f) => [f, p.caps[f] === null ? undefined : formatYuan(p.caps[f]!)])),
      jointShareOfNewInvestment: share ? { numerator: share.numerator, denominator: share.denominator } : {},
    },
    inPrinciple: Object.fromEntries(p.caps.inPrinciple.map((f) => [f, true])),
    quotas: { ...p.quotas },
    ...Object.fromEntries(DEADLINES.map((d) => [d, p[d]])),
    funderNames: { ...p.funderNames },
    outsideZoneCountsInClusterCap: p.outsideZoneCountsInClusterCap,
  };
}

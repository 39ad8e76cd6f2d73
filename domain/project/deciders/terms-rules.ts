import { addFen, sumFen, type Fen } from '../../money';
import { addDays, addMonths, compareDates } from '../../dates';
import type { ProgramRules } from '../../programs/program';
import { overLimit } from '../checks';
import { invalid, violation, type Rejection, type RuleViolation } from '../outcome';
import { requiredZoneFen, satisfiesMatch } from '../ratio';
import type { Contract, Funder, Terms, Tranche } from '../types';

const first = (...checks: (RuleViolation | null)[]): RuleViolation | null => checks.find((c) => c !== null) ?? null;

/** 400 for tranche ids used twice (the schedule is keyed by them). */
export function duplicateTranche(schedule: readonly Tranche[], path = 'schedule'): Rejection | null {
  const seen = new Set<string>();
  for (const [i, t] of schedule.entries()) {
    if (seen.has(t.trancheId)) return invalid(`${path}.${i}.trancheId`, `duplicate trancheId ${t.trancheId}`);
    seen.add(t.trancheId);
  }
  return null;
}

/**
 * The contract period: starts on or after the signature, ends on or after the start, and lasts at
 * most the program's months — or, after an approved extension, ends no later than `latestEnd`.
 * Every tranche falls due inside signedOn..endsOn.
 */
export function periodViolation(contract: Contract, schedule: readonly Tranche[], months: number, latestEnd?: string): RuleViolation | null {
  const { signedOn, startsOn, endsOn } = contract;
  const v = (detail: string): RuleViolation => ({ rule: 'implementation-period', detail });
  if (compareDates(startsOn, signedOn) < 0) return v(`startsOn ${startsOn} is before signedOn ${signedOn}`);
  if (compareDates(endsOn, startsOn) < 0) return v(`endsOn ${endsOn} is before startsOn ${startsOn}`);
  if (latestEnd !== undefined) {
    if (compareDates(endsOn, latestEnd) > 0) return v(`endsOn ${endsOn} is past ${latestEnd}, the latest end an extension allows`);
  } else {
    // A period of M months starting on S ends at the latest the day before S + M months.
    const limit = addMonths(startsOn, months);
    if (compareDates(endsOn, limit) >= 0) return v(`the period ${startsOn}..${endsOn} is longer than ${months} months`);
  }
  for (const t of schedule) {
    if (compareDates(t.dueOn, signedOn) < 0 || compareDates(t.dueOn, endsOn) > 0) {
      return v(`tranche ${t.trancheId} is due ${t.dueOn}, outside ${signedOn}..${endsOn}`);
    }
  }
  return null;
}

export function matchOnGrants(contract: Contract, insideZone: boolean, rules: ProgramRules): RuleViolation | null {
  const { provinceGrantFen, zoneGrantFen } = contract;
  if (!insideZone) {
    return zoneGrantFen === 0 ? null : { rule: 'match-ratio', detail: 'an enterprise outside the zone gets province adjustment support alone: zoneGrantFen must be 0', limitFen: 0, attemptedFen: zoneGrantFen };
  }
  if (satisfiesMatch(rules.match, zoneGrantFen, provinceGrantFen)) return null;
  const m = rules.match as { kind: string; zone: number; province: number };
  return {
    rule: 'match-ratio',
    detail: `zone grant ${zoneGrantFen} fen does not satisfy zone:province ${m.kind} ${m.zone}:${m.province} against the province grant ${provinceGrantFen} fen`,
    limitFen: requiredZoneFen(rules.match, provinceGrantFen, true),
    attemptedFen: zoneGrantFen,
  };
}

export function scheduleTotals(terms: Pick<Terms, 'contract' | 'schedule'>): RuleViolation | null {
  for (const funder of ['province', 'zone'] as Funder[]) {
    const grant = funder === 'province' ? terms.contract.provinceGrantFen : terms.contract.zoneGrantFen;
    const scheduled = sumFen(terms.schedule.filter((t) => t.funder === funder).map((t) => t.amountFen));
    if (scheduled !== grant) {
      return { rule: 'schedule-mismatch', detail: `${funder} tranches total ${scheduled} fen but the ${funder} grant is ${grant} fen`, limitFen: grant, attemptedFen: scheduled };
    }
  }
  return null;
}

export interface GrantLimits {
  provincePerProjectFen: Fen | null;
  jointPerProjectFen: Fen | null;
  jointShareLimitFen: Fen | null;
}

/** The grants themselves against the project caps in force (exceptions included). */
export function grantsOverCaps(contract: Contract, limits: GrantLimits): RuleViolation | null {
  const joint = addFen(contract.provinceGrantFen, contract.zoneGrantFen);
  return first(
    overLimit('province-per-project', limits.provincePerProjectFen, 0, contract.provinceGrantFen, 'province grant'),
    overLimit('joint-per-project', limits.jointPerProjectFen, 0, joint, 'joint grant'),
    overLimit('joint-share-of-new-investment', limits.jointShareLimitFen, 0, joint, 'joint grant against new investment'),
  );
}

/** Days after the end the ledger derives dates for (acceptance, grace, extensions): they must exist. */
const DERIVED_DAYS = 2 * 3651 + 3660;

/** 400 for amounts that are not money (the request schema refuses them first; the domain never trusts that). */
function badTerms(terms: Terms): Rejection | null {
  const positive = (n: unknown) => Number.isSafeInteger(n) && (n as number) > 0;
  if (!positive(terms.newInvestmentFen)) return invalid('newInvestmentFen', 'must be a positive safe integer of fen');
  if (!positive(terms.contract.provinceGrantFen)) return invalid('contract.provinceGrantFen', 'must be a positive safe integer of fen');
  if (!Number.isSafeInteger(terms.contract.zoneGrantFen) || terms.contract.zoneGrantFen < 0) return invalid('contract.zoneGrantFen', 'must be a non-negative safe integer of fen');
  for (const [i, t] of terms.schedule.entries()) if (!positive(t.amountFen)) return invalid(`schedule.${i}.amountFen`, 'must be a positive safe integer of fen');
  try {
    addDays(terms.contract.endsOn, DERIVED_DAYS);
  } catch {
    return invalid('contract.endsOn', `must leave room for the dates the ledger derives from it (about ${Math.round(DERIVED_DAYS / 365)} years)`);
  }
  return null;
}

/** Everything a contract's terms must satisfy, at registration and after an adjustment. */
export function termsViolation(terms: Terms, insideZone: boolean, rules: ProgramRules, limits: GrantLimits, latestEnd?: string): Rejection | null {
  const bad = badTerms(terms);
  if (bad) return bad;
  const dup = duplicateTranche(terms.schedule);
  if (dup) return dup;
  const broken = first(
    periodViolation(terms.contract, terms.schedule, rules.implementationMonths, latestEnd),
    matchOnGrants(terms.contract, insideZone, rules),
    grantsOverCaps(terms.contract, limits),
    scheduleTotals(terms),
  );
  return broken ? violation(broken) : null;
}

export const extendedEnd = (originalEnd: string, rules: ProgramRules): string => addMonths(originalEnd, rules.maxExtensionMonths);

import { AmountRangeError, type Fen } from '../money';
import type { MatchRule } from '../programs/program';

/**
 * Match-ratio arithmetic, exact with BigInt: a rule `zone : province = z : p` relates
 * zone money Z and province money P by Z·p (=|≥) P·z.
 */

function safe(x: bigint): Fen {
  if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new AmountRangeError(`the required match ${x} fen is past ${Number.MAX_SAFE_INTEGER} fen`);
  return Number(x);
}

/** Least zone money that satisfies the rule for a province amount (0 when no match applies). */
export function requiredZoneFen(rule: MatchRule, provinceFen: Fen, insideZone: boolean): Fen {
  if (rule.kind === 'none' || !insideZone) return 0;
  const num = BigInt(provinceFen) * BigInt(rule.zone);
  const den = BigInt(rule.province);
  return safe((num + den - 1n) / den);
}

/** Province money a zone amount confirms: exact needs a whole number of fen, else null. */
export function provinceMatchedBy(rule: MatchRule, zoneFen: Fen): { exact: Fen | null; floor: Fen } {
  if (rule.kind === 'none') return { exact: 0, floor: 0 };
  const num = BigInt(zoneFen) * BigInt(rule.province);
  const den = BigInt(rule.zone);
  return { exact: num % den === 0n ? safe(num / den) : null, floor: safe(num / den) };
}

/** Whether an exact rule can be met at all with whole fen for this province amount. */
export function exactlyMatchable(rule: MatchRule, provinceFen: Fen): boolean {
  if (rule.kind !== 'exact') return true;
  return (BigInt(provinceFen) * BigInt(rule.zone)) % BigInt(rule.province) === 0n;
}

export function satisfiesMatch(rule: MatchRule, zoneFen: Fen, provinceFen: Fen): boolean {
  if (rule.kind === 'none') return true;
  const lhs = BigInt(zoneFen) * BigInt(rule.province);
  const rhs = BigInt(provinceFen) * BigInt(rule.zone);
  return rule.kind === 'exact' ? lhs === rhs : lhs >= rhs;
}

/** Whether the program requires a zone confirmation for province money to this project. */
export function needsMatch(rule: MatchRule, insideZone: boolean): boolean {
  return rule.kind !== 'none' && insideZone;
}

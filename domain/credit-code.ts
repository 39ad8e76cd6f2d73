/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 17 characters plus a check
 * character, all from a 31-character alphabet that omits I, O, Z, S, V (easily misread).
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Check character for the first 17 characters, or null if they are malformed. */
export function creditCodeCheckChar(first17: string): string | null {
  if (typeof first17 !== 'string' || first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17.charAt(i));
    const weight = WEIGHTS[i];
    if (value < 0 || weight === undefined) return null;
    sum += value * weight;
  }
  // 31 − (Σ mod 31), where a result of 31 wraps to 0.
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET.charAt(check);
}

/** Uppercase only: lowercase input is rejected rather than normalised, so stored codes are canonical. */
export function isValidCreditCode(code: unknown): boolean {
  if (typeof code !== 'string' || code.length !== 18) return false;
  const expected = creditCodeCheckChar(code.slice(0, 17));
  return expected !== null && code.charAt(17) === expected;
}

/** Appends the check character (for tests and demo data). */
export function makeCreditCode(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (check === null) throw new RangeError(`malformed credit code prefix: ${first17}`);
  return first17 + check;
}

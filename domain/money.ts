/**
 * Money is integer fen (1 yuan = 100 fen). Every operation checks the result stays a safe integer,
 * because past 2^53 doubles silently lose whole fen.
 */
export type Fen = number;

/** An amount or sum outside what integer fen can hold exactly (past 2^53): the input's fault, not a bug. */
export class AmountRangeError extends RangeError {
  override readonly name = 'AmountRangeError';
}

export function isFen(n: unknown): n is Fen {
  return Number.isSafeInteger(n);
}

function checked(result: number, op: string): Fen {
  if (!Number.isSafeInteger(result)) throw new AmountRangeError(`${op}: the result ${result} is past ${Number.MAX_SAFE_INTEGER} fen, the largest amount kept exactly`);
  // Normalise -0 so it never leaks into JSON/hashes as a distinct value.
  return result === 0 ? 0 : result;
}

function requireFen(n: Fen, name: string): void {
  if (!Number.isSafeInteger(n)) throw new AmountRangeError(`${name} must be a safe integer fen amount, got ${n}`);
}

export function addFen(a: Fen, b: Fen): Fen {
  requireFen(a, 'a');
  requireFen(b, 'b');
  return checked(a + b, 'addFen');
}

export function subFen(a: Fen, b: Fen): Fen {
  requireFen(a, 'a');
  requireFen(b, 'b');
  return checked(a - b, 'subFen');
}

export function sumFen(xs: readonly Fen[]): Fen {
  // Check after every step: an intermediate overflow could otherwise be "repaired" by rounding.
  let total: Fen = 0;
  for (const x of xs) total = addFen(total, x);
  return total;
}

function mulDivParts(a: Fen, numerator: number, denominator: number): { q: bigint; r: bigint } {
  if (!Number.isSafeInteger(a) || a < 0) throw new AmountRangeError(`the amount must be a non-negative safe integer of fen, got ${a}`);
  if (!Number.isSafeInteger(numerator) || numerator < 0) {
    throw new RangeError(`numerator must be a non-negative safe integer, got ${numerator}`);
  }
  if (!Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`denominator must be a positive safe integer, got ${denominator}`);
  }
  // BigInt because a*numerator easily exceeds 2^53 (e.g. 10^12 fen × 10^6).
  const product = BigInt(a) * BigInt(numerator);
  const d = BigInt(denominator);
  return { q: product / d, r: product % d };
}

function toSafe(x: bigint, op: string): Fen {
  if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new AmountRangeError(`${op}: the result ${x} is past ${Number.MAX_SAFE_INTEGER} fen, the largest amount kept exactly`);
  return Number(x);
}

/** floor(a × numerator / denominator), exact. */
export function mulDivFloor(a: Fen, numerator: number, denominator: number): Fen {
  const { q } = mulDivParts(a, numerator, denominator);
  return toSafe(q, 'mulDivFloor');
}

/** ceil(a × numerator / denominator), exact. */
export function mulDivCeil(a: Fen, numerator: number, denominator: number): Fen {
  const { q, r } = mulDivParts(a, numerator, denominator);
  return toSafe(r === 0n ? q : q + 1n, 'mulDivCeil');
}

/** Exact "yuan.jiao-fen" rendering via string slicing, so no float division can round. */
export function formatYuan(fen: Fen): string {
  requireFen(fen, 'fen');
  const negative = fen < 0;
  const digits = Math.abs(fen).toString().padStart(3, '0');
  const yuan = digits.slice(0, -2);
  const cents = digits.slice(-2);
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

const YUAN_RE = /^(-)?(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/;

/**
 * Parses "1234.56", "1234.5", "1234", "-0.01" into fen; null for anything else (no exponent,
 * no grouping, no more than two decimals, no leading zeros) or if the amount is not a safe integer.
 */
export function parseYuan(s: string): Fen | null {
  const m = YUAN_RE.exec(s);
  if (!m) return null;
  const [, sign, whole, frac] = m;
  if (whole === undefined) return null;
  const magnitude = BigInt(whole) * 100n + BigInt((frac ?? '').padEnd(2, '0'));
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(magnitude);
  return sign && value !== 0 ? -value : value;
}

/**
 * Fen as 万元 (10,000 yuan) with two decimals, rounded half away from zero, by integer arithmetic:
 * 0.01 万元 is 10,000 fen; 12,345,678.00 yuan (1,234,567,800 fen) → "1234.57".
 */
export function formatWanYuan(fen: Fen): string {
  requireFen(fen, 'fen');
  const negative = fen < 0;
  const magnitude = BigInt(Math.abs(fen));
  const hundredths = (magnitude + 5_000n) / 10_000n;
  const digits = hundredths.toString().padStart(3, '0');
  return `${negative && hundredths !== 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

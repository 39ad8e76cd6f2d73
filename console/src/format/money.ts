/**
 * Money as the console shows and reads it. Amounts are integer fen everywhere (API.md); this
 * module is the only place that turns them into text or text into them, and it does so with
 * string and BigInt arithmetic only — never a float division, which could round a fen away.
 */
import { term } from '../../../domain/glossary/with-console';
import { formatYuan, parseYuan, type Fen } from '../../../domain/money';
import { currentLanguage } from '../i18n/current';

export type { Fen };

const FEN_PER_WAN_CENT = 10_000n; // 0.01 万元 = 100 元 = 10,000 fen

/** "1234567" → "1,234,567" (digits only, no sign). */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "−1234567.89" style text without unit: "1,234,567.89", "-0.01". */
export function formatYuanDigits(fen: Fen): string {
  const plain = formatYuan(fen); // exact "yuan.jiaofen", throws on non-integers
  const negative = plain.startsWith('-');
  const [whole = '0', cents = '00'] = (negative ? plain.slice(1) : plain).split('.');
  return `${negative ? '-' : ''}${groupThousands(whole)}.${cents}`;
}

/** Fen → "1,234,567.89 元" (detail views, tables, forms). */
export function formatFen(fen: Fen): string {
  return `${formatYuanDigits(fen)} ${term('unit.yuan', currentLanguage())}`;
}

/**
 * Fen → 万元 with two decimals, rounded half away from zero, without unit: 600000000 → "600.00".
 * For summaries (overview, portfolio), where 万元 is the usual unit of provincial fund reports.
 */
export function formatWanYuanDigits(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a safe integer fen amount: ${fen}`);
  const negative = fen < 0;
  const magnitude = BigInt(Math.abs(fen));
  let cents = magnitude / FEN_PER_WAN_CENT; // in 0.01 万元
  if ((magnitude % FEN_PER_WAN_CENT) * 2n >= FEN_PER_WAN_CENT) cents += 1n;
  const digits = cents.toString().padStart(3, '0');
  const text = `${groupThousands(digits.slice(0, -2))}.${digits.slice(-2)}`;
  return negative && cents !== 0n ? `-${text}` : text;
}

/** Fen → "600.00 万元". */
export function formatWanYuan(fen: Fen): string {
  return `${formatWanYuanDigits(fen)} ${term('unit.wanYuan', currentLanguage())}`;
}

const GROUPED = /^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?$/;

/**
 * What Chinese input methods type for digits and punctuation in full width: ０–９, ， ． and 。
 * (the full stop the Chinese keyboard gives for "."), －, and the ideographic space. Only these:
 * NFKC would also turn ² into 2.
 */
// By code point: input characters to normalise, not words shown to anyone.
const FULL_WIDTH: Record<string, string> = Object.fromEntries([[0xff0c, ','], [0xff0e, '.'], [0x3002, '.'], [0xff0d, '-'], [0x3000, ' ']].map(([c, to]) => [String.fromCharCode(c as number), to as string]));
function halfWidth(input: string): string {
  return input.replace(/[\uff10-\uff19\uff0c\uff0e\u3002\uff0d\u3000]/g, (c) => FULL_WIDTH[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * What a person types into an amount field, in yuan, → integer fen; null when it is not an
 * amount. Accepts "1234567.89", "1,234,567.89" (correctly grouped), "0.5", surrounding blanks,
 * and the same typed in full width ("１，２３４．５"); refuses negatives, more than two decimals,
 * exponents, "1.", ".5", and anything above a safe integer of fen. The conversion itself is
 * domain/money.ts's parseYuan (string arithmetic).
 */
export function parseYuanInput(input: string): Fen | null {
  let s = halfWidth(input).trim();
  if (s.includes(',')) {
    if (!GROUPED.test(s)) return null;
    s = s.replace(/,/g, '');
  }
  if (s.startsWith('-')) return null;
  return parseYuan(s);
}

/**
 * Business dates: `YYYY-MM-DD` calendar dates in China Standard Time (UTC+8, no DST since 1991).
 * Arithmetic is done on whole days since the Unix epoch using Date.UTC (a pure calendar
 * computation, not a clock read).
 */
export type BusinessDate = string;

/** A date (or date arithmetic) outside the calendar range the ledger works in. */
export class DateRangeError extends RangeError {
  override readonly name = 'DateRangeError';
}

const MS_PER_DAY = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const DATE_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(s: string): { y: number; m: number; d: number } | null {
  const match = DATE_RE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function isBusinessDate(s: unknown): s is BusinessDate {
  return typeof s === 'string' && parts(s) !== null;
}

/** Throws DateRangeError unless `s` is a business date (YYYY-MM-DD within the calendar range). */
export function requireBusinessDate(s: BusinessDate): void {
  requireParts(s);
}

function requireParts(s: BusinessDate): { y: number; m: number; d: number } {
  const p = parts(s);
  if (!p) throw new DateRangeError(`not a business date (YYYY-MM-DD, ${MIN_YEAR}..${MAX_YEAR}): ${String(s)}`);
  return p;
}

function pad(n: number, width: number): string {
  return n.toString().padStart(width, '0');
}

function format(y: number, m: number, d: number): BusinessDate {
  if (y < MIN_YEAR || y > MAX_YEAR) throw new DateRangeError(`date out of range: year ${y} (the ledger works with ${MIN_YEAR}..${MAX_YEAR})`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function toEpochDay(s: BusinessDate): number {
  const { y, m, d } = requireParts(s);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

function fromEpochDay(day: number): BusinessDate {
  const dt = new Date(day * MS_PER_DAY);
  if (Number.isNaN(dt.getTime())) throw new DateRangeError(`date out of range: epoch day ${day}`);
  return format(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

function requireInt(n: number, name: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}

/** The calendar date in UTC+8 at the given instant. */
export function chinaDate(instant: Date): BusinessDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return fromEpochDay(Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY));
}

/**
 * An ISO 8601 instant as people in China read it: "2025-07-15 09:03:22" (UTC+8, no DST since
 * 1991, so plain arithmetic). Text that is not an instant is returned as it is.
 */
export function chinaDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const local = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}

export function addDays(d: BusinessDate, n: number): BusinessDate {
  requireInt(n, 'n');
  return fromEpochDay(toEpochDay(d) + n);
}

/** Adds calendar months, clamping the day to the end of the target month (08-31 + 6 → 02-29). */
export function addMonths(d: BusinessDate, n: number): BusinessDate {
  requireInt(n, 'n');
  const { y, m, d: day } = requireParts(d);
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  if (ty < MIN_YEAR || ty > MAX_YEAR) throw new DateRangeError(`date out of range: year ${ty} (the ledger works with ${MIN_YEAR}..${MAX_YEAR})`);
  return format(ty, tm, Math.min(day, daysInMonth(ty, tm)));
}

/** to − from in whole days (negative if `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function compareDates(a: BusinessDate, b: BusinessDate): number {
  requireParts(a);
  requireParts(b);
  // Fixed-width zero-padded format: lexicographic order is chronological order.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Why `date` may not stand for something that happened by `now`: it is after today in China; else null. */
export function afterToday(date: BusinessDate, now: Date): string | null {
  const today = chinaDate(now);
  return compareDates(date, today) > 0 ? `must not be after today (${today}, China time)` : null;
}

export function maxDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return compareDates(a, b) >= 0 ? a : b;
}

export function minDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return compareDates(a, b) <= 0 ? a : b;
}

/** ISO UTC timestamp of the last millisecond of the China day (2024-05-15 → 2024-05-15T15:59:59.999Z). */
export function endOfChinaDayUtc(d: BusinessDate): string {
  const ms = (toEpochDay(d) + 1) * MS_PER_DAY - CHINA_OFFSET_MS - 1;
  return new Date(ms).toISOString();
}

import * as z from 'zod/mini';
import { meta } from './meta';
import { lazySchema, real } from './lazy';
import { compareDates, isBusinessDate } from '../../../domain/dates';

/** Input dates: a calendar range wide enough for any contract and narrow enough that no date arithmetic leaves it. */
export const EARLIEST_DATE = '1990-01-01';
export const LATEST_DATE = '2199-12-31';

export const fen = lazySchema(() => meta(z.int().check(z.minimum(0)), { description: 'Integer fen (1 yuan = 100 fen), a safe integer' }));
export const positiveFen = lazySchema(() => meta(z.int().check(z.minimum(1)), { description: 'Integer fen > 0, a safe integer' }));
export const signedFen = lazySchema(() => meta(z.int(), { description: 'Integer fen, a safe integer (negative: money going back)' }));

export const businessDate = lazySchema(() =>
  meta(
    z.string().check(
      z.refine(isBusinessDate, { message: 'must be a real calendar date YYYY-MM-DD' }),
      z.refine((d) => !isBusinessDate(d) || (compareDates(d, EARLIEST_DATE) >= 0 && compareDates(d, LATEST_DATE) <= 0), {
        message: `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
      }),
    ),
    { format: 'date', description: `Business date YYYY-MM-DD (China Standard Time), ${EARLIEST_DATE}..${LATEST_DATE}` },
  ),
);

/** A date as stored and shown (any valid calendar date). */
export const dateOut = lazySchema(() => meta(z.string(), { format: 'date', description: 'Business date YYYY-MM-DD (China Standard Time)' }));
export const timestamp = lazySchema(() => meta(z.string(), { format: 'date-time', description: 'ISO 8601 UTC instant' }));

export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const id = (max = 64) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(ID_PATTERN, 'letters, digits, "_" and "-" only'));
export const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/**
 * A city name: a scope (a city bureau's `custom:city`) and a part of index keys. Printable text:
 * no control, format (bidi overrides, zero-width), surrogate, private-use or line/paragraph
 * separator characters: no place name has them, and they hide or reorder what a reader sees.
 * `#`, `%`, `|` and `/` are allowed: keys encode them (storage/keys.ts keyPart).
 */
export const CITY_MAX = 100;
export const PRINTABLE_NAME = /^[^\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]+$/u;
const PRINTABLE_MESSAGE = 'printable text without control or invisible formatting characters';
// The characters are checked before trimming: a trailing newline is refused, not trimmed away.
export const cityName = () => z.string().check(z.regex(PRINTABLE_NAME, PRINTABLE_MESSAGE), z.trim(), z.minLength(1), z.maxLength(CITY_MAX));
/** The same rule for a name that arrives untrimmed (a token's claim): as POST /zones would store it. */
export const isCityName = (s: string): boolean => s.length <= CITY_MAX && s.trim() === s && PRINTABLE_NAME.test(s);
export const reference = lazySchema(() => meta(text(100), { description: 'The document or voucher this event is recorded under' }));
export const memo = lazySchema(() => z.optional(z.nullable(z.string().check(z.maxLength(500)))));
export const funder = lazySchema(() => meta(z.enum(['province', 'zone']), { id: 'Funder', description: 'province: 省级 (Nanjing: 市级); zone: 高新区 (Nanjing: 园区)' }));

/** `<projectId>.<seq>`: how entries are named. */
export const ENTRY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}\.[1-9][0-9]{0,9}$/;
export const entryId = lazySchema(() => z.string().check(z.maxLength(80), z.regex(ENTRY_ID_PATTERN, 'an entry id <projectId>.<seq>')));

export const cursor = lazySchema(() => z.optional(z.string().check(z.maxLength(2000))));
export const limit = lazySchema(() => z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 100));

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{1,128}$/;

import * as z from 'zod/mini';
import { lazySchema } from '../../../domain/schema/lazy';

export * from '../../../domain/schema/fields';

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


export const cursor = lazySchema(() => z.optional(z.string().check(z.maxLength(2000))));
export const limit = lazySchema(() => z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 100));

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{1,128}$/;

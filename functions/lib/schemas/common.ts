import * as z from 'zod';
import { lazySchema, real } from './lazy';
import { compareDates, isBusinessDate } from '../../../domain/dates';

/** Input dates: a calendar range wide enough for any contract and narrow enough that no date arithmetic leaves it. */
export const EARLIEST_DATE = '1990-01-01';
export const LATEST_DATE = '2199-12-31';

export const fen = lazySchema(() => z.int().min(0).meta({ description: 'Integer fen (1 yuan = 100 fen), a safe integer' }));
export const positiveFen = lazySchema(() => z.int().min(1).meta({ description: 'Integer fen > 0, a safe integer' }));
export const signedFen = lazySchema(() => z.int().meta({ description: 'Integer fen, a safe integer (negative: money going back)' }));

export const businessDate = lazySchema(() =>
  z
    .string()
    .refine(isBusinessDate, { message: 'must be a real calendar date YYYY-MM-DD' })
    .refine((d) => !isBusinessDate(d) || (compareDates(d, EARLIEST_DATE) >= 0 && compareDates(d, LATEST_DATE) <= 0), {
      message: `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
    })
    .meta({ format: 'date', description: `Business date YYYY-MM-DD (China Standard Time), ${EARLIEST_DATE}..${LATEST_DATE}` }),
);

/** A date as stored and shown (any valid calendar date). */
export const dateOut = lazySchema(() => z.string().meta({ format: 'date', description: 'Business date YYYY-MM-DD (China Standard Time)' }));
export const timestamp = lazySchema(() => z.string().meta({ format: 'date-time', description: 'ISO 8601 UTC instant' }));

export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const id = (max = 64) => z.string().min(1).max(max).regex(ID_PATTERN, 'letters, digits, "_" and "-" only');
export const text = (max: number) => z.string().trim().min(1).max(max);
export const reference = lazySchema(() => text(100).meta({ description: 'The document or voucher this event is recorded under' }));
export const memo = lazySchema(() => z.string().max(500).nullable().optional());
export const funder = lazySchema(() => z.enum(['province', 'zone']).meta({ id: 'Funder', description: 'province: 省级 (Nanjing: 市级); zone: 高新区 (Nanjing: 园区)' }));

/** `<projectId>.<seq>`: how entries are named. */
export const ENTRY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}\.[1-9][0-9]{0,9}$/;
export const entryId = lazySchema(() => z.string().max(80).regex(ENTRY_ID_PATTERN, 'an entry id <projectId>.<seq>'));

export const cursor = lazySchema(() => z.string().max(2000).optional());
export const limit = lazySchema(() => z.coerce.number().int().min(1).max(500).default(100));

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{1,128}$/;

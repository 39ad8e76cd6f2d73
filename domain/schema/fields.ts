/**
 * The building blocks of request and response schemas: money, dates, ids, text. Shared by the
 * entry kinds' request schemas (domain/project/kinds), the API's other schemas and the console.
 */
import * as z from 'zod/mini';
import { meta } from './meta';
import { lazySchema } from './lazy';
import { compareDates, isBusinessDate } from '../dates';
import { indicatorNoProblem } from '../budget/indicator';

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
export const reference = lazySchema(() => meta(text(100), { description: 'The document or voucher this event is recorded under' }));
export const memo = lazySchema(() => z.optional(z.nullable(z.string().check(z.maxLength(500)))));
export const funder = lazySchema(() => meta(z.enum(['province', 'zone']), { id: 'Funder', description: 'province: 省级 (Nanjing: 市级); zone: 高新区 (Nanjing: 园区)' }));
/** `<projectId>.<seq>`: how entries are named. */
export const ENTRY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}\.[1-9][0-9]{0,9}$/;
export const entryId = lazySchema(() => z.string().check(z.maxLength(80), z.regex(ENTRY_ID_PATTERN, 'an entry id <projectId>.<seq>')));

/**
 * A budget indicator's number (指标文号), as a body field or a path parameter: 1–100 characters,
 * no `/ \ ? # %`, control or invisible formatting characters, no white space at either end
 * (domain/budget/indicator.ts indicatorNoProblem: two numbers that look alike are one key).
 */
export const indicatorNo = lazySchema(() =>
  meta(
    z.string().check(z.superRefine((v, ctx) => {
      const problem = indicatorNoProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v });
    })),
    { description: 'A budget indicator number (指标文号), e.g. 苏财教〔2026〕3号: 1–100 characters, no / \\ ? # % or control characters; URL-encode it in paths' },
  ),
);

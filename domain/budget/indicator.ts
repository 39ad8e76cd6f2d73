import { compareDates, isBusinessDate, type BusinessDate } from '../dates';
import { isFen, subFen, type Fen } from '../money';
import type { InvalidField, RuleViolation } from '../project/outcome';

/**
 * A budget indicator (预算指标): the province's spending authority for one program in one fiscal
 * year (a calendar year in China). Province allocations draw on it; it is never overdrawn.
 */
export type IndicatorStatus = 'open' | 'carried-over' | 'lapsed';
export const INDICATOR_STATUSES: readonly IndicatorStatus[] = ['open', 'carried-over', 'lapsed'];

export interface Indicator {
  /** Its document number (指标文号) and key. */
  indicatorNo: string;
  fiscalYear: number;
  programCode: string;
  amountFen: Fen;
  /** Allocations naming it, pending or confirmed, less decommitted and reversed. */
  allocatedFen: Fen;
  /** Province money of those allocations passed to zones (a project's transfers cover its allocations oldest first). */
  transferredFen: Fen;
  /** Province money of those allocations paid to owners (payments cover allocations oldest first). */
  paidFen: Fen;
  status: IndicatorStatus;
  /** The indicator of the year before whose rest this one carries (结转). */
  carriedFrom: string | null;
  /** The indicator of the next year that carries this one's rest. */
  carriedTo: string | null;
  /** The rest when it lapsed. */
  lapsedFen: Fen | null;
  issuedOn: BusinessDate;
  reference: string | null;
  /** When it was carried over or lapsed, and under which document. */
  closedOn: BusinessDate | null;
  closeReference: string | null;
}

/** What POST /budget-indicators names. */
export interface IndicatorBody {
  indicatorNo: string;
  fiscalYear: number;
  programCode: string;
  amountFen: Fen;
  issuedOn: BusinessDate;
  reference?: string | null;
}

export const remainingFen = (i: Pick<Indicator, 'amountFen' | 'allocatedFen'>): Fen => subFen(i.amountFen, i.allocatedFen);

/** GET /budget-indicators/{no}: the figures, with `remainingFen`; the optional fields only when set. */
export function indicatorView(i: Indicator) {
  return {
    indicatorNo: i.indicatorNo,
    fiscalYear: i.fiscalYear,
    programCode: i.programCode,
    amountFen: i.amountFen,
    allocatedFen: i.allocatedFen,
    remainingFen: remainingFen(i),
    transferredFen: i.transferredFen,
    paidFen: i.paidFen,
    status: i.status,
    ...(i.carriedFrom !== null ? { carriedFrom: i.carriedFrom } : {}),
    ...(i.carriedTo !== null ? { carriedTo: i.carriedTo } : {}),
    ...(i.lapsedFen !== null ? { lapsedFen: i.lapsedFen } : {}),
    issuedOn: i.issuedOn,
    reference: i.reference,
    closedOn: i.closedOn,
    closeReference: i.closeReference,
  };
}

// --- the number ------------------------------------------------------------------------------

export const INDICATOR_NO_MAX = 100;
/**
 * API.md: 1–100 characters, no `/ \ ? # %` or control characters. Also refused (docs/api.md):
 * invisible formatting (bidi overrides, zero-width), surrogate, private-use and line/paragraph
 * separator characters, and white space at either end — two numbers that look the same must be
 * the same key.
 */
const FORBIDDEN = /[/\\?#%\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;

/** Why `no` cannot be an indicator number, or null. Characters are code points (〔 is one). */
export function indicatorNoProblem(no: unknown): string | null {
  if (typeof no !== 'string') return 'must be a string';
  const length = [...no].length;
  if (length < 1 || length > INDICATOR_NO_MAX) return `must be 1 to ${INDICATOR_NO_MAX} characters, got ${length}`;
  if (FORBIDDEN.test(no)) return 'must not contain / \\ ? # % or control or invisible formatting characters';
  if (no.trim() !== no) return 'must not begin or end with white space';
  return null;
}

// --- the fiscal year -------------------------------------------------------------------------

/** The years the ledger's input dates span (schemas/common.ts: 1990-01-01..2199-12-31). */
export const FISCAL_YEAR_MIN = 1990;
export const FISCAL_YEAR_MAX = 2199;

export const yearOf = (d: BusinessDate): number => Number(d.slice(0, 4));
export const lastDayOf = (fiscalYear: number): BusinessDate => `${String(fiscalYear).padStart(4, '0')}-12-31`;

/** A fiscal year has ended once today (China time) is after its 31 December. */
export const fiscalYearEnded = (fiscalYear: number, today: BusinessDate): boolean => compareDates(today, lastDayOf(fiscalYear)) > 0;

// --- decisions -------------------------------------------------------------------------------

/** What a decision on an indicator comes to; the HTTP status is the route's. */
export type IndicatorOutcome<T> =
  | ({ ok: true } & T)
  /** 400 */
  | { ok: false; invalid: InvalidField[] }
  /** 422 */
  | { ok: false; violation: RuleViolation }
  /** 409 */
  | { ok: false; conflict: string };

const invalid = (path: string, message: string) => ({ ok: false as const, invalid: [{ path, message }] });
const violation = (v: RuleViolation) => ({ ok: false as const, violation: v });
const conflict = (detail: string) => ({ ok: false as const, conflict: detail });

const referenceOf = (r: string | null | undefined): string | null => (r === undefined || r === null ? null : r);

function bodyProblems(body: IndicatorBody, today: BusinessDate, programKnown: boolean): InvalidField[] {
  const out: InvalidField[] = [];
  const no = indicatorNoProblem(body.indicatorNo);
  if (no) out.push({ path: 'indicatorNo', message: no });
  if (!Number.isSafeInteger(body.fiscalYear) || body.fiscalYear < FISCAL_YEAR_MIN || body.fiscalYear > FISCAL_YEAR_MAX) {
    out.push({ path: 'fiscalYear', message: `must be a year from ${FISCAL_YEAR_MIN} to ${FISCAL_YEAR_MAX}` });
  }
  if (!programKnown) out.push({ path: 'programCode', message: `no program ${body.programCode}` });
  if (!isFen(body.amountFen) || body.amountFen <= 0) out.push({ path: 'amountFen', message: 'must be a whole number of fen above 0' });
  if (!isBusinessDate(body.issuedOn)) out.push({ path: 'issuedOn', message: 'must be a real calendar date YYYY-MM-DD' });
  else if (compareDates(body.issuedOn, today) > 0) out.push({ path: 'issuedOn', message: `must not be after today (${today}, China time)` });
  return out;
}

/** The same body names the same indicator: every field it gives, `reference` absent = null. */
export function sameBody(i: Indicator, body: IndicatorBody): boolean {
  return i.indicatorNo === body.indicatorNo && i.fiscalYear === body.fiscalYear && i.programCode === body.programCode &&
    i.amountFen === body.amountFen && i.issuedOn === body.issuedOn && i.reference === referenceOf(body.reference);
}

export function newIndicator(body: IndicatorBody): Indicator {
  return {
    indicatorNo: body.indicatorNo, fiscalYear: body.fiscalYear, programCode: body.programCode, amountFen: body.amountFen,
    allocatedFen: 0, transferredFen: 0, paidFen: 0, status: 'open', carriedFrom: null, carriedTo: null, lapsedFen: null,
    issuedOn: body.issuedOn, reference: referenceOf(body.reference), closedOn: null, closeReference: null,
  };
}

/**
 * POST /budget-indicators. `existing`: the indicator stored under that number (read, or returned
 * by the refused conditional put). Indicators of any fiscal year may be recorded, ended ones
 * included (bringing history in); `issuedOn` is a day that has happened.
 */
export function decideCreate(body: IndicatorBody, ctx: { existing: Indicator | null; programKnown: boolean; today: BusinessDate }): IndicatorOutcome<{ created: boolean; indicator: Indicator }> {
  const problems = bodyProblems(body, ctx.today, ctx.programKnown);
  if (problems.length > 0) return { ok: false, invalid: problems };
  if (ctx.existing) {
    if (sameBody(ctx.existing, body)) return { ok: true, created: false, indicator: ctx.existing };
    return conflict(`indicator ${body.indicatorNo} already exists with other figures (fiscal year ${ctx.existing.fiscalYear}, program ${ctx.existing.programCode}, ${ctx.existing.amountFen} fen, issued ${ctx.existing.issuedOn})`);
  }
  return { ok: true, created: true, indicator: newIndicator(body) };
}

function fiscalYearOpen(i: Indicator, what: string, today: BusinessDate): RuleViolation | null {
  if (fiscalYearEnded(i.fiscalYear, today)) return null;
  return { rule: 'fiscal-year-open', detail: `indicator ${i.indicatorNo} is of fiscal year ${i.fiscalYear}, which ends on ${lastDayOf(i.fiscalYear)}: it can be ${what} from ${i.fiscalYear + 1}-01-01 (today is ${today}, China time)` };
}

export interface CarryOverBody {
  /** The number of the next year's indicator it creates. */
  indicatorNo: string;
  reference: string;
}

/**
 * POST /budget-indicators/{no}/carry-over (结转), once its fiscal year has ended: the next year's
 * indicator gets the remaining amount and `carriedFrom`; the old one becomes `carried-over`.
 * `target`: whatever is stored under the new number. The same request again (the old one carried
 * to that number under that reference) answers the same pair, `repeated`.
 */
export function decideCarryOver(old: Indicator, body: CarryOverBody, ctx: { target: Indicator | null; today: BusinessDate }): IndicatorOutcome<{ repeated: boolean; closed: Indicator; created: Indicator }> {
  const no = indicatorNoProblem(body.indicatorNo);
  if (no) return invalid('indicatorNo', no);
  const open = fiscalYearOpen(old, 'carried over', ctx.today);
  if (open) return violation(open);
  if (old.status === 'carried-over') {
    if (old.carriedTo === body.indicatorNo && ctx.target?.carriedFrom === old.indicatorNo && ctx.target.reference === body.reference) {
      return { ok: true, repeated: true, closed: old, created: ctx.target };
    }
    return violation({ rule: 'indicator-closed', detail: `indicator ${old.indicatorNo} was carried over to ${old.carriedTo} on ${old.closedOn}` });
  }
  if (old.carriedFrom !== null) {
    return violation({ rule: 'carry-over-limit', detail: `indicator ${old.indicatorNo} carries ${old.carriedFrom} over already: it cannot be carried again, its rest lapses when it is lapsed` });
  }
  if (old.status === 'lapsed') return violation({ rule: 'indicator-closed', detail: `indicator ${old.indicatorNo} lapsed on ${old.closedOn}` });
  const rest = remainingFen(old);
  if (rest <= 0) {
    return violation({ rule: 'carry-over-limit', detail: `nothing of indicator ${old.indicatorNo} remains to carry over: every fen is allocated`, limitFen: old.amountFen, usedFen: old.allocatedFen, attemptedFen: 0 });
  }
  if (body.indicatorNo === old.indicatorNo) return invalid('indicatorNo', 'must be a new number, not the number of the indicator carried over');
  if (old.fiscalYear + 1 > FISCAL_YEAR_MAX) return invalid('indicatorNo', `fiscal year ${old.fiscalYear + 1} is past ${FISCAL_YEAR_MAX}`);
  if (ctx.target) return conflict(`indicator ${body.indicatorNo} already exists (fiscal year ${ctx.target.fiscalYear}, program ${ctx.target.programCode})`);
  const closed: Indicator = { ...old, status: 'carried-over', carriedTo: body.indicatorNo, closedOn: ctx.today, closeReference: body.reference };
  const created: Indicator = {
    ...newIndicator({ indicatorNo: body.indicatorNo, fiscalYear: old.fiscalYear + 1, programCode: old.programCode, amountFen: rest, issuedOn: ctx.today, reference: body.reference }),
    carriedFrom: old.indicatorNo,
  };
  return { ok: true, repeated: false, closed, created };
}

/**
 * POST /budget-indicators/{no}/lapse, once its fiscal year has ended: the rest becomes
 * `lapsedFen`, status `lapsed`. The same request again (lapsed under that reference) is `repeated`.
 */
export function decideLapse(i: Indicator, body: { reference: string }, today: BusinessDate): IndicatorOutcome<{ repeated: boolean; lapsed: Indicator }> {
  const open = fiscalYearOpen(i, 'lapsed', today);
  if (open) return violation(open);
  if (i.status === 'lapsed') {
    if (i.closeReference === body.reference) return { ok: true, repeated: true, lapsed: i };
    return violation({ rule: 'indicator-closed', detail: `indicator ${i.indicatorNo} lapsed on ${i.closedOn} under ${i.closeReference}` });
  }
  if (i.status === 'carried-over') return violation({ rule: 'indicator-closed', detail: `indicator ${i.indicatorNo} was carried over to ${i.carriedTo} on ${i.closedOn}` });
  return { ok: true, repeated: false, lapsed: { ...i, status: 'lapsed', lapsedFen: remainingFen(i), closedOn: today, closeReference: body.reference } };
}

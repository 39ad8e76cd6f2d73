/**
 * What a failed request means to the person at the form, in the glossary's words: a 422 is one
 * sentence written for its rule with its figures in 元 (domain/glossary/refusals.ts, the same
 * sentences as the Excel import report); a 400 is a message next to each field; a zod issue of
 * the request schema (checked before sending) is shown the same way as the API's 400. The rule
 * id, the status and the API's English detail are kept apart (`details`), for a folded toggle.
 */
import type { core } from 'zod/mini';
import { fieldName, issueSentence } from '../../../domain/glossary/fields';
import { refusalSentence, type Refusal } from '../../../domain/glossary/refusals';
import type { FunderNames, Language, TermId, Vars } from '../../../domain/glossary/with-console';
import { ApiError, type Problem } from './api';

type ZodError = core.$ZodError;
/** The words a problem is told in (useI18n() has them; typed here so this module does not depend on React). */
type Words = { t(id: TermId, vars?: Vars): string; language: Language; funderNames: FunderNames };

/** A form field's path as antd names it: ['contract', 'provinceGrantFen'], ['schedule', 0, 'amountFen']. */
export type FieldPath = (string | number)[];

export interface FieldProblem {
  path: FieldPath;
  /** The path as the API writes it: "schedule.0.amountFen". */
  dotted: string;
  message: string;
}

export const toFieldPath = (dotted: string): FieldPath => dotted.split('.').filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** A rule's name from the glossary; a rule it does not know shows as "unknown" with its id. */
export function ruleName(words: { label(prefix: 'rule', value: string | undefined): string }, rule: string | undefined): string {
  return words.label('rule', rule);
}

/** The request schema's issues as field problems (before anything is sent). */
export function zodFieldProblems(error: ZodError, words: Words): FieldProblem[] {
  return error.issues.map((issue) => {
    const dotted = issue.path.map(String).join('.');
    return { path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))), dotted, message: issueSentence(issue.code, issue.message, words.language) };
  });
}

/** A 400's per-field errors. */
export function apiFieldProblems(problem: Problem, words: Words): FieldProblem[] {
  return (problem.errors ?? []).map((e) => ({ path: toFieldPath(e.path), dotted: e.path, message: issueSentence(undefined, e.message, words.language) }));
}

/** A field's name as people read it. */
export const fieldLabel = (words: Words, dotted: string) => fieldName(dotted, words.language, words.funderNames);

/** The technical side of a problem, for a folded "details" toggle: never the sentence a person reads first. */
export interface ProblemDetails {
  rule?: string;
  status?: number;
  detail?: string;
  request?: string;
}

export interface Explained {
  /** One sentence for the form's alert. */
  title: string;
  /** The rule id, the status and the API's own detail (folded away). */
  details?: ProblemDetails;
  /** 422: the rule id; the figures are in `title`. */
  rule?: string;
  fields: FieldProblem[];
}

/** A refusal (422) as one sentence for its rule, with the funder the request was about where the problem does not say. */
export function refusalOf(problem: Problem & { funder?: Refusal['funder']; cause?: string }, words: Words, funder?: Refusal['funder']): string {
  return refusalSentence({ ...problem, funder: problem.funder ?? funder ?? null }, words.funderNames, words.language);
}

/** An error explained where it happened (a step after the write itself, say): shown as it is. */
export class ExplainedError extends Error {
  override name = 'ExplainedError';
  constructor(readonly explained: Explained, options?: ErrorOptions) {
    super(explained.title, options);
  }
}

/** The technical side of any error: what the API said (rule, status, detail, request), or the error's own message. */
export function problemDetails(err: unknown): ProblemDetails {
  if (!(err instanceof ApiError)) return { detail: err instanceof Error ? err.message : String(err) };
  const p = err.problem;
  return { ...(p.rule ? { rule: p.rule } : {}), ...(p.status ? { status: p.status } : {}), ...(p.detail ? { detail: p.detail } : {}), ...(err.request ? { request: err.request } : {}) };
}

/**
 * Why a read failed, in one sentence for every page (components/ErrorAlert.tsx). Not a write's
 * words: nothing was submitted, so nothing is "not recorded" and nothing is to be submitted again.
 */
export function explainReadError(err: unknown, t: Words['t']): string {
  if (!(err instanceof ApiError)) return t('error.read');
  if (err.kind === 'network') return t('error.network');
  if (err.kind === 'invalid-response') return t('error.invalid');
  const status = err.problem.status;
  if (status === 401) return t('error.unauthorized');
  if (status === 403) return t('error.forbidden');
  if (status === 404) return t('problem.notFound');
  if (status >= 500) return t('error.unavailable');
  return t('error.read');
}

export interface WriteContext {
  /** The funder the request was about, if any: a refusal names its money by it. */
  funder?: Refusal['funder'] | undefined;
  /** A refusal in the page's own words (the code it sent is taken, say); null: the glossary's sentence. */
  refusal?: ((err: ApiError) => string | null) | undefined;
}

/** An error of a write, explained for the person who submitted it. */
export function explainWriteError(err: unknown, words: Words, { funder, refusal }: WriteContext = {}): Explained {
  const { t } = words;
  if (err instanceof ExplainedError) return err.explained;
  const details = problemDetails(err);
  if (!(err instanceof ApiError)) return { title: t('problem.failed'), details, fields: [] };
  const p = err.problem;
  const own = err.kind === 'problem' ? (refusal?.(err) ?? null) : null;
  const answer = (title: string, more: Partial<Explained> = {}): Explained => ({ title: own ?? title, details, fields: [], ...more });
  if (err.kind === 'network') return answer(t('problem.network'));
  if (err.kind === 'invalid-response') return answer(t('problem.invalidResponse'));
  switch (p.status) {
    case 400: {
      const fields = apiFieldProblems(p, words);
      return answer(fields.length ? t('problem.correctFields') : t('problem.invalid'), { fields });
    }
    case 401:
      return answer(t('problem.unauthorized'));
    case 403:
      return answer(t('problem.forbidden'));
    case 404:
      return answer(t('problem.notFound'));
    case 409:
      return p.rule ? answer(refusalOf(p, words, funder), { rule: p.rule }) : answer(t('problem.conflict'));
    case 422:
      return answer(refusalOf(p, words, funder), p.rule ? { rule: p.rule } : {});
    case 503:
      // Out of time is not "nothing recorded": what finished is kept, and trying again is safe.
      return answer(p.type.endsWith('/timed-out') ? t('problem.timedOut') : t('problem.busy'));
    default:
      return answer(t('problem.failed'));
  }
}

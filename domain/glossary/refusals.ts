import { term, isTermId, yuanText, type FunderNames, type Language, DEFAULT_FUNDER_NAMES } from './index';

/** What a refusal (a 422 problem, or a rule violation before it is one) says, as the glossary needs it. */
export interface Refusal {
  rule?: string;
  limitFen?: number;
  usedFen?: number;
  attemptedFen?: number;
  /** The funder whose money the rule is about, where it is one funder's. */
  funder?: 'province' | 'zone' | 'joint' | null;
  /** A day already shown that the request would make untrue. */
  brokenOn?: string;
  /** For a refused reversal: the rule the history without its target would break. */
  cause?: string;
}

/**
 * A refusal as one sentence written for its rule, figures in 元: 可用 (what is available), 已用
 * (already counted) and 本次 (this request) as the rule means them. A rule the glossary does not
 * know reads as its generic sentence with the rule id, never as English.
 */
export function refusalSentence(r: Refusal, funders: FunderNames = DEFAULT_FUNDER_NAMES, lang: Language = 'zh'): string {
  const inner = ruleSentence(r.brokenOn && r.cause ? { ...r, rule: r.cause } : r, funders, lang);
  if (!r.brokenOn) return inner;
  const id = r.rule === 'reversal-not-allowed' ? 'refusal.reversal.brokenOn' : 'refusal.brokenOn';
  return term(id, lang, { day: r.brokenOn, sentence: inner }, funders);
}

function ruleSentence(r: Refusal, funders: FunderNames, lang: Language): string {
  const id = `refusal.${r.rule ?? ''}`;
  if (!r.rule || !isTermId(id)) return term('refusal.generic', lang, { rule: r.rule ?? '?' }, funders);
  // A refusal without its figures (a guard of the books rather than a bound) says what is short, in words.
  const plain = `${id}.plain`;
  if (r.limitFen === undefined && isTermId(plain)) return term(plain, lang, { funder: funderWord(r, funders, lang) }, funders);
  const y = (fen: number | undefined) => (fen === undefined ? '—' : yuanText(fen, lang));
  const limit = r.limitFen;
  const used = r.usedFen ?? 0;
  const attempted = r.attemptedFen ?? 0;
  const vars = {
    limit: y(limit),
    used: y(used),
    attempted: y(attempted),
    available: y(limit === undefined ? undefined : Math.max(0, limit - used)),
    over: y(limit === undefined ? undefined : Math.max(0, used + attempted - limit)),
    funder: funderWord(r, funders, lang),
  };
  return term(id, lang, vars, funders);
}

/** The funder a refusal is about, by the program's name for it; none when the refusal does not say. */
const funderWord = (r: Refusal, funders: FunderNames, lang: Language) =>
  r.funder === 'province' || r.funder === 'zone' ? term(`funder.${r.funder}`, lang, {}, funders) : '';

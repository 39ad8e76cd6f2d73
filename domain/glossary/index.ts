/**
 * One glossary for every word a person sees (issue 19): the console's pages and dialogs, refusals,
 * CSV and Excel exports. Terms are typed: a missing translation does not compile, and `term()`
 * never falls back to a raw id.
 */
import { formatYuan } from '../money';
import { zh, type TermId } from './zh';

export type { TermId } from './zh';
export type Language = 'zh' | 'en';

/**
 * The terms of each language loaded. Lambda code answers in Chinese only, so English is not
 * imported here: it would be ~20 KB of every bundle, read at each cold start (write would pass its
 * 550 KB limit). ./with-console loads it for the console; a language not loaded reads in Chinese.
 */
const LOADED: { zh: Record<TermId, string>; en?: Record<TermId, string> } = { zh };

/** Makes English available to term() here too (the refusals and field names the console shares). */
export function loadEnglish(en: Record<TermId, string>): void {
  LOADED.en = en;
}

/** How a program names its two funders (省级 / 高新区; Nanjing: 市级 / 园区). */
export interface FunderNames {
  province: string;
  zone: string;
}

export const DEFAULT_FUNDER_NAMES: FunderNames = { province: '省级', zone: '高新区' };

/** The funders' English names, by their Chinese names; a name not listed reads as it is. */
const FUNDER_EN: Record<string, string> = { 省级: 'province', 高新区: 'zone', 市级: 'city', 园区: 'park' };

export const funderNamesIn = (names: FunderNames, lang: Language): FunderNames =>
  lang === 'zh' ? names : { province: FUNDER_EN[names.province] ?? names.province, zone: FUNDER_EN[names.zone] ?? names.zone };

export type Vars = Record<string, string | number>;

/** A glossary text with its funders and figures filled in. */
export function fillTerm(text: string, lang: Language, vars: Vars, funders: FunderNames): string {
  const names = funderNamesIn(funders, lang);
  const all: Vars = { province: names.province, zone: names.zone, ...vars };
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (all[name] === undefined ? whole : String(all[name])));
}

/** A term with its funders and figures filled in. */
export function term(id: TermId, lang: Language = 'zh', vars: Vars = {}, funders: FunderNames = DEFAULT_FUNDER_NAMES): string {
  return fillTerm((LOADED[lang] ?? LOADED.zh)[id], lang, vars, funders);
}

/** Whether an id names a term (for values that arrive as text, such as a rule id in a problem). */
export const isTermId = (id: string): id is TermId => Object.prototype.hasOwnProperty.call(zh, id);

/** Money as people read it: 元 with thousands separators and two decimals (exact, from integer fen). */
export function yuanText(fen: number, lang: Language = 'zh'): string {
  const [int, dec] = formatYuan(Math.abs(fen)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${grouped}.${dec} ${lang === 'zh' ? '元' : 'yuan'}`;
}

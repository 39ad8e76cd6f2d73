/**
 * The whole glossary, the server's terms and the console's pages in one TermId space: what the
 * console (and the vocabulary tests) read. Lambda code imports ./index, which leaves the console's
 * words, and English, out of every bundle.
 */
import { consoleEn, consoleZh } from './console';
import { en as serverEn } from './en';
import { DEFAULT_FUNDER_NAMES, fillTerm, loadEnglish, type FunderNames, type Language, type TermId as ServerTermId, type Vars } from './index';
import { zh as serverZh } from './zh';

export { DEFAULT_FUNDER_NAMES, funderNamesIn, yuanText, type FunderNames, type Language, type Vars } from './index';

export type TermId = ServerTermId | keyof typeof consoleZh;

export const GLOSSARY: Record<Language, Record<TermId, string>> = {
  zh: { ...serverZh, ...consoleZh },
  en: { ...serverEn, ...consoleEn },
};

// The server's terms in English for what the console shares with the Lambdas (refusals, fields).
loadEnglish(serverEn);

/** A term with its funders and figures filled in. */
export function term(id: TermId, lang: Language = 'zh', vars: Vars = {}, funders: FunderNames = DEFAULT_FUNDER_NAMES): string {
  return fillTerm(GLOSSARY[lang][id], lang, vars, funders);
}

/** Whether an id names a term (for values that arrive as text, such as a rule id in a problem). */
export const isTermId = (id: string): id is TermId => Object.prototype.hasOwnProperty.call(GLOSSARY.zh, id);

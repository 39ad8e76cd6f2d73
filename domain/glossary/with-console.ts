/**
 * The whole glossary, the server's terms and the console's pages in one TermId space: what the
 * console (and the vocabulary tests) read. Lambda code imports ./index, which leaves the console's
 * words out of every bundle.
 */
import { consoleEn, consoleZh } from './console';
import { GLOSSARY as SERVER, DEFAULT_FUNDER_NAMES, fillTerm, type FunderNames, type Language, type TermId as ServerTermId, type Vars } from './index';

export { DEFAULT_FUNDER_NAMES, funderNamesIn, yuanText, type FunderNames, type Language, type Vars } from './index';

export type TermId = ServerTermId | keyof typeof consoleZh;

export const GLOSSARY: Record<Language, Record<TermId, string>> = {
  zh: { ...SERVER.zh, ...consoleZh },
  en: { ...SERVER.en, ...consoleEn },
};

/** A term with its funders and figures filled in. */
export function term(id: TermId, lang: Language = 'zh', vars: Vars = {}, funders: FunderNames = DEFAULT_FUNDER_NAMES): string {
  return fillTerm(GLOSSARY[lang][id], lang, vars, funders);
}

/** Whether an id names a term (for values that arrive as text, such as a rule id in a problem). */
export const isTermId = (id: string): id is TermId => Object.prototype.hasOwnProperty.call(GLOSSARY.zh, id);

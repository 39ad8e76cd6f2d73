/**
 * The console's words, all from the one glossary (domain/glossary): `t('term.id', vars)` for a
 * term, `label(prefix, value)` for a value the API sends (roles, alert kinds, entry types…). A
 * value the glossary does not know reads as the glossary's word for "unknown" with the code, never
 * as a bare id. Funder names ({province}/{zone}) are the program's where a page is about one
 * project (<FunderNamesScope>), else the usual 省级 / 高新区.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setCurrentLanguage } from './current';
import { DEFAULT_FUNDER_NAMES, isTermId, term, type FunderNames, type Language, type TermId, type Vars } from '../../../domain/glossary/with-console';

export type { Language, TermId };
const STORAGE_KEY = 'fundledger.language';

export type LabelPrefix =
  | 'role'
  | 'funder'
  | 'status'
  | 'severity'
  | 'tranche'
  | 'alert'
  | 'entry'
  | 'entryStatus'
  | 'rule'
  | 'projectStatus'
  | 'inspection'
  | 'result'
  | 'proposal'
  | 'responsible';

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** A glossary term, with the page's funder names and the given figures filled in. */
  t(id: TermId, vars?: Vars): string;
  /** A label for an API value, e.g. label('alert', 'match-overdue') → 配套逾期. */
  label(prefix: LabelPrefix, value: string | null | undefined): string;
  /** The funder names the page uses (the project's program, or the usual ones). */
  funderNames: FunderNames;
}

function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageState | null>(null);
const FunderNamesContext = createContext<FunderNames>(DEFAULT_FUNDER_NAMES);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: keep it for this page only */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);
  setCurrentLanguage(language);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

/** Inside it, {province}/{zone} read as this program's funders (Nanjing: 市级 / 园区). */
export function FunderNamesScope({ names, children }: { names: FunderNames; children: ReactNode }) {
  const value = useMemo(() => ({ province: names.province, zone: names.zone }), [names.province, names.zone]);
  return <FunderNamesContext.Provider value={value}>{children}</FunderNamesContext.Provider>;
}

/** The words in a language with funder names: what `useI18n()` gives, usable outside React too. */
export function wordsFor(language: Language, funderNames: FunderNames = DEFAULT_FUNDER_NAMES): Pick<I18n, 't' | 'label'> {
  const t = (id: TermId, vars?: Vars) => term(id, language, vars, funderNames);
  const label = (prefix: LabelPrefix, v: string | null | undefined) => {
    if (v === null || v === undefined || v === '') return t('common.none');
    const id = `${prefix}.${v}`;
    return isTermId(id) ? t(id) : t('common.unknown', { code: v });
  };
  return { t, label };
}

export function useI18n(): I18n {
  const state = useContext(LanguageContext);
  const funderNames = useContext(FunderNamesContext);
  if (!state) throw new Error('useI18n() outside <I18nProvider>');
  const { language, setLanguage } = state;
  return useMemo(() => ({ language, setLanguage, funderNames, ...wordsFor(language, funderNames) }), [language, setLanguage, funderNames]);
}

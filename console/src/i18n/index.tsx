/**
 * Labels in Chinese (default) or English. `t('key')` everywhere; `label('alert', kind)` for
 * values the API sends (roles, alert kinds, entry types…), which falls back to the raw value for
 * anything new, so a new kind from the API shows up rather than disappearing.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Language = 'zh' | 'en';
const STORAGE_KEY = 'fundledger.language';
const dictionaries: Record<Language, Record<MessageKey, string>> = { zh, en };

type Prefix = 'role' | 'funder' | 'status' | 'severity' | 'tranche' | 'alert' | 'entry' | 'rule' | 'projectStatus' | 'inspection' | 'result' | 'proposal' | 'responsible';

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** A label for an API value, e.g. label('alert', 'match-overdue') → 配套逾期. */
  label(prefix: Prefix, value: string | null | undefined): string;
  /**
   * Inline text for the business pages: the Chinese, or the English when the switch is on and one
   * is given (Chinese first; English is optional).
   */
  tx(zh: string, en?: string): string;
}

function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

const I18nContext = createContext<I18n | null>(null);

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
  const value = useMemo<I18n>(() => {
    const dict = dictionaries[language];
    const t = (key: MessageKey, vars?: Record<string, string | number>) => {
      const text = dict[key] ?? key;
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
    };
    const label = (prefix: Prefix, v: string | null | undefined) => {
      if (v === null || v === undefined || v === '') return dict['common.none'];
      return (dict as Record<string, string>)[`${prefix}.${v}`] ?? v;
    };
    const tx = (zhText: string, enText?: string) => (language === 'en' && enText ? enText : zhText);
    return { language, setLanguage, t, label, tx };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() outside <I18nProvider>');
  return i18n;
}

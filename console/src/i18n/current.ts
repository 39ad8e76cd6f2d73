/**
 * The language the console shows, for the few formatters that are plain functions (amounts with
 * their unit). The I18nProvider sets it when the language changes, before its children render.
 */
import type { Language } from '../../../domain/glossary/with-console';

let current: Language = 'zh';
export const currentLanguage = (): Language => current;
export const setCurrentLanguage = (language: Language) => {
  current = language;
};

/** Evidence's words: the glossary's terms (domain/glossary/console/evidence.ts) in the person's language. */
import { useI18n, type I18n } from '../../i18n';

export type Words = I18n['t'];

export function useWords(): Words {
  return useI18n().t;
}

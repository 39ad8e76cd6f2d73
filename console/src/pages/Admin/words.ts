/**
 * The admin pages' words come from the one glossary (domain/glossary, `admin.*` and the ledger's
 * own terms), in the language the person chose; funders as the program names them.
 */
import { useCallback } from 'react';
import { term, yuanText, type FunderNames, type TermId, type Vars } from '../../../../domain/glossary/with-console';
import { useI18n } from '../../i18n';

export type Words = (id: TermId, vars?: Vars, funders?: FunderNames) => string;

export function useWords(): Words {
  const { language } = useI18n();
  return useCallback((id: TermId, vars?: Vars, funders?: FunderNames) => term(id, language, vars, funders), [language]);
}

/** Money in 元 (or yuan), exact from integer fen. */
export function useYuan(): (fen: number) => string {
  const { language } = useI18n();
  return useCallback((fen: number) => yuanText(fen, language), [language]);
}

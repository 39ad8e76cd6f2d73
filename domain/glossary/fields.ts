/**
 * A field of a request and what is wrong with its value, as people read them (the console's forms
 * and the Excel import report alike): from the glossary, never the API's English message.
 */
import { DEFAULT_FUNDER_NAMES, isTermId, term, type FunderNames, type Language } from './index';

/** A field by its path in the request body ("contract.endsOn", "schedule.0.amountFen"). */
export function fieldName(path: string, lang: Language = 'zh', funders: FunderNames = DEFAULT_FUNDER_NAMES): string {
  const id = `field.${path}`;
  if (isTermId(id)) return term(id, lang, {}, funders);
  const tranche = /^schedule\.(\d+)\.(\w+)$/.exec(path);
  const trancheId = tranche ? `field.schedule.${tranche[2]}` : '';
  if (tranche && isTermId(trancheId)) return term(trancheId, lang, { n: Number(tranche[1]) + 1 }, funders);
  return term('field.other', lang, { path }, funders);
}

/**
 * What is wrong with a value: by the validation issue's code, with the few messages of the API's
 * own that say more (a date after today, an invalid credit code).
 */
export function issueSentence(code: string | undefined, message: string, lang: Language = 'zh'): string {
  const today = /must not be after today \(([^),]*)/.exec(message);
  if (today) return term('issue.afterToday', lang, { today: today[1]! });
  if (/before the contract|before signedOn|before the program/.test(message)) return term('issue.tooEarly', lang);
  if (/^Unrecognized key/.test(message)) return term('issue.unknownField', lang);
  if (/credit code/.test(message)) return term('issue.creditCode', lang);
  if (/^must not contain \/ /.test(message)) return term('issue.indicatorNoChars', lang);
  const kind =
    code ?? (/^Too small/.test(message) ? 'too_small' : /^Too big/.test(message) ? 'too_big' : /^Invalid input: expected/.test(message) ? 'invalid_type' : 'custom');
  if (kind === 'too_small' && /expected string/.test(message)) return term('issue.required', lang);
  if (kind === 'too_small' && /array/.test(message)) return term('issue.atLeastOne', lang);
  if (kind === 'invalid_format' || /letters, digits/.test(message)) return term('issue.idChars', lang);
  if (kind === 'too_small' || kind === 'too_big' || kind === 'invalid_type') return term(`issue.${kind}`, lang);
  if (/calendar date|between|date/i.test(message)) return term('issue.date', lang);
  return term('issue.format', lang);
}

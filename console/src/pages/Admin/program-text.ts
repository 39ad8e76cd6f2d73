/** A program's rules in words: the match rule, each cap with its kind, quotas and deadlines. */
import { CAP_FIELDS, CAP_RULE, type CapField } from '../../../../domain/programs/caps';
import { yuanText, type Language } from '../../../../domain/glossary/with-console';
import type { Program } from '../../services/schemas';
import type { Words } from './words';

export function matchText(w: Words, p: Pick<Program, 'match' | 'funderNames'>): string {
  const m = p.match;
  return m.kind === 'none' ? w('admin.match.none', {}, p.funderNames) : w(`admin.match.${m.kind}`, { zoneShare: m.zone, provinceShare: m.province }, p.funderNames);
}

export interface CapRow {
  field: CapField;
  /** The rule's name as the glossary has it, funders as the program names them. */
  name: string;
  value: string;
  /** null: the program sets no such cap. */
  inPrinciple: boolean | null;
}

export function capRows(w: Words, p: Program, language: Language): CapRow[] {
  return CAP_FIELDS.map((field) => {
    const name = w(`rule.${CAP_RULE[field]}`, {}, p.funderNames);
    const raw = p.caps[field];
    if (raw === null || raw === undefined) return { field, name, value: w('admin.program.noCap'), inPrinciple: null };
    const value = typeof raw === 'number' ? yuanText(raw, language) : w('admin.program.shareCap', { numerator: raw.numerator, denominator: raw.denominator });
    return { field, name, value, inPrinciple: p.caps.inPrinciple.includes(field) };
  });
}

export const quotaText = (w: Words, n: number | null) => (n === null ? w('admin.program.noQuota') : w('admin.unit.count', { n }));

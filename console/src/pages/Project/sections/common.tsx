/** What the project page's cards share: an amount cell, the program's funder names. */
import { formatYuanDigits } from '../../../format/money';
import { useI18n } from '../../../i18n';
import type { ProjectView } from '../../../services/schemas';

export function Amount({ fen }: { fen: number | null | undefined }) {
  return <span className="amount">{fen === null || fen === undefined ? '—' : formatYuanDigits(fen)}</span>;
}

/** The program's own name for a funder (Nanjing: 市级 / 园区), else the generic label. */
export function useFunderName(project: ProjectView | undefined): (funder: string | null | undefined) => string {
  const { label } = useI18n();
  return (funder) => (project && (funder === 'province' || funder === 'zone') ? project.funderNames[funder] : label('funder', funder));
}

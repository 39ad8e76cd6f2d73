import { term, type FunderNames, type Language } from '../../domain/glossary';
import { chinaDateTime } from '../../domain/dates';
import { formatYuan } from '../../domain/money';
import { EFFECT_COLUMNS, type HistoryRow } from './history-rows';

/**
 * The history's rows as people read them, in the console's words (the glossary): the same
 * columns for the CSV and the Excel export, so the two and the console cannot disagree.
 */
const BALANCE_TERM = {
  allocatedFen: 'balance.allocated', confirmedFen: 'balance.confirmed', transferredFen: 'balance.transferred', disbursedFen: 'balance.disbursed', recoveredFen: 'balance.recovered', decommittedFen: 'balance.decommitted',
} as const;

export interface PeopleColumn {
  header: string;
  /** Column width in characters (Excel). */
  width: number;
  money?: boolean;
  value(row: HistoryRow): string | number | null;
}

export function peopleColumns(funders: FunderNames, lang: Language = 'zh'): PeopleColumn[] {
  const t = (id: Parameters<typeof term>[0], vars: Record<string, string> = {}) => term(id, lang, vars, funders);
  const yes = t('common.yes');
  return [
    { header: t('column.seq'), width: 7, value: (r) => r.entry.seq },
    { header: t('column.type'), width: 16, value: (r) => t(`entry.${r.entry.type}`) },
    { header: t('column.funder'), width: 10, value: (r) => (r.entry.funder ? t(`funder.${r.entry.funder}`) : '') },
    { header: t('column.amount'), width: 16, money: true, value: (r) => (r.signedAmountFen === null ? null : Number(formatYuan(r.signedAmountFen))) },
    { header: t('column.valueDate'), width: 12, value: (r) => r.entry.valueDate },
    { header: t('column.recordedAt'), width: 20, value: (r) => chinaDateTime(r.entry.recordedAt) },
    { header: t('column.actor'), width: 16, value: (r) => r.entry.actor.name ?? r.entry.actor.sub },
    { header: t('column.actorRole'), width: 16, value: (r) => (isRole(r.entry.actor.role) ? t(`role.${r.entry.actor.role}`) : r.entry.actor.role) },
    { header: t('column.reference'), width: 24, value: (r) => r.entry.reference ?? '' },
    { header: t('column.memo'), width: 24, value: (r) => r.entry.memo ?? '' },
    { header: t('column.refersTo'), width: 16, value: (r) => r.entry.refersTo ?? '' },
    { header: t('column.status'), width: 12, value: (r) => t(`entryStatus.${r.state}`) },
    { header: t('column.afterPeriod'), width: 12, value: (r) => (r.entry.type === 'disbursement' && r.entry.details.afterPeriod ? yes : '') },
    ...EFFECT_COLUMNS.map(([funder, field], i): PeopleColumn => ({
      header: t('column.effect', { funder: t(`funder.${funder}`), balance: t(BALANCE_TERM[field]) }),
      width: 14,
      money: true,
      value: (r) => (r.effects[i] === 0 ? null : Number(formatYuan(r.effects[i]!))),
    })),
    { header: t('column.entryId'), width: 22, value: (r) => r.entry.entryId },
    { header: t('column.hash'), width: 66, value: (r) => r.entry.hash },
  ];
}

const ROLE_IDS = ['admin', 'finance-officer', 'zone-committee', 'city-bureau', 'auditor'] as const;
const isRole = (r: string): r is (typeof ROLE_IDS)[number] => (ROLE_IDS as readonly string[]).includes(r);

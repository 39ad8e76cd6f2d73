import type { TermId } from '../../../domain/glossary/with-console';
import type { I18n } from '../i18n';

/** What an alert says of itself: its kind, who is responsible, whose money, whether the project is on hold. */
export interface AlertFacts {
  kind: string;
  responsible?: string | null;
  funder?: string | null;
  held?: boolean | null;
}

/**
 * An alert's own cause, one sentence per kind (issue 19, defect 2): a match overdue is the zone not
 * having confirmed its match, not money held at the zone. The funders read as the page's funder
 * names (the project's program on a project page).
 */
export function alertCause(a: AlertFacts, t: I18n['t']): string {
  if (a.held && !a.responsible) return t('alertCause.held');
  const id = causeId(a);
  return id ? t(id) : t('alertCause.unknown', { code: a.kind });
}

function causeId(a: AlertFacts): TermId | null {
  switch (a.kind) {
    case 'disbursement-lag':
      if (a.responsible === 'province') return 'alertCause.disbursement-lag.province';
      if (a.responsible === 'zone') return a.funder === 'zone' ? 'alertCause.disbursement-lag.zone.zone' : 'alertCause.disbursement-lag.zone.province';
      return null;
    case 'disbursement-at-risk':
      return a.funder === 'zone' ? 'alertCause.disbursement-at-risk.zone' : 'alertCause.disbursement-at-risk.province';
    case 'match-overdue':
    case 'funds-held-at-zone':
    case 'acceptance-overdue':
    case 'recovery-overdue':
    case 'unreconciled-payment':
    case 'unrecorded-payment':
    case 'indicator-unallocated':
    case 'execution-behind':
      return `alertCause.${a.kind}`;
    default:
      return null;
  }
}

/**
 * / — what needs the signed-in person today, by role:
 * - zone committee: pending matches with their deadlines, money held at the zone, payments due in
 *   the next 14 days, open alerts;
 * - finance officer: province money confirmed but not yet transferred, lagging projects,
 *   adjustments awaiting approval;
 * - admin: proposals awaiting approval (four-eyes), holds, acceptance decisions;
 * - city bureau: its city's projects, inspections due, acceptance decisions handed to it, findings;
 * - auditor: recent activity and a quick verify.
 * Figures come from GET /projects and GET /alerts (scoped by the API to the zone or city).
 */
import { Typography } from 'antd';
import { useAuth } from '../../auth/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { todayInChina } from '../../format/dates';
import { useI18n } from '../../i18n';
import { Admin } from './Admin';
import { Auditor } from './Auditor';
import { CityBureau } from './CityBureau';
import { useOpenAlerts, useScopeProjects } from './data';
import { FinanceOfficer } from './FinanceOfficer';
import { IdentityCard, Summary } from './Summary';
import { Nothing } from './parts';
import { ZoneCommittee } from './ZoneCommittee';
import { EvidenceMissing } from './EvidenceMissing';

export default function OverviewPage() {
  const { identity } = useAuth();
  const { t } = useI18n();
  const today = todayInChina();
  const projects = useScopeProjects();
  const alerts = useOpenAlerts();
  const list = projects.data?.items;
  const open = alerts.data?.items;
  const role = identity?.role ?? null;

  return (
    <>
      <PageTitle title={t('overview.title')} />
      <IdentityCard identity={identity} today={today} />
      {projects.error ? <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} /> : null}
      {alerts.error ? <ErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} /> : null}
      <Summary projects={list} alerts={open} />
      <Typography.Title level={2} style={{ fontSize: 18, margin: '8px 0 12px' }}>
        {t('overview.today')}
      </Typography.Title>
      {!list || !open ? null : role === 'zone-committee' ? (
        <ZoneCommittee projects={list} alerts={open} today={today} />
      ) : role === 'finance-officer' ? (
        <FinanceOfficer projects={list} alerts={open} />
      ) : role === 'admin' ? (
        <Admin projects={list} identity={identity} />
      ) : role === 'city-bureau' ? (
        <CityBureau projects={list} alerts={open} today={today} />
      ) : role === 'auditor' ? (
        <Auditor projects={list} />
      ) : (
        <Nothing text={t('overview.yourAccountHasNoFundledger')} />
      )}
      {list && role ? <EvidenceMissing projects={list} role={role} today={today} /> : null}
    </>
  );
}

/** The top of the overview: who is signed in, and four figures of the person's scope. */
import { Card, Col, Flex, Row, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { DEFAULT_FUNDER_NAMES, funderNamesIn, term } from '../../../../domain/glossary/with-console';
import type { Identity } from '../../auth/types';
import { RoleTag } from '../../components/Labels';
import { formatBusinessDate } from '../../format/dates';
import { formatWanYuan } from '../../format/money';
import { programOf, useCatalog, zoneName } from '../../services/catalog';
import { useI18n } from '../../i18n';
import type { TermId } from '../../i18n';
import type { Alert as AlertItem, ProjectSummary } from '../../services/schemas';
import { paidByFunders } from './paid';

export function IdentityCard({ identity, today }: { identity: Identity | null; today: string }) {
  const { t } = useI18n();
  const role = identity?.role ?? null;
  const catalog = useCatalog();
  const scope = identity?.zoneId ? zoneName(catalog, identity.zoneId) : (identity?.city ?? t('overview.scopeProvince'));
  return (
    <Card style={{ marginBottom: 16 }} size="small" data-testid="identity-card">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Space wrap size={12}>
          <Typography.Text type="secondary">{t('overview.identity')}</Typography.Text>
          <Typography.Text strong>{identity?.name ?? identity?.sub}</Typography.Text>
          <RoleTag role={role} />
          <span>
            {t('overview.scope')}{t('ui.colon')}{scope}
          </span>
          <Typography.Text type="secondary">{formatBusinessDate(today)}{t('overview.beijingTime')}</Typography.Text>
        </Space>
        {role && <Typography.Text type="secondary">{t(`overview.roleHint.${role}` as TermId)}</Typography.Text>}
      </Flex>
    </Card>
  );
}

/** `undefined`: still loading (the cards show a skeleton). */
export function Summary({ projects, alerts }: { projects: ProjectSummary[] | undefined; alerts: AlertItem[] | undefined }) {
  const { t, language } = useI18n();
  const catalog = useCatalog();
  // Per pair of funding bodies: the city's money is never added to the province's.
  const paid = catalog && projects ? paidByFunders(projects, (code) => programOf(catalog, code)?.funderNames ?? DEFAULT_FUNDER_NAMES) : undefined;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={12} xl={6}>
        <Card loading={!projects}>
          <Statistic title={t('overview.projects')} value={projects ? projects.length : '—'} />
          <Link to="/projects">{t('overview.viewProjects')}</Link>
        </Card>
      </Col>
      <Col xs={12} xl={6}>
        <Card loading={!projects}>
          <Statistic title={t('overview.lagging')} value={projects ? projects.filter((p) => p.lagging).length : '—'} styles={{ content: { color: '#b91c1c' } }} />
          <Link to="/projects?lagging=true">{t('overview.viewLagging')}</Link>
        </Card>
      </Col>
      <Col xs={12} xl={6}>
        <Card loading={!alerts}>
          <Statistic title={t('overview.openAlerts')} value={alerts ? alerts.length : '—'} />
          <Space>
            <Typography.Text type="secondary">
              {t('overview.critical')} {(alerts ?? []).filter((a) => a.severity === 'critical').length}
            </Typography.Text>
            <Link to="/alerts">{t('overview.viewAlerts')}</Link>
          </Space>
        </Card>
      </Col>
      <Col xs={12} xl={6}>
        <Card loading={!paid} data-testid="summary-disbursed">
          {paid?.length === 0 && <Statistic title={t('overview.disbursed')} value={formatWanYuan(0)} />}
          {paid?.map((p, i) => {
            const names = funderNamesIn(p.funderNames, language);
            const paidBy = (funder: 'province' | 'zone') => term('report.figure', language, { funder: names[funder], balance: term('balance.disbursed', language) }, p.funderNames);
            return (
              <div key={`${p.funderNames.province}/${p.funderNames.zone}`} data-testid="summary-disbursed-pair" style={i > 0 ? { marginTop: 12 } : undefined}>
                <Statistic title={term('report.jointPaid', language, {}, p.funderNames)} value={formatWanYuan(p.totalFen)} />
                {/* What the paid total is made of: the paid figures, not the grants. */}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {paidBy('province')} {formatWanYuan(p.provinceFen)}
                  </span>{' '}
                  + <span style={{ whiteSpace: 'nowrap' }}>
                    {paidBy('zone')} {formatWanYuan(p.zoneFen)}
                  </span>
                </Typography.Text>
              </div>
            );
          })}
        </Card>
      </Col>
    </Row>
  );
}

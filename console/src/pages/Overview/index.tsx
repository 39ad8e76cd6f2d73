import { Card, Col, Descriptions, Flex, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { addFen, sumFen } from '../../../../domain/money';
import { useAuth } from '../../auth/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RoleTag } from '../../components/Labels';
import { PageTitle } from '../../components/PageTitle';
import { formatWanYuan } from '../../format/money';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh';
import { readAllPages } from '../../services/lists';
import { alertListResponse, projectListResponse } from '../../services/schemas';
import { useApiQuery } from '../../services/useApiQuery';

export default function OverviewPage() {
  const { identity } = useAuth();
  const { t } = useI18n();
  const projects = useApiQuery((api, signal) => readAllPages(api, '/projects', projectListResponse, (p) => p.projects, { signal }), []);
  const alerts = useApiQuery(
    (api, signal) => readAllPages(api, '/alerts', alertListResponse, (p) => p.alerts, { query: { status: 'open' }, signal }),
    [],
  );

  const more = (complete: boolean | undefined) => (complete === false ? t('overview.more') : '');
  /** A figure, or a dash when its list could not be read (never a misleading 0). */
  const figure = (failed: unknown, value: () => string | number) => (failed ? '—' : value());
  const list = projects.data?.items ?? [];
  const open = alerts.data?.items ?? [];

  return (
    <>
      <PageTitle title={t('overview.title')} />
      <Card title={t('overview.identity')} style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2, xl: 4 }}
          size="small"
          items={[
            { key: 'name', label: t('overview.name'), children: identity?.name ?? identity?.sub },
            {
              key: 'role',
              label: t('overview.role'),
              children: (
                <Flex gap={8} align="center">
                  <RoleTag role={identity?.role ?? null} />
                  <code>{identity?.role}</code>
                </Flex>
              ),
            },
            { key: 'scope', label: t('overview.scope'), children: identity?.zoneId ?? identity?.city ?? t('overview.scopeProvince') },
            { key: 'sub', label: t('overview.sub'), children: <code>{identity?.sub}</code> },
          ]}
        />
        {identity?.role && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t(`overview.roleHint.${identity.role}` as MessageKey)}
          </Typography.Paragraph>
        )}
      </Card>

      {projects.error ? <ErrorAlert error={projects.error} onRetry={projects.reload} /> : null}
      {alerts.error ? <ErrorAlert error={alerts.error} onRetry={alerts.reload} /> : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}>
          <Card loading={projects.loading} style={{ height: '100%' }}>
            <Statistic title={t('overview.projects')} value={figure(projects.error, () => list.length)} suffix={more(projects.data?.complete)} />
            <Link to="/projects">{t('overview.viewProjects')}</Link>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card loading={projects.loading} style={{ height: '100%' }}>
            <Statistic title={t('overview.lagging')} value={figure(projects.error, () => list.filter((p) => p.lagging).length)} styles={{ content: { color: '#b91c1c' } }} />
            <Link to="/projects?lagging=true">{t('overview.viewLagging')}</Link>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card loading={alerts.loading} style={{ height: '100%' }}>
            <Statistic title={t('overview.openAlerts')} value={figure(alerts.error, () => open.length)} suffix={more(alerts.data?.complete)} />
            <Flex gap={8} align="center">
              <Typography.Text type="secondary">
                {t('overview.critical')} {figure(alerts.error, () => open.filter((a) => a.severity === 'critical').length)}
              </Typography.Text>
              <Link to="/alerts">{t('overview.viewAlerts')}</Link>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card loading={projects.loading} style={{ height: '100%' }}>
            <Statistic title={t('overview.disbursed')} value={figure(projects.error, () => formatWanYuan(sumFen(list.map((p) => addFen(p.balances.province.disbursedFen, p.balances.zone.disbursedFen)))))} />
            <Typography.Text type="secondary">
              {t('overview.provinceGrant')} {figure(projects.error, () => formatWanYuan(sumFen(list.map((p) => p.contract.provinceGrantFen))))}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {t('overview.zoneGrant')} {figure(projects.error, () => formatWanYuan(sumFen(list.map((p) => p.contract.zoneGrantFen))))}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </>
  );
}

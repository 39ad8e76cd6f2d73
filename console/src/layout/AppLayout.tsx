import { AccountBookOutlined, AlertOutlined, FundOutlined, LineChartOutlined, BarChartOutlined, DashboardOutlined, FileExcelOutlined, FileTextOutlined, LogoutOutlined, PlusCircleOutlined, ProjectOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/context';
import { RoleTag } from '../components/Labels';
import { PageSpinner } from '../components/PageSpinner';
import { useI18n } from '../i18n';
import { BUDGET_READERS, DOCUMENT_READERS, EXECUTION_READERS, REGISTRATION_ROLES } from '../../../domain/access';
import { adminMenuItems, adminMenuKey } from '../pages/Admin/menu';

const { Header, Sider, Content } = Layout;

function selectedKey(pathname: string): string {
  if (pathname === '/projects/new') return '/projects/new';
  const admin = adminMenuKey(pathname);
  if (admin) return admin;
  for (const key of ['/projects', '/alerts', '/portfolio', '/documents', '/imports', '/statements', '/budget', '/execution']) if (pathname.startsWith(key)) return key;
  return '/';
}

/** The frame of every signed-in page: side menu, identity and role, language, sign-out. */
export function AppLayout() {
  const auth = useAuth();
  const { t, language, setLanguage } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const identity = auth.identity;
  // A city reads as its name; a zone's name is on the overview (the catalog's schemas stay out of the initial bundle).
  const scope = identity?.city ?? null;

  const roles = identity?.roles ?? [];
  const holds = (allowed: readonly string[]) => roles.some((r) => allowed.includes(r));
  // Every role reads projects, alerts and the portfolio; the other pages are offered to the roles
  // the API serves them to (domain/access.ts, the registration kind's roles).
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: <Link to="/">{t('nav.overview')}</Link> },
    { key: '/projects', icon: <ProjectOutlined />, label: <Link to="/projects">{t('nav.projects')}</Link> },
    ...(holds(REGISTRATION_ROLES) ? [{ key: '/projects/new', icon: <PlusCircleOutlined />, label: <Link to="/projects/new">{t('nav.newProject')}</Link> }] : []),
    { key: '/alerts', icon: <AlertOutlined />, label: <Link to="/alerts">{t('nav.alerts')}</Link> },
    { key: '/portfolio', icon: <BarChartOutlined />, label: <Link to="/portfolio">{t('nav.portfolio')}</Link> },
    ...(holds(BUDGET_READERS) ? [{ key: '/budget', icon: <FundOutlined />, label: <Link to="/budget">{t('nav.budget')}</Link> }] : []),
    ...(holds(EXECUTION_READERS) ? [{ key: '/execution', icon: <LineChartOutlined />, label: <Link to="/execution">{t('nav.execution')}</Link> }] : []),
    ...(holds(DOCUMENT_READERS) ? [{ key: '/documents', icon: <FileTextOutlined />, label: <Link to="/documents">{t('nav.documents')}</Link> }] : []),
    ...(holds(REGISTRATION_ROLES) ? [{ key: '/imports', icon: <FileExcelOutlined />, label: <Link to="/imports">{t('nav.imports')}</Link> }] : []),
    // Statements are the accounts' (province, zones): not a city bureau's.
    ...(roles.some((r) => r !== 'city-bureau') ? [{ key: '/statements', icon: <AccountBookOutlined />, label: <Link to="/statements">{t('nav.statements')}</Link> }] : []),
    ...adminMenuItems(roles, language),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={216} breakpoint="lg" collapsedWidth={0} style={{ background: '#0f1f3d' }}>
        <div style={{ padding: '20px 16px 16px', color: '#fff' }}>
          <div style={{ fontSize: 18, fontWeight: 600, letterSpacing: 0.5 }}>{t('app.name')}</div>
          <div style={{ fontSize: 12, color: '#c7d2fe', marginTop: 4, lineHeight: 1.5 }}>{t('app.subtitle')}</div>
        </div>
        <nav aria-label={t('nav.main')}>
          <Menu theme="dark" mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} style={{ background: 'transparent' }} />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            gap: 16,
            borderBottom: '1px solid #e5e7eb',
          }}
        >
          {identity && (
            <Space size={8} aria-label={t('header.signedInAs')} data-testid="identity">
              <UserOutlined aria-hidden />
              <Typography.Text strong>{identity.name ?? identity.sub}</Typography.Text>
              <RoleTag role={identity.role} />
              {scope && <Typography.Text type="secondary">{scope}</Typography.Text>}
            </Space>
          )}
          <Button type="text" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')} title={t('header.languageLabel')} lang={language === 'zh' ? 'en' : 'zh-CN'}>
            {t('header.language')}
          </Button>
          <Button
            icon={<LogoutOutlined />}
            onClick={() => {
              void auth.signOut().then(() => navigate('/signin', { replace: true }));
            }}
          >
            {t('header.signOut')}
          </Button>
        </Header>
        <Content style={{ padding: 24 }}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

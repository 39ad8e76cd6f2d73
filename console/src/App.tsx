import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth } from './auth/RequireAuth';
import type { ConsoleConfig } from './config';
import { I18nProvider, useI18n } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { adminRoutes } from './pages/Admin/routes';
import { ServerStateProvider } from './services/queryClient';
import { projectOfPath } from './services/reads';
import { theme } from './theme';

// Each page is its own chunk, loaded when first visited.
const SignInPage = lazy(() => import('./pages/SignIn'));
const OverviewPage = lazy(() => import('./pages/Overview'));
const ProjectsPage = lazy(() => import('./pages/Projects'));
const loadProjectPage = () => import('./pages/Project');
const ProjectPage = lazy(loadProjectPage);
const ProjectNewPage = lazy(() => import('./pages/ProjectNew'));
const AlertsPage = lazy(() => import('./pages/Alerts'));
const PortfolioPage = lazy(() => import('./pages/Portfolio'));
const DocumentsPage = lazy(() => import('./pages/Documents'));
const DocumentNewPage = lazy(() => import('./pages/DocumentNew'));
const DocumentPage = lazy(() => import('./pages/Document'));
const ImportsPage = lazy(() => import('./pages/Imports'));
const StatementsPage = lazy(() => import('./pages/Statements'));
const StatementPage = lazy(() => import('./pages/Statement'));
const BudgetPage = lazy(() => import('./pages/Budget'));
const ExecutionPage = lazy(() => import('./pages/Execution'));
const NotFoundPage = lazy(() => import('./pages/NotFound'));

/** On a reload of a project page its chunk loads alongside the boot's reads (services/early.ts). */
export function preloadPage(pathname: string): void {
  if (projectOfPath(pathname) !== null) void loadProjectPage();
}

function Localised({ config }: { config: ConsoleConfig }) {
  const { language } = useI18n();
  useEffect(() => {
    dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  }, [language]);
  return (
    <ConfigProvider locale={language === 'zh' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <AuthProvider config={config}>
          <ServerStateProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/signin" element={<SignInPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<OverviewPage />} />
                <Route path="projects" element={<ProjectsPage />} />
                <Route path="projects/new" element={<ProjectNewPage />} />
                <Route path="projects/:projectId" element={<ProjectPage />} />
                <Route path="alerts" element={<AlertsPage />} />
                <Route path="portfolio" element={<PortfolioPage />} />
                <Route path="documents" element={<DocumentsPage />} />
                <Route path="documents/new" element={<DocumentNewPage />} />
                <Route path="documents/:documentNo" element={<DocumentPage />} />
                <Route path="imports" element={<ImportsPage />} />
                <Route path="statements" element={<StatementsPage />} />
                <Route path="statements/:statementId" element={<StatementPage />} />
                <Route path="budget" element={<BudgetPage />} />
                <Route path="execution" element={<ExecutionPage />} />
                {adminRoutes()}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
          </ServerStateProvider>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App({ config }: { config: ConsoleConfig }) {
  dayjs.locale('zh-cn');
  return (
    <I18nProvider>
      <Localised config={config} />
    </I18nProvider>
  );
}

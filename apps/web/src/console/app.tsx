import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { App as AntdApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { LocaleProvider, useLocale } from '../shared/i18n/locale-context.tsx';
import { ErrorResult } from './components/error-result.tsx';
import { NotFound } from './components/not-found.tsx';
import { AppShell } from './app-shell.tsx';
import { SessionProvider, useSession } from './features/auth/session-context.tsx';

const LoginPage = lazy(() => import('./features/auth/login-page.tsx'));
const OrgsPage = lazy(() => import('./features/orgs/orgs-page.tsx'));
const EnterprisesPage = lazy(() => import('./features/enterprises/enterprises-page.tsx'));
const EnterpriseDetailPage = lazy(() => import('./features/enterprises/enterprise-detail-page.tsx'));
const AuditPage = lazy(() => import('./features/audit/audit-page.tsx'));
const ApplicationsPage = lazy(() => import('./features/applications/applications-page.tsx'));
const MembersPage = lazy(() => import('./features/members/members-page.tsx'));
const RosterImportPage = lazy(() => import('./features/roster-import/roster-import-page.tsx'));
const CoveragePage = lazy(() => import('./features/coverage/coverage-page.tsx'));
const WorkbenchPage = lazy(() => import('./features/workbench/workbench-page.tsx'));
const CampaignPage = lazy(() => import('./features/campaign/campaign-page.tsx'));
const CongressPage = lazy(() => import('./features/congress/congress-page.tsx'));
const FundsPage = lazy(() => import('./features/funds/funds-page.tsx'));
const StationsPage = lazy(() => import('./features/stations/stations-page.tsx'));
const RequestsPage = lazy(() => import('./features/requests/requests-page.tsx'));
const RightsPage = lazy(() => import('./features/rights/rights-page.tsx'));
const CaseDetailPage = lazy(() => import('./features/rights/case-detail-page.tsx'));

const theme = { token: { colorPrimary: '#c8102e', borderRadius: 6 } };

export function PageFallback() {
  return (
    <div className="page-fallback">
      <Spin />
    </div>
  );
}

function AntdLocale({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  // the date pickers' month and day names follow the UI language too
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

function SessionGate() {
  const { state, retry } = useSession();
  switch (state.status) {
    case 'loading':
      return <PageFallback />;
    case 'error':
      return <ErrorResult error={state.error} onRetry={retry} />;
    case 'anonymous':
      return (
        <Suspense fallback={<PageFallback />}>
          <LoginPage />
        </Suspense>
      );
    case 'authenticated':
      return (
        <AppShell>
          <Suspense fallback={<PageFallback />}>
            <Routes>
              <Route path="/" element={<WorkbenchPage />} />
              <Route path="/orgs" element={<OrgsPage />} />
              <Route path="/enterprises" element={<EnterprisesPage />} />
              <Route path="/enterprises/:id" element={<EnterpriseDetailPage />} />
              <Route path="/coverage" element={<CoveragePage />} />
              <Route path="/campaign" element={<CampaignPage />} />
              <Route path="/congress" element={<CongressPage />} />
              <Route path="/funds" element={<FundsPage />} />
              <Route path="/stations" element={<StationsPage />} />
              <Route path="/requests" element={<RequestsPage />} />
              <Route path="/rights" element={<RightsPage />} />
              <Route path="/rights/warnings" element={<RightsPage />} />
              <Route path="/rights/contracts" element={<RightsPage />} />
              <Route path="/rights/consultations" element={<RightsPage />} />
              <Route path="/rights/bargaining" element={<RightsPage />} />
              <Route path="/rights/cases/:id" element={<CaseDetailPage />} />
              <Route path="/applications" element={<ApplicationsPage />} />
              <Route path="/members" element={<MembersPage />} />
              <Route path="/members/import" element={<RosterImportPage />} />
              <Route path="/audit" element={<AuditPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </AppShell>
      );
  }
}

export function ConsoleApp() {
  return (
    <LocaleProvider>
      <AntdLocale>
        <SessionProvider>
          <BrowserRouter>
            <SessionGate />
          </BrowserRouter>
        </SessionProvider>
      </AntdLocale>
    </LocaleProvider>
  );
}

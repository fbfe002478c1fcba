import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { LocaleProvider, useLocale } from '../shared/i18n/locale-context.tsx';
import { PageLoading } from './components/page-loading.tsx';
import { MobileHome } from './mobile-home.tsx';

const JoinPage = lazy(() => import('./features/join/join-page.tsx'));
const StatusPage = lazy(() => import('./features/status/status-page.tsx'));
const LoginPage = lazy(() => import('./features/auth/login-page.tsx'));
const CardPage = lazy(() => import('./features/card/card-page.tsx'));
const CongressPage = lazy(() => import('./features/congress/congress-page.tsx'));
const FundsPage = lazy(() => import('./features/funds/funds-page.tsx'));
const StationsPage = lazy(() => import('./features/services/stations-page.tsx'));
const RequestsPage = lazy(() => import('./features/services/requests-page.tsx'));
const LinkRequestPage = lazy(() => import('./features/services/link-request-page.tsx'));
const RightsPage = lazy(() => import('./features/rights/rights-page.tsx'));

function LocalizedApp() {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>
      <BrowserRouter basename="/m">
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/" element={<MobileHome />} />
            <Route path="/join" element={<JoinPage />} />
            <Route path="/status" element={<StatusPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/card" element={<CardPage />} />
            <Route path="/congress" element={<CongressPage />} />
            <Route path="/funds" element={<FundsPage />} />
            <Route path="/stations" element={<StationsPage />} />
            <Route path="/requests" element={<RequestsPage />} />
            <Route path="/rights" element={<RightsPage />} />
            <Route path="/follow/:token" element={<LinkRequestPage mode="follow" />} />
            <Route path="/rate/:token" element={<LinkRequestPage mode="rate" />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </ConfigProvider>
  );
}

export function MobileApp() {
  return (
    <LocaleProvider>
      <LocalizedApp />
    </LocaleProvider>
  );
}

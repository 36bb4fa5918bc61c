import '@refinedev/antd/dist/reset.css';
import { Authenticated, CanAccess, Refine } from '@refinedev/core';
import routerProvider, { CatchAllNavigate, DocumentTitleHandler, NavigateToResource } from '@refinedev/react-router';
import { App as AntdApp, ConfigProvider, Skeleton } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import {
  AuditLogPage,
  ChangePasswordPage,
  Customer360Page,
  CustomerSearchPage,
  HomePage,
  LoginPage,
  ManualClaimsPage,
  OperationsDashboardPage,
  InboxPage,
  ComplaintsPage,
  SlaPage,
  CampaignAnalyticsPage,
  CampaignEditPage,
  CampaignListPage,
  CampaignRewardsPage,
  CampaignShowPage,
  SalesReplayPage,
  StaffUserListPage,
  WeatherFlagsPage,
} from './pages/lazy-pages.js';
import { ForbiddenPage } from './pages/forbidden-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { createAccessControlProvider } from './providers/access-control-provider.js';
import { createAuthProvider, PASSWORD_PATH } from './providers/auth-provider.js';
import { createDataProvider } from './providers/data-provider.js';
import { i18nProvider } from './providers/i18n-provider.js';
import { useConsoleNotificationProvider } from './providers/notification-provider.js';
import { resources } from './resources.js';
import './console.css';

dayjs.locale('zh-cn');

// The signed-in layout loads after sign-in; each page loads on first visit (pages/lazy-pages.tsx).
const ConsoleShell = lazy(() => import('./layout/console-shell.js'));

const authProvider = createAuthProvider();
const dataProvider = createDataProvider();
const accessControlProvider = createAccessControlProvider();

/** A page of resource `name`, shown only when the member's roles may `list` it (the BFF checks again). */
const Guarded = ({ name, action = 'list', children }: { name: string; action?: string; children: ReactNode }) => (
  <CanAccess resource={name} action={action} fallback={<ForbiddenPage />}>
    {children}
  </CanAccess>
);

const titleOf = ({ resource }: { resource?: { meta?: { label?: string } } }) =>
  resource?.meta?.label ? `${resource.meta.label} · 小安员工后台` : '小安员工后台';

export function ConsoleApp() {
  return (
    <BrowserRouter basename="/console">
      <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
        <AntdApp>
          <Refine
            routerProvider={routerProvider}
            dataProvider={dataProvider}
            authProvider={authProvider}
            accessControlProvider={accessControlProvider}
            i18nProvider={i18nProvider}
            notificationProvider={useConsoleNotificationProvider}
            resources={resources}
            options={{
              syncWithLocation: true,
              disableTelemetry: true,
              warnWhenUnsavedChanges: false,
              title: { text: '小安员工后台' },
            }}
          >
            <Routes>
              <Route
                element={
                  <Authenticated key="console" fallback={<CatchAllNavigate to="/login" />}>
                    <Suspense fallback={<Skeleton active />}>
                      <ConsoleShell />
                    </Suspense>
                  </Authenticated>
                }
              >
                <Route index element={<HomePage />} />
                <Route path={PASSWORD_PATH} element={<ChangePasswordPage />} />
                <Route
                  path="/customers"
                  element={
                    <Guarded name="customers">
                      <CustomerSearchPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/customers/:customerId"
                  element={
                    <Guarded name="customers">
                      <Customer360Page />
                    </Guarded>
                  }
                />
                <Route
                  path="/policies/:policyNo/replay"
                  element={
                    <Guarded name="sales-replay" action="show">
                      <SalesReplayPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/claims"
                  element={
                    <Guarded name="manual-claims">
                      <ManualClaimsPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/weather-flags"
                  element={
                    <Guarded name="weather-flags">
                      <WeatherFlagsPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/dashboard"
                  element={
                    <Guarded name="dashboard">
                      <OperationsDashboardPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/campaign-analytics"
                  element={
                    <Guarded name="campaign-analytics">
                      <CampaignAnalyticsPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/campaigns"
                  element={
                    <Guarded name="campaigns">
                      <CampaignListPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/campaigns/new"
                  element={
                    <Guarded name="campaigns" action="create">
                      <CampaignEditPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/campaigns/:id/edit"
                  element={
                    <Guarded name="campaigns" action="edit">
                      <CampaignEditPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/campaigns/:id"
                  element={
                    <Guarded name="campaigns" action="show">
                      <CampaignShowPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/campaign-rewards"
                  element={
                    <Guarded name="campaign-rewards" action="decide">
                      <CampaignRewardsPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/staff-users"
                  element={
                    <Guarded name="users">
                      <StaffUserListPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/audit-log"
                  element={
                    <Guarded name="audit-log">
                      <AuditLogPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/support"
                  element={
                    <Guarded name="support-inbox">
                      <InboxPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/support/sla"
                  element={
                    <Guarded name="support-sla">
                      <SlaPage />
                    </Guarded>
                  }
                />
                <Route
                  path="/complaints"
                  element={
                    <Guarded name="complaints">
                      <ComplaintsPage />
                    </Guarded>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
              <Route
                element={
                  <Authenticated key="login" fallback={<Outlet />}>
                    <NavigateToResource resource="home" />
                  </Authenticated>
                }
              >
                <Route
                  path="/login"
                  element={
                    <Suspense fallback={<Skeleton active />}>
                      <LoginPage />
                    </Suspense>
                  }
                />
              </Route>
            </Routes>
            <DocumentTitleHandler handler={titleOf} />
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}

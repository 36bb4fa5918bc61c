import { ThemedLayout, ThemedSider, useNotificationProvider } from '@refinedev/antd';
import '@refinedev/antd/dist/reset.css';
import { Authenticated, CanAccess, Refine } from '@refinedev/core';
import routerProvider, { CatchAllNavigate, DocumentTitleHandler, NavigateToResource } from '@refinedev/react-router';
import { App as AntdApp, ConfigProvider, Skeleton } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import { ConsoleHeader } from './layout/console-header.js';
import { ConsoleTitle } from './layout/console-title.js';
import { PasswordGate } from './layout/password-gate.js';
import { AuditLogPage } from './pages/audit-log/audit-log-page.js';
import { Customer360Page } from './pages/support/customer-360-page.js';
import { CustomerSearchPage } from './pages/support/customer-search-page.js';
import { ManualClaimsPage } from './pages/support/manual-claims-page.js';
import { SalesReplayPage } from './pages/support/sales-replay-page.js';
import { WeatherFlagsPage } from './pages/support/weather-flags-page.js';
import { CampaignEditPage } from './pages/campaigns/campaign-edit-page.js';
import { CampaignListPage } from './pages/campaigns/campaign-list-page.js';
import { CampaignRewardsPage } from './pages/campaigns/campaign-rewards-page.js';
import { CampaignShowPage } from './pages/campaigns/campaign-show-page.js';
import { ForbiddenPage } from './pages/forbidden-page.js';
import { HomePage } from './pages/home/home-page.js';
import { LoginPage } from './pages/login/login-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { ChangePasswordPage } from './pages/password/change-password-page.js';
import { StaffUserListPage } from './pages/staff-users/staff-user-list-page.js';
import { ComplaintsPage } from './pages/support/complaints-page.js';
import { InboxPage } from './pages/support/inbox-page.js';
import { createAccessControlProvider } from './providers/access-control-provider.js';
import { createAuthProvider, PASSWORD_PATH } from './providers/auth-provider.js';
import { createDataProvider } from './providers/data-provider.js';
import { i18nProvider } from './providers/i18n-provider.js';
import { resources } from './resources.js';
import './console.css';

dayjs.locale('zh-cn');

// ECharts is large: the dashboard's code loads only when an admin opens it.
const OperationsDashboardPage = lazy(() => import('./pages/dashboard/operations-dashboard-page.js').then((module) => ({ default: module.OperationsDashboardPage })));

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
            notificationProvider={useNotificationProvider}
            resources={resources}
            options={{ syncWithLocation: true, disableTelemetry: true, warnWhenUnsavedChanges: false, title: { text: '小安员工后台' } }}
          >
            <Routes>
              <Route
                element={
                  <Authenticated key="console" fallback={<CatchAllNavigate to="/login" />}>
                    <ThemedLayout Header={ConsoleHeader} Title={ConsoleTitle} Sider={(props) => <ThemedSider {...props} fixed render={({ items, logout }) => <>{items}{logout}</>} />}>
                      <PasswordGate>
                        <Outlet />
                      </PasswordGate>
                    </ThemedLayout>
                  </Authenticated>
                }
              >
                <Route index element={<HomePage />} />
                <Route path={PASSWORD_PATH} element={<ChangePasswordPage />} />
                <Route path="/customers" element={<Guarded name="customers"><CustomerSearchPage /></Guarded>} />
                <Route path="/customers/:customerId" element={<Guarded name="customers"><Customer360Page /></Guarded>} />
                <Route path="/policies/:policyNo/replay" element={<Guarded name="sales-replay" action="show"><SalesReplayPage /></Guarded>} />
                <Route path="/claims" element={<Guarded name="manual-claims"><ManualClaimsPage /></Guarded>} />
                <Route path="/weather-flags" element={<Guarded name="weather-flags"><WeatherFlagsPage /></Guarded>} />
                <Route path="/dashboard" element={<Guarded name="dashboard"><Suspense fallback={<Skeleton active />}><OperationsDashboardPage /></Suspense></Guarded>} />
                <Route path="/campaigns" element={<Guarded name="campaigns"><CampaignListPage /></Guarded>} />
                <Route path="/campaigns/new" element={<Guarded name="campaigns" action="create"><CampaignEditPage /></Guarded>} />
                <Route path="/campaigns/:id/edit" element={<Guarded name="campaigns" action="edit"><CampaignEditPage /></Guarded>} />
                <Route path="/campaigns/:id" element={<Guarded name="campaigns" action="show"><CampaignShowPage /></Guarded>} />
                <Route path="/campaign-rewards" element={<Guarded name="campaign-rewards" action="decide"><CampaignRewardsPage /></Guarded>} />
                <Route path="/staff-users" element={<Guarded name="users"><StaffUserListPage /></Guarded>} />
                <Route path="/audit-log" element={<Guarded name="audit-log"><AuditLogPage /></Guarded>} />
                <Route path="/support" element={<Guarded name="support-inbox"><InboxPage /></Guarded>} />
                <Route path="/complaints" element={<Guarded name="complaints"><ComplaintsPage /></Guarded>} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
              <Route
                element={
                  <Authenticated key="login" fallback={<Outlet />}>
                    <NavigateToResource resource="home" />
                  </Authenticated>
                }
              >
                <Route path="/login" element={<LoginPage />} />
              </Route>
            </Routes>
            <DocumentTitleHandler handler={titleOf} />
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}

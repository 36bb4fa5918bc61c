import { lazy } from 'react';

/**
 * Every page of the console loads on first visit (React.lazy): signing in fetches the layout and
 * the login page, not the customer desk, the audit log or ECharts. app.tsx's routes use these
 * names exactly as they used the pages; the layout's Suspense shows a skeleton while one loads.
 */
const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

export const HomePage = page(() => import('./home/home-page.js'), 'HomePage');
export const LoginPage = page(() => import('./login/login-page.js'), 'LoginPage');
export const ChangePasswordPage = page(() => import('./password/change-password-page.js'), 'ChangePasswordPage');
export const CustomerSearchPage = page(() => import('./support/customer-search-page.js'), 'CustomerSearchPage');
export const Customer360Page = page(() => import('./support/customer-360-page.js'), 'Customer360Page');
export const SalesReplayPage = page(() => import('./support/sales-replay-page.js'), 'SalesReplayPage');
export const ManualClaimsPage = page(() => import('./support/manual-claims-page.js'), 'ManualClaimsPage');
export const WeatherFlagsPage = page(() => import('./support/weather-flags-page.js'), 'WeatherFlagsPage');
export const OperationsDashboardPage = page(
  () => import('./dashboard/operations-dashboard-page.js'),
  'OperationsDashboardPage',
);
export const StaffUserListPage = page(() => import('./staff-users/staff-user-list-page.js'), 'StaffUserListPage');
export const AuditLogPage = page(() => import('./audit-log/audit-log-page.js'), 'AuditLogPage');
export const InboxPage = page(() => import('./support/inbox-page.js'), 'InboxPage');
export const ComplaintsPage = page(() => import('./support/complaints-page.js'), 'ComplaintsPage');
export const SlaPage = page(() => import('./support/sla-page.js'), 'SlaPage');
export const CampaignAnalyticsPage = page(
  () => import('./campaign-analytics/campaign-analytics-page.js'),
  'CampaignAnalyticsPage',
);
export const CampaignListPage = page(() => import('./campaigns/campaign-list-page.js'), 'CampaignListPage');
export const CampaignEditPage = page(() => import('./campaigns/campaign-edit-page.js'), 'CampaignEditPage');
export const CampaignShowPage = page(() => import('./campaigns/campaign-show-page.js'), 'CampaignShowPage');
export const CampaignRewardsPage = page(() => import('./campaigns/campaign-rewards-page.js'), 'CampaignRewardsPage');

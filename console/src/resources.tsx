import {
  AlertOutlined,
  AuditOutlined,
  CloudOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FundOutlined,
  GiftOutlined,
  HomeOutlined,
  LineChartOutlined,
  SafetyOutlined,
  SearchOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import type { StaffSubject } from '@xiaoan/shared';

/**
 * The console's menu and pages. `meta.subject` names what the policy decides for the page; the
 * menu shows only what the member's roles may read. Modules add their pages here.
 */
export const resources: (ResourceProps & { meta: { label: string; subject?: StaffSubject; hide?: boolean } })[] = [
  { name: 'home', list: '/', meta: { label: '首页', icon: <HomeOutlined /> } },
  {
    name: 'customers',
    list: '/customers',
    show: '/customers/:id',
    meta: { label: '客户查询', subject: 'Customer', icon: <SearchOutlined /> },
  },
  {
    name: 'support-inbox',
    list: '/support',
    meta: { label: '客服收件箱', subject: 'Conversation', icon: <CustomerServiceOutlined /> },
  },
  {
    name: 'support-sla',
    list: '/support/sla',
    meta: { label: '客服质量', subject: 'Conversation', icon: <LineChartOutlined /> },
  },
  {
    name: 'complaints',
    list: '/complaints',
    meta: { label: '投诉工单', subject: 'Complaint', icon: <WarningOutlined /> },
  },
  {
    name: 'sales-replay',
    show: '/policies/:id/replay',
    meta: { label: '销售过程回放', subject: 'SalesTrail', hide: true, icon: <FileSearchOutlined /> },
  },
  {
    name: 'manual-claims',
    list: '/claims',
    meta: { label: '人工审核理赔', subject: 'Claim', icon: <AlertOutlined /> },
  },
  {
    name: 'weather-flags',
    list: '/weather-flags',
    meta: { label: '气象更正复核', subject: 'WeatherFlag', icon: <CloudOutlined /> },
  },
  {
    name: 'dashboard',
    list: '/dashboard',
    meta: { label: '运营看板', subject: 'Dashboard', icon: <DashboardOutlined /> },
  },
  {
    name: 'campaigns',
    list: '/campaigns',
    create: '/campaigns/new',
    edit: '/campaigns/:id/edit',
    show: '/campaigns/:id',
    meta: { label: '分享活动', subject: 'Campaign', icon: <GiftOutlined /> },
  },
  {
    name: 'campaign-rewards',
    list: '/campaign-rewards',
    meta: { label: '活动奖励审核', subject: 'CampaignReward', icon: <SafetyOutlined /> },
  },
  {
    name: 'campaign-analytics',
    list: '/campaign-analytics',
    meta: { label: '活动数据', subject: 'Campaign', icon: <FundOutlined /> },
  },
  { name: 'users', list: '/staff-users', meta: { label: '员工账号', subject: 'StaffUser', icon: <TeamOutlined /> } },
  { name: 'audit-log', list: '/audit-log', meta: { label: '审计日志', subject: 'AuditLog', icon: <AuditOutlined /> } },
];

export const subjectOfResource = (name: string | undefined): StaffSubject | undefined =>
  resources.find((resource) => resource.name === name)?.meta.subject;

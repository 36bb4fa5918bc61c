import { AuditOutlined, CustomerServiceOutlined, HomeOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import type { StaffSubject } from '@xiaoan/shared';

/**
 * The console's menu and pages. `meta.subject` names what the policy decides for the page; the
 * menu shows only what the member's roles may read. Modules add their pages here.
 */
export const resources: (ResourceProps & { meta: { label: string; subject?: StaffSubject } })[] = [
  { name: 'home', list: '/', meta: { label: '首页', icon: <HomeOutlined /> } },
  { name: 'users', list: '/staff-users', meta: { label: '员工账号', subject: 'StaffUser', icon: <TeamOutlined /> } },
  { name: 'audit-log', list: '/audit-log', meta: { label: '审计日志', subject: 'AuditLog', icon: <AuditOutlined /> } },
  { name: 'support-inbox', list: '/support', meta: { label: '客服收件箱', subject: 'Conversation', icon: <CustomerServiceOutlined /> } },
  { name: 'complaints', list: '/complaints', meta: { label: '投诉工单', subject: 'Complaint', icon: <WarningOutlined /> } },
];

export const subjectOfResource = (name: string | undefined): StaffSubject | undefined =>
  resources.find((resource) => resource.name === name)?.meta.subject;

import { z } from 'zod';
import { staffRoleSchema, type StaffRole } from './staff.contract.js';

/**
 * The staff console's contracts (issue 10): who the staff member is and what they may do, staff
 * accounts (admin), and the audit log. Every staff route of the BFF is decided by one policy table
 * of (action, subject) pairs; the console reads the same pairs to hide what a role may not do.
 */

/** What a staff member may do. `manage` means every action (CASL's convention). */
export const staffActionSchema = z.enum([
  'manage',
  'read',
  'create',
  'update',
  'disable',
  'enable',
  'reset_password',
  'decide',
  'resolve',
  /** Show a customer's personal data unmasked (a separate, audited read). */
  'reveal',
  'refund',
  'cancel',
  'reoffer',
  'publish',
  'reply',
  /** Give a conversation to another agent (a lead). */
  'assign',
]);
export type StaffAction = z.infer<typeof staffActionSchema>;

/** What it is done to. `all` means every subject (CASL's convention). */
export const staffSubjectSchema = z.enum([
  'all',
  'StaffUser',
  'AuditLog',
  'Claim',
  'WeatherFlag',
  'Customer',
  'Order',
  'Policy',
  'Payout',
  'SalesTrail',
  'Dashboard',
  'ProductVersion',
  'Campaign',
  'Conversation',
  /** Flight-delay sale guards: loss ratios, route stop-sales. */
  'Pricing',
  /** Rewards held for review (risk rank, caps): admin only. */
  'CampaignReward',
  'Complaint',
  'CannedReply',
]);
export type StaffSubject = z.infer<typeof staffSubjectSchema>;

/** Chinese names of the roles, for the console. */
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  admin: '管理员',
  support: '客服',
  marketing: '市场',
};

/** A staff member's roles: at least one, each once, in a stable order. */
export const staffRolesSchema = z
  .array(staffRoleSchema)
  .min(1, '至少选择一个岗位')
  .max(staffRoleSchema.options.length)
  .transform((roles) => staffRoleSchema.options.filter((role) => roles.includes(role)));

/**
 * CASL rules in `packRules` form (`@casl/ability/extra`): `[action, subject, conditions?, inverted?,
 * fields?, reason?]`, empty slots as 0 or ''.
 */
export const packedStaffRulesSchema = z.array(
  z.array(
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), z.record(z.string(), z.unknown())]),
  ),
);
export type PackedStaffRules = z.infer<typeof packedStaffRulesSchema>;

/** The signed-in staff member. */
export const staffMemberSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(staffRoleSchema),
  /** A reset (or first) password: every staff route but this one and the password change is refused until a new one is set. */
  mustChangePassword: z.boolean(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** `GET /api/v1/staff/me`. */
export const staffMeResponseSchema = z.object({
  member: staffMemberSchema,
  rules: packedStaffRulesSchema,
});
export type StaffMeResponse = z.infer<typeof staffMeResponseSchema>;

/** A new staff password: long rather than clever (NIST 800-63B). */
export const staffNewPasswordSchema = z.string().min(10, '新密码至少10位').max(128, '新密码最多128位');

/** `POST /api/v1/staff/auth/password`: the signed-in member sets a new password. */
export const staffChangePasswordRequestSchema = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: staffNewPasswordSchema,
  })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ['newPassword'],
    message: '新密码不能与当前密码相同',
  });
export type StaffChangePasswordRequest = z.infer<typeof staffChangePasswordRequestSchema>;

/** Lower-case login names: a letter, then letters, digits, `.`, `_` or `-` (3–32). */
export const staffUsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, '账号为3–32位小写字母、数字、点、下划线或连字符，以字母开头');

/** Why an admin did what they did: written to the audit log with the action. */
export const staffReasonSchema = z.string().trim().min(2, '请填写原因（至少2个字）').max(200);

export const staffUserStatusSchema = z.enum(['active', 'disabled']);
export type StaffUserStatus = z.infer<typeof staffUserStatusSchema>;

/** A staff account as the admin sees it. */
export const staffUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(staffRoleSchema),
  status: staffUserStatusSchema,
  mustChangePassword: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  disabledAt: z.iso.datetime({ offset: true }).nullable(),
  lastLoginAt: z.iso.datetime({ offset: true }).nullable(),
  /** Set while too many wrong passwords keep the account locked. */
  lockedUntil: z.iso.datetime({ offset: true }).nullable(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

const pageSchema = z.coerce.number().int().min(1).max(10_000).default(1);
const pageSizeSchema = z.coerce.number().int().min(1).max(100).default(20);
const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

/** `GET /api/v1/staff/users`. */
export const staffUserListQuerySchema = z.object({
  q: optionalText(64),
  role: staffRoleSchema.optional(),
  status: staffUserStatusSchema.optional(),
  page: pageSchema,
  pageSize: pageSizeSchema,
});
export type StaffUserListQuery = z.infer<typeof staffUserListQuerySchema>;

export const staffUserListResponseSchema = z.object({
  items: z.array(staffUserSchema),
  total: z.number().int().nonnegative(),
});
export type StaffUserListResponse = z.infer<typeof staffUserListResponseSchema>;

/** `POST /api/v1/staff/users`: the new member gets a one-time password, shown once. */
export const createStaffUserRequestSchema = z.object({
  username: staffUsernameSchema,
  displayName: z.string().trim().min(1, '请填写姓名').max(32),
  roles: staffRolesSchema,
});
export type CreateStaffUserRequest = z.infer<typeof createStaffUserRequestSchema>;

/** A new account or a reset: the one-time password is in this answer and nowhere else (only its hash is kept). */
export const staffUserWithPasswordResponseSchema = z.object({
  user: staffUserSchema,
  oneTimePassword: z.string(),
});
export type StaffUserWithPasswordResponse = z.infer<typeof staffUserWithPasswordResponseSchema>;

/** `PUT /api/v1/staff/users/{id}/roles`. */
export const updateStaffUserRolesRequestSchema = z.object({ roles: staffRolesSchema, reason: staffReasonSchema });
export type UpdateStaffUserRolesRequest = z.infer<typeof updateStaffUserRolesRequestSchema>;

/** `POST /api/v1/staff/users/{id}/disable|enable|reset-password`. */
export const staffUserActionRequestSchema = z.object({ reason: staffReasonSchema });
export type StaffUserActionRequest = z.infer<typeof staffUserActionRequestSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

/** `GET /api/v1/staff/audit-log`: newest first. */
export const auditLogQuerySchema = z
  .object({
    staffUserId: z.uuid().optional(),
    username: optionalText(64),
    action: optionalText(48),
    resourceType: optionalText(32),
    resourceId: optionalText(64),
    customerId: z.uuid().optional(),
    policyNo: optionalText(32),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    /**
     * `exclude` leaves out the `access` row every permitted staff request writes, so what staff did
     * and read (searches, reads, reveals, decisions, refunds, refusals) is not buried among them.
     */
    routeAccess: z.enum(['include', 'exclude']).optional(),
    page: pageSchema,
    pageSize: pageSizeSchema,
  })
  .refine((value) => !value.from || !value.to || Date.parse(value.from) <= Date.parse(value.to), {
    path: ['to'],
    message: '结束时间不能早于开始时间',
  });
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

/** One audit row: who (and in which roles), did what, to which customer or policy, when, from where, why. */
export const auditLogEntrySchema = z.object({
  id: z.string(),
  at: isoDateTime,
  staffUserId: z.uuid().nullable(),
  username: z.string(),
  roles: z.array(staffRoleSchema),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  customerId: z.uuid().nullable(),
  policyNo: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;

export const auditLogListResponseSchema = z.object({
  items: z.array(auditLogEntrySchema),
  total: z.number().int().nonnegative(),
});
export type AuditLogListResponse = z.infer<typeof auditLogListResponseSchema>;

/**
 * Chinese names of the audit actions the console knows. An action missing here is shown as its
 * code; modules that record new actions add their label here.
 */
export const STAFF_AUDIT_ACTION_LABELS: Record<string, string> = {
  login: '登录',
  login_failed: '登录失败',
  login_throttled: '登录被限制',
  logout: '退出登录',
  password_changed: '修改密码',
  access: '访问接口',
  access_denied: '越权访问被拒',
  staff_user_created: '创建员工',
  staff_user_disabled: '停用员工',
  staff_user_enabled: '启用员工',
  staff_user_password_reset: '重置密码',
  staff_user_roles_changed: '调整岗位',
  staff_users_list: '查看员工列表',
  audit_log_read: '查看审计日志',
  claim_approve: '理赔审核通过',
  claim_reject: '理赔审核拒绝',
  claims_list: '查看理赔列表',
  claim_read: '查看理赔详情',
  weather_flags_list: '查看气象更正',
  weather_flag_resolved: '处理气象更正',
  customer_search: '查询客户',
  customer_read: '查看客户详情',
  customer_reveal: '查看完整个人信息',
  sales_replay: '回放销售过程',
  policy_document: '查看电子保单',
  policy_cancel: '退保退款',
  payout_reoffer: '重新发放理赔款',
  dashboard_read: '查看运营看板',
  product_versions_read: '查看产品条款',
  payment_mismatches_list: '查看支付异常',
  payout_problems_list: '查看转账异常',
  loss_ratios_list: '查看赔付率',
  route_stop_sales_list: '查看航线停售',
  route_stop_sale_set: '航线停售',
  route_stop_sale_lifted: '航线恢复销售',
  campaign_create: '新建活动',
  campaign_update: '修改活动',
  campaign_submit: '提交活动审核',
  campaign_submit_refused: '活动合规检查未通过',
  campaign_approve: '批准发布活动',
  campaign_reject: '驳回活动',
  campaign_pause: '暂停活动',
  campaign_resume: '恢复活动',
  campaign_end: '结束活动',
  campaign_reward_approve: '批准活动奖励',
  campaign_reward_reject: '拒绝活动奖励',
  support_read: '查看客服会话',
  support_context_read: '查看客户资料（客服）',
  support_reply: '回复用户',
  support_fallback: '发送订阅消息（超出回复时限）',
  support_note: '添加内部备注',
  support_assign: '分配会话',
  support_update: '更新会话状态',
  canned_reply_create: '新增快捷回复',
  complaint_open: '受理投诉',
  complaint_read: '查看投诉',
  complaint_extend: '投诉延期',
  complaint_outcome: '投诉办结',
};

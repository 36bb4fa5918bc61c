import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditLogEntry, AuditLogQuery, StaffRole } from '@xiaoan/shared';

interface AuditRow {
  id: string;
  at: Date;
  staff_user_id: string | null;
  username: string;
  roles: StaffRole[];
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  customer_id: string | null;
  policy_no: string | null;
  ip: string | null;
  request_id: string | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

const toEntry = (row: AuditRow): AuditLogEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  staffUserId: row.staff_user_id,
  username: row.username,
  roles: row.roles,
  action: row.action,
  resourceType: row.resource_type,
  resourceId: row.resource_id,
  customerId: row.customer_id,
  policyNo: row.policy_no,
  ip: row.ip,
  requestId: row.request_id,
  reason: row.reason,
  detail: row.detail,
});

/** Reading the audit trail (admin): filtered, newest first, a page at a time. */
@Injectable()
export class StaffAuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: AuditLogQuery): Promise<{ items: AuditLogEntry[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.staffUserId) add((p) => `staff_user_id = ${p}`, query.staffUserId);
    if (query.username) add((p) => `username = ${p}`, query.username.toLowerCase());
    if (query.action) add((p) => `action = ${p}`, query.action);
    if (query.resourceType) add((p) => `resource_type = ${p}`, query.resourceType);
    if (query.resourceId) add((p) => `resource_id = ${p}`, query.resourceId);
    if (query.customerId) add((p) => `customer_id = ${p}`, query.customerId);
    if (query.policyNo) add((p) => `policy_no = ${p}`, query.policyNo);
    if (query.from) add((p) => `at >= ${p}`, query.from);
    if (query.to) add((p) => `at <= ${p}`, query.to);
    if (query.routeAccess === 'exclude') where.push(`action <> 'access'`);
    const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM staff_audit_log${filter}`,
      params,
    )) as [{ total: number }];
    const rows = (await this.dataSource.query(
      `SELECT id::text, at, staff_user_id, username, roles, action, resource_type, resource_id, customer_id, policy_no, ip, request_id, reason, detail
         FROM staff_audit_log${filter} ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    )) as AuditRow[];
    return { items: rows.map(toEntry), total };
  }
}

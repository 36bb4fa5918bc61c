import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface StaffAuditEntry {
  staffUserId: string | null;
  username: string;
  action: string;
  resourceType?: string;
  resourceId?: string;
  detail?: Record<string, unknown>;
  requestId?: string;
}

/** The append-only trail of staff access (compliance: support sees customer data only audited). */
@Injectable()
export class StaffAudit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: StaffAuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO staff_audit_log (staff_user_id, username, action, resource_type, resource_id, detail, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.staffUserId,
        entry.username.slice(0, 64),
        entry.action.slice(0, 48),
        entry.resourceType ?? null,
        entry.resourceId?.slice(0, 64) ?? null,
        entry.detail ? JSON.stringify(entry.detail) : null,
        entry.requestId?.slice(0, 64) ?? null,
      ],
    );
  }
}

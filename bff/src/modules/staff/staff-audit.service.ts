import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { named } from '../../core/database/named-parameters.js';
import type { StaffRole } from '@xiaoan/shared';

/** Who acted: a signed-in member (`AuthenticatedStaff` is one), or a sign-in attempt by name. */
export interface StaffAuditActor {
  staffUserId: string | null;
  username: string;
  roles?: readonly StaffRole[];
  ip?: string | undefined;
  requestId?: string | undefined;
}

/** What was done, to what, and why. */
export interface StaffAuditEvent {
  /** snake_case, e.g. `customer_read`, `order_refund`; give it a Chinese label in STAFF_AUDIT_ACTION_LABELS (shared). */
  action: string;
  resourceType?: string;
  resourceId?: string;
  /** The customer whose personal data was read or whose business was acted on. */
  customerId?: string;
  policyNo?: string;
  /** The reason the member gave (decisions, refunds, account changes). */
  reason?: string;
  detail?: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The append-only trail of staff access (compliance: support sees customer data only audited; the
 * database refuses UPDATE, DELETE and TRUNCATE on it). Every module records through this service:
 * each read of a customer's personal data and each action, in the action's own transaction when
 * there is one (pass its manager), so an action and its audit row commit together or not at all.
 */
@Injectable()
export class StaffAudit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    actor: StaffAuditActor,
    event: StaffAuditEvent,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      ...named(
        `INSERT INTO staff_audit_log (staff_user_id, username, roles, action, resource_type, resource_id, customer_id, policy_no, ip, request_id, reason, detail)
         VALUES ($staffUserId, $username, $roles, $action, $resourceType, $resourceId, $customerId, $policyNo, $ip, $requestId, $reason, $detail)`,
        {
          staffUserId: actor.staffUserId,
          username: actor.username.slice(0, 64),
          roles: [...(actor.roles ?? [])],
          action: event.action.slice(0, 48),
          resourceType: event.resourceType?.slice(0, 32) ?? null,
          resourceId: event.resourceId?.slice(0, 64) ?? null,
          customerId: event.customerId && UUID.test(event.customerId) ? event.customerId : null,
          policyNo: event.policyNo?.slice(0, 32) ?? null,
          ip: actor.ip?.slice(0, 45) ?? null,
          requestId: actor.requestId?.slice(0, 64) ?? null,
          reason: event.reason?.slice(0, 500) ?? null,
          detail: event.detail ? JSON.stringify(event.detail) : null,
        },
      ),
    );
  }
}

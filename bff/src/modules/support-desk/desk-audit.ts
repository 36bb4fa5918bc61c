import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.js';

/** Where a staff request came from: kept with every audit row of the desk. */
export interface StaffRequestOrigin {
  ip: string;
  requestId?: string;
  userAgent?: string;
}

export type DeskAction =
  | 'customer_search'
  | 'customer_view'
  | 'customer_reveal'
  | 'sales_replay'
  | 'policy_document'
  | 'policy_cancel'
  | 'payout_reoffer'
  | 'dashboard_view'
  | 'product_versions_view';

/**
 * The desk's audit rows: who (staff), what (action), which customer and record, when (the row's
 * time) and from where (address, user agent, request id). Written in the same transaction as an
 * action, so an action is never without its row.
 */
@Injectable()
export class DeskAudit {
  constructor(private readonly audit: StaffAudit) {}

  record(
    staff: AuthenticatedStaff,
    origin: StaffRequestOrigin,
    entry: { action: DeskAction; resourceType: string; resourceId?: string; customerId?: string | null; detail?: Record<string, unknown> },
    manager?: EntityManager,
  ): Promise<void> {
    return this.audit.record(
      {
        staffUserId: staff.staffUserId,
        username: staff.username,
        action: entry.action,
        resourceType: entry.resourceType,
        ...(entry.resourceId ? { resourceId: entry.resourceId } : {}),
        detail: {
          ...(entry.customerId ? { customerId: entry.customerId } : {}),
          ...entry.detail,
          ip: origin.ip,
          ...(origin.userAgent ? { userAgent: origin.userAgent.slice(0, 160) } : {}),
        },
        ...(origin.requestId ? { requestId: origin.requestId } : {}),
      },
      manager,
    );
  }
}

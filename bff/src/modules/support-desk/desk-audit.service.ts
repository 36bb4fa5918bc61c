import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';

export type DeskAction =
  | 'customer_search'
  | 'customer_read'
  | 'customer_reveal'
  | 'sales_replay'
  | 'policy_document'
  | 'policy_cancel'
  | 'payout_reoffer'
  | 'dashboard_read'
  | 'product_versions_read';

/**
 * The desk's audit rows, through the one audit service: who (member and roles, from the guard),
 * what, which customer and policy, when, from where (address and request id) and why. Written in
 * the same transaction as an action, so an action is never without its row.
 */
@Injectable()
export class DeskAudit {
  constructor(private readonly audit: StaffAudit) {}

  record(
    staff: AuthenticatedStaff,
    entry: {
      action: DeskAction;
      resourceType: string;
      resourceId?: string;
      customerId?: string | null;
      policyNo?: string;
      reason?: string;
      detail?: Record<string, unknown>;
    },
    manager?: EntityManager,
  ): Promise<void> {
    return this.audit.record(
      staff,
      {
        action: entry.action,
        resourceType: entry.resourceType,
        ...(entry.resourceId ? { resourceId: entry.resourceId } : {}),
        ...(entry.customerId ? { customerId: entry.customerId } : {}),
        ...(entry.policyNo ? { policyNo: entry.policyNo } : {}),
        ...(entry.reason ? { reason: entry.reason } : {}),
        ...(entry.detail ? { detail: entry.detail } : {}),
      },
      manager,
    );
  }
}

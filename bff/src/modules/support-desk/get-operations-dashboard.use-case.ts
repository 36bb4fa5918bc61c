import { Injectable } from '@nestjs/common';
import { Clock } from '../../core/clock/clock.js';
import { beijingDateOf, type OperationsDashboard } from '@xiaoan/shared';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { DeskAudit } from './desk-audit.service.js';
import { OperationsDashboardRepository } from './operations-dashboard.repository.js';

/** The Beijing date of an instant, `YYYY-MM-DD`. */

/**
 * The admin's day at a glance: sales, policies in force, claims approved / paid / unclaimed,
 * payout success rate and WeChat's errors, capacity used per flight and per city-season. Counts
 * only, no personal data (the view is audited all the same, as every staff read is).
 */
@Injectable()
export class GetOperationsDashboardUseCase {
  constructor(
    private readonly repository: OperationsDashboardRepository,
    private readonly audit: DeskAudit,
    private readonly clock: Clock,
  ) {}

  /** `at` defaults to the business clock: the one policies, claims and payouts are stamped with. */
  async execute(staff: AuthenticatedStaff, at = this.clock.now()): Promise<OperationsDashboard> {
    const [
      sales,
      salesByProduct,
      salesByHour,
      policiesInForce,
      claims,
      payouts,
      wechatErrors,
      flightCapacity,
      weatherCapacity,
    ] = await Promise.all([
      this.repository.sales(at),
      this.repository.salesByProduct(at),
      this.repository.salesByHour(at),
      this.repository.policiesInForce(at),
      this.repository.claims(at),
      this.repository.payouts(at),
      this.repository.wechatErrors(at),
      this.repository.flightCapacity(at),
      this.repository.weatherCapacity(),
    ]);
    await this.audit.record(staff, { action: 'dashboard_read', resourceType: 'dashboard' });
    return {
      day: beijingDateOf(at),
      sales,
      salesByProduct,
      salesByHour,
      policiesInForce,
      claims,
      payouts,
      wechatErrors,
      flightCapacity,
      weatherCapacity,
    };
  }
}

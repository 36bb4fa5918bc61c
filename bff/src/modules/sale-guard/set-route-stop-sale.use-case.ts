import { Injectable } from '@nestjs/common';
import type { StaffRouteStopSale, StaffRouteStopSaleRequest } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { SaleGuardRepository, type RouteStopRow } from './sale-guard.repository.js';
import { SaleGuardService } from './sale-guard.service.js';

export const toRouteStopSale = (row: RouteStopRow): StaffRouteStopSale => ({
  id: row.id,
  origin: row.origin,
  destination: row.destination,
  reason: row.reason,
  setBy: row.set_by,
  setAt: row.set_at.toISOString(),
});

/** Stops selling a route ahead of adverse weather (ZhongAn stops ahead of typhoons). */
@Injectable()
export class SetRouteStopSaleUseCase {
  constructor(
    private readonly repository: SaleGuardRepository,
    private readonly guard: SaleGuardService,
  ) {}

  async execute(request: StaffRouteStopSaleRequest, setBy: string): Promise<StaffRouteStopSale> {
    const row = await this.repository.setRouteStop(request.origin, request.destination, request.reason, setBy);
    if (!row) throw new AppException('CONFLICT', { reason: 'this route already has an open stop-sale' });
    this.guard.invalidate();
    return toRouteStopSale(row);
  }
}

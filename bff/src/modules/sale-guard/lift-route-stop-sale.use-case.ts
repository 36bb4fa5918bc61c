import { Injectable } from '@nestjs/common';
import type { StaffRouteStopSale } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { SaleGuardRepository } from './sale-guard.repository.js';
import { SaleGuardService } from './sale-guard.service.js';
import { toRouteStopSale } from './set-route-stop-sale.use-case.js';

/** Reopens a route once the weather has passed. */
@Injectable()
export class LiftRouteStopSaleUseCase {
  constructor(
    private readonly repository: SaleGuardRepository,
    private readonly guard: SaleGuardService,
  ) {}

  async execute(id: string, liftedBy: string): Promise<StaffRouteStopSale> {
    if (!/^\d{1,18}$/.test(id)) throw new AppException('NOT_FOUND');
    const row = await this.repository.liftRouteStop(id, liftedBy);
    if (!row) throw new AppException('CONFLICT', { reason: 'no open stop-sale with this id' });
    this.guard.invalidate();
    return toRouteStopSale(row);
  }
}

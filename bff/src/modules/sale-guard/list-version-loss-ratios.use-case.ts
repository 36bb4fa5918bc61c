import { Injectable } from '@nestjs/common';
import type { StaffVersionLossRatio } from '@xiaoan/shared';
import { lossRatioOf } from './domain/loss-ratio-guard.js';
import { SaleGuardRepository } from './sale-guard.repository.js';
import { SaleGuardService } from './sale-guard.service.js';

const DEFAULT_WINDOW_DAYS = 30;

/**
 * The running loss ratio of every flight-delay version, as staff see it. Each version with a
 * guard is evaluated on the way (a breach is recorded and stops its sales now), so the figures
 * and the stop state shown are the same ones the quote acts on.
 */
@Injectable()
export class ListVersionLossRatiosUseCase {
  constructor(
    private readonly repository: SaleGuardRepository,
    private readonly guard: SaleGuardService,
  ) {}

  async execute(windowDays: number | undefined, now = new Date()): Promise<StaffVersionLossRatio[]> {
    const versions = await this.repository.flightDelayVersions();
    for (const version of versions) await this.guard.evaluate(version.id, version.terms, now);
    const stops = await this.repository.saleStops();
    const items: StaffVersionLossRatio[] = [];
    for (const version of versions) {
      const window = windowDays ?? version.terms.lossRatioGuard?.windowDays ?? DEFAULT_WINDOW_DAYS;
      const figures = await this.repository.runningLossRatio(version.id, window, now);
      const stop = stops.get(version.id);
      items.push({
        productCode: version.code,
        productVersionId: version.id,
        version: version.version,
        windowDays: window,
        premiumFen: figures.premiumFen,
        claimsFen: figures.claimsFen,
        lossRatio: lossRatioOf(figures),
        maxLossRatio: version.terms.lossRatioGuard?.maxLossRatio ?? null,
        saleStop: stop
          ? {
              reason: stop.reason,
              lossRatio: Number(stop.loss_ratio),
              premiumFen: Number(stop.premium_fen),
              claimsFen: Number(stop.claims_fen),
              stoppedAt: stop.stopped_at.toISOString(),
            }
          : null,
      });
    }
    return items;
  }
}

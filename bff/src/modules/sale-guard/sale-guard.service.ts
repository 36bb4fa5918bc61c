import { Injectable } from '@nestjs/common';
import type { ErrorCode, FlightDelayTerms } from '@xiaoan/shared';
import { lossRatioOf, lossRatioStopReason, repricedTerms } from './domain/loss-ratio-guard.js';
import { SaleGuardRepository, type SaleStopRow } from './sale-guard.repository.js';

/** How long a process trusts what it read: a stop set elsewhere shows within this time. */
export const SALE_GUARD_TTL_MS = 30_000;

interface Cached<T> {
  at: number;
  value: T;
}

/**
 * The live guard rails the quote asks before pricing (issue 16): a route staff closed for
 * adverse weather, and a version whose running loss ratio crossed its configured threshold. The
 * loss ratio is evaluated at most once per version per TTL and a breach is recorded at once, so
 * the quote path stays one map lookup at 3,000 quotes/s.
 */
@Injectable()
export class SaleGuardService {
  private routes: Cached<Set<string>> | null = null;
  private stops: Cached<Map<string, SaleStopRow>> | null = null;
  private readonly evaluated = new Map<string, number>();

  constructor(private readonly repository: SaleGuardRepository) {}

  /** The error code that stops this sale, or null. */
  async stopReason(
    sale: { versionId: string; terms: FlightDelayTerms; origin: string; destination: string },
    now = new Date(),
  ): Promise<ErrorCode | null> {
    const routes = await this.openRoutes(now.getTime());
    if (routes.has(`${sale.origin.toUpperCase()}-${sale.destination.toUpperCase()}`)) return 'ROUTE_SALES_STOPPED';
    const stops = await this.versionStops(now.getTime());
    const stop = stops.get(sale.versionId);
    if (stop) return stop.replaced_by_version_id ? 'PRODUCT_VERSION_REPRICED' : 'PRODUCT_VERSION_SALES_STOPPED';
    const guard = sale.terms.lossRatioGuard;
    if (!guard) return null;
    const last = this.evaluated.get(sale.versionId);
    if (last !== undefined && now.getTime() - last < SALE_GUARD_TTL_MS) return null;
    this.evaluated.set(sale.versionId, now.getTime());
    const outcome = await this.evaluate(sale.versionId, sale.terms, now);
    return outcome === 'repriced'
      ? 'PRODUCT_VERSION_REPRICED'
      : outcome === 'stopped'
        ? 'PRODUCT_VERSION_SALES_STOPPED'
        : null;
  }

  /**
   * Computes one version's running loss ratio and, when it breaches the guard, records a stop —
   * or, with `repriceFactor` in the guard, publishes a repriced version and records the stop
   * naming it (products as configuration: a new version, not a code change). Returns what
   * happened to the version; a version another process stopped first reads as stopped.
   */
  async evaluate(
    versionId: string,
    terms: FlightDelayTerms,
    now = new Date(),
  ): Promise<'selling' | 'stopped' | 'repriced'> {
    const guard = terms.lossRatioGuard;
    if (!guard) return 'selling';
    const figures = await this.repository.runningLossRatio(versionId, guard.windowDays, now);
    const breach = lossRatioStopReason(guard, figures);
    if (!breach) return 'selling';
    const stop = {
      versionId,
      lossRatio: lossRatioOf(figures)!,
      figures,
      windowDays: guard.windowDays,
      maxLossRatio: guard.maxLossRatio,
    };
    let outcome: 'stopped' | 'repriced' = 'stopped';
    if (guard.repriceFactor !== undefined) {
      const next = repricedTerms(terms, guard.repriceFactor);
      const created = await this.repository.recordRepricing(
        {
          ...stop,
          reason: `${breach}; repriced: premiums × ${guard.repriceFactor} (target loss ratio ${next.targetLossRatio.toFixed(4)}, minimum ${next.minPremiumFen} fen) in a new version`,
        },
        next,
      );
      if (created) outcome = 'repriced';
    } else {
      await this.repository.recordSaleStop({ ...stop, reason: breach });
    }
    this.invalidate();
    return outcome;
  }

  /** Forget what was read (after staff set or lifted a stop in this process). */
  invalidate(): void {
    this.routes = null;
    this.stops = null;
    this.evaluated.clear();
  }

  private async openRoutes(now: number): Promise<Set<string>> {
    if (this.routes && now - this.routes.at < SALE_GUARD_TTL_MS) return this.routes.value;
    const rows = await this.repository.openRouteStops();
    this.routes = { at: now, value: new Set(rows.map((row) => `${row.origin}-${row.destination}`)) };
    return this.routes.value;
  }

  private async versionStops(now: number): Promise<Map<string, SaleStopRow>> {
    if (this.stops && now - this.stops.at < SALE_GUARD_TTL_MS) return this.stops.value;
    this.stops = { at: now, value: await this.repository.saleStops() };
    return this.stops.value;
  }
}

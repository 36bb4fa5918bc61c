import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FlightDelayTerms } from '@xiaoan/shared';
import { rowsOf } from '../../core/database/rows-of.js';
import type { RunningLossRatio } from './domain/loss-ratio-guard.js';

export interface SaleStopRow {
  product_version_id: string;
  reason: string;
  loss_ratio: string;
  premium_fen: string;
  claims_fen: string;
  stopped_at: Date;
  /** The repriced version that replaced this one, when the guard repriced instead of stopping. */
  replaced_by_version_id: string | null;
}

export interface RouteStopRow {
  id: string;
  origin: string;
  destination: string;
  reason: string;
  set_by: string;
  set_at: Date;
}

export interface FlightDelayVersionRow {
  id: string;
  version: number;
  code: string;
  terms: FlightDelayTerms;
}

/** Claims that are owed: decided for the customer, whether or not the money has left yet. */
const APPROVED_CLAIM_STATUSES = ['approved', 'offered', 'paid', 'failed'];

/** SQL of the live guard rails: running loss ratios, version stops, route stops. */
@Injectable()
export class SaleGuardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Premium earned and claims approved for one version over the window: the policies whose cover
   * started in `(now − windowDays, now]` and were not cancelled, and the approved claims on them.
   * A flight-delay cover lasts one flight, so a started cover is an earned premium.
   */
  async runningLossRatio(versionId: string, windowDays: number, now: Date): Promise<RunningLossRatio> {
    const [row] = rowsOf<{ premium_fen: string; claims_fen: string }>(
      await this.dataSource.query(
        `SELECT coalesce(sum(p.premium_fen), 0)::bigint AS premium_fen,
                coalesce(sum(c.amount_fen) FILTER (WHERE c.status = ANY($4)), 0)::bigint AS claims_fen
           FROM policies p LEFT JOIN claims c ON c.policy_id = p.id
          WHERE p.product_version_id = $1 AND p.status <> 'cancelled'
            AND p.cover_start > $2::timestamptz - make_interval(days => $3) AND p.cover_start <= $2`,
        [versionId, now, windowDays, APPROVED_CLAIM_STATUSES],
      ),
    );
    return { premiumFen: Number(row?.premium_fen ?? 0), claimsFen: Number(row?.claims_fen ?? 0) };
  }

  async flightDelayVersions(): Promise<FlightDelayVersionRow[]> {
    return rowsOf<FlightDelayVersionRow>(
      await this.dataSource.query(
        `SELECT v.id::text, v.version, p.code, v.terms
           FROM product_versions v JOIN products p ON p.id = v.product_id
          WHERE p.category = 'flight_delay' ORDER BY p.code, v.version`,
      ),
    );
  }

  async saleStops(): Promise<Map<string, SaleStopRow>> {
    const rows = rowsOf<SaleStopRow>(await this.dataSource.query(`SELECT * FROM product_version_sale_stops`));
    return new Map(rows.map((row) => [row.product_version_id, row]));
  }

  /** Records a stop once; a second breach of a stopped version changes nothing. */
  async recordSaleStop(stop: {
    versionId: string;
    reason: string;
    lossRatio: number;
    figures: RunningLossRatio;
    windowDays: number;
    maxLossRatio: number;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO product_version_sale_stops (product_version_id, reason, loss_ratio, premium_fen, claims_fen, window_days, max_loss_ratio)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (product_version_id) DO NOTHING`,
      [
        stop.versionId,
        stop.reason,
        stop.lossRatio,
        stop.figures.premiumFen,
        stop.figures.claimsFen,
        stop.windowDays,
        stop.maxLossRatio,
      ],
    );
  }

  /**
   * Stops a breached version and publishes its repriced successor, in one transaction: the stop
   * row (the same once-per-version row) names the new version, whose number is the product's
   * next and which is effective at once. When the version was already stopped (another process
   * got there first) nothing is added; a version that is no longer the product's latest is
   * stopped without a successor. Returns the new version, or null.
   */
  async recordRepricing(
    stop: {
      versionId: string;
      reason: string;
      lossRatio: number;
      figures: RunningLossRatio;
      windowDays: number;
      maxLossRatio: number;
    },
    terms: FlightDelayTerms,
  ): Promise<{ versionId: string; version: number } | null> {
    return this.dataSource.transaction(async (manager) => {
      const stopped = (await manager.query(
        `INSERT INTO product_version_sale_stops (product_version_id, reason, loss_ratio, premium_fen, claims_fen, window_days, max_loss_ratio)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (product_version_id) DO NOTHING RETURNING product_version_id`,
        [
          stop.versionId,
          stop.reason,
          stop.lossRatio,
          stop.figures.premiumFen,
          stop.figures.claimsFen,
          stop.windowDays,
          stop.maxLossRatio,
        ],
      )) as unknown[];
      if (stopped.length === 0) return null;
      const [created] = (await manager.query(
        `INSERT INTO product_versions (product_id, version, insurer_name, filing_no, clauses, exclusions, terms, effective_from)
         SELECT v.product_id, (SELECT max(version) + 1 FROM product_versions WHERE product_id = v.product_id),
                v.insurer_name, v.filing_no, v.clauses, v.exclusions, $2::jsonb, now()
           FROM product_versions v
          WHERE v.id = $1 AND v.version = (SELECT max(version) FROM product_versions WHERE product_id = v.product_id)
         RETURNING id::text, version`,
        [stop.versionId, JSON.stringify(terms)],
      )) as { id: string; version: number }[];
      // An older version (already superseded by hand) is only stopped: its successor is on sale.
      if (!created) return null;
      await manager.query(
        `UPDATE product_version_sale_stops SET replaced_by_version_id = $2 WHERE product_version_id = $1`,
        [stop.versionId, created.id],
      );
      return { versionId: created.id, version: Number(created!.version) };
    });
  }

  async openRouteStops(): Promise<RouteStopRow[]> {
    return rowsOf<RouteStopRow>(
      await this.dataSource.query(
        `SELECT id::text, origin, destination, reason, set_by, set_at FROM route_stop_sales WHERE lifted_at IS NULL ORDER BY set_at, id`,
      ),
    );
  }

  /** The new open stop, or null when the route already has one. */
  async setRouteStop(origin: string, destination: string, reason: string, setBy: string): Promise<RouteStopRow | null> {
    const rows = rowsOf<RouteStopRow>(
      await this.dataSource.query(
        `INSERT INTO route_stop_sales (origin, destination, reason, set_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (origin, destination) WHERE lifted_at IS NULL DO NOTHING
         RETURNING id::text, origin, destination, reason, set_by, set_at`,
        [origin, destination, reason, setBy],
      ),
    );
    return rows[0] ?? null;
  }

  /** Lifts an open stop; false when there is no open stop with this id. */
  async liftRouteStop(id: string, liftedBy: string): Promise<RouteStopRow | null> {
    const rows = rowsOf<RouteStopRow>(
      await this.dataSource.query(
        `UPDATE route_stop_sales SET lifted_at = now(), lifted_by = $2 WHERE id = $1 AND lifted_at IS NULL
         RETURNING id::text, origin, destination, reason, set_by, set_at`,
        [id, liftedBy],
      ),
    );
    return rows[0] ?? null;
  }
}

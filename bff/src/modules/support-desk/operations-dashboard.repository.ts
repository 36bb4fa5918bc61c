import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The Beijing day containing $1, as a half-open range of instants. */
const DAY = `(date_trunc('day', $1::timestamptz AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')`;
const DAY_START = DAY;
const DAY_END = `(${DAY} + interval '1 day')`;

const int = (value: unknown): number => Number(value ?? 0);

/** Set-based counts for the operations dashboard; each query reads by an index or a day's range. */
@Injectable()
export class OperationsDashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async one<T>(sql: string, params: unknown[]): Promise<T> {
    return ((await this.dataSource.query(sql, params)) as T[])[0]!;
  }

  async sales(at: Date) {
    const row = await this.one<{ orders: string; issued: string; premium: string; refunded: string }>(
      `SELECT (SELECT count(*) FROM orders WHERE created_at >= ${DAY_START} AND created_at < ${DAY_END}) AS orders,
              (SELECT count(*) FROM policies WHERE issued_at >= ${DAY_START} AND issued_at < ${DAY_END}) AS issued,
              (SELECT coalesce(sum(premium_fen), 0) FROM policies WHERE issued_at >= ${DAY_START} AND issued_at < ${DAY_END}) AS premium,
              (SELECT coalesce(sum(amount_fen), 0) FROM refunds WHERE status = 'succeeded' AND completed_at >= ${DAY_START} AND completed_at < ${DAY_END}) AS refunded`,
      [at],
    );
    return {
      orders: int(row.orders),
      policiesIssued: int(row.issued),
      premiumFen: int(row.premium),
      refundedFen: int(row.refunded),
    };
  }

  async salesByProduct(at: Date) {
    const rows = (await this.dataSource.query(
      `SELECT pr.code, pr.name, count(*) AS policies, sum(p.premium_fen) AS premium
         FROM policies p JOIN product_versions v ON v.id = p.product_version_id JOIN products pr ON pr.id = v.product_id
        WHERE p.issued_at >= ${DAY_START} AND p.issued_at < ${DAY_END}
        GROUP BY pr.code, pr.name ORDER BY pr.code`,
      [at],
    )) as { code: string; name: string; policies: string; premium: string }[];
    return rows.map((row) => ({
      productCode: row.code,
      productName: row.name,
      policies: int(row.policies),
      premiumFen: int(row.premium),
    }));
  }

  async salesByHour(at: Date) {
    const rows = (await this.dataSource.query(
      `SELECT extract(hour FROM issued_at AT TIME ZONE 'Asia/Shanghai')::int AS hour, count(*) AS policies
         FROM policies WHERE issued_at >= ${DAY_START} AND issued_at < ${DAY_END} GROUP BY 1`,
      [at],
    )) as { hour: number; policies: string }[];
    return Array.from({ length: 24 }, (_, hour) => ({
      hour,
      policies: int(rows.find((row) => row.hour === hour)?.policies),
    }));
  }

  async policiesInForce(at: Date): Promise<number> {
    const row = await this.one<{ n: string }>(
      `SELECT count(*) AS n FROM policies WHERE status = 'active' AND cover_end > $1`,
      [at],
    );
    return int(row.n);
  }

  async claims(at: Date) {
    const row = await this.one<Record<string, string>>(
      `SELECT count(*) FILTER (WHERE status IN ('approved', 'offered', 'paid', 'failed', 'expired') AND amount_fen > 0) AS approved,
              count(*) FILTER (WHERE status = 'paid') AS paid,
              count(*) FILTER (WHERE status IN ('approved', 'offered', 'failed', 'expired') AND amount_fen > paid_fen) AS unclaimed,
              coalesce(sum(amount_fen - paid_fen) FILTER (WHERE status IN ('approved', 'offered', 'failed', 'expired')), 0) AS unclaimed_fen,
              count(*) FILTER (WHERE status = 'manual_review') AS manual_review,
              (SELECT coalesce(sum(amount_fen), 0) FROM payout_bills WHERE state = 'SUCCESS' AND finished_at >= ${DAY_START} AND finished_at < ${DAY_END}) AS paid_today
         FROM claims`,
      [at],
    );
    return {
      approved: int(row.approved),
      paid: int(row.paid),
      unclaimed: int(row.unclaimed),
      unclaimedFen: int(row.unclaimed_fen),
      manualReview: int(row.manual_review),
      paidTodayFen: int(row.paid_today),
    };
  }

  async payouts(at: Date) {
    const today = await this.one<{ finished: string; succeeded: string }>(
      `SELECT count(*) AS finished, count(*) FILTER (WHERE state = 'SUCCESS') AS succeeded
         FROM payout_bills WHERE finished_at >= ${DAY_START} AND finished_at < ${DAY_END}`,
      [at],
    );
    const states = (await this.dataSource.query(
      `SELECT state, count(*) AS bills FROM payout_bills GROUP BY state ORDER BY state`,
    )) as { state: string; bills: string }[];
    const finished = int(today.finished);
    const succeeded = int(today.succeeded);
    return {
      finishedToday: finished,
      succeededToday: succeeded,
      successRate: finished > 0 ? succeeded / finished : null,
      states: states.map((row) => ({ state: row.state, bills: int(row.bills) })),
    };
  }

  /** WeChat's error codes as recorded on transfer bills (`CODE: message`) and on refunds that needed an operator. */
  async wechatErrors(at: Date) {
    const rows = (await this.dataSource.query(
      `SELECT 'transfer' AS source, split_part(last_error, ':', 1) AS code, count(*) AS n
         FROM payout_bills WHERE last_error IS NOT NULL AND updated_at >= $1::timestamptz - interval '7 days'
        GROUP BY 2
       UNION ALL
       SELECT 'refund', upper(status), count(*)
         FROM refunds WHERE status IN ('abnormal', 'closed') AND created_at >= $1::timestamptz - interval '7 days'
        GROUP BY 2
       ORDER BY 3 DESC, 2`,
      [at],
    )) as { source: 'transfer' | 'refund'; code: string; n: string }[];
    return rows.map((row) => ({ source: row.source, code: row.code, count: int(row.n) }));
  }

  /** Flights still to fly with cover sold, fullest first, against their product's cap. */
  async flightCapacity(at: Date) {
    const rows = (await this.dataSource.query(
      `SELECT f.flight_no, to_char(f.flight_date, 'YYYY-MM-DD') AS flight_date, f.sold_sum_insured_fen AS sold,
              coalesce((SELECT max((v.terms ->> 'capacityPerFlightFen')::bigint) FROM policies p JOIN product_versions v ON v.id = p.product_version_id
                         WHERE p.flight_id = f.id), 0) AS capacity,
              (SELECT count(*) FROM policies p WHERE p.flight_id = f.id AND p.status <> 'cancelled') AS policies
         FROM flights f
        WHERE f.sold_sum_insured_fen > 0 AND f.scheduled_arrival > $1::timestamptz - interval '1 day'
        ORDER BY f.sold_sum_insured_fen DESC, f.flight_date, f.flight_no LIMIT 20`,
      [at],
    )) as { flight_no: string; flight_date: string; sold: string; capacity: string; policies: string }[];
    return rows.map((row) => ({
      flightNo: row.flight_no,
      flightDate: row.flight_date,
      soldFen: int(row.sold),
      capacityFen: int(row.capacity),
      policies: int(row.policies),
    }));
  }

  async weatherCapacity() {
    const rows = (await this.dataSource.query(
      `SELECT c.place_code, w.name, c.period, c.sold, w.capacity
         FROM weather_capacity c JOIN weather_places w ON w.code = c.place_code
        WHERE c.sold > 0 ORDER BY c.sold::float / w.capacity DESC, c.place_code, c.period LIMIT 30`,
    )) as { place_code: string; name: string; period: string; sold: number; capacity: number }[];
    return rows.map((row) => ({
      placeCode: row.place_code,
      placeName: row.name,
      period: row.period,
      sold: int(row.sold),
      capacity: int(row.capacity),
    }));
  }

  productVersions() {
    return this.dataSource.query(
      `SELECT p.code, p.name, p.on_sale, v.id, v.version, v.insurer_name, v.filing_no, v.effective_from, v.effective_to, v.terms, v.clauses, v.exclusions,
              (p.on_sale AND v.effective_from <= now() AND (v.effective_to IS NULL OR v.effective_to > now())) AS current
         FROM product_versions v JOIN products p ON p.id = v.product_id ORDER BY p.code, v.version DESC`,
    ) as Promise<
      {
        code: string;
        name: string;
        on_sale: boolean;
        id: string;
        version: number;
        insurer_name: string;
        filing_no: string;
        effective_from: Date;
        effective_to: Date | null;
        terms: unknown;
        clauses: { title: string; body: string }[];
        exclusions: string[];
        current: boolean;
      }[]
    >;
  }
}

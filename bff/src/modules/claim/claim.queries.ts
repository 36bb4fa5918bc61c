import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  isDateInRange,
  seasonWindow,
  type ClaimDetail,
  type ClaimSummary,
  type HeatClaimEvidence,
} from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { CLAIM_SELECT, claimFactsOf, type ClaimRow } from './claim.record.js';
import { toClaimDetail, toClaimSummary, type ClaimFacts } from './domain/claim-view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The customer's own claims: a consumer can never read another consumer's claim. */
@Injectable()
export class ClaimQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
  ) {}

  async listFor(customerId: string): Promise<ClaimSummary[]> {
    // A HEAT37 claim is opened with its policy; it is the customer's claim once something accrued.
    const rows = (await this.dataSource.query(
      `${CLAIM_SELECT} WHERE c.customer_id = $1 AND (c.amount_fen > 0 OR c.evidence ->> 'kind' <> 'heat')
        ORDER BY c.created_at DESC, c.claim_no DESC LIMIT 200`,
      [customerId],
    )) as ClaimRow[];
    return Promise.all(rows.map(async (row) => toClaimSummary(await this.factsOf(row, { chart: false }))));
  }

  async detailFor(customerId: string, claimId: string): Promise<ClaimDetail> {
    const row = await this.findRow(claimId);
    if (!row || row.customer_id !== customerId) throw new AppException('CLAIM_NOT_FOUND');
    return toClaimDetail(await this.factsOf(row, { chart: true }));
  }

  /** Any claim by id (staff, through the audited staff module). */
  async findRow(claimId: string): Promise<ClaimRow | undefined> {
    if (!UUID.test(claimId)) return undefined;
    const rows = (await this.dataSource.query(`${CLAIM_SELECT} WHERE c.id = $1`, [claimId])) as ClaimRow[];
    return rows[0];
  }

  /** Claims in one state, oldest first (the staff desk's queues). */
  async rowsInStatus(status: string, limit: number): Promise<ClaimRow[]> {
    return (await this.dataSource.query(
      `${CLAIM_SELECT} WHERE c.status = $1 ORDER BY c.created_at, c.claim_no LIMIT $2`,
      [status, limit],
    )) as ClaimRow[];
  }

  async productNameOf(row: Pick<ClaimRow, 'product_version_id'>): Promise<string> {
    return (await this.versions.byVersionId(row.product_version_id))?.productName ?? '';
  }

  /** The claim's facts; a HEAT37 claim's evidence (days counted, and with `chart` the season's maxima) is read here. */
  async factsOf(row: ClaimRow, options: { chart: boolean }): Promise<ClaimFacts> {
    const productName = await this.productNameOf(row);
    if (row.evidence.kind !== 'heat') return claimFactsOf(row, productName);
    return claimFactsOf(row, productName, await this.heatEvidence(row, options.chart));
  }

  private async heatEvidence(row: ClaimRow, chart: boolean): Promise<HeatClaimEvidence> {
    const version = await this.versions.byVersionId(row.product_version_id);
    if (!version || version.terms.kind !== 'heat') throw new Error(`heat claim ${row.claim_no} without a heat version`);
    const terms = version.terms;
    const cover = { start: row.cover_start_date!, end: row.cover_end_date! };
    const seasonYear = Number(cover.end.slice(0, 4));
    const season = seasonWindow(seasonYear, terms.seasonStart, terms.seasonEnd);
    const [place] = (await this.dataSource.query(`SELECT name, station_id FROM weather_places WHERE code = $1`, [
      row.place_code,
    ])) as {
      name: string;
      station_id: string;
    }[];
    const days = (await this.dataSource.query(
      `SELECT to_char(a.day, 'YYYY-MM-DD') AS day, a.hot_day_no, a.amount_fen, s.tmax_hundredths
         FROM heat_accruals a JOIN heat_settlements s ON s.place_code = $2 AND s.day = a.day
        WHERE a.policy_id = $1 ORDER BY a.day`,
      [row.policy_id, row.place_code],
    )) as { day: string; hot_day_no: number; amount_fen: number; tmax_hundredths: number }[];
    const maxima = chart
      ? ((await this.dataSource.query(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, tmax_hundredths FROM heat_settlements
            WHERE place_code = $1 AND day BETWEEN $2 AND $3 ORDER BY day`,
          [row.place_code, season.start, season.end],
        )) as { day: string; tmax_hundredths: number }[])
      : [];
    const flagged = chart
      ? ((await this.dataSource.query(
          `SELECT DISTINCT to_char(reading_date, 'YYYY-MM-DD') AS day FROM weather_review_flags
            WHERE place_code = $1 AND kind = 'daily_max' AND reading_date BETWEEN $2 AND $3 ORDER BY 1`,
          [row.place_code, cover.start, cover.end],
        )) as { day: string }[])
      : [];
    return {
      kind: 'heat',
      cityCode: row.place_code!,
      cityName: place?.name ?? row.place_code!,
      stationId: place?.station_id ?? '',
      seasonYear,
      coverStartDate: cover.start,
      coverEndDate: cover.end,
      units: row.units!,
      thresholdCelsius: terms.thresholdCelsius,
      deductibleDays: row.deductible_days ?? terms.defaultDeductibleDays,
      tickPerUnitFen: terms.tickPerUnitFen,
      capPerUnitFen: terms.capPerUnitFen,
      hotDays: days.map((day) => ({
        date: day.day,
        tmaxCelsius: day.tmax_hundredths / 100,
        hotDayNo: day.hot_day_no,
        amountFen: day.amount_fen,
      })),
      dailyMaxima: maxima.map((day) => ({
        date: day.day,
        tmaxCelsius: day.tmax_hundredths / 100,
        covered: isDateInRange(day.day, cover),
      })),
      flaggedDates: flagged.map((day) => day.day),
      rule: `${version.productCode} v${version.version}`,
    };
  }
}

export const isUuid = (value: string): boolean => UUID.test(value);

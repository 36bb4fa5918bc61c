import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isDateInRange, seasonWindow, type HeatClaimEvidence } from '@xiaoan/shared';
import { ProductVersionCache } from '../../modules/catalog/product-version.cache.js';
import type { ClaimEvidenceReader, GrowingClaimRow } from '../claim-evidence-reader.js';

/**
 * A HEAT37 claim's evidence: opened with its policy, it grows a hot day at a time, so its row holds
 * only the city. The days counted are the policy's accruals (with each day's maximum); a detail
 * page also draws the season's daily maxima and the days a reading was flagged for review.
 */
@Injectable()
export class HeatEvidenceReader implements ClaimEvidenceReader<'heat'> {
  readonly kind = 'heat';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
  ) {}

  async read(row: GrowingClaimRow, { chart }: { chart: boolean }): Promise<HeatClaimEvidence> {
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

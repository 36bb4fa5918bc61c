import { Injectable, Logger } from '@nestjs/common';
import { beijingMinuteOfDay, minuteOfDay, rainTrigger, type RainClaimEvidence } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import type { Transaction } from '../../core/database/unit-of-work.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { CLAIM_QUEUES } from '../claim/claim.queues.js';
import type { WeatherPlaceRecord } from './weather-places.js';

interface HourRow {
  hour_start: Date;
  precip_hundredths: number;
  event_id: string;
}

/**
 * RAIN for one spot-day, evaluated on every hour of rain that arrives: once the window's rain
 * reaches the version's threshold, every active policy of that spot and date gets its approved
 * claims in one statement, one per insured person (each pays its person's 10 yuan), and the
 * subscribe messages are enqueued with them. Idempotent: one claim per (policy, insured person)
 * (unique), and only policies still `active` are considered.
 * A correction that brings a paid day back under the threshold is flagged, never clawed back.
 */
@Injectable()
export class SettleRainDayUseCase {
  private readonly logger = new Logger('SettleRainDayUseCase');

  constructor(
    private readonly versions: ProductVersionCache,
    private readonly clock: Clock,
  ) {}

  async evaluate(
    tx: Transaction,
    place: WeatherPlaceRecord,
    day: string,
    readingId: string,
    newHundredths: number,
    previousHundredths: number | null,
  ): Promise<{ approvedClaims: number; flagged: boolean }> {
    const { manager } = tx;
    const groups = (await manager.query(
      `SELECT product_version_id, bool_or(status = 'active') AS open, bool_or(status = 'claimed') AS paid
         FROM policies WHERE place_code = $1 AND cover_start_date = $2 AND status IN ('active', 'claimed')
        GROUP BY product_version_id`,
      [place.code, day],
    )) as { product_version_id: string; open: boolean; paid: boolean }[];
    if (groups.length === 0) return { approvedClaims: 0, flagged: false };
    const hours = (await manager.query(
      `SELECT h.hour_start, h.precip_hundredths, r.event_id
         FROM weather_hourly_precip h JOIN weather_readings r ON r.id = h.reading_id
        WHERE h.station_id = $1 AND h.reading_date = $2 ORDER BY h.hour_start`,
      [place.stationId, day],
    )) as HourRow[];
    let approved = 0;
    let flagged = false;
    for (const group of groups) {
      const version = await this.versions.byVersionId(group.product_version_id);
      if (!version || version.terms.kind !== 'rain') continue;
      const terms = version.terms;
      const readings = hours.map((hour) => ({
        hourStart: hour.hour_start,
        precipitationMm: hour.precip_hundredths / 100,
      }));
      const result = rainTrigger(terms, day, readings);
      if (!result.triggered) {
        if (group.paid && previousHundredths !== null && newHundredths < previousHundredths) {
          flagged = true;
          await manager.query(
            `INSERT INTO weather_review_flags (place_code, kind, reading_date, settled_hundredths, corrected_hundredths, reading_id, note)
             VALUES ($1, 'hourly_precip', $2, $3, $4, $5, $6)`,
            [
              place.code,
              day,
              previousHundredths,
              newHundredths,
              readingId,
              `${place.name} ${day} 降水量赔付后更正，窗口累计降为 ${result.windowTotalMm} 毫米（已赔付，不追回）`,
            ],
          );
          this.logger.warn(
            { placeCode: place.code, day, windowTotalMm: result.windowTotalMm },
            'rain corrected after payout: flagged',
          );
        }
        continue;
      }
      if (!group.open) continue;
      const [from, to] = [minuteOfDay(terms.windowStart), minuteOfDay(terms.windowEnd)];
      const inWindow = hours.filter(
        (hour) => beijingMinuteOfDay(hour.hour_start) >= from && beijingMinuteOfDay(hour.hour_start) < to,
      );
      const evidence: Omit<RainClaimEvidence, 'persons'> = {
        kind: 'rain',
        spotCode: place.code,
        spotName: place.name,
        stationId: place.stationId,
        visitDate: day,
        thresholdMm: terms.thresholdMm,
        windowStart: terms.windowStart,
        windowEnd: terms.windowEnd,
        windowTotalMm: result.windowTotalMm,
        hours: inWindow.map((hour) => ({
          hourStart: hour.hour_start.toISOString(),
          precipitationMm: hour.precip_hundredths / 100,
        })),
        rule: `${version.productCode} v${version.version}`,
        providerEventIds: inWindow.map((hour) => hour.event_id),
      };
      const [row] = (await manager.query(
        `WITH target AS (
           SELECT p.id, p.customer_id, p.payout_fen, p.units FROM policies p
            WHERE p.place_code = $1 AND p.cover_start_date = $2 AND p.product_version_id = $3 AND p.status = 'active'
            FOR UPDATE),
         inserted AS (
           INSERT INTO claims (claim_no, policy_id, customer_id, flight_id, product_version_id, status, amount_fen, evidence,
                               decided_by, approved_at, created_at, updated_at, insured_seq)
           SELECT business_number('C', $5, nextval('claim_no_seq')), t.id, t.customer_id, NULL, $3, 'approved', t.payout_fen / t.units,
                  $4::jsonb || jsonb_build_object('persons', 1), 'rule', $5, $5, $5, person.seq
             FROM target t CROSS JOIN LATERAL generate_series(1, t.units) AS person(seq)
           ON CONFLICT (policy_id, insured_seq) DO NOTHING
           RETURNING id, policy_id),
         claimed AS (UPDATE policies SET status = 'claimed' WHERE id IN (SELECT DISTINCT policy_id FROM inserted) RETURNING id)
         SELECT coalesce(array_agg(id), '{}') AS ids FROM inserted`,
        // Stamped on the business clock the readings and the policy use (one clock).
        [place.code, day, group.product_version_id, JSON.stringify(evidence), this.clock.now()],
      )) as { ids: string[] }[];
      const ids = row?.ids ?? [];
      if (ids.length > 0) {
        await tx.enqueue(CLAIM_QUEUES.notifyApproved, { claimIds: ids });
        approved += ids.length;
        this.logger.log(
          { placeCode: place.code, day, approved: ids.length, windowTotalMm: result.windowTotalMm },
          'rain claims approved',
        );
      }
    }
    return { approvedClaims: approved, flagged };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { beijingMinuteOfDay, minuteOfDay, rainTrigger, type RainClaimEvidence } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import type { Transaction } from '../../core/database/unit-of-work.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { ApproveRainClaimsUseCase } from '../claim/approve-rain-claims.use-case.js';
import { CLAIM_QUEUES } from '../claim/claim.queues.js';
import { CloseEndedCoverUseCase } from '../policy/close-ended-cover.use-case.js';
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
    private readonly rainClaims: ApproveRainClaimsUseCase,
    private readonly closePolicies: CloseEndedCoverUseCase,
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
      // The claim module approves one claim per insured person; the policy module closes the policies.
      const approvedClaims = await this.rainClaims.approve(tx, {
        placeCode: place.code,
        day,
        productVersionId: group.product_version_id,
        evidence,
        at: this.clock.now(),
      });
      await this.closePolicies.afterClaims(tx, { claimed: approvedClaims.policyIds, expired: [] });
      const ids = approvedClaims.claimIds;
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

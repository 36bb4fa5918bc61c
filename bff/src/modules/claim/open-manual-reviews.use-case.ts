import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Transaction } from '../../core/database/unit-of-work.js';

/**
 * products.md §1 "No data": a policy whose cover ended (scheduled arrival + the version's
 * manualReviewAfterMinutes, i.e. 6 h) while its flight has no final status gets a claim in the
 * manual-review queue. It is never silently dropped. A final status arriving later still decides
 * it by the rule (SettleFlightClaimsUseCase), unless customer service already has.
 */
@Injectable()
export class OpenManualReviewsUseCase {
  private readonly logger = new Logger('OpenManualReviews');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(now = new Date()): Promise<number> {
    const rows = (await this.dataSource.query(
      `INSERT INTO claims (claim_no, policy_id, customer_id, flight_id, product_version_id, status, amount_fen, evidence, decided_by, created_at, updated_at)
       SELECT business_number('C', $1, nextval('claim_no_seq')), p.id, p.customer_id, f.id, p.product_version_id, 'manual_review', p.payout_fen,
              jsonb_build_object(
                'kind', 'flight', 'flightNo', f.flight_no, 'flightDate', to_char(f.flight_date, 'YYYY-MM-DD'), 'outcome', 'no_final_status',
                'scheduledArrival', f.scheduled_arrival, 'actualArrival', NULL, 'delayMinutes', NULL,
                'thresholdMinutes', (v.terms ->> 'delayThresholdMinutes')::int, 'rule', pr.code || ' v' || v.version,
                'providerEventIds', (SELECT coalesce(jsonb_agg(ev.event_id ORDER BY ev.revision), '[]'::jsonb)
                                       FROM flight_status_events ev WHERE ev.flight_id = f.id AND ev.applied)),
              'sweep', $1, $1
         FROM policies p
         JOIN flights f ON f.id = p.flight_id
         JOIN product_versions v ON v.id = p.product_version_id
         JOIN products pr ON pr.id = v.product_id
        WHERE p.status = 'active' AND p.cover_end <= $1
          AND f.status NOT IN ('arrived', 'cancelled', 'diverted')
          AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.policy_id = p.id)
       ON CONFLICT (policy_id, insured_seq) DO NOTHING
       RETURNING id, claim_no`,
      [now],
    )) as { id: string; claim_no: string }[];
    if (rows.length > 0)
      this.logger.warn(
        { claims: rows.length, claimNos: rows.slice(0, 20).map((row) => row.claim_no) },
        'claims sent to manual review: no final flight status',
      );
    return rows.length;
  }

  /**
   * An implausible arrival was held for staff (the flight feed check): every active policy on the
   * flight without a claim goes to manual review, the held event as its evidence, in the caller's
   * transaction. Returns how many claims were opened.
   */
  async forHeldEvent(tx: Pick<Transaction, 'manager'>, flightId: string, eventId: string, now: Date): Promise<number> {
    const rows = (await tx.manager.query(
      `INSERT INTO claims (claim_no, policy_id, customer_id, flight_id, product_version_id, status, amount_fen, evidence, decided_by, created_at, updated_at)
       SELECT business_number('C', $3, nextval('claim_no_seq')), p.id, p.customer_id, f.id, p.product_version_id, 'manual_review', p.payout_fen,
              jsonb_build_object(
                'kind', 'flight', 'flightNo', f.flight_no, 'flightDate', to_char(f.flight_date, 'YYYY-MM-DD'), 'outcome', 'implausible_arrival',
                'scheduledArrival', f.scheduled_arrival, 'actualArrival', NULL, 'delayMinutes', NULL,
                'thresholdMinutes', (v.terms ->> 'delayThresholdMinutes')::int, 'rule', pr.code || ' v' || v.version,
                'providerEventIds', jsonb_build_array($2::varchar)),
              'feed_check', $3, $3
         FROM policies p
         JOIN flights f ON f.id = p.flight_id
         JOIN product_versions v ON v.id = p.product_version_id
         JOIN products pr ON pr.id = v.product_id
        WHERE p.flight_id = $1 AND p.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.policy_id = p.id)
       ON CONFLICT (policy_id, insured_seq) DO NOTHING
       RETURNING id`,
      [flightId, eventId, now],
    )) as { id: string }[];
    return rows.length;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { Transaction } from '../../core/database/unit-of-work.js';
import { CloseEndedCoverUseCase } from '../policy/close-ended-cover.use-case.js';
import { CLAIM_QUEUES } from './claim.queues.js';

export interface FlightSettlement {
  /** Claims approved by this settlement (new ones, and manual reviews the final status decided). */
  approvedClaimIds: string[];
  /** Policies whose flight ended without meeting their rule: cover over, nothing to pay. */
  lapsedPolicies: number;
  /** Manual-review claims the final status rejected. */
  rejectedClaims: number;
}

/**
 * The evidence of a flight claim, as SQL: the flight's facts (CTE `f`), the rule of the policy's own
 * product version (CTE `e`), and every applied provider event id.
 */
const EVIDENCE = `jsonb_build_object(
  'kind', 'flight', 'flightNo', f.flight_no, 'flightDate', f.flight_date, 'outcome', f.status,
  'scheduledArrival', f.scheduled_arrival, 'actualArrival', f.actual_arrival, 'delayMinutes', f.delay_minutes,
  'thresholdMinutes', e.threshold, 'rule', e.rule, 'providerEventIds', f.event_ids)`;

/**
 * A flight reached a final status: every active policy on it is decided by the rule of the version
 * it was sold under, in ONE set-based statement (products.md: "Settlement must be set-based SQL").
 * - arrived: delay (actual − scheduled arrival, whole minutes) ≥ the version's threshold;
 * - cancelled / diverted: the version's paysOnCancellation / paysOnDiversion.
 * Triggered policies get exactly one approved claim (the unique constraint on claims.policy_id) and
 * become `claimed`; the others lapse (`expired`), both by the policy module in a second statement. Manual-review claims of the flight are decided by
 * the same rule. The subscribe messages of the whole settlement are ONE job, enqueued in the same
 * transaction, so an approved claim and its notification commit together.
 */
@Injectable()
export class SettleFlightClaimsUseCase {
  private readonly logger = new Logger('SettleFlightClaimsUseCase');

  constructor(private readonly closePolicies: CloseEndedCoverUseCase) {}

  async settle(tx: Transaction, flightId: string, now = new Date()): Promise<FlightSettlement> {
    const [result] = (await tx.manager.query(
      `WITH f AS (
         SELECT fl.id, fl.flight_no, to_char(fl.flight_date, 'YYYY-MM-DD') AS flight_date, fl.status, fl.scheduled_arrival, fl.actual_arrival,
                CASE WHEN fl.status = 'arrived' AND fl.actual_arrival IS NOT NULL
                     THEN floor(extract(epoch FROM fl.actual_arrival - fl.scheduled_arrival) / 60)::int END AS delay_minutes,
                (SELECT coalesce(jsonb_agg(ev.event_id ORDER BY ev.revision, ev.received_at), '[]'::jsonb)
                   FROM flight_status_events ev WHERE ev.flight_id = fl.id AND ev.applied) AS event_ids
           FROM flights fl WHERE fl.id = $1 AND fl.status IN ('arrived', 'cancelled', 'diverted')),
       e AS (
         SELECT p.id AS policy_id, p.customer_id, p.payout_fen, p.product_version_id, c.id AS review_claim_id,
                pr.code || ' v' || v.version AS rule,
                (v.terms ->> 'delayThresholdMinutes')::int AS threshold,
                CASE f.status
                  WHEN 'arrived' THEN coalesce(f.delay_minutes >= (v.terms ->> 'delayThresholdMinutes')::int, false)
                  WHEN 'cancelled' THEN coalesce((v.terms ->> 'paysOnCancellation')::boolean, false)
                  WHEN 'diverted' THEN coalesce((v.terms ->> 'paysOnDiversion')::boolean, false)
                END AS triggered
           FROM f
           JOIN policies p ON p.flight_id = f.id AND p.status = 'active'
           JOIN product_versions v ON v.id = p.product_version_id
           JOIN products pr ON pr.id = v.product_id
           LEFT JOIN claims c ON c.policy_id = p.id
          WHERE c.id IS NULL OR c.status = 'manual_review'),
       inserted AS (
         INSERT INTO claims (claim_no, policy_id, customer_id, flight_id, product_version_id, status, amount_fen, evidence,
                             decided_by, approved_at, created_at, updated_at)
         SELECT business_number('C', $2, nextval('claim_no_seq')), e.policy_id, e.customer_id, f.id, e.product_version_id,
                'approved', e.payout_fen, ${EVIDENCE}, 'rule', $2, $2, $2
           FROM e CROSS JOIN f
          WHERE e.triggered AND e.review_claim_id IS NULL
         ON CONFLICT (policy_id, insured_seq) DO NOTHING
         RETURNING id, policy_id),
       reviewed AS (
         UPDATE claims c
            SET status = CASE WHEN e.triggered THEN 'approved' ELSE 'rejected' END,
                evidence = ${EVIDENCE}, decided_by = 'rule', updated_at = $2,
                approved_at = CASE WHEN e.triggered THEN $2::timestamptz END,
                rejected_reason = CASE WHEN e.triggered THEN NULL ELSE '航班最终状态未达到理赔条件' END
           FROM e CROSS JOIN f
          WHERE c.id = e.review_claim_id AND c.status = 'manual_review'
         RETURNING c.id, c.policy_id, c.status),
       approved AS (SELECT id, policy_id FROM inserted UNION ALL SELECT id, policy_id FROM reviewed WHERE status = 'approved')
       SELECT (SELECT coalesce(array_agg(id), '{}') FROM approved) AS approved_ids,
              (SELECT coalesce(array_agg(policy_id), '{}') FROM approved) AS claimed_policy_ids,
              (SELECT coalesce(array_agg(policy_id), '{}') FROM e WHERE NOT e.triggered) AS lapsed_policy_ids,
              (SELECT count(*) FROM reviewed WHERE status = 'rejected')::int AS rejected`,
      [flightId, now],
    )) as { approved_ids: string[]; claimed_policy_ids: string[]; lapsed_policy_ids: string[]; rejected: number }[];
    // The policy module closes the policies: claimed, or lapsed (expired) when the rule did not pay.
    const closed = await this.closePolicies.afterClaims(tx, {
      claimed: result?.claimed_policy_ids ?? [],
      expired: result?.lapsed_policy_ids ?? [],
    });
    const approvedClaimIds = result?.approved_ids ?? [];
    if (approvedClaimIds.length > 0) {
      await tx.enqueue(CLAIM_QUEUES.notifyApproved, { claimIds: approvedClaimIds });
      this.logger.log(
        { flightId, approved: approvedClaimIds.length, lapsed: closed.expired },
        'flight claims approved',
      );
    }
    return { approvedClaimIds, lapsedPolicies: closed.expired, rejectedClaims: result?.rejected ?? 0 };
  }
}

import { Injectable } from '@nestjs/common';
import { rowsOf } from '../../core/database/rows-of.js';

/** Whatever runs SQL and answers rows: a transaction's EntityManager, or a fixture's adapter over a pg client. */
export interface SqlRunner {
  query(text: string, parameters?: unknown[]): Promise<unknown>;
}

/** A HEAT37 policy just issued, whose one claim opens with it. */
export interface HeatClaimToOpen {
  policyId: string;
  customerId: string;
  productVersionId: string;
  cityCode: string;
}

/**
 * One slice of a HEAT37 hot day's settlement: the covers (cohorts) that hold the day, each with its
 * number of settled hot days this day included, and a tid range of the policies table.
 */
export interface HeatAccrualSlice {
  placeCode: string;
  day: string;
  cohorts: { start: string; end: string; hotDays: number }[];
  /** `[(from,0), (to,0))` tids of `policies`. */
  bounds: [string, string];
  at: Date;
}

/** What one slice wrote: accrual rows, how many of them pay, their fen, the claims grown and those opened by it. */
export interface HeatAccrualSliceResult {
  accruals: number;
  paying: number;
  fen: string;
  grown: number;
  opened: number;
}

/** A transfer bill of the claim changed state (payout's side of it is already written). */
export interface ClaimBillOutcome {
  claimId: string;
  /** The bill's attempt number, and its amount. */
  attempt: number;
  amountFen: number;
  /** The bill's new state (WeChat Pay's transfer-bill states). */
  state: string;
  /** The business time of the change. */
  at: Date;
}

/**
 * The claim's status for a bill state of its current attempt. SUCCESS pays the bill's amount: the
 * claim is `paid` when that covers everything earned, else (a HEAT37 claim grew meanwhile) it is
 * `approved` again, collectable for the rest.
 */
const CLAIM_STATUS_FOR_BILL_SQL = `CASE $2::varchar
  WHEN 'SUCCESS' THEN CASE WHEN c.paid_fen + $4::int >= c.amount_fen THEN 'paid' ELSE 'approved' END
  WHEN 'FAIL' THEN 'failed' WHEN 'CANCELLED' THEN 'expired' ELSE 'offered' END`;

/**
 * The writer of `claims` and of HEAT37's `heat_accruals` (the daily lines a heat claim grows by),
 * with the claim module's use cases (issue 15: one owner per record). Every method runs ONE
 * statement on the caller's runner, so it joins the caller's transaction.
 */
@Injectable()
export class ClaimRepository {
  /**
   * HEAT37: each policy's one claim is opened with it, approved at 0, and grows as hot days are
   * settled (so that a hot day updates a million claims rather than inserting them).
   */
  async openHeatClaims(db: SqlRunner, rows: HeatClaimToOpen[], at: Date): Promise<void> {
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO claims (claim_no, policy_id, customer_id, flight_id, product_version_id, status, amount_fen, evidence,
                           decided_by, notify_state, created_at, updated_at)
       SELECT business_number('C', $5, nextval('claim_no_seq')), r.policy_id, r.customer_id, NULL, r.version_id, 'approved', 0,
              jsonb_build_object('kind', 'heat', 'cityCode', r.city_code), 'rule', 'none', $5, $5
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[]) WITH ORDINALITY AS r(policy_id, customer_id, version_id, city_code, n)
        ORDER BY r.n`,
      [
        rows.map((row) => row.policyId),
        rows.map((row) => row.customerId),
        rows.map((row) => row.productVersionId),
        rows.map((row) => row.cityCode),
        at,
      ],
    );
  }

  /**
   * A bill's state reaches its claim: it only moves the claim while it is the claim's current
   * attempt, except SUCCESS, which always means paid; a paid claim never moves again. Returns the
   * claim's number and status when it changed, else null.
   */
  async applyBillOutcome(
    db: SqlRunner,
    outcome: ClaimBillOutcome,
  ): Promise<{ claimNo: string; status: string } | null> {
    // UPDATE … RETURNING answers [rows, rowCount] through TypeORM: rowsOf gives the rows.
    const rows = rowsOf<{ claim_no: string; status: string }>(
      await db.query(
        `UPDATE claims c
          SET status = ${CLAIM_STATUS_FOR_BILL_SQL},
              paid_fen = CASE WHEN $2::varchar = 'SUCCESS' THEN c.paid_fen + $4::int ELSE c.paid_fen END,
              paid_at = CASE WHEN $2::varchar = 'SUCCESS' THEN $5::timestamptz ELSE c.paid_at END,
              offered_at = CASE WHEN $2::varchar NOT IN ('SUCCESS', 'FAIL', 'CANCELLED') THEN coalesce(c.offered_at, $5::timestamptz) ELSE c.offered_at END,
              updated_at = now()
        WHERE c.id = $1 AND c.status <> 'paid' AND ($3::int = c.payout_attempt OR $2::varchar = 'SUCCESS')
       RETURNING c.claim_no, c.status`,
        [outcome.claimId, outcome.state, outcome.attempt, outcome.amountFen, outcome.at],
      ),
    );
    const changed = rows[0];
    return changed ? { claimNo: changed.claim_no, status: changed.status } : null;
  }

  /** A new transfer-bill attempt is opened for the claim (拆红包 after the previous one ended unpaid). */
  async startPayoutAttempt(db: SqlRunner, claimId: string, attempt: number): Promise<void> {
    await db.query(`UPDATE claims SET payout_attempt = $2, updated_at = now() WHERE id = $1`, [claimId, attempt]);
  }

  /**
   * Staff re-offer the red packet: a new attempt, the claim `approved` (collectable) again, and its
   * subscribe message due again.
   */
  async reofferPayout(db: SqlRunner, claimId: string, attempt: number): Promise<void> {
    await db.query(
      `UPDATE claims SET payout_attempt = $2, status = 'approved', notify_state = 'pending', updated_at = now() WHERE id = $1`,
      [claimId, attempt],
    );
  }

  /**
   * RAIN: the spot's rain met the rule on the visit day, so every active policy of that spot, day and
   * product version gets one approved claim per insured person (its share of the payout), the
   * policies locked while they are read. A replay inserts nothing. Returns the new claims and their
   * policies.
   */
  async approveRainClaims(
    db: SqlRunner,
    rain: { placeCode: string; day: string; productVersionId: string; evidence: object; at: Date },
  ): Promise<{ claimIds: string[]; policyIds: string[] }> {
    const [row] = (await db.query(
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
         RETURNING id, policy_id)
       SELECT coalesce(array_agg(id), '{}') AS ids, coalesce(array_agg(DISTINCT policy_id), '{}') AS policy_ids FROM inserted`,
      [rain.placeCode, rain.day, rain.productVersionId, JSON.stringify(rain.evidence), rain.at],
    )) as { ids: string[]; policy_ids: string[] }[];
    return { claimIds: row?.ids ?? [], policyIds: row?.policy_ids ?? [] };
  }

  /**
   * HEAT37's hot day, one slice of the policies: each policy of the place whose cover holds the day
   * (never a cancelled one) gets one accrual row per (policy, day), the primary key making a replay
   * write nothing; the amount is `payout(n) − payout(n − 1)`, payout(n) = min(cap, tick ×
   * max(0, n − deductible)) for all its units, n being its cohort's hot days. In the same statement
   * each paying accrual grows the policy's one claim (opened with it at 0), which becomes collectable
   * again if it had been paid out. One statement, so that a million accruals never pass through
   * Node; it is preceded by two planner settings for the caller's transaction: each paying accrual
   * finds its claim through the one-claim-per-policy index, where a hash join would read the whole
   * claims table once per slice.
   */
  async accrueHeatSlice(db: SqlRunner, slice: HeatAccrualSlice): Promise<HeatAccrualSliceResult> {
    await db.query(`SET LOCAL enable_hashjoin = off`);
    await db.query(`SET LOCAL enable_mergejoin = off`);
    const [row] = (await db.query(
      `WITH cohort AS (SELECT * FROM unnest($3::date[], $4::date[], $5::int[]) AS c(s, e, n)),
       target AS (
         SELECT p.id, p.customer_id, p.product_version_id, p.payout_fen, p.tick_fen, p.deductible_days, c.n
           FROM policies p JOIN cohort c ON c.s = p.cover_start_date AND c.e = p.cover_end_date
          WHERE p.ctid >= $6::tid AND p.ctid < $7::tid AND p.place_code = $1 AND p.status <> 'cancelled'),
       acc AS (
         INSERT INTO heat_accruals (policy_id, day, hot_day_no, amount_fen)
         SELECT t.id, $2::date, t.n,
                least(t.payout_fen, t.tick_fen * greatest(0, t.n - t.deductible_days))
                  - least(t.payout_fen, t.tick_fen * greatest(0, t.n - 1 - t.deductible_days))
           FROM target t ORDER BY t.id
         ON CONFLICT (policy_id, day) DO NOTHING
         RETURNING policy_id, amount_fen),
       -- The policy's claim was opened with it: it only grows. No indexed column changes, so with
       -- the table's free space this is a HOT update (no index entries).
       grown AS (
         UPDATE claims c
            SET amount_fen = c.amount_fen + a.amount_fen,
                status = CASE WHEN c.status = 'paid' THEN 'approved' ELSE c.status END,
                approved_at = $8, updated_at = $8
           FROM acc a
          WHERE c.policy_id = a.policy_id AND a.amount_fen > 0
         RETURNING c.amount_fen = a.amount_fen AS opened)
       SELECT (SELECT count(*) FROM acc)::int AS accruals,
              (SELECT count(*) FROM acc WHERE amount_fen > 0)::int AS paying,
              (SELECT coalesce(sum(amount_fen), 0) FROM acc)::bigint AS fen,
              (SELECT count(*) FROM grown)::int AS grown,
              (SELECT count(*) FILTER (WHERE opened) FROM grown)::int AS opened`,
      [
        slice.placeCode,
        slice.day,
        slice.cohorts.map((cohort) => cohort.start),
        slice.cohorts.map((cohort) => cohort.end),
        slice.cohorts.map((cohort) => cohort.hotDays),
        slice.bounds[0],
        slice.bounds[1],
        slice.at,
      ],
    )) as HeatAccrualSliceResult[];
    return row!;
  }

  /** A HEAT37 policy cancelled before its cover began: its claim, opened at 0, is closed unpaid. */
  async closeUnpaidOnCancellation(db: SqlRunner, policyId: string, at: Date): Promise<void> {
    await db.query(
      `UPDATE claims SET status = 'rejected', rejected_reason = '保单已在保障开始前退保', updated_at = $2
        WHERE policy_id = $1 AND amount_fen = 0 AND status = 'approved'`,
      [policyId, at],
    );
  }
}

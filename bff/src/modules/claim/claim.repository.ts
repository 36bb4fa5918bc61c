import { Injectable } from '@nestjs/common';

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
 * The `claims` table's writer, with the claim module's use cases (issue 15: one owner per record).
 * Every method runs ONE statement on the caller's runner, so it joins the caller's transaction.
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
}

import { Injectable } from '@nestjs/common';
import { named } from '../../core/database/named-parameters.js';
import { rowsOf } from '../../core/database/rows-of.js';

/** Whatever runs SQL and answers rows: a transaction's EntityManager, or a fixture's adapter over a pg client. */
export interface SqlRunner {
  query(text: string, parameters?: unknown[]): Promise<unknown>;
}

/** A flight-delay policy about to be issued for a paid order. */
export interface FlightPolicyToIssue {
  policyNo: string;
  orderId: string;
  customerId: string;
  productVersionId: string;
  flightId: string;
  premiumFen: number;
  payoutFen: number;
  insuredIdIndex: string;
  coverStart: Date;
  coverEnd: Date;
}

/** A weather policy (HEAT37 or RAIN): the cover is whole Beijing days, from the first to the last included. */
export interface WeatherPolicyToIssue {
  policyNo: string;
  orderId: string;
  customerId: string;
  productVersionId: string;
  placeCode: string;
  units: number;
  /** YYYY-MM-DD, Beijing. */
  coverStartDate: string;
  coverEndDate: string;
  premiumFen: number;
  payoutFen: number;
  insuredIdIndex: string;
  /** HEAT37 only: hot days not paid, and what each paid hot day adds to the claim. */
  deductibleDays: number | null;
  tickFen: number | null;
}

export interface IssuedPolicy {
  orderId: string;
  policyId: string;
}

/**
 * The `policies` table's only writer, with the policy module's use cases (issue 15: one owner per
 * record). Every method runs ONE statement on the caller's runner, so it joins the caller's
 * transaction, and takes many rows at once where issuing is batched.
 */
@Injectable()
export class PolicyRepository {
  /**
   * Issues flight policies, one statement for all of them. One policy per insured per flight (the
   * partial unique index): a row whose insured already holds one is skipped, so it is missing from
   * the answer. Rows are written in (flight, insured) order, so that two concurrent groups take the
   * unique index's entries in the same order and cannot deadlock on them.
   */
  async insertFlightPolicies(db: SqlRunner, rows: FlightPolicyToIssue[], issuedAt: Date): Promise<IssuedPolicy[]> {
    if (rows.length === 0) return [];
    const sorted = [...rows].sort(
      (a, b) =>
        a.flightId.localeCompare(b.flightId) ||
        a.insuredIdIndex.localeCompare(b.insuredIdIndex) ||
        a.orderId.localeCompare(b.orderId),
    );
    const column = <T>(pick: (row: FlightPolicyToIssue) => T): T[] => sorted.map(pick);
    const issued = (await db.query(
      ...named(
        `INSERT INTO policies (policy_no, order_id, customer_id, product_version_id, product_id, flight_id, premium_fen, payout_fen,
                               insured_id_index, cover_start, cover_end, issued_at)
         SELECT r.policy_no, r.order_id, r.customer_id, r.version_id,
                (SELECT v.product_id FROM product_versions v WHERE v.id = r.version_id), r.flight_id, r.premium, r.payout,
                r.id_index, r.cover_start, r.cover_end, $issuedAt
           FROM unnest($policyNo::varchar[], $orderId::uuid[], $customerId::uuid[], $productVersionId::uuid[],
                       $flightId::uuid[], $premiumFen::int[], $payoutFen::int[], $insuredIdIndex::varchar[],
                       $coverStart::timestamptz[], $coverEnd::timestamptz[]) WITH ORDINALITY
             AS r(policy_no, order_id, customer_id, version_id, flight_id, premium, payout, id_index, cover_start, cover_end, n)
          ORDER BY r.n
         ON CONFLICT (flight_id, insured_id_index) WHERE status <> 'cancelled' DO NOTHING
         RETURNING order_id, id`,
        {
          policyNo: column((row) => row.policyNo),
          orderId: column((row) => row.orderId),
          customerId: column((row) => row.customerId),
          productVersionId: column((row) => row.productVersionId),
          flightId: column((row) => row.flightId),
          premiumFen: column((row) => row.premiumFen),
          payoutFen: column((row) => row.payoutFen),
          insuredIdIndex: column((row) => row.insuredIdIndex),
          coverStart: column((row) => row.coverStart),
          coverEnd: column((row) => row.coverEnd),
          issuedAt,
        },
      ),
    )) as { order_id: string; id: string }[];
    return issued.map((row) => ({ orderId: row.order_id, policyId: row.id }));
  }

  /**
   * Issues weather policies, one statement for all of them. The cover runs from 00:00 Beijing on the
   * first day to 24:00 on the last. One policy per insured per product and city-season or spot-day
   * (the partial unique index): a duplicate is skipped, so it is missing from the answer.
   */
  async insertWeatherPolicies(db: SqlRunner, rows: WeatherPolicyToIssue[], issuedAt: Date): Promise<IssuedPolicy[]> {
    if (rows.length === 0) return [];
    const sorted = [...rows].sort(
      (a, b) =>
        a.placeCode.localeCompare(b.placeCode) ||
        a.coverEndDate.localeCompare(b.coverEndDate) ||
        a.insuredIdIndex.localeCompare(b.insuredIdIndex) ||
        a.orderId.localeCompare(b.orderId),
    );
    const column = <T>(pick: (row: WeatherPolicyToIssue) => T): T[] => sorted.map(pick);
    const issued = (await db.query(
      ...named(
        `INSERT INTO policies (policy_no, order_id, customer_id, product_version_id, product_id, flight_id, place_code, units,
                               cover_start_date, cover_end_date, premium_fen, payout_fen, insured_id_index, cover_start, cover_end,
                               deductible_days, tick_fen, issued_at)
         SELECT r.policy_no, r.order_id, r.customer_id, r.version_id,
                (SELECT v.product_id FROM product_versions v WHERE v.id = r.version_id), NULL, r.place_code, r.units,
                r.start_date, r.end_date,
                r.premium, r.payout, r.id_index, (r.start_date::timestamp AT TIME ZONE 'Asia/Shanghai'),
                ((r.end_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'), r.deductible_days, r.tick_fen, $issuedAt
           FROM unnest($policyNo::varchar[], $orderId::uuid[], $customerId::uuid[], $productVersionId::uuid[],
                       $placeCode::varchar[], $units::int[], $coverStartDate::date[], $coverEndDate::date[],
                       $premiumFen::int[], $payoutFen::int[], $insuredIdIndex::varchar[], $deductibleDays::int[],
                       $tickFen::int[]) WITH ORDINALITY
             AS r(policy_no, order_id, customer_id, version_id, place_code, units, start_date, end_date, premium, payout,
                  id_index, deductible_days, tick_fen, n)
          ORDER BY r.n
         ON CONFLICT (product_id, place_code, cover_end_date, insured_id_index)
           WHERE status <> 'cancelled' AND place_code IS NOT NULL DO NOTHING
         RETURNING order_id, id`,
        {
          policyNo: column((row) => row.policyNo),
          orderId: column((row) => row.orderId),
          customerId: column((row) => row.customerId),
          productVersionId: column((row) => row.productVersionId),
          placeCode: column((row) => row.placeCode),
          units: column((row) => row.units),
          coverStartDate: column((row) => row.coverStartDate),
          coverEndDate: column((row) => row.coverEndDate),
          premiumFen: column((row) => row.premiumFen),
          payoutFen: column((row) => row.payoutFen),
          insuredIdIndex: column((row) => row.insuredIdIndex),
          deductibleDays: column((row) => row.deductibleDays),
          tickFen: column((row) => row.tickFen),
          issuedAt,
        },
      ),
    )) as { order_id: string; id: string }[];
    return issued.map((row) => ({ orderId: row.order_id, policyId: row.id }));
  }

  /**
   * Takes back policies written earlier in the caller's transaction that cannot be issued after all
   * (the flight's or the place's capacity ran out): they were never visible outside it, and their
   * orders are refunded instead.
   */
  async withdrawUnissued(db: SqlRunner, policyIds: string[]): Promise<void> {
    if (policyIds.length === 0) return;
    await db.query(`DELETE FROM policies WHERE id = ANY($1::uuid[]) AND status = 'active'`, [policyIds]);
  }

  /**
   * Closes weather policies whose cover is over: `claimed` when their claim earned something, else
   * `expired`. RAIN (no tick) closes once its visit day (before `today`) is over; HEAT37 once its
   * last covered day is before `heatClosesBefore`, so that a late reading can still be settled. The
   * cover's end instant bounds both, so the active-cover-end index finds them. Returns how many closed.
   */
  async closeEndedWeatherCover(db: SqlRunner, today: string, heatClosesBefore: string): Promise<number> {
    // UPDATE … RETURNING answers [rows, rowCount] through TypeORM: rowsOf gives the rows.
    const closed = rowsOf<{ id: string }>(
      await db.query(
        `UPDATE policies p SET status = CASE WHEN EXISTS (SELECT 1 FROM claims c WHERE c.policy_id = p.id AND c.amount_fen > 0) THEN 'claimed' ELSE 'expired' END
        WHERE p.status = 'active' AND p.cover_end <= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND p.place_code IS NOT NULL
          AND p.cover_end_date < CASE WHEN p.tick_fen IS NULL THEN $1::date ELSE $2::date END
       RETURNING p.id`,
        [today, heatClosesBefore],
      ),
    );
    return closed.length;
  }

  /**
   * Claims decided the policies: those with an approved claim become `claimed`, those their rule
   * did not pay `expired`; only active policies move. One statement for both lists; returns how
   * many of each moved.
   */
  async closeForClaims(
    db: SqlRunner,
    claimed: string[],
    expired: string[],
  ): Promise<{ claimed: number; expired: number }> {
    if (claimed.length === 0 && expired.length === 0) return { claimed: 0, expired: 0 };
    const [row] = (await db.query(
      `WITH closed AS (
         UPDATE policies SET status = CASE WHEN id = ANY($1::uuid[]) THEN 'claimed' ELSE 'expired' END
          WHERE (id = ANY($1::uuid[]) OR id = ANY($2::uuid[])) AND status = 'active'
         RETURNING status)
       SELECT count(*) FILTER (WHERE status = 'claimed')::int AS claimed, count(*) FILTER (WHERE status = 'expired')::int AS expired
         FROM closed`,
      [claimed, expired],
    )) as { claimed: number; expired: number }[];
    return { claimed: row!.claimed, expired: row!.expired };
  }
}

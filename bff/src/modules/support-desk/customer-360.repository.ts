import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CustomerSearchQuery, SupportRefund } from '@xiaoan/shared';
import { GROWING_EVIDENCE_KINDS } from '../../products/index.js';
import { CLAIM_SELECT, SHOWN_TO_CUSTOMER, type ClaimRow } from '../claim/claim.record.js';

/** "MU5101 2026-12-09", "上海 2027-06-21 至 2027-09-10", "西湖 2027-07-21": what the cover is on. */
const SUBJECT_SQL = (alias: string) => `
  CASE WHEN ${alias}.flight_id IS NOT NULL
       THEN (SELECT f.flight_no || ' ' || to_char(f.flight_date, 'YYYY-MM-DD') FROM flights f WHERE f.id = ${alias}.flight_id)
       ELSE (SELECT w.name FROM weather_places w WHERE w.code = ${alias}.place_code) || ' ' || to_char(${alias}.cover_start_date, 'YYYY-MM-DD')
            || CASE WHEN ${alias}.cover_end_date <> ${alias}.cover_start_date THEN ' 至 ' || to_char(${alias}.cover_end_date, 'YYYY-MM-DD') ELSE '' END
  END`;

export interface SearchHitRow {
  customer_id: string;
  insured_name_masked: string;
  insured_phone_masked: string;
  order_no: string;
  policy_no: string | null;
  product_version_id: string;
  subject: string;
  created_at: Date;
}

export interface CustomerRow {
  id: string;
  openid: string;
  created_at: Date;
  last_login_at: Date;
}

export interface OrderRow360 {
  id: string;
  order_no: string;
  status: 'pending_payment' | 'paid' | 'issued' | 'refunding' | 'refunded' | 'closed';
  amount_fen: number;
  product_version_id: string;
  subject: string;
  insured_name_masked: string;
  insured_id_masked: string;
  insured_phone_masked: string;
  created_at: Date;
  paid_at: Date | null;
  policy_no: string | null;
  refund_reason: string | null;
  refund: {
    refund_no: string;
    status: SupportRefund['status'];
    amount_fen: number;
    reason: string;
    created_at: string;
    completed_at: string | null;
  } | null;
  trail: { type: string; page: string; at: string; duration_ms: number | null; detail: string | null }[] | null;
}

export interface PolicyRow360 {
  policy_no: string;
  order_no: string;
  status: 'active' | 'claimed' | 'expired' | 'cancelled';
  product_version_id: string;
  subject: string;
  premium_fen: number;
  payout_fen: number;
  cover_start: Date;
  cover_end: Date;
  issued_at: Date;
  claimed_fen: number;
  is_flight: boolean;
  /** A claim with money on it, or waiting for a decision (what the cancellation rule counts). */
  has_payable_claim: boolean;
  flight_status: 'scheduled' | 'delayed' | 'departed' | 'arrived' | 'cancelled' | 'diverted' | null;
  flight_actual_departure: Date | null;
}

export interface BillRow360 {
  claim_id: string;
  out_bill_no: string;
  attempt: number;
  state: string;
  amount_fen: number;
  fail_reason: string | null;
  last_error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface ReplayRow {
  customer_id: string;
  policy_no: string;
  order_no: string;
  product_version_id: string;
  exclusions_read_version_id: string;
  order_created_at: Date;
  paid_at: Date | null;
  issued_at: Date;
  version_effective_from: Date;
  trail: { type: string; page: string; at: string; duration_ms: number | null; detail: string | null }[] | null;
}

export interface EncryptedIdentityRow {
  order_no: string;
  insured_name_encrypted: string;
  insured_id_encrypted: string;
  insured_phone_encrypted: string;
}

const HIT_SELECT = `
  SELECT o.customer_id, o.insured_name_masked, o.insured_phone_masked, o.order_no, p.policy_no, o.product_version_id,
         ${SUBJECT_SQL('o')} AS subject, o.created_at
    FROM orders o LEFT JOIN policies p ON p.order_id = o.id`;

const MAX_HITS = 50;

/** Customer service's reads of a customer's records: every query keyed, none scans personal data. */
@Injectable()
export class Customer360Repository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One way of finding, by its key; a phone arrives here as its blind index only. */
  async search(query: CustomerSearchQuery, phoneIndex: string | null): Promise<SearchHitRow[]> {
    const run = (where: string, params: unknown[]) =>
      this.dataSource.query(
        `${HIT_SELECT} WHERE ${where} ORDER BY o.created_at DESC LIMIT ${MAX_HITS}`,
        params,
      ) as Promise<SearchHitRow[]>;
    if (query.policyNo) return run(`p.policy_no = $1`, [query.policyNo]);
    if (query.orderNo) return run(`o.order_no = $1`, [query.orderNo]);
    if (query.claimNo)
      return run(
        `o.id = (SELECT p2.order_id FROM claims c JOIN policies p2 ON p2.id = c.policy_id WHERE c.claim_no = $1)`,
        [query.claimNo],
      );
    if (phoneIndex) return run(`o.insured_phone_index = $1`, [phoneIndex]);
    return run(
      `o.flight_id = (SELECT f.id FROM flights f WHERE f.flight_no = $1 AND f.flight_date = $2) AND o.insured_name_masked = $3`,
      [query.flightNo, query.flightDate, query.nameMasked],
    );
  }

  async customer(customerId: string): Promise<CustomerRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT id, openid, created_at, last_login_at FROM customers WHERE id = $1`,
      [customerId],
    )) as CustomerRow[];
    return rows[0];
  }

  /** Every order, paid or not, refunded or not, with its refund and its sales trail. */
  orders(customerId: string): Promise<OrderRow360[]> {
    return this.dataSource.query(
      `SELECT o.id, o.order_no, o.status, o.amount_fen, o.product_version_id, ${SUBJECT_SQL('o')} AS subject,
              o.insured_name_masked, o.insured_id_masked, o.insured_phone_masked, o.created_at, o.paid_at, p.policy_no, o.refund_reason,
              (SELECT json_build_object('refund_no', r.refund_no, 'status', r.status, 'amount_fen', r.amount_fen, 'reason', r.reason,
                                        'created_at', r.created_at, 'completed_at', r.completed_at)
                 FROM refunds r WHERE r.order_id = o.id) AS refund,
              (SELECT json_agg(json_build_object('type', e.type, 'page', e.page, 'at', e.at, 'duration_ms', e.duration_ms, 'detail', e.detail) ORDER BY e.at, e.id)
                 FROM sales_trail_events e WHERE e.order_id = o.id) AS trail
         FROM orders o LEFT JOIN policies p ON p.order_id = o.id
        WHERE o.customer_id = $1 ORDER BY o.created_at DESC LIMIT 200`,
      [customerId],
    ) as Promise<OrderRow360[]>;
  }

  policies(customerId: string): Promise<PolicyRow360[]> {
    return this.dataSource.query(
      `SELECT p.policy_no, o.order_no, p.status, p.product_version_id, ${SUBJECT_SQL('p')} AS subject, p.premium_fen, p.payout_fen,
              p.cover_start, p.cover_end, p.issued_at, p.flight_id IS NOT NULL AS is_flight,
              (SELECT coalesce(sum(c.amount_fen), 0)::int FROM claims c WHERE c.policy_id = p.id) AS claimed_fen,
              EXISTS (SELECT 1 FROM claims c WHERE c.policy_id = p.id AND (c.amount_fen > 0 OR c.status = 'manual_review')) AS has_payable_claim,
              f.status AS flight_status, f.actual_departure AS flight_actual_departure
         FROM policies p JOIN orders o ON o.id = p.order_id LEFT JOIN flights f ON f.id = p.flight_id
        WHERE p.customer_id = $1 ORDER BY p.issued_at DESC LIMIT 200`,
      [customerId],
    ) as Promise<PolicyRow360[]>;
  }

  /** The customer's claims (a HEAT37 claim once something accrued), newest first. */
  claims(customerId: string): Promise<ClaimRow[]> {
    return this.dataSource.query(
      `${CLAIM_SELECT} WHERE c.customer_id = $1 AND ${SHOWN_TO_CUSTOMER}
        ORDER BY c.created_at DESC, c.claim_no DESC LIMIT 200`,
      [customerId, GROWING_EVIDENCE_KINDS],
    ) as Promise<ClaimRow[]>;
  }

  claimExtras(claimIds: string[]): Promise<{ id: string; payout_attempt: number; decided_by: string }[]> {
    return this.dataSource.query(`SELECT id, payout_attempt, decided_by FROM claims WHERE id = ANY($1::uuid[])`, [
      claimIds,
    ]) as Promise<{ id: string; payout_attempt: number; decided_by: string }[]>;
  }

  bills(claimIds: string[]): Promise<BillRow360[]> {
    return this.dataSource.query(
      `SELECT claim_id, out_bill_no, attempt, state, amount_fen, fail_reason, last_error, created_at, finished_at
         FROM payout_bills WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, attempt`,
      [claimIds],
    ) as Promise<BillRow360[]>;
  }

  consents(customerId: string): Promise<{ template_id: string; accepted_count: number; updated_at: Date }[]> {
    return this.dataSource.query(
      `SELECT template_id, accepted_count, updated_at FROM subscriptions WHERE customer_id = $1 ORDER BY template_id`,
      [customerId],
    ) as Promise<{ template_id: string; accepted_count: number; updated_at: Date }[]>;
  }

  /** The encrypted identity of one of the customer's orders (decrypted only for an audited reveal). */
  async encryptedIdentity(customerId: string, orderNo: string): Promise<EncryptedIdentityRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT order_no, insured_name_encrypted, insured_id_encrypted, insured_phone_encrypted FROM orders WHERE customer_id = $1 AND order_no = $2`,
      [customerId, orderNo],
    )) as EncryptedIdentityRow[];
    return rows[0];
  }

  async replay(policyNo: string): Promise<ReplayRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT p.customer_id, p.policy_no, o.order_no, p.product_version_id, o.exclusions_read_version_id, o.created_at AS order_created_at,
              o.paid_at, p.issued_at, v.effective_from AS version_effective_from,
              (SELECT json_agg(json_build_object('type', e.type, 'page', e.page, 'at', e.at, 'duration_ms', e.duration_ms, 'detail', e.detail) ORDER BY e.at, e.id)
                 FROM sales_trail_events e WHERE e.order_id = o.id) AS trail
         FROM policies p JOIN orders o ON o.id = p.order_id JOIN product_versions v ON v.id = p.product_version_id
        WHERE p.policy_no = $1`,
      [policyNo],
    )) as ReplayRow[];
    return rows[0];
  }

  async policyOwner(policyNo: string): Promise<string | undefined> {
    const rows = (await this.dataSource.query(`SELECT customer_id FROM policies WHERE policy_no = $1`, [policyNo])) as {
      customer_id: string;
    }[];
    return rows[0]?.customer_id;
  }

  async claimOwner(claimId: string): Promise<{ customer_id: string; claim_no: string } | undefined> {
    const rows = (await this.dataSource.query(`SELECT customer_id, claim_no FROM claims WHERE id = $1`, [claimId])) as {
      customer_id: string;
      claim_no: string;
    }[];
    return rows[0];
  }
}

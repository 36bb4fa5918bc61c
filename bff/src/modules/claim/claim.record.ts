import type { ClaimEvidence, ClaimStatus, CoverSubjectKind } from '@xiaoan/shared';
import { PRODUCT_KINDS, productKind } from '../../products/index.js';
import type { ClaimFacts } from './domain/claim-view.js';

/** A claim row joined with its policy and flight, and its transfer-bill attempts. */
export interface ClaimRow {
  id: string;
  claim_no: string;
  status: ClaimStatus;
  customer_id: string;
  amount_fen: number;
  paid_fen: number;
  /**
   * On its way: bills WeChat created and that are not yet final. A bill still `CREATING` (WeChat
   * erred, or we never heard back) is not on its way: the red packet stays collectable for it, and
   * 拆 re-creates that same bill number.
   */
  pending_fen: number;
  /** The current attempt's bill while WeChat has not created it. */
  creating_fen: number;
  evidence: Record<string, unknown>;
  rejected_reason: string | null;
  decided_by: string;
  product_version_id: string;
  created_at: Date;
  approved_at: Date | null;
  paid_at: Date | null;
  policy_no: string;
  policy_issued_at: Date;
  insured_name_masked: string;
  policy_id: string;
  place_code: string | null;
  units: number | null;
  cover_start_date: string | null;
  cover_end_date: string | null;
  deductible_days: number | null;
  bills:
    { attempt: number; state: string; amount_fen: number; created_at: string; finished_at: string | null }[] | null;
}

export const CLAIM_SELECT = `
  SELECT c.id, c.claim_no, c.status, c.customer_id, c.amount_fen, c.paid_fen, c.evidence, c.rejected_reason, c.decided_by,
         c.product_version_id, c.created_at, c.approved_at, c.paid_at,
         p.policy_no, p.issued_at AS policy_issued_at, o.insured_name_masked,
         p.id AS policy_id, p.place_code, p.units, to_char(p.cover_start_date, 'YYYY-MM-DD') AS cover_start_date,
         to_char(p.cover_end_date, 'YYYY-MM-DD') AS cover_end_date, p.deductible_days,
         (SELECT coalesce(sum(b.amount_fen), 0)::int FROM payout_bills b
           WHERE b.claim_id = c.id AND b.state NOT IN ('CREATING', 'ABANDONED', 'SUCCESS', 'FAIL', 'CANCELLED')) AS pending_fen,
         (SELECT json_agg(json_build_object('attempt', b.attempt, 'state', b.state, 'amount_fen', b.amount_fen, 'created_at', b.created_at, 'finished_at', b.finished_at)
                          ORDER BY b.attempt)
            FROM payout_bills b WHERE b.claim_id = c.id AND b.state NOT IN ('CREATING', 'ABANDONED')) AS bills,
         (SELECT coalesce(sum(b.amount_fen), 0)::int FROM payout_bills b
           WHERE b.claim_id = c.id AND b.attempt = c.payout_attempt AND b.state = 'CREATING') AS creating_fen
    FROM claims c JOIN policies p ON p.id = c.policy_id JOIN orders o ON o.id = p.order_id`;

/**
 * The customer's claims among `CLAIM_SELECT`'s rows: a claim that grows (HEAT37's, opened with its
 * policy) is theirs once something accrued. `$2` takes `GROWING_EVIDENCE_KINDS`.
 */
export const SHOWN_TO_CUSTOMER = `(c.amount_fen > 0 OR NOT (c.evidence ->> 'kind' = ANY($2::text[])))`;

/** The evidence a claim's row holds, read by the kind it names. */
const storedEvidenceOf = (row: ClaimRow): ClaimEvidence => {
  const kind = row.evidence.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(PRODUCT_KINDS, kind))
    throw new Error(`claim ${row.claim_no} holds evidence of no known kind (${String(kind)})`);
  return productKind(kind as CoverSubjectKind).storedEvidence(row.evidence);
};

/**
 * A claim's facts. Flight and RAIN claims carry their evidence in the row, read by their kind; a
 * HEAT37 claim grows daily, so its evidence (the days counted, the season's maxima) is read
 * alongside and passed in.
 */
export const claimFactsOf = (row: ClaimRow, productName: string, readAlongside?: ClaimEvidence): ClaimFacts => ({
  id: row.id,
  claimNo: row.claim_no,
  status: row.status,
  policyNo: row.policy_no,
  productName,
  amountFen: row.amount_fen,
  paidFen: row.paid_fen,
  pendingFen: row.pending_fen,
  creatingFen: row.creating_fen,
  evidence: readAlongside ?? storedEvidenceOf(row),
  rejectedReason: row.rejected_reason,
  policyIssuedAt: new Date(row.policy_issued_at),
  createdAt: new Date(row.created_at),
  approvedAt: row.approved_at ? new Date(row.approved_at) : null,
  paidAt: row.paid_at ? new Date(row.paid_at) : null,
  bills: (row.bills ?? []).map((bill) => ({
    attempt: bill.attempt,
    state: bill.state,
    amountFen: bill.amount_fen,
    createdAt: new Date(bill.created_at),
    finishedAt: bill.finished_at ? new Date(bill.finished_at) : null,
  })),
});

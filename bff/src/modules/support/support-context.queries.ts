import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SupportContext } from '@xiaoan/shared';
import { CLAIM_SELECT, type ClaimRow } from '../claim/claim.record.js';
import { ClaimQueries } from '../claim/claim.queries.js';
import { toClaimDetail, type ClaimFacts } from '../claim/domain/claim-view.js';

/** The context panel: the customer's policies, claims (with the evidence timeline), payout bills and orders. */
@Injectable()
export class SupportContextQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly claims: ClaimQueries,
  ) {}

  async of(customerId: string | null): Promise<SupportContext> {
    if (!customerId) return { customerId: null, policies: [], claims: [], payoutBills: [], orders: [] };
    const policies = (await this.dataSource.query(
      `SELECT p.id, p.policy_no, pr.name AS product_name, p.status, p.premium_fen, p.payout_fen, p.issued_at
         FROM policies p JOIN product_versions v ON v.id = p.product_version_id JOIN products pr ON pr.id = v.product_id
        WHERE p.customer_id = $1 ORDER BY p.issued_at DESC LIMIT 50`,
      [customerId],
    )) as {
      id: string;
      policy_no: string;
      product_name: string;
      status: string;
      premium_fen: number;
      payout_fen: number;
      issued_at: Date;
    }[];
    const claimRows = (await this.dataSource.query(
      `${CLAIM_SELECT} WHERE c.customer_id = $1 ORDER BY c.created_at DESC LIMIT 50`,
      [customerId],
    )) as ClaimRow[];
    const bills = (await this.dataSource.query(
      `SELECT b.out_bill_no, c.claim_no, b.state, b.amount_fen, b.created_at, b.finished_at
         FROM payout_bills b JOIN claims c ON c.id = b.claim_id
        WHERE c.customer_id = $1 AND b.state <> 'CREATING' ORDER BY b.created_at DESC LIMIT 50`,
      [customerId],
    )) as {
      out_bill_no: string;
      claim_no: string;
      state: string;
      amount_fen: number;
      created_at: Date;
      finished_at: Date | null;
    }[];
    const orders = (await this.dataSource.query(
      `SELECT order_no, status, amount_fen, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 50`,
      [customerId],
    )) as { order_no: string; status: string; amount_fen: number; created_at: Date }[];
    return {
      customerId,
      policies: policies.map((p) => ({
        id: p.id,
        policyNo: p.policy_no,
        productName: p.product_name,
        status: p.status,
        premiumFen: p.premium_fen,
        payoutFen: p.payout_fen,
        issuedAt: new Date(p.issued_at).toISOString(),
      })),
      claims: await Promise.all(
        claimRows.map(async (row) => toClaimDetail(await this.claims.factsOf(row, { chart: false }))),
      ),
      payoutBills: bills.map((b) => ({
        outBillNo: b.out_bill_no,
        claimNo: b.claim_no,
        state: b.state,
        amountFen: b.amount_fen,
        createdAt: new Date(b.created_at).toISOString(),
        finishedAt: b.finished_at ? new Date(b.finished_at).toISOString() : null,
      })),
      orders: orders.map((o) => ({
        orderNo: o.order_no,
        status: o.status,
        amountFen: o.amount_fen,
        createdAt: new Date(o.created_at).toISOString(),
      })),
    };
  }

  /** One of the customer's claims (for a canned reply's variables), or undefined. */
  async claimFactsFor(customerId: string | null, claimId: string): Promise<ClaimFacts | undefined> {
    if (!customerId) return undefined;
    const row = await this.claims.findRow(claimId);
    if (!row || row.customer_id !== customerId) return undefined;
    return this.claims.factsOf(row, { chart: false });
  }
}

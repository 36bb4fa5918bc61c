import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLAIM_SELECT, type ClaimRow } from '../claim/claim.record.js';
import { ClaimQueries } from '../claim/claim.queries.js';
import { businessNumbersIn, claimAnswerOf, policyWithoutClaimAnswer } from './domain/claim-question.js';

/**
 * Which claim a question is about: the claim or policy number in it, else the customer's latest
 * claim; a policy named without a claim gets the "it pays itself" answer. Null when the customer
 * holds nothing to talk about (then an agent answers).
 */
@Injectable()
export class ClaimAnswerQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly claims: ClaimQueries,
  ) {}

  async answerFor(customerId: string, text: string): Promise<string | null> {
    const { policyNos, claimNos } = businessNumbersIn(text);
    const named = policyNos.length > 0 || claimNos.length > 0;
    const rows = (await this.dataSource.query(
      `${CLAIM_SELECT} WHERE c.customer_id = $1 ${named ? 'AND (c.claim_no = ANY($2) OR p.policy_no = ANY($3))' : ''}
        ORDER BY c.created_at DESC LIMIT 1`,
      named ? [customerId, claimNos, policyNos] : [customerId],
    )) as ClaimRow[];
    if (rows[0]) return claimAnswerOf(await this.claims.factsOf(rows[0], { chart: false }));
    if (policyNos.length === 0) return null;
    const [policy] = (await this.dataSource.query(
      `SELECT p.policy_no, pr.name AS product_name FROM policies p
         JOIN product_versions v ON v.id = p.product_version_id JOIN products pr ON pr.id = v.product_id
        WHERE p.customer_id = $1 AND p.policy_no = ANY($2) LIMIT 1`,
      [customerId, policyNos],
    )) as { policy_no: string; product_name: string }[];
    return policy ? policyWithoutClaimAnswer({ policyNo: policy.policy_no, productName: policy.product_name }) : null;
  }
}

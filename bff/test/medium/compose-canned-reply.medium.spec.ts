import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CannedReplyRepository } from '../../src/modules/support/canned-reply.repository.js';
import { ComposeCannedReplyUseCase } from '../../src/modules/support/compose-canned-reply.use-case.js';
import { SupportContextQueries } from '../../src/modules/support/support-context.queries.js';
import { addApprovedFlightClaim, addCustomer, claimQueriesOf, openMedium, type Medium } from '../support/medium.js';
import { addStaff } from '../support/medium-support.js';

/**
 * ComposeCannedReplyUseCase on a real PostgreSQL, on claims approved the way a customer gets one (a
 * flight policy paid for, its flight 3 h late) and canned replies the team saved: a reply's
 * variables are filled from one of the conversation's customer's claims; a reply that needs a claim
 * without one, another customer's claim, or a reply that is gone is refused with its code.
 */
describe('ComposeCannedReplyUseCase', () => {
  let medium: Medium;
  let canned: CannedReplyRepository;
  let compose: ComposeCannedReplyUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    canned = new CannedReplyRepository(medium.dataSource);
    compose = new ComposeCannedReplyUseCase(
      canned,
      new SupportContextQueries(medium.dataSource, claimQueriesOf(medium)),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  const saved = async (body: string) =>
    canned.create({ title: '测试快捷回复', body, staffUserId: (await addStaff(medium.db)).staffUserId });

  it("a canned reply's variables are filled from the customer's claim", async () => {
    const claim = await addApprovedFlightClaim(medium, 20000);
    const { rows } = await medium.db.query<{ policy_no: string }>(
      `SELECT p.policy_no FROM claims c JOIN policies p ON p.id = c.policy_id WHERE c.id = $1`,
      [claim.claimId],
    );
    const reply = await saved(
      '理赔 {{claimNo}}（保单 {{policyNo}}）：航班延误 {{delayMinutes}} 分钟，赔付 {{ payoutAmount }}，{{claimStatus}}。',
    );

    const text = await compose.execute({ customer_id: claim.customer.customerId }, reply.id, claim.claimId);

    expect(text).toBe(`理赔 ${claim.claimNo}（保单 ${rows[0]!.policy_no}）：航班延误 180 分钟，赔付 ¥200.00，已批准。`);
  });

  it('a canned reply without variables needs no claim', async () => {
    const reply = await saved('您好，请稍候，我们正在为您查询。');

    expect(await compose.execute({ customer_id: null }, reply.id)).toBe('您好，请稍候，我们正在为您查询。');
  });

  it('a canned reply that needs a claim is refused without one, naming what is missing', async () => {
    const reply = await saved('您的理赔 {{claimNo}} 状态：{{claimStatus}}');
    const customer = await addCustomer(medium.db);

    await expect(compose.execute({ customer_id: customer.id }, reply.id)).rejects.toMatchObject({
      code: 'CANNED_REPLY_NEEDS_CLAIM',
      details: { missing: ['claimNo', 'claimStatus'] },
    });
  });

  it("another customer's claim is not found", async () => {
    const claim = await addApprovedFlightClaim(medium);
    const stranger = await addCustomer(medium.db);
    const reply = await saved('理赔 {{claimNo}}');

    await expect(compose.execute({ customer_id: stranger.id }, reply.id, claim.claimId)).rejects.toMatchObject({
      code: 'CLAIM_NOT_FOUND',
    });
    // A conversation with no customer has no claims either.
    await expect(compose.execute({ customer_id: null }, reply.id, claim.claimId)).rejects.toMatchObject({
      code: 'CLAIM_NOT_FOUND',
    });
  });

  it('a canned reply that was disabled, or never existed, is not found', async () => {
    const reply = await saved('旧的快捷回复');
    await medium.db.query(`UPDATE support_canned_replies SET disabled_at = now() WHERE id = $1`, [reply.id]);

    await expect(compose.execute({ customer_id: null }, reply.id)).rejects.toMatchObject({
      code: 'CANNED_REPLY_NOT_FOUND',
    });
    await expect(compose.execute({ customer_id: null }, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'CANNED_REPLY_NOT_FOUND',
    });
  });
});

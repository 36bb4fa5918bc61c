import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CLAIM_QUEUES } from '../../src/modules/claim/claim.queues.js';
import { DecideClaimUseCase } from '../../src/modules/claim/decide-claim.use-case.js';
import { OpenManualReviewsUseCase } from '../../src/modules/claim/open-manual-reviews.use-case.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { addFlight, addIssuedFlightPolicy, openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * DecideClaimUseCase on a real PostgreSQL, on claims the manual-review sweep opened for policies
 * issued by paying for them: customer service approves (the policy's fixed amount, the policy
 * claimed, the customer notified) or rejects (the reason kept, the policy expired) a claim once; a
 * second decision is refused and changes nothing.
 */
describe('DecideClaimUseCase', () => {
  let medium: Medium;
  let decide: DecideClaimUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    decide = new DecideClaimUseCase(
      medium.unitOfWork,
      medium.clock,
      new CloseEndedCoverUseCase(new PolicyRepository()),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** A flight policy whose cover ended with no final flight status: the sweep queued its claim for staff. */
  const claimInReview = async () => {
    const flight = await addFlight(medium.db);
    const { order, policyId } = await addIssuedFlightPolicy(medium, flight.id, 'FD120', 30000);
    await new OpenManualReviewsUseCase(medium.dataSource).execute(
      new Date(flight.scheduledArrival.getTime() + 7 * 3600_000),
    );
    const { rows } = await medium.db.query<{ id: string; claim_no: string; status: string }>(
      `SELECT id, claim_no, status FROM claims WHERE policy_id = $1`,
      [policyId],
    );
    expect(rows).toEqual([expect.objectContaining({ status: 'manual_review' })]);
    return { order, policyId, claimId: rows[0]!.id, claimNo: rows[0]!.claim_no };
  };
  /** The claim and its policy. */
  const stateOf = (claimId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(c) FROM claims c WHERE c.id = $1) AS claim,
              (SELECT row_to_json(p) FROM policies p JOIN claims c ON c.policy_id = p.id WHERE c.id = $1) AS policy`,
      [claimId],
    );
  const decisionOf = async (claimId: string) =>
    (
      await medium.db.query(
        `SELECT c.status, c.amount_fen, c.decided_by, c.approved_at IS NOT NULL AS approved, c.rejected_reason,
                c.evidence->>'decisionReason' AS reason, p.status AS policy
           FROM claims c JOIN policies p ON p.id = c.policy_id WHERE c.id = $1`,
        [claimId],
      )
    ).rows;

  it("approving pays the policy's fixed amount: the claim approved by whom and why, the policy claimed, the customer to be notified", async () => {
    const { claimId, claimNo } = await claimInReview();
    const jobsBefore = medium.jobs.length;

    await expect(
      decide.execute({ claimId, decision: 'approve', reason: '航司证明延误 3 小时', decidedBy: 'support-1' }),
    ).resolves.toEqual({ status: 'approved', claimNo });

    expect(await decisionOf(claimId)).toEqual([
      {
        status: 'approved',
        amount_fen: 30000,
        decided_by: 'support-1',
        approved: true,
        rejected_reason: null,
        reason: '航司证明延误 3 小时',
        policy: 'claimed',
      },
    ]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([
      { queue: CLAIM_QUEUES.notifyApproved, data: { claimIds: [claimId] } },
    ]);
  });

  it('rejecting keeps the reason the customer reads: the claim rejected, the policy expired, nobody notified', async () => {
    const { claimId, claimNo } = await claimInReview();
    const jobsBefore = medium.jobs.length;

    await expect(
      decide.execute({ claimId, decision: 'reject', reason: '航班按时到达', decidedBy: 'support-2' }),
    ).resolves.toEqual({ status: 'rejected', claimNo });

    expect(await decisionOf(claimId)).toEqual([
      {
        status: 'rejected',
        amount_fen: 30000,
        decided_by: 'support-2',
        approved: false,
        rejected_reason: '航班按时到达',
        reason: '航班按时到达',
        policy: 'expired',
      },
    ]);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it.each([
    ['approved', 'reject', 'approve'],
    ['approved', 'approve', 'approve'],
    ['rejected', 'approve', 'reject'],
  ] as const)(
    'a claim already %s, asked to %s: CLAIM_NOT_IN_REVIEW, and nothing changes',
    async (status, second, first) => {
      const { claimId } = await claimInReview();
      await decide.execute({ claimId, decision: first, reason: '第一次决定', decidedBy: 'support-1' });
      const decided = await stateOf(claimId);
      const jobsBefore = medium.jobs.length;

      await expect(
        decide.execute({ claimId, decision: second, reason: '第二次决定', decidedBy: 'support-2' }),
      ).rejects.toMatchObject({ code: 'CLAIM_NOT_IN_REVIEW', details: { status } });

      expect(await stateOf(claimId)).toBe(decided);
      expect(medium.jobs.length).toBe(jobsBefore);
    },
  );

  it('a claim nobody opened is not found', async () => {
    await expect(
      decide.execute({
        claimId: '00000000-0000-4000-8000-000000000000',
        decision: 'approve',
        reason: '不存在',
        decidedBy: 'support-1',
      }),
    ).rejects.toMatchObject({ code: 'CLAIM_NOT_FOUND' });
  });

  it('an id that is no claim id at all is not found either, as a rejected promise like every other refusal', async () => {
    const decided = decide.execute({
      claimId: 'C0000000000000001',
      decision: 'approve',
      reason: '编号',
      decidedBy: 'support-1',
    });
    await expect(decided).rejects.toMatchObject({ code: 'CLAIM_NOT_FOUND' });
  });

  it('a decision whose audit fails in the same transaction leaves the claim in review, and it can still be decided', async () => {
    const { claimId } = await claimInReview();
    const before = await stateOf(claimId);
    const jobsBefore = medium.jobs.length;

    await expect(
      decide.execute({ claimId, decision: 'approve', reason: '核实通过', decidedBy: 'support-1' }, async () => {
        throw new Error('audit row refused');
      }),
    ).rejects.toThrow('audit row refused');

    expect(await stateOf(claimId)).toBe(before);
    expect(medium.jobs.length).toBe(jobsBefore);
    await expect(
      decide.execute({ claimId, decision: 'approve', reason: '核实通过', decidedBy: 'support-1' }),
    ).resolves.toMatchObject({ status: 'approved' });
  });
});

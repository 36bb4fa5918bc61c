import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ChangeClaimPayoutUseCase,
  type ClaimBillOutcome,
} from '../../src/modules/claim/change-claim-payout.use-case.js';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { addApprovedFlightClaim, openMedium, snapshot, type Medium } from '../support/medium.js';
import { claimNotifierOf } from '../support/medium-claims.js';

/**
 * ChangeClaimPayoutUseCase on a real PostgreSQL, on claims approved through the use cases: how a
 * transfer bill's new state moves its claim (offered, paid once, failed, expired), only while it is
 * the claim's current attempt except SUCCESS, never once paid; and the new attempts 拆红包 and staff
 * open. It writes in the caller's transaction: a rolled-back caller leaves the claim as it was.
 */
describe('ChangeClaimPayoutUseCase', () => {
  let medium: Medium;
  let change: ChangeClaimPayoutUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    change = new ChangeClaimPayoutUseCase(new ClaimRepository());
  });
  afterAll(async () => {
    await medium?.close();
  });

  const claimOf = (claimId: string) => snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claimId]);
  const stateOf = async (claimId: string) =>
    (
      await medium.db.query<{
        status: string;
        paid_fen: number;
        payout_attempt: number;
        notify_state: string;
        offered: boolean;
        paid: boolean;
      }>(
        `SELECT status, paid_fen, payout_attempt, notify_state, offered_at IS NOT NULL AS offered, paid_at IS NOT NULL AS paid
           FROM claims WHERE id = $1`,
        [claimId],
      )
    ).rows[0]!;
  const apply = (outcome: Omit<ClaimBillOutcome, 'at'>) =>
    medium.unitOfWork.run((tx) => change.applyBillOutcome(tx, { ...outcome, at: medium.clock.now() }));
  const startAttempt = (claimId: string, attempt: number) =>
    medium.unitOfWork.run((tx) => change.startAttempt(tx, claimId, attempt));
  /** An approved claim whose first red packet was opened (attempt 1). */
  const claimAtAttempt1 = async (payoutFen = 20000) => {
    const claim = await addApprovedFlightClaim(medium, payoutFen);
    await startAttempt(claim.claimId, 1);
    return claim;
  };

  it('opening attempt 1 records it on the claim, which stays approved until its bill waits for the customer', async () => {
    const { claimId } = await addApprovedFlightClaim(medium);

    await startAttempt(claimId, 1);

    expect(await stateOf(claimId)).toMatchObject({ status: 'approved', payout_attempt: 1, offered: false });
  });

  it('the current bill waiting for the customer makes the claim offered', async () => {
    const { claimId, claimNo } = await claimAtAttempt1();

    const changed = await apply({ claimId, attempt: 1, amountFen: 20000, state: 'WAIT_USER_CONFIRM' });

    expect(changed).toEqual({ claimNo, status: 'offered' });
    expect(await stateOf(claimId)).toMatchObject({ status: 'offered', paid_fen: 0, offered: true, paid: false });
  });

  it('SUCCESS of the whole amount pays the claim once: a repeated SUCCESS changes nothing', async () => {
    const { claimId, claimNo } = await claimAtAttempt1(30000);
    await apply({ claimId, attempt: 1, amountFen: 30000, state: 'WAIT_USER_CONFIRM' });

    const paid = await apply({ claimId, attempt: 1, amountFen: 30000, state: 'SUCCESS' });

    expect(paid).toEqual({ claimNo, status: 'paid' });
    expect(await stateOf(claimId)).toMatchObject({ status: 'paid', paid_fen: 30000, paid: true });
    const once = await claimOf(claimId);

    await expect(apply({ claimId, attempt: 1, amountFen: 30000, state: 'SUCCESS' })).resolves.toBeNull();

    expect(await claimOf(claimId)).toBe(once);
  });

  it('a paid claim never moves again, whatever a late bill says', async () => {
    const { claimId } = await claimAtAttempt1();
    await apply({ claimId, attempt: 1, amountFen: 20000, state: 'SUCCESS' });
    const paid = await claimOf(claimId);

    for (const state of ['FAIL', 'CANCELLED', 'WAIT_USER_CONFIRM'])
      await expect(apply({ claimId, attempt: 1, amountFen: 20000, state })).resolves.toBeNull();

    expect(await claimOf(claimId)).toBe(paid);
  });

  it('FAIL makes the claim failed and CANCELLED (24 h unconfirmed) makes it expired, nothing paid', async () => {
    const failed = await claimAtAttempt1();
    const expired = await claimAtAttempt1();

    await expect(
      apply({ claimId: failed.claimId, attempt: 1, amountFen: 20000, state: 'FAIL' }),
    ).resolves.toMatchObject({ status: 'failed' });
    await expect(
      apply({ claimId: expired.claimId, attempt: 1, amountFen: 20000, state: 'CANCELLED' }),
    ).resolves.toMatchObject({ status: 'expired' });

    expect(await stateOf(failed.claimId)).toMatchObject({ status: 'failed', paid_fen: 0, paid: false });
    expect(await stateOf(expired.claimId)).toMatchObject({ status: 'expired', paid_fen: 0, paid: false });
  });

  it("a previous attempt's FAIL does not move the claim, but its SUCCESS still means paid", async () => {
    const { claimId, claimNo } = await claimAtAttempt1();
    await apply({ claimId, attempt: 1, amountFen: 20000, state: 'CANCELLED' });
    await startAttempt(claimId, 2);
    await apply({ claimId, attempt: 2, amountFen: 20000, state: 'WAIT_USER_CONFIRM' });
    const offered = await claimOf(claimId);

    await expect(apply({ claimId, attempt: 1, amountFen: 20000, state: 'FAIL' })).resolves.toBeNull();
    expect(await claimOf(claimId)).toBe(offered);

    await expect(apply({ claimId, attempt: 1, amountFen: 20000, state: 'SUCCESS' })).resolves.toEqual({
      claimNo,
      status: 'paid',
    });
    expect(await stateOf(claimId)).toMatchObject({ status: 'paid', paid_fen: 20000, payout_attempt: 2 });
  });

  it('SUCCESS of less than the claim has earned pays that part and leaves the claim collectable for the rest', async () => {
    const { claimId } = await claimAtAttempt1(20000);

    await expect(apply({ claimId, attempt: 1, amountFen: 5000, state: 'SUCCESS' })).resolves.toMatchObject({
      status: 'approved',
    });

    expect(await stateOf(claimId)).toMatchObject({ status: 'approved', paid_fen: 5000, paid: true });
  });

  it('a re-offer under the next attempt makes the claim collectable again with its message due', async () => {
    const { claimId } = await claimAtAttempt1();
    await apply({ claimId, attempt: 1, amountFen: 20000, state: 'FAIL' });
    // The first approval's message was dealt with (the customer had not accepted one: unsubscribed).
    const notifier = claimNotifierOf(medium);
    try {
      await expect(notifier.notify.execute([claimId])).resolves.toMatchObject({ unsubscribed: 1 });
    } finally {
      await notifier.close();
    }
    expect(await stateOf(claimId)).toMatchObject({ notify_state: 'unsubscribed' });

    await medium.unitOfWork.run((tx) => change.reoffer(tx, claimId, 2));

    expect(await stateOf(claimId)).toMatchObject({
      status: 'approved',
      paid_fen: 0,
      payout_attempt: 2,
      notify_state: 'pending',
    });
  });

  it('an unknown claim changes nothing', async () => {
    const { claimId } = await claimAtAttempt1();
    const before = await claimOf(claimId);

    await expect(
      apply({ claimId: '00000000-0000-4000-8000-000000000000', attempt: 1, amountFen: 20000, state: 'SUCCESS' }),
    ).resolves.toBeNull();

    expect(await claimOf(claimId)).toBe(before);
  });

  it("the change joins the caller's transaction: when the caller rolls back, the claim is as it was", async () => {
    const { claimId } = await claimAtAttempt1();
    const before = await claimOf(claimId);

    await expect(
      medium.unitOfWork.run(async (tx) => {
        await change.applyBillOutcome(tx, {
          claimId,
          attempt: 1,
          amountFen: 20000,
          state: 'SUCCESS',
          at: medium.clock.now(),
        });
        await change.startAttempt(tx, claimId, 2);
        throw new Error('the bill update after it failed');
      }),
    ).rejects.toThrow('the bill update after it failed');

    expect(await claimOf(claimId)).toBe(before);
  });
});

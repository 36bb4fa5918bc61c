import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NotifyApprovedClaimsUseCase } from '../../src/modules/claim/notify-approved-claims.use-case.js';
import { SubscriptionRepository } from '../../src/modules/notification/subscription.repository.js';
import { SettleFlightClaimsUseCase } from '../../src/modules/claim/settle-flight-claims.use-case.js';
import { CloseEndedCoverUseCase } from '../../src/modules/policy/close-ended-cover.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import {
  addApprovedFlightClaim,
  addCustomer,
  addFlight,
  addPendingOrder,
  endFlight,
  openMedium,
  paymentOf,
  settlementOf,
  snapshot,
  type Medium,
} from '../support/medium.js';
import { acceptClaimMessages, claimMessagesTo, claimNotifierOf } from '../support/medium-claims.js';

/**
 * NotifyApprovedClaimsUseCase on a real PostgreSQL and the WeChat simulator over real HTTP, on
 * claims approved through the use cases: 理赔到账提醒 goes once per accept the customer gave (one
 * credit, one message, even for two claims), at most once per claim (marked before WeChat is
 * called), to customers who never accepted nothing (`unsubscribed`), and a message WeChat keeps
 * refusing is `failed`, never resent.
 */
describe('NotifyApprovedClaimsUseCase', () => {
  let medium: Medium;
  let notify: NotifyApprovedClaimsUseCase;
  let closeNotifier: () => Promise<void>;

  beforeAll(async () => {
    medium = await openMedium();
    ({ notify, close: closeNotifier } = claimNotifierOf(medium));
  });
  afterAll(async () => {
    await closeNotifier?.();
    await medium?.close();
  });

  const notifyStates = async (claimIds: string[]) =>
    (
      await medium.db.query<{ id: string; notify_state: string }>(
        `SELECT id, notify_state FROM claims WHERE id = ANY($1::uuid[])`,
        [claimIds],
      )
    ).rows.reduce<Record<string, string>>((states, row) => ({ ...states, [row.id]: row.notify_state }), {});
  const creditsOf = async (customerId: string) =>
    (
      await medium.db.query<{ accepted_count: number }>(
        `SELECT accepted_count FROM subscriptions WHERE customer_id = $1 AND template_id = $2`,
        [customerId, medium.integrations.claimApprovedTemplateId],
      )
    ).rows[0]?.accepted_count ?? 0;
  const claimsAndCredits = (customerId: string) =>
    snapshot(
      medium.db,
      `SELECT (SELECT json_agg(c ORDER BY c.id) FROM claims c WHERE c.customer_id = $1) AS claims,
              (SELECT json_agg(s) FROM subscriptions s WHERE s.customer_id = $1) AS credits`,
      [customerId],
    );
  /** One customer's two policies on one flight (two insured persons), both approved when it lands 3 h late. */
  const twoClaimsOfOneCustomer = async () => {
    const customer = await addCustomer(medium.db);
    const flight = await addFlight(medium.db);
    for (const insured of ['甲', '乙']) {
      const order = await addPendingOrder(medium, customer, { productCode: 'FD120', flightId: flight.id, insured });
      await expect(settlementOf(medium).execute(paymentOf(medium, order), null)).resolves.toBe('issued');
    }
    await endFlight(medium.db, flight.id, { status: 'arrived', lateMinutes: 180 });
    const settled = await medium.unitOfWork.run((tx) =>
      new SettleFlightClaimsUseCase(new CloseEndedCoverUseCase(new PolicyRepository())).settle(tx, flight.id),
    );
    expect(settled.approvedClaimIds).toHaveLength(2);
    return { customer: { customerId: customer.id, openid: customer.openid }, claimIds: settled.approvedClaimIds };
  };

  it('a customer who accepted once gets one message for the approved claim, and the accept is used up', async () => {
    const claim = await addApprovedFlightClaim(medium, 23400);
    await acceptClaimMessages(medium, claim.customer);

    await expect(notify.execute([claim.claimId])).resolves.toEqual({ sent: 1, unsubscribed: 0, failed: 0 });

    expect(await notifyStates([claim.claimId])).toEqual({ [claim.claimId]: 'sent' });
    expect(await creditsOf(claim.customer.customerId)).toBe(0);
    expect(claimMessagesTo(medium, claim.customer.openid)).toEqual([
      expect.objectContaining({
        amount2: { value: '234.00元' },
        character_string3: { value: claim.claimNo },
      }),
    ]);
  });

  it('notifying the same claim again sends nothing and changes nothing', async () => {
    const claim = await addApprovedFlightClaim(medium);
    await acceptClaimMessages(medium, claim.customer, 2);
    await notify.execute([claim.claimId]);
    const once = await claimsAndCredits(claim.customer.customerId);

    await expect(notify.execute([claim.claimId])).resolves.toEqual({ sent: 0, unsubscribed: 0, failed: 0 });

    expect(await claimsAndCredits(claim.customer.customerId)).toBe(once);
    expect(await creditsOf(claim.customer.customerId)).toBe(1);
    expect(claimMessagesTo(medium, claim.customer.openid)).toHaveLength(1);
  });

  it('a customer who never accepted gets no message: the claim is marked unsubscribed', async () => {
    const claim = await addApprovedFlightClaim(medium);

    await expect(notify.execute([claim.claimId])).resolves.toEqual({ sent: 0, unsubscribed: 1, failed: 0 });

    expect(await notifyStates([claim.claimId])).toEqual({ [claim.claimId]: 'unsubscribed' });
    expect(claimMessagesTo(medium, claim.customer.openid)).toEqual([]);
  });

  it('two claims of one customer with one accept: one message, the other claim unsubscribed', async () => {
    const { customer, claimIds } = await twoClaimsOfOneCustomer();
    await acceptClaimMessages(medium, customer);

    await expect(notify.execute(claimIds)).resolves.toEqual({ sent: 1, unsubscribed: 1, failed: 0 });

    expect(Object.values(await notifyStates(claimIds)).sort()).toEqual(['sent', 'unsubscribed']);
    expect(claimMessagesTo(medium, customer.openid)).toHaveLength(1);
    expect(await creditsOf(customer.customerId)).toBe(0);
  });

  it('WeChat busy once: the message is sent on the retry, once', async () => {
    const claim = await addApprovedFlightClaim(medium);
    await acceptClaimMessages(medium, claim.customer);
    medium.sim.faults.set('wx.subscribe_send', { kind: 'system_error' }, { times: 1 });
    try {
      await expect(notify.execute([claim.claimId])).resolves.toEqual({ sent: 1, unsubscribed: 0, failed: 0 });
    } finally {
      medium.sim.faults.clear();
    }

    expect(claimMessagesTo(medium, claim.customer.openid)).toHaveLength(1);
    expect(await notifyStates([claim.claimId])).toEqual({ [claim.claimId]: 'sent' });
  });

  it('a message WeChat refuses (it holds no accept for it) is failed, its accept used, and never resent', async () => {
    const claim = await addApprovedFlightClaim(medium);
    // The BFF recorded an accept WeChat does not hold: WeChat answers 43101, which no retry changes.
    await new SubscriptionRepository(medium.dataSource).addAccept(
      claim.customer.customerId,
      medium.integrations.claimApprovedTemplateId,
    );

    await expect(notify.execute([claim.claimId])).resolves.toEqual({ sent: 0, unsubscribed: 0, failed: 1 });

    expect(await notifyStates([claim.claimId])).toEqual({ [claim.claimId]: 'failed' });
    expect(await creditsOf(claim.customer.customerId)).toBe(0);
    const failed = await claimsAndCredits(claim.customer.customerId);
    await acceptClaimMessages(medium, claim.customer);
    await expect(notify.execute([claim.claimId])).resolves.toEqual({ sent: 0, unsubscribed: 0, failed: 0 });
    expect(await notifyStates([claim.claimId])).toEqual({ [claim.claimId]: 'failed' });
    expect(await creditsOf(claim.customer.customerId)).toBe(1);
    expect(failed).toContain('"notify_state":"failed"');
    expect(claimMessagesTo(medium, claim.customer.openid)).toEqual([]);
  });

  it('unknown claims are no one to notify, and nothing changes', async () => {
    const before = await snapshot(medium.db, `SELECT id, notify_state FROM claims ORDER BY id`);

    await expect(notify.execute(['00000000-0000-4000-8000-000000000000'])).resolves.toEqual({
      sent: 0,
      unsubscribed: 0,
      failed: 0,
    });

    expect(await snapshot(medium.db, `SELECT id, notify_state FROM claims ORDER BY id`)).toBe(before);
  });
});

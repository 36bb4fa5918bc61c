import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccrueHeatClaimsUseCase } from '../../src/modules/claim/accrue-heat-claims.use-case.js';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { NotifyHeatClaimsUseCase } from '../../src/modules/claim/notify-heat-claims.use-case.js';
import {
  addCustomer,
  addPendingOrder,
  openMedium,
  paymentOf,
  settlementOf,
  snapshot,
  type Medium,
} from '../support/medium.js';
import { acceptClaimMessages, claimMessagesTo, claimNotifierOf } from '../support/medium-claims.js';

/**
 * NotifyHeatClaimsUseCase on a real PostgreSQL and the WeChat simulator over real HTTP: a HEAT37
 * claim (opened at 0 with its policy by order settlement) becomes due its 理赔到账提醒 once a hot
 * day made it pay something (grown by AccrueHeatClaimsUseCase, as the heat settlement does), and
 * is notified once; a claim still at 0 is not; later hot days only grow it.
 */
describe('NotifyHeatClaimsUseCase', () => {
  let medium: Medium;
  let notifyHeat: NotifyHeatClaimsUseCase;
  let closeNotifier: () => Promise<void>;
  const accrue = new AccrueHeatClaimsUseCase(new ClaimRepository());

  beforeAll(async () => {
    medium = await openMedium();
    const notifier = claimNotifierOf(medium);
    closeNotifier = notifier.close;
    notifyHeat = new NotifyHeatClaimsUseCase(medium.dataSource, notifier.notify);
  });
  afterAll(async () => {
    await closeNotifier?.();
    await medium?.close();
  });

  interface HeatClaim {
    claimId: string;
    customer: { customerId: string; openid: string };
    policy: { id: string; place_code: string; start: string; end: string; deductible_days: number };
  }

  /** A HEAT37 policy paid for: its claim is open at 0 and due no message. */
  const heatClaim = async (city: string): Promise<HeatClaim> => {
    const customer = await addCustomer(medium.db);
    const order = await addPendingOrder(medium, customer, {
      productCode: 'HEAT37',
      place: { code: city, units: 1, coverEndDate: `${new Date().getUTCFullYear() + 1}-08-31` },
      payoutFen: 20000,
      amountFen: 450,
    });
    await expect(settlementOf(medium).execute(paymentOf(medium, order), null)).resolves.toBe('issued');
    const {
      rows: [row],
    } = await medium.db.query<HeatClaim['policy'] & { claim_id: string }>(
      `SELECT p.id, p.place_code, to_char(p.cover_start_date, 'YYYY-MM-DD') AS start, to_char(p.cover_end_date, 'YYYY-MM-DD') AS end,
              p.deductible_days, c.id AS claim_id
         FROM policies p JOIN claims c ON c.policy_id = p.id WHERE p.order_id = $1`,
      [order.id],
    );
    const { claim_id: claimId, ...policy } = row!;
    return { claimId, customer: { customerId: customer.id, openid: customer.openid }, policy };
  };
  /** The heat settlement of `day` counted `hotDays` hot days for the policy's cover: its claim grows by what they pay. */
  const hotDay = async ({ policy }: HeatClaim, day: string, hotDays: number) =>
    medium.unitOfWork.run((tx) =>
      accrue.slice(tx, {
        placeCode: policy.place_code,
        day,
        cohorts: [{ start: policy.start, end: policy.end, hotDays }],
        bounds: ['(0,0)', '(4294967295,0)'],
        at: medium.clock.now(),
      }),
    );
  const claimOf = async (claimId: string) =>
    (
      await medium.db.query<{ amount_fen: number; notify_state: string }>(
        `SELECT amount_fen, notify_state FROM claims WHERE id = $1`,
        [claimId],
      )
    ).rows[0]!;

  // Each test its own city: a hot day grows every cover of its city and cohort.
  it('a heat claim that a hot day made pay is notified once', async () => {
    const claim = await heatClaim('guangzhou');
    await acceptClaimMessages(medium, claim.customer);
    await hotDay(claim, claim.policy.start, claim.policy.deductible_days + 1);
    const { amount_fen: amountFen } = await claimOf(claim.claimId);
    expect(amountFen).toBeGreaterThan(0);

    await expect(notifyHeat.execute()).resolves.toBe(1);

    expect(await claimOf(claim.claimId)).toEqual({ amount_fen: amountFen, notify_state: 'sent' });
    expect(claimMessagesTo(medium, claim.customer.openid)).toHaveLength(1);
  });

  it('a heat claim still at 0 (the hot days within the deductible) is not notified', async () => {
    const claim = await heatClaim('chongqing');
    await acceptClaimMessages(medium, claim.customer);
    await hotDay(claim, claim.policy.start, 1);
    const before = await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claim.claimId]);

    await expect(notifyHeat.execute()).resolves.toBe(0);

    expect(await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claim.claimId])).toBe(before);
    expect(await claimOf(claim.claimId)).toEqual({ amount_fen: 0, notify_state: 'none' });
    expect(claimMessagesTo(medium, claim.customer.openid)).toEqual([]);
  });

  it('running again, or a later hot day growing the claim, sends nothing more', async () => {
    const claim = await heatClaim('wuhan');
    await acceptClaimMessages(medium, claim.customer, 3);
    const first = claim.policy.start;
    await hotDay(claim, first, claim.policy.deductible_days + 1);
    await notifyHeat.execute();
    const notified = await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claim.claimId]);

    await expect(notifyHeat.execute()).resolves.toBe(0);
    expect(await snapshot(medium.db, `SELECT * FROM claims WHERE id = $1`, [claim.claimId])).toBe(notified);

    const next = new Date(Date.parse(`${first}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await hotDay(claim, next, claim.policy.deductible_days + 2);
    await expect(notifyHeat.execute()).resolves.toBe(0);

    expect((await claimOf(claim.claimId)).notify_state).toBe('sent');
    expect(claimMessagesTo(medium, claim.customer.openid)).toHaveLength(1);
  });

  it('every claim made payable is due, those of customers who never accepted are marked unsubscribed', async () => {
    const accepted = await heatClaim('nanjing');
    const never = await heatClaim('nanjing');
    await acceptClaimMessages(medium, accepted.customer);
    for (const claim of [accepted, never]) await hotDay(claim, claim.policy.start, claim.policy.deductible_days + 1);

    await expect(notifyHeat.execute()).resolves.toBe(2);

    expect((await claimOf(accepted.claimId)).notify_state).toBe('sent');
    expect((await claimOf(never.claimId)).notify_state).toBe('unsubscribed');
    expect(claimMessagesTo(medium, never.customer.openid)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { WechatPayRefund } from '../../src/integrations/wechat-pay/wechat-pay.schemas.js';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { CloseClaimOnCancellationUseCase } from '../../src/modules/claim/close-claim-on-cancellation.use-case.js';
import { ORDER_QUEUES } from '../../src/modules/order/order.queues.js';
import { RefundOrderUseCase } from '../../src/modules/order/refund-order.use-case.js';
import { CancelPolicyUseCase } from '../../src/modules/policy/cancel-policy.use-case.js';
import { beijingDateIn } from '../support/customer.js';
import {
  addCustomer,
  addOrderFromQuote,
  openMedium,
  payAtWechat,
  quotersOf,
  settlementOf,
  snapshot,
  type Medium,
  type PendingOrder,
  type Quoters,
} from '../support/medium.js';

/**
 * RefundOrderUseCase on a real PostgreSQL and the WeChat simulator over real HTTP: a refund
 * recorded by a cancellation or a mismatched payment is requested at WeChat Pay under its own
 * refund number, so a retried job can never refund twice; WeChat's outcome moves the refund and its
 * order on once.
 */
describe('RefundOrderUseCase', () => {
  let medium: Medium;
  let quoters: Quoters;
  let refund: RefundOrderUseCase;
  let day = 1;

  beforeAll(async () => {
    medium = await openMedium();
    quoters = quotersOf(medium);
    refund = new RefundOrderUseCase(medium.unitOfWork, medium.adapters.gateway);
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** A flight order its customer placed from a quote and paid at WeChat Pay. */
  const paidFlightOrder = async (anomaly?: { total: number }) => {
    const customer = await addCustomer(medium.db);
    const quote = await quoters.flight.quote(customer.id, {
      productCode: 'FD120',
      flightNo: 'CA1501',
      flightDate: beijingDateIn((day += 1)),
      payoutTier: 20000,
    });
    const order = await addOrderFromQuote(medium, customer, quote);
    const paid = await payAtWechat(medium, order, anomaly && { total: order.amountFen + anomaly.total });
    return { order, outcome: await settlementOf(medium).execute(paid, null) };
  };
  /** A paid policy the customer cancelled before departure: its whole premium is to be refunded. */
  const cancelledOrder = async (): Promise<{ order: PendingOrder; refundId: string; refundNo: string }> => {
    const { order, outcome } = await paidFlightOrder();
    expect(outcome).toBe('issued');
    const { rows } = await medium.db.query<{ id: string }>(`SELECT id FROM policies WHERE order_id = $1`, [order.id]);
    const jobsBefore = medium.jobs.length;
    const cancelled = await new CancelPolicyUseCase(
      medium.unitOfWork,
      medium.clock,
      new CloseClaimOnCancellationUseCase(new ClaimRepository()),
    ).execute({ policy: rows[0]!.id, initiatedBy: { kind: 'customer', customerId: order.customer.id } });
    const [job] = medium.jobs.slice(jobsBefore) as { queue: string; data: { refundId: string } }[];
    expect(job?.queue).toBe(ORDER_QUEUES.refund);
    return { order, refundId: job!.data.refundId, refundNo: cancelled.refundNo! };
  };
  /** The refund and its order. */
  const stateOf = (order: PendingOrder) =>
    snapshot(
      medium.db,
      `SELECT (SELECT row_to_json(o) FROM orders o WHERE o.id = $1) AS order,
              (SELECT json_agg(r ORDER BY r.id) FROM refunds r WHERE r.order_id = $1) AS refunds`,
      [order.id],
    );
  const rowOf = async (order: PendingOrder) =>
    (
      await medium.db.query(
        `SELECT o.status AS order_status, r.status, r.amount_fen, r.wechat_refund_id, r.completed_at IS NOT NULL AS completed
           FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.id = $1`,
        [order.id],
      )
    ).rows;
  /** The refunds WeChat Pay settled under `refundNo` (its ledger: money that actually moved). */
  const moneyRefunded = (refundNo: string) =>
    medium.sim.ledger
      .all()
      .filter((entry) => entry.kind === 'refund' && entry.outRefundNo === refundNo && entry.status === 'SUCCESS');
  /** WeChat Pay's refund once it has settled (a REFUND.* notification says the same). */
  const settled = async (refundNo: string): Promise<WechatPayRefund> => {
    for (let tries = 0; ; tries += 1) {
      const answer = await medium.adapters.gateway.queryRefund(refundNo);
      if (answer.status !== 'PROCESSING' || tries > 100) return answer;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it("a cancellation's refund is requested at WeChat Pay under its refund number; WeChat's SUCCESS refunds the order", async () => {
    const { order, refundId, refundNo } = await cancelledOrder();

    await refund.execute(refundId);

    const asked = await medium.adapters.gateway.queryRefund(refundNo);
    expect(asked).toMatchObject({ out_trade_no: order.orderNo, amount: { refund: order.amountFen } });
    expect(await rowOf(order)).toEqual([
      {
        order_status: 'refunding',
        status: 'processing',
        amount_fen: order.amountFen,
        wechat_refund_id: asked.refund_id,
        completed: false,
      },
    ]);

    const outcome = await settled(refundNo);
    expect(outcome.status).toBe('SUCCESS');
    await refund.record(outcome);

    expect(await rowOf(order)).toEqual([
      {
        order_status: 'refunded',
        status: 'succeeded',
        amount_fen: order.amountFen,
        wechat_refund_id: asked.refund_id,
        completed: true,
      },
    ]);
    expect(moneyRefunded(refundNo)).toEqual([expect.objectContaining({ refund: order.amountFen })]);
  });

  it('a retried job asks again under the same refund number: the premium goes back once', async () => {
    const { order, refundId, refundNo } = await cancelledOrder();

    await refund.execute(refundId);
    await refund.execute(refundId);
    await refund.record(await settled(refundNo));
    const refunded = await stateOf(order);

    // A job retried after the refund succeeded changes nothing.
    await refund.execute(refundId);

    expect(await stateOf(order)).toBe(refunded);
    expect(moneyRefunded(refundNo)).toHaveLength(1);
  });

  it('the same SUCCESS recorded again (a notification delivered twice) changes nothing', async () => {
    const { order, refundId, refundNo } = await cancelledOrder();
    await refund.execute(refundId);
    const outcome = await settled(refundNo);
    await refund.record(outcome);
    const refunded = await stateOf(order);

    await refund.record(outcome);

    expect(await stateOf(order)).toBe(refunded);
  });

  it('a refund WeChat Pay ends ABNORMAL stays with its order refunding, for an operator', async () => {
    const { order, refundId, refundNo } = await cancelledOrder();
    medium.sim.setNextRefundOutcome('ABNORMAL');

    await refund.execute(refundId);
    await refund.record(await settled(refundNo));

    expect(await rowOf(order)).toEqual([
      expect.objectContaining({ order_status: 'refunding', status: 'abnormal', completed: true }),
    ]);
    expect(moneyRefunded(refundNo)).toEqual([]);
  });

  it('a payment of another amount is refunded what was actually paid, and its order stays a payment mismatch', async () => {
    const { order, outcome } = await paidFlightOrder({ total: 100 });
    expect(outcome).toBe('mismatch');
    const [job] = medium.jobs.slice(-1) as { queue: string; data: { refundId: string } }[];
    const {
      rows: [row],
    } = await medium.db.query<{ refund_no: string }>(`SELECT refund_no FROM refunds WHERE id = $1`, [
      job!.data.refundId,
    ]);

    await refund.execute(job!.data.refundId);
    await refund.record(await settled(row!.refund_no));

    expect(await rowOf(order)).toEqual([
      expect.objectContaining({
        order_status: 'payment_mismatch',
        status: 'succeeded',
        amount_fen: order.amountFen + 100,
      }),
    ]);
    expect(moneyRefunded(row!.refund_no)).toEqual([expect.objectContaining({ refund: order.amountFen + 100 })]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Order, PolicyDetail } from '@xiaoan/shared';
import { subjectOfKind } from '../support/cover-subject.js';
import { beijingDateIn, makeIdNumber, newCustomer, type TestCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { flightEvent, postFlightEvent } from './claims.fixtures.js';
import { buyWeather, importSimulatedHistory, travelTo } from './weather.fixtures.js';

/**
 * 退保 before cover starts (compliance.md row 7), over real HTTP: the BFF asks the simulator for the
 * refund through the real SDK, and the simulator's signed REFUND.SUCCESS notification settles it.
 */
describe('cancelling a policy before cover starts, with a full refund through WeChat Pay', () => {
  let testApp: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    testApp = await startTestApp();
    db = testApp.db;
  });
  afterAll(async () => {
    await testApp.close();
  });

  const buyFlight = async (customer: TestCustomer, flightNo: string, flightDate: string, idNumber = makeIdNumber()) => {
    const quote = await customer.quote({ flightNo, flightDate });
    const { body: order } = await customer.order(quote, { idNumber });
    customer.pay(order);
    const issued = await customer.waitForOrder(order.id, ['issued']);
    return { order: issued, policyNo: issued.policyNo! };
  };
  const soldOn = async (flightNo: string, flightDate: string) =>
    Number(
      (
        await db.query(`SELECT sold_sum_insured_fen FROM flights WHERE flight_no = $1 AND flight_date = $2`, [
          flightNo,
          flightDate,
        ])
      ).rows[0].sold_sum_insured_fen,
    );
  const cancel = (customer: TestCustomer, policyNo: string) =>
    customer.api<PolicyDetail & { code?: string; message?: string }>('POST', `/api/v1/policies/${policyNo}/cancel`, {});
  const refundsAtWechat = (orderNo: string) =>
    testApp.sim.ledger.of('refund').filter((entry) => entry.outTradeNo === orderNo);

  it('cancels a flight policy before departure, refunds the premium once when the refund notification arrives, and frees the capacity', async () => {
    const customer = await newCustomer(testApp);
    const flightDate = beijingDateIn(5);
    const idNumber = makeIdNumber();
    const { order, policyNo } = await buyFlight(customer, 'CA1501', flightDate, idNumber);
    expect(await soldOn('CA1501', flightDate)).toBe(20000);

    const before = await customer.api<PolicyDetail>('GET', `/api/v1/policies/${policyNo}`);
    expect(before.body.cancellation).toMatchObject({
      available: true,
      refundFen: order.amountFen,
      unavailableReason: null,
    });
    expect(before.body.refund).toBeNull();

    const cancelled = await cancel(customer, policyNo);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.cancelledAt).not.toBeNull();
    expect(cancelled.body.cancellation.available).toBe(false);
    expect(cancelled.body.refund).toMatchObject({ amountFen: order.amountFen });
    expect(await soldOn('CA1501', flightDate)).toBe(0);

    // The simulator settles the refund and sends the signed REFUND.SUCCESS; the order follows it.
    const refunded = await customer.waitForOrder(order.id, ['refunded'], 15000);
    expect(refunded.refundReason).toContain('退保');
    const after = await customer.api<PolicyDetail>('GET', `/api/v1/policies/${policyNo}`);
    expect(after.body.status).toBe('cancelled');
    expect(after.body.refund).toMatchObject({ status: 'succeeded', amountFen: order.amountFen });
    expect(after.body.refund!.completedAt).not.toBeNull();
    expect(refundsAtWechat(order.orderNo)).toEqual([
      expect.objectContaining({ refund: order.amountFen, status: 'SUCCESS' }),
    ]);
    expect(
      testApp.sim.ledger
        .of('notification')
        .some((entry) => entry.eventType === 'REFUND.SUCCESS' && entry.outcome === 'delivered'),
    ).toBe(true);

    // Asking again changes nothing: same answer, still one refund at WeChat, capacity not freed twice.
    const again = await cancel(customer, policyNo);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(refundsAtWechat(order.orderNo)).toHaveLength(1);
    expect(await soldOn('CA1501', flightDate)).toBe(0);
    expect(
      Number((await db.query(`SELECT count(*) AS n FROM refunds WHERE order_id = $1`, [order.id])).rows[0].n),
    ).toBe(1);

    // The same person may buy cover on that flight again once the first policy is cancelled.
    const rebought = await buyFlight(customer, 'CA1501', flightDate, idNumber);
    const policies = await customer.api<{ items: { policyNo: string; status: string }[] }>('GET', '/api/v1/policies');
    expect(policies.body.items.map((item) => [item.policyNo, item.status])).toEqual([
      [rebought.policyNo, 'active'],
      [policyNo, 'cancelled'],
    ]);
  });

  it('refuses, with the reason, once the flight has left, and refunds nothing', async () => {
    const customer = await newCustomer(testApp);
    const flightDate = beijingDateIn(6);
    const { order, policyNo } = await buyFlight(customer, 'MU5137', flightDate);
    const { body: policy } = await customer.api<PolicyDetail>('GET', `/api/v1/policies/${policyNo}`);
    const insured = subjectOfKind(policy.subject, 'flight').flight;
    const flight = {
      flightNo: 'MU5137',
      flightDate,
      scheduledDeparture: new Date(insured.scheduledDeparture),
      scheduledArrival: new Date(insured.scheduledArrival),
    };
    expect((await postFlightEvent(testApp.baseUrl, flightEvent(flight, 'departed', 2))).status).toBeLessThan(300);

    const refused = await cancel(customer, policyNo);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('POLICY_CANCEL_AFTER_DEPARTURE');
    expect(refused.body.message).toContain('不能退保');
    const { body: after } = await customer.api<PolicyDetail>('GET', `/api/v1/policies/${policyNo}`);
    expect(after.status).toBe('active');
    expect(after.cancellation).toMatchObject({ available: false, unavailableReason: refused.body.message });
    expect((await customer.api<Order>('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('issued');
    expect(refundsAtWechat(order.orderNo)).toEqual([]);
    expect(await soldOn('MU5137', flightDate)).toBe(20000);
  });

  it("answers 'not found' for another customer's policy and changes nothing", async () => {
    const owner = await newCustomer(testApp);
    const stranger = await newCustomer(testApp);
    const { policyNo } = await buyFlight(owner, '3U8881', beijingDateIn(7));
    const refused = await cancel(stranger, policyNo);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('POLICY_NOT_FOUND');
    expect((await owner.api<PolicyDetail>('GET', `/api/v1/policies/${policyNo}`)).body.status).toBe('active');
  });

  it('cancels RAIN cover until the visit day begins (on the business clock), freeing the spot’s capacity, and refuses on the day', async () => {
    await importSimulatedHistory(testApp);
    await travelTo(testApp, '2027-07-04T12:00:00+08:00');
    const customer = await newCustomer(testApp);
    const early = await buyWeather(
      customer,
      { productCode: 'RAIN', spotCode: 'xihu', visitDate: '2027-07-05', persons: 2 },
      { idNumber: makeIdNumber() },
    );
    const late = await buyWeather(
      customer,
      { productCode: 'RAIN', spotCode: 'xihu', visitDate: '2027-07-06', persons: 1 },
      { idNumber: makeIdNumber() },
    );
    const sold = async (period: string) =>
      Number(
        (await db.query(`SELECT sold FROM weather_capacity WHERE place_code = 'xihu' AND period = $1`, [period]))
          .rows[0]?.sold ?? 0,
      );
    expect(await sold('2027-07-05')).toBe(2);

    await travelTo(testApp, '2027-07-04T23:59:00+08:00');
    const cancelled = await cancel(customer, early.order.policyNo!);
    expect(cancelled.status).toBe(200);
    expect(await sold('2027-07-05')).toBe(0);
    await customer.waitForOrder(early.order.id, ['refunded'], 15000);

    await travelTo(testApp, '2027-07-06T00:00:00+08:00');
    const refused = await cancel(customer, late.order.policyNo!);
    expect(refused.body.code).toBe('POLICY_CANCEL_AFTER_COVER_START');
    expect(await sold('2027-07-06')).toBe(1);
    expect(refundsAtWechat(late.order.orderNo)).toEqual([]);
  }, 120_000);
});

import { createVerify, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  isValidBusinessNumber,
  type Order,
  type PolicyDetail,
  type PolicyListResponse,
  type PolicyVerification,
} from '@xiaoan/shared';
import { ReconcileOrdersUseCase } from '../../src/modules/order/reconcile-orders.use-case.js';
import { beijingDateIn, makeIdNumber, newCustomer, type TestCustomer } from '../support/customer.js';
import { deliver, signedTransactionNotification } from '../../sim/notifications/signed-transaction-notification.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('buying a flight-delay policy end to end (HTTP, simulator, PostgreSQL)', () => {
  let testApp: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    testApp = await startTestApp();
    db = testApp.db;
  });
  afterAll(async () => {
    await testApp.close();
  });

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await db.query(sql, params)).rows[0].n);
  const ordersOf = (customer: TestCustomer) =>
    count(`SELECT count(*) AS n FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.openid = $1`, [
      customer.openid,
    ]);

  it('issues a policy once the simulator confirms payment, lists it, and verifies it publicly', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'CA1501', flightDate: beijingDateIn(4) });
    expect(quote.premiumFen).toBeGreaterThanOrEqual(500);
    expect(quote.premiumFen % 100).toBe(0);
    expect(quote.payoutFen).toBe(20000);
    const idNumber = makeIdNumber(424242);
    const created = await customer.order(quote, { name: '王小明', idNumber });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending_payment');
    expect(created.body.payment?.signType).toBe('RSA');
    expect(created.body.insuredNameMasked).toBe('王*明');
    // A reloaded pay page gets valid requestPayment parameters for the same prepay again.
    const reloaded = await customer.api<Order>('GET', `/api/v1/orders/${created.body.id}`);
    expect(reloaded.body.payment?.package).toBe(created.body.payment?.package);
    const { appId, timeStamp, nonceStr, package: pkg, paySign } = reloaded.body.payment!;
    const merchantCert = new X509Certificate(testApp.sim.keys.merchant.certPem);
    expect(
      createVerify('RSA-SHA256')
        .update(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`)
        .verify(merchantCert.publicKey, paySign, 'base64'),
    ).toBe(true);

    customer.pay(created.body);
    const issued = await customer.waitForOrder(created.body.id, ['issued']);
    expect(isValidBusinessNumber(issued.policyNo!, 'P')).toBe(true);

    const list = await customer.api<PolicyListResponse>('GET', '/api/v1/policies');
    expect(list.body.items.map((policy) => policy.policyNo)).toEqual([issued.policyNo]);
    expect(list.body.items[0]!.subject).toMatchObject({ kind: 'flight', flight: { flightNo: 'CA1501' } });

    const detail = await customer.api<PolicyDetail>('GET', `/api/v1/policies/${issued.policyNo}`);
    expect(detail.body.insuredIdMasked).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    expect(detail.body.filingNo).toBe('C00088832312026052100121');
    expect(JSON.stringify(detail.body)).not.toContain(idNumber);

    const verified = await fetch(
      `${testApp.baseUrl}/api/v1/policies/verify?policyNo=${issued.policyNo}&insuredName=${encodeURIComponent('王小明')}`,
    );
    expect(verified.status).toBe(200);
    const facts = (await verified.json()) as PolicyVerification;
    expect(facts).toMatchObject({
      policyNo: issued.policyNo,
      insuredNameMasked: '王*明',
      status: 'active',
      productName: '航班延误险',
    });
    const wrongName = await fetch(
      `${testApp.baseUrl}/api/v1/policies/verify?policyNo=${issued.policyNo}&insuredName=${encodeURIComponent('李四')}`,
    );
    expect(wrongName.status).toBe(404);
    expect(((await wrongName.json()) as { code: string }).code).toBe('POLICY_NOT_FOUND');

    // Compliance: the ID number is stored encrypted, and the sales trail was kept.
    expect(await count(`SELECT count(*) AS n FROM orders WHERE insured_id_encrypted LIKE $1`, [`%${idNumber}%`])).toBe(
      0,
    );
    expect(await count(`SELECT count(*) AS n FROM sales_trail_events WHERE order_id = $1`, [created.body.id])).toBe(3);
  });

  it('yields one policy when the same notification arrives 15 times, 5 of them at once', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'MU5137', flightDate: beijingDateIn(6) });
    const { body: order } = await customer.order(quote);
    const notification = signedTransactionNotification(testApp.sim, {
      outTradeNo: order.orderNo,
      amountFen: order.amountFen,
      openid: customer.openid,
    });
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => deliver(testApp.baseUrl, notification)));
    expect(concurrent.map((response) => response.status)).toEqual([204, 204, 204, 204, 204]);
    for (let i = 0; i < 10; i += 1) expect((await deliver(testApp.baseUrl, notification)).status).toBe(204);
    expect(await count(`SELECT count(*) AS n FROM policies WHERE order_id = $1`, [order.id])).toBe(1);
    expect((await customer.waitForOrder(order.id, ['issued'])).policyNo).toBeTruthy();
  });

  it('answers forged, tampered, stale and unknown-order notifications with 4xx and changes nothing', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'MU5183', flightDate: beijingDateIn(6) });
    const { body: order } = await customer.order(quote);
    const facts = { outTradeNo: order.orderNo, amountFen: order.amountFen, openid: customer.openid };

    const forged = signedTransactionNotification(testApp.sim, facts, { forge: true });
    expect((await deliver(testApp.baseUrl, forged)).status).toBe(401);

    const stale = signedTransactionNotification(testApp.sim, facts, {
      timestampSeconds: Math.floor(Date.now() / 1000) - 301,
    });
    expect((await deliver(testApp.baseUrl, stale)).status).toBe(401);

    const good = signedTransactionNotification(testApp.sim, facts);
    const envelope = JSON.parse(good.body) as { resource: { ciphertext: string } };
    const bytes = Buffer.from(envelope.resource.ciphertext, 'base64');
    bytes[3] = bytes[3]! ^ 0x01;
    envelope.resource.ciphertext = bytes.toString('base64');
    const tamperedBody = JSON.stringify(envelope);
    // Tampered after signing: the signature no longer covers the body.
    expect((await deliver(testApp.baseUrl, { ...good, body: tamperedBody })).status).toBe(401);

    // (A genuine payment that does not match its order is money received: payment-mismatch.e2e.spec.ts.)
    const unknownOrder = signedTransactionNotification(testApp.sim, { ...facts, outTradeNo: 'O9999999999999999' });
    const response = await deliver(testApp.baseUrl, unknownOrder);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'FAIL', message: 'NOTIFY_MISMATCH' });

    const probe = await testApp.sim.sendSignTestProbe(`${testApp.baseUrl}/api/v1/wechatpay/notify/transaction`);
    expect(probe).toBe(401);

    const { body: still } = await customer.api<Order>('GET', `/api/v1/orders/${order.id}`);
    expect(still.status).toBe('pending_payment');
    expect(await count(`SELECT count(*) AS n FROM policies WHERE order_id = $1`, [order.id])).toBe(0);
  });

  it('refuses an invalid ID number with its own code and creates nothing', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'FM9101', flightDate: beijingDateIn(7) });
    const response = await customer.order(quote, { idNumber: '110105194912310021' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('ID_NUMBER_INVALID');
    expect(await ordersOf(customer)).toBe(0);
  });

  it('refuses an expired quote', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'HO1251', flightDate: beijingDateIn(7) });
    await db.query(`UPDATE quotes SET expires_at = now() - interval '1 second' WHERE id = $1`, [quote.id]);
    const response = await customer.order(quote);
    expect(response.status).toBe(410);
    expect(response.body.code).toBe('QUOTE_EXPIRED');
    expect(await ordersOf(customer)).toBe(0);
  });

  it('requires the exclusions of the quoted version to have been read', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'HO1251', flightDate: beijingDateIn(8) });
    const response = await customer.order({ ...quote, productVersionId: '00000000-0000-4000-8000-000000000000' });
    expect(response.body.code).toBe('EXCLUSIONS_NOT_READ');
  });

  it('returns the same order for a retried request and refuses a reused key with another body', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'CZ3101', flightDate: beijingDateIn(8) });
    const idNumber = makeIdNumber(77);
    const first = await customer.order(quote, { idNumber }, 'retry-key-0001');
    const second = await customer.order(quote, { idNumber }, 'retry-key-0001');
    expect(second.body.id).toBe(first.body.id);
    const other = await customer.order(quote, { idNumber: makeIdNumber(78) }, 'retry-key-0001');
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const missing = await customer.api<{ code: string }>('POST', '/api/v1/orders', {});
    expect(missing.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await ordersOf(customer)).toBe(1);
  });

  it('sells one policy per insured person per flight', async () => {
    const customer = await newCustomer(testApp);
    const idNumber = makeIdNumber(99);
    const quote = await customer.quote({ flightNo: 'CZ3099', flightDate: beijingDateIn(9) });
    const { body: order } = await customer.order(quote, { idNumber });
    customer.pay(order);
    await customer.waitForOrder(order.id, ['issued']);
    const again = await customer.order(await customer.quote({ flightNo: 'CZ3099', flightDate: beijingDateIn(9) }), {
      idNumber,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE_INSURED_ON_FLIGHT');
  });

  it('refuses, at order time, a second order for the same insured on the same flight while the first awaits payment', async () => {
    const customer = await newCustomer(testApp);
    const idNumber = makeIdNumber(4242);
    const flightDate = beijingDateIn(9);
    const quote = await customer.quote({ flightNo: 'MU5301', flightDate });
    const first = await customer.order(quote, { idNumber }, 'dup-insured-key-1');
    expect(first.status).toBe(201);
    // Retrying the same request (same key) is the same order; a new order is refused and told which one to pay.
    const retried = await customer.order(quote, { idNumber }, 'dup-insured-key-1');
    expect([retried.status, retried.body.id]).toEqual([201, first.body.id]);
    const again = await customer.order(await customer.quote({ flightNo: 'MU5301', flightDate }), { idNumber });
    expect([again.status, again.body.code, (again.body as { details?: unknown }).details]).toEqual([
      409,
      'INSURED_ORDER_PENDING',
      { orderId: first.body.id },
    ]);
    // Someone else ordering for the same person is refused too, without learning the other order.
    const relative = await newCustomer(testApp);
    const theirs = await relative.order(await relative.quote({ flightNo: 'MU5301', flightDate }), { idNumber });
    expect([theirs.status, theirs.body.code, (theirs.body as { details?: unknown }).details]).toEqual([
      409,
      'INSURED_ORDER_PENDING',
      undefined,
    ]);
    expect(await ordersOf(customer)).toBe(1);
    expect(await ordersOf(relative)).toBe(0);
    // Another person on that flight, or the same person on another flight, may order.
    expect(
      (await customer.order(await customer.quote({ flightNo: 'MU5301', flightDate }), { idNumber: makeIdNumber(4243) }))
        .status,
    ).toBe(201);
    expect((await customer.order(await customer.quote({ flightNo: 'CZ3524', flightDate }), { idNumber })).status).toBe(
      201,
    );
    // Once the first order can no longer be paid (its 30 minutes passed), ordering again is allowed.
    await db.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [first.body.id]);
    expect((await relative.order(await relative.quote({ flightNo: 'MU5301', flightDate }), { idNumber })).status).toBe(
      201,
    );
  });

  it('lets only one of four concurrent orders for the same insured on the same flight through', async () => {
    const buyers = await Promise.all(Array.from({ length: 4 }, () => newCustomer(testApp)));
    const idNumber = makeIdNumber(5151);
    const flightDate = beijingDateIn(10);
    const quotes = await Promise.all(buyers.map((buyer) => buyer.quote({ flightNo: 'CA4101', flightDate })));
    const answers = await Promise.all(buyers.map((buyer, i) => buyer.order(quotes[i]!, { idNumber })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
    expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body.code)).toEqual(
      Array(3).fill('INSURED_ORDER_PENDING'),
    );
  });

  it('gives each stop-sale rule its own code', async () => {
    const customer = await newCustomer(testApp);
    const tooEarly = await customer.api<{ code: string }>('POST', '/api/v1/quotes', {
      productCode: 'FD120',
      flightNo: 'CA1351',
      flightDate: beijingDateIn(40),
      payoutTier: 20000,
    });
    expect(tooEarly.body.code).toBe('SALE_WINDOW_NOT_OPEN');
    const unknown = await customer.api<{ code: string }>('POST', '/api/v1/quotes', {
      productCode: 'FD120',
      flightNo: 'ZZ9999',
      flightDate: beijingDateIn(5),
      payoutTier: 20000,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('FLIGHT_NOT_FOUND');
    const badTier = await customer.api<{ code: string }>('POST', '/api/v1/quotes', {
      productCode: 'FD120',
      flightNo: 'CA1351',
      flightDate: beijingDateIn(5),
      payoutTier: 12345,
    });
    expect(badTier.body.code).toBe('PAYOUT_TIER_INVALID');
    testApp.sim.flights.apply('MU5301', beijingDateIn(5), {
      status: 'delayed',
      estimatedDeparture: new Date().toISOString(),
    });
    const delayed = await customer.api<{ code: string }>('POST', '/api/v1/quotes', {
      productCode: 'FD120',
      flightNo: 'MU5301',
      flightDate: beijingDateIn(5),
      payoutTier: 20000,
    });
    expect(delayed.body.code).toBe('FLIGHT_ALREADY_DELAYED');
    const lookup = await customer.api<{ code: string }>(
      'GET',
      `/api/v1/flights?date=${beijingDateIn(5)}&flightNo=ZZ9999`,
    );
    expect(lookup.body.code).toBe('FLIGHT_NOT_FOUND');
  });

  it('issues exactly 10 policies to 50 concurrent buyers of the last 10 seats and refunds the other 40', async () => {
    const flightNo = 'ZH9801';
    const flightDate = beijingDateIn(10);
    const buyers = await Promise.all(Array.from({ length: 50 }, () => newCustomer(testApp)));
    const orders = await Promise.all(
      buyers.map(async (buyer) => (await buyer.order(await buyer.quote({ flightNo, flightDate }))).body),
    );
    expect(orders.filter((order) => order.status !== 'pending_payment')).toEqual([]);
    // Everything but 10 seats (of 200 yuan each) is sold by now.
    await db.query(
      `UPDATE flights SET sold_sum_insured_fen = 6000000 - 10 * 20000 WHERE flight_no = $1 AND flight_date = $2`,
      [flightNo, flightDate],
    );
    buyers.forEach((buyer, i) => buyer.pay(orders[i]!));
    const settled = await Promise.all(
      buyers.map((buyer, i) => buyer.waitForOrder(orders[i]!.id, ['issued', 'refunded'], 30000)),
    );
    expect(settled.filter((order) => order.status === 'issued')).toHaveLength(10);
    const refunded = settled.filter((order) => order.status === 'refunded');
    expect(refunded).toHaveLength(40);
    expect(refunded[0]!.refundReason).toContain('售罄');
    const { rows } = await db.query(
      `SELECT sold_sum_insured_fen FROM flights WHERE flight_no = $1 AND flight_date = $2`,
      [flightNo, flightDate],
    );
    expect(Number(rows[0].sold_sum_insured_fen)).toBe(6_000_000);
    const refundsAtWechat = testApp.sim.ledger
      .of('refund')
      .filter((entry) => orders.some((order) => JSON.stringify(entry).includes(order.orderNo)));
    expect(refundsAtWechat).toHaveLength(40);
  });

  it('refunds in full, with the reason, when the flight departs between quote and payment', async () => {
    const customer = await newCustomer(testApp);
    const flightDate = beijingDateIn(11);
    const quote = await customer.quote({ flightNo: 'ZH9501', flightDate });
    const { body: order } = await customer.order(quote);
    await db.query(`UPDATE flights SET status = 'departed' WHERE flight_no = 'ZH9501' AND flight_date = $1`, [
      flightDate,
    ]);
    customer.pay(order);
    const refunded = await customer.waitForOrder(order.id, ['refunded'], 15000);
    expect(refunded.refundReason).toContain('航班已起飞');
    expect(refunded.policyNo).toBeNull();
  });

  it('catches a payment whose notifications never arrived, by querying WeChat', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: '3U8881', flightDate: beijingDateIn(12) });
    const { body: order } = await customer.order(quote);
    testApp.sim.faults.setNotificationFault('drop', { times: 16 });
    customer.pay(order);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await customer.api<Order>('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('pending_payment');
    const result = await testApp.app.get(ReconcileOrdersUseCase).execute(new Date(), 0);
    testApp.sim.faults.clear();
    expect(result.settled).toBeGreaterThanOrEqual(1);
    expect((await customer.api<Order>('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('issued');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Quote } from '@xiaoan/shared';
import type { CreateOrderUseCase } from '../../src/modules/order/create-order.use-case.js';
import { ORDER_PAYMENT_WINDOW_MS } from '../../src/modules/order/order.queues.js';
import { beijingDateIn } from '../support/customer.js';
import {
  addCustomer,
  addOrderFromQuote,
  createOrderOf,
  importStationHistory,
  openMedium,
  orderBodyOf,
  paymentOf,
  quotersOf,
  settlementOf,
  snapshot,
  versionIdOf,
  type Customer,
  type Medium,
  type Quoters,
} from '../support/medium.js';

/**
 * CreateOrderUseCase on a real PostgreSQL, on quotes the quoters wrote: a quote becomes one order
 * waiting for its payment, its JSAPI order placed at the WeChat Pay simulator; a retry with the
 * same Idempotency-Key is the same order; every refusal has its code and writes nothing.
 */
describe('CreateOrderUseCase', () => {
  let medium: Medium;
  let quoters: Quoters;
  let create: CreateOrderUseCase;
  /** Each test its own flight day, so that one test's insured is not another's. */
  let day = 1;

  beforeAll(async () => {
    medium = await openMedium();
    quoters = quotersOf(medium);
    create = createOrderOf(medium);
  });
  afterAll(async () => {
    await medium?.close();
  });

  /**
   * Every order, every insured person named on one, and every 常用被保险人; `prepay` false leaves
   * out the JSAPI prepay an order holds (a retry places it again, and WeChat Pay gives a new one).
   */
  const stateOf = (prepay = true) =>
    snapshot(
      medium.db,
      `SELECT (SELECT json_agg(CASE WHEN $1 THEN to_jsonb(o) ELSE to_jsonb(o) - 'prepay_id' - 'updated_at' END ORDER BY o.id)
                 FROM orders o) AS orders,
              (SELECT json_agg(i ORDER BY i.order_id, i.seq) FROM order_insureds i) AS insureds,
              (SELECT json_agg(s ORDER BY s.id) FROM saved_insureds s) AS saved`,
      [prepay],
    );
  const flightQuote = (customer: Customer, flightDate = beijingDateIn((day += 1))): Promise<Quote> =>
    quoters.flight.quote(customer.id, { productCode: 'FD120', flightNo: 'CA1501', flightDate, payoutTier: 20000 });
  const held = (quote: Quote) => ({
    id: quote.id,
    productVersionId: quote.productVersionId,
    premiumFen: quote.premiumFen,
    payoutFen: quote.payoutFen,
  });
  const as = (customer: Customer) => ({ customerId: customer.id, openid: customer.openid });

  it('a quote becomes one order waiting for its payment: the quoted premium and payout, the insured encrypted and masked, payable for 30 minutes, its JSAPI order placed', async () => {
    const customer = await addCustomer(medium.db);
    const quote = await flightQuote(customer);
    const body = orderBodyOf(quote);

    const order = await create.execute(as(customer), 'order-key-0001', body);

    expect(order).toMatchObject({
      status: 'pending_payment',
      amountFen: quote.premiumFen,
      productCode: 'FD120',
      insuredNameMasked: '张*',
      policyNo: null,
      payment: expect.objectContaining({ package: expect.stringMatching(/^prepay_id=/), paySign: expect.any(String) }),
    });
    const { rows } = await medium.db.query(
      `SELECT o.status, o.quote_id, o.product_version_id, o.flight_id = q.flight_id AS quoted_flight, o.amount_fen, o.payout_fen,
              o.insured_name_masked, o.insured_id_encrypted = $2 AS id_in_clear, o.insured_phone_masked, o.idempotency_key,
              o.expires_at - o.created_at AS payable_for,
              (SELECT json_agg(json_build_object('seq', i.seq, 'relationship', i.relationship, 'name', i.name_masked)) FROM order_insureds i WHERE i.order_id = o.id) AS insureds
         FROM orders o JOIN quotes q ON q.id = o.quote_id WHERE o.customer_id = $1`,
      [customer.id, body.insured.idNumber],
    );
    expect(rows).toEqual([
      {
        status: 'pending_payment',
        quote_id: quote.id,
        product_version_id: quote.productVersionId,
        quoted_flight: true,
        amount_fen: quote.premiumFen,
        payout_fen: 20000,
        insured_name_masked: '张*',
        id_in_clear: false,
        insured_phone_masked: '138****5678',
        idempotency_key: 'order-key-0001',
        payable_for: { minutes: ORDER_PAYMENT_WINDOW_MS / 60_000 },
        insureds: [{ seq: 1, relationship: 'self', name: '张*' }],
      },
    ]);
    // WeChat Pay holds the order under our order number, at the premium, not yet paid.
    await expect(medium.adapters.gateway.queryOrder(order.orderNo)).resolves.toMatchObject({
      out_trade_no: order.orderNo,
      trade_state: 'NOTPAY',
      amount: { total: quote.premiumFen },
    });
  });

  it('the same request again with the same Idempotency-Key is the same order, and there is still one', async () => {
    const customer = await addCustomer(medium.db);
    const quote = await flightQuote(customer);
    const body = orderBodyOf(quote);
    const first = await create.execute(as(customer), 'order-key-0002', body);
    const once = await stateOf(false);

    const again = await create.execute(as(customer), 'order-key-0002', body);

    expect(again).toMatchObject({ id: first.id, orderNo: first.orderNo, status: 'pending_payment' });
    expect(again.payment).toMatchObject({ package: expect.stringMatching(/^prepay_id=/) });
    expect(await stateOf(false)).toBe(once);
    const { rows } = await medium.db.query(`SELECT count(*)::int AS n FROM orders WHERE customer_id = $1`, [
      customer.id,
    ]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('the same Idempotency-Key with another insured is refused: IDEMPOTENCY_KEY_REUSED, and nothing changes', async () => {
    const customer = await addCustomer(medium.db);
    const quote = await flightQuote(customer);
    await create.execute(as(customer), 'order-key-0003', orderBodyOf(quote, { insured: 'first' }));
    const before = await stateOf();

    await expect(
      create.execute(as(customer), 'order-key-0003', orderBodyOf(quote, { insured: 'second' })),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    expect(await stateOf()).toBe(before);
  });

  /** A refusal: its code, and not a row written anywhere. */
  const refused = async (
    customer: Customer,
    body: unknown,
    code: string,
    options: { key?: string; placedAt?: Date; details?: unknown } = {},
  ) => {
    const before = await stateOf();
    await expect(
      create.execute(as(customer), options.key ?? `refused-${day}-${code}`, body, options.placedAt),
    ).rejects.toMatchObject({ code, ...(options.details ? { details: options.details } : {}) });
    expect(await stateOf()).toBe(before);
  };

  it('a quote past its 15 minutes is refused: QUOTE_EXPIRED, and nothing is written', async () => {
    const customer = await addCustomer(medium.db);
    const quote = await flightQuote(customer);

    await refused(customer, orderBodyOf(quote), 'QUOTE_EXPIRED', {
      placedAt: new Date(Date.parse(quote.expiresAt) + 1000),
    });
  });

  it("exclusions read under another version than the quote's are refused: EXCLUSIONS_NOT_READ, and nothing is written", async () => {
    const customer = await addCustomer(medium.db);
    const quote = await flightQuote(customer);

    await refused(
      customer,
      { ...orderBodyOf(quote), exclusionsReadVersion: await versionIdOf(medium.db, 'FD60') },
      'EXCLUSIONS_NOT_READ',
    );
  });

  it('a flight order naming a companion is refused: INSURED_COUNT_MISMATCH, and nothing is written', async () => {
    const customer = await addCustomer(medium.db);
    const quote = await flightQuote(customer);

    await refused(customer, orderBodyOf(quote, { companions: 1 }), 'INSURED_COUNT_MISMATCH');
  });

  it("another customer's quote is not found: QUOTE_NOT_FOUND, and nothing is written", async () => {
    const quote = await flightQuote(await addCustomer(medium.db));

    await refused(await addCustomer(medium.db), orderBodyOf(quote), 'QUOTE_NOT_FOUND');
  });

  it('an Idempotency-Key too short to be one is refused: IDEMPOTENCY_KEY_REQUIRED, and nothing is written', async () => {
    const customer = await addCustomer(medium.db);
    const quote = await flightQuote(customer);

    await refused(customer, orderBodyOf(quote), 'IDEMPOTENCY_KEY_REQUIRED', { key: 'short' });
  });

  it('a person already insured on the flight is refused: DUPLICATE_INSURED_ON_FLIGHT, and nothing is written', async () => {
    const flightDate = beijingDateIn((day += 1));
    const first = await addCustomer(medium.db);
    const bought = await addOrderFromQuote(medium, first, held(await flightQuote(first, flightDate)), {
      insured: 'wang',
    });
    expect(await settlementOf(medium).execute(paymentOf(medium, bought), null)).toBe('issued');
    const customer = await addCustomer(medium.db);
    const quote = await flightQuote(customer, flightDate);

    await refused(customer, orderBodyOf(quote, { insured: 'wang' }), 'DUPLICATE_INSURED_ON_FLIGHT');

    // Another person on the same flight is ordered.
    await expect(
      create.execute(as(customer), 'order-key-0009', orderBodyOf(quote, { insured: 'li' })),
    ).resolves.toMatchObject({ status: 'pending_payment' });
  });

  it('a person with an order on the flight still payable is refused a second: INSURED_ORDER_PENDING, and nothing is written', async () => {
    const flightDate = beijingDateIn((day += 1));
    const first = await addCustomer(medium.db);
    await addOrderFromQuote(medium, first, held(await flightQuote(first, flightDate)), { insured: 'zhao' });
    const customer = await addCustomer(medium.db);
    const quote = await flightQuote(customer, flightDate);

    await refused(customer, orderBodyOf(quote, { insured: 'zhao' }), 'INSURED_ORDER_PENDING');
  });

  describe('RAIN, one named person per person quoted', () => {
    let rain: Quote;
    let customer: Customer;

    beforeAll(async () => {
      await importStationHistory(medium, quoters.weatherPricing);
      medium.clock.travelTo(new Date('2027-07-04T12:00:00+08:00'));
      customer = await addCustomer(medium.db);
      rain = await quoters.rain.quote(customer.id, {
        productCode: 'RAIN',
        spotCode: 'xihu',
        visitDate: '2027-07-05',
        persons: 3,
      });
    }, 120_000);

    it('a quote for 3 persons naming 2 is refused: INSURED_COUNT_MISMATCH, and nothing is written', async () => {
      await refused(customer, orderBodyOf(rain, { companions: 1 }), 'INSURED_COUNT_MISMATCH', {
        details: { expected: 3, given: 2 },
      });
      await refused(customer, orderBodyOf(rain, { companions: 3 }), 'INSURED_COUNT_MISMATCH', {
        details: { expected: 3, given: 4 },
      });
    });

    it('naming the 3 persons orders the cover for each of them', async () => {
      const order = await create.execute(as(customer), 'order-key-rain', orderBodyOf(rain, { companions: 2 }));

      const { rows } = await medium.db.query(
        `SELECT o.amount_fen, o.payout_fen, o.place_code, o.units, to_char(o.cover_end_date, 'YYYY-MM-DD') AS visit,
                (SELECT json_agg(i.relationship ORDER BY i.seq) FROM order_insureds i WHERE i.order_id = o.id) AS insureds
           FROM orders o WHERE o.id = $1`,
        [order.id],
      );
      expect(rows).toEqual([
        {
          amount_fen: rain.premiumFen,
          payout_fen: 3000,
          place_code: 'xihu',
          units: 3,
          visit: '2027-07-05',
          insureds: ['self', 'other', 'other'],
        },
      ]);
    });
  });
  describe('a second product sold on the same spot-days as RAIN', () => {
    let customer: Customer;

    beforeAll(async () => {
      // The catalogue's reference data: a second spot-day product on RAIN's terms (no staff use case
      // publishes a product; the quoters read the catalogue on demand).
      await medium.db.query(
        `INSERT INTO products (code, name, category, tagline, from_premium_fen, sort_order)
         VALUES ('RAINPLUS', '景区下雨险·加倍', 'rain', '同一天再保一份', 100, 99)`,
      );
      await medium.db.query(
        `INSERT INTO product_versions (product_id, version, insurer_name, filing_no, clauses, exclusions, terms, effective_from)
         SELECT (SELECT id FROM products WHERE code = 'RAINPLUS'), 1, v.insurer_name, v.filing_no, v.clauses, v.exclusions,
                v.terms, v.effective_from
           FROM product_versions v JOIN products p ON p.id = v.product_id WHERE p.code = 'RAIN' ORDER BY v.version DESC LIMIT 1`,
      );
      await importStationHistory(medium, quoters.weatherPricing);
      medium.clock.travelTo(new Date('2027-07-05T12:00:00+08:00'));
      customer = await addCustomer(medium.db);
    }, 120_000);

    const spotDay = (productCode: string) =>
      quoters.rain.quote(customer.id, { productCode, spotCode: 'xihu', visitDate: '2027-07-06', persons: 1 });

    it('a RAIN holder is refused a second RAIN for the day (DUPLICATE_INSURED_ON_PLACE) but insured by the other product', async () => {
      const rain = await addOrderFromQuote(medium, customer, held(await spotDay('RAIN')), { insured: 'sun' });
      expect(await settlementOf(medium).execute(paymentOf(medium, rain), null)).toBe('issued');

      await refused(customer, orderBodyOf(await spotDay('RAIN'), { insured: 'sun' }), 'DUPLICATE_INSURED_ON_PLACE');

      const plus = await addOrderFromQuote(medium, customer, held(await spotDay('RAINPLUS')), { insured: 'sun' });
      expect(await settlementOf(medium).execute(paymentOf(medium, plus), null)).toBe('issued');
      const { rows } = await medium.db.query(
        `SELECT p.code, count(*)::int AS policies FROM policies x JOIN products p ON p.id = x.product_id
          WHERE x.place_code = 'xihu' AND x.cover_end_date = '2027-07-06' AND x.status = 'active' GROUP BY p.code ORDER BY p.code`,
      );
      expect(rows).toEqual([
        { code: 'RAIN', policies: 1 },
        { code: 'RAINPLUS', policies: 1 },
      ]);
    });
  });
});

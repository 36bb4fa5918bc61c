import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { QuoteFlightDelayUseCase } from '../../src/products/flight-delay/quote-flight-delay.use-case.js';
import { QUOTE_TTL_MS } from '../../src/products/product-quoter.js';
import { beijingDateIn } from '../support/customer.js';
import { addCustomer, openMedium, quotersOf, snapshot, versionIdOf, type Medium } from '../support/medium.js';

/**
 * QuoteFlightDelayUseCase on a real PostgreSQL, the flight read from the simulated provider over
 * HTTP: one passenger on one flight at a payout tier becomes one quote row at the priced premium,
 * with its pricing evidence, held 15 minutes. Every stop-sale or validation refusal has its own
 * code and writes no quote.
 */
describe('QuoteFlightDelayUseCase', () => {
  let medium: Medium;
  let quoter: QuoteFlightDelayUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    quoter = quotersOf(medium).flight;
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** Every quote. */
  const quotes = () => snapshot(medium.db, `SELECT json_agg(q ORDER BY q.id) FROM quotes q`);
  const flight = (body: Record<string, unknown> = {}) => ({
    productCode: 'FD120',
    flightNo: 'CA1501',
    flightDate: beijingDateIn(4),
    payoutTier: 20000,
    ...body,
  });

  it('a scheduled flight and a payout tier: the flight as the provider reports it, one quote for the customer at the priced premium with its evidence, held 15 minutes', async () => {
    const customer = await addCustomer(medium.db);
    const asked = Date.now();

    const quote = await quoter.quote(customer.id, flight());

    const versionId = await versionIdOf(medium.db, 'FD120');
    expect(quote).toEqual({
      id: expect.any(String),
      productCode: 'FD120',
      productName: expect.any(String),
      productVersionId: versionId,
      productVersion: expect.any(Number),
      premiumFen: expect.any(Number),
      payoutFen: 20000,
      expiresAt: expect.any(String),
      subject: {
        kind: 'flight',
        flight: expect.objectContaining({ flightNo: 'CA1501', flightDate: beijingDateIn(4), status: 'scheduled' }),
        delayThresholdMinutes: 120,
      },
    });
    const { rows } = await medium.db.query(
      `SELECT q.customer_id, q.product_version_id, f.flight_no, to_char(f.flight_date, 'YYYY-MM-DD') AS flight_date,
              q.place_code, q.units, q.payout_fen, q.premium_fen, q.expires_at,
              q.pricing ? 'probability' AND q.pricing ? 'chargedProbability' AND q.pricing ? 'breakdown' AS evidence
         FROM quotes q JOIN flights f ON f.id = q.flight_id WHERE q.customer_id = $1`,
      [customer.id],
    );
    expect(rows).toEqual([
      {
        customer_id: customer.id,
        product_version_id: versionId,
        flight_no: 'CA1501',
        flight_date: beijingDateIn(4),
        place_code: null,
        units: null,
        payout_fen: 20000,
        premium_fen: quote.premiumFen,
        expires_at: new Date(quote.expiresAt),
        evidence: true,
      },
    ]);
    // Never below the version's minimum premium, always below what it pays.
    expect(quote.premiumFen).toBeGreaterThanOrEqual(800);
    expect(quote.premiumFen).toBeLessThan(20000);
    expect(Date.parse(quote.expiresAt) - asked).toBeGreaterThanOrEqual(QUOTE_TTL_MS);
    expect(Date.parse(quote.expiresAt) - Date.now()).toBeLessThanOrEqual(QUOTE_TTL_MS);
  });

  it('FD60 on the same flight is the FD60 version, paying from a 60-minute delay', async () => {
    const customer = await addCustomer(medium.db);

    const quote = await quoter.quote(customer.id, flight({ productCode: 'FD60', payoutTier: 10000 }));

    expect(quote).toMatchObject({
      productCode: 'FD60',
      productVersionId: await versionIdOf(medium.db, 'FD60'),
      payoutFen: 10000,
      subject: { kind: 'flight', delayThresholdMinutes: 60 },
    });
    const { rows } = await medium.db.query(`SELECT payout_fen, premium_fen FROM quotes WHERE id = $1`, [quote.id]);
    expect(rows).toEqual([{ payout_fen: 10000, premium_fen: quote.premiumFen }]);
  });

  it.each([
    ['a payout that is not one of the tiers', 'PAYOUT_TIER_INVALID', flight({ payoutTier: 12345 })],
    ['a HEAT37 product code', 'PRODUCT_NOT_ON_SALE', flight({ productCode: 'HEAT37' })],
    ['a RAIN product code', 'PRODUCT_NOT_ON_SALE', flight({ productCode: 'RAIN' })],
    ['a product nobody sells', 'PRODUCT_NOT_FOUND', flight({ productCode: 'NOPE9' })],
    ['a flight the provider does not know', 'FLIGHT_NOT_FOUND', flight({ flightNo: 'ZZ9999' })],
    [
      'a flight 40 days ahead, before the sale opens',
      'SALE_WINDOW_NOT_OPEN',
      flight({ flightDate: beijingDateIn(40) }),
    ],
    ['a flight date that is no date', 'VALIDATION_FAILED', flight({ flightDate: 'tomorrow' })],
    ['a negative payout', 'VALIDATION_FAILED', flight({ payoutTier: -20000 })],
    ['a field the request does not have', 'VALIDATION_FAILED', flight({ cityCode: 'shanghai' })],
    ['no body', 'VALIDATION_FAILED', undefined],
  ])('%s: %s, and no quote is written', async (_, code, body) => {
    const customer = await addCustomer(medium.db);
    const before = await quotes();

    await expect(quoter.quote(customer.id, body)).rejects.toMatchObject({ code });

    expect(await quotes()).toBe(before);
  });

  it('a flight the provider already reports delayed is not sold: FLIGHT_ALREADY_DELAYED, and no quote is written', async () => {
    const customer = await addCustomer(medium.db);
    medium.sim.flights.apply('MU5301', beijingDateIn(5), {
      status: 'delayed',
      estimatedDeparture: new Date().toISOString(),
    });
    const before = await quotes();

    await expect(
      quoter.quote(customer.id, flight({ flightNo: 'MU5301', flightDate: beijingDateIn(5) })),
    ).rejects.toMatchObject({ code: 'FLIGHT_ALREADY_DELAYED' });

    expect(await quotes()).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { WeatherPricingService } from '../../src/modules/pricing/weather/weather-pricing.service.js';
import { QUOTE_TTL_MS } from '../../src/products/product-quoter.js';
import type { QuoteRainUseCase } from '../../src/products/rain/quote-rain.use-case.js';
import {
  addCustomer,
  addOrderFromQuote,
  importStationHistory,
  openMedium,
  paymentOf,
  quotersOf,
  quotesAndCapacity,
  settlementOf,
  versionIdOf,
  type Medium,
} from '../support/medium.js';

/**
 * QuoteRainUseCase on a real PostgreSQL, priced from station history imported as production
 * imports it: a spot, the visit day and the persons become one quote row covering that day, paying
 * 10 yuan a person, priced from how often it rained in the visiting window that month. Every
 * stop-sale or validation refusal has its own code and writes no quote.
 */
describe('QuoteRainUseCase', () => {
  let medium: Medium;
  let pricing: WeatherPricingService;
  let quoter: QuoteRainUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    // The weather module's reference data (read once a minute): the Palace Museum sells cover for 2 persons a day.
    await medium.db.query(`UPDATE weather_places SET capacity = 2 WHERE code = 'gugong'`);
    const quoters = quotersOf(medium);
    pricing = quoters.weatherPricing;
    quoter = quoters.rain;
  });
  afterAll(async () => {
    await medium?.close();
  });

  const stateOf = () => quotesAndCapacity(medium.db);
  const rain = (body: Record<string, unknown> = {}) => ({
    productCode: 'RAIN',
    spotCode: 'xihu',
    visitDate: '2027-07-05',
    persons: 3,
    ...body,
  });

  it('without the station history the spot cannot be priced: WEATHER_HISTORY_INSUFFICIENT, and no quote is written', async () => {
    medium.clock.travelTo(new Date('2027-07-04T12:00:00+08:00'));
    const customer = await addCustomer(medium.db);
    const before = await stateOf();

    await expect(quoter.quote(customer.id, rain())).rejects.toMatchObject({
      code: 'WEATHER_HISTORY_INSUFFICIENT',
      details: { reason: 'INSUFFICIENT_HISTORY' },
    });

    expect(await stateOf()).toBe(before);
  });

  describe('with fifteen years of station history imported', () => {
    beforeAll(async () => {
      await importStationHistory(medium, pricing);
    }, 120_000);

    it("a spot, tomorrow and 3 persons: one quote for the customer covering that day, paying 10 yuan a person, priced from the month's rain, held 15 minutes", async () => {
      medium.clock.travelTo(new Date('2027-07-04T12:00:00+08:00'));
      const customer = await addCustomer(medium.db);
      const asked = Date.now();

      const quote = await quoter.quote(customer.id, rain());

      const versionId = await versionIdOf(medium.db, 'RAIN');
      expect(quote).toEqual({
        id: expect.any(String),
        productCode: 'RAIN',
        productName: '景区下雨险',
        productVersionId: versionId,
        productVersion: expect.any(Number),
        premiumFen: expect.any(Number),
        payoutFen: 3000,
        expiresAt: expect.any(String),
        subject: {
          kind: 'rain',
          spotCode: 'xihu',
          spotName: '西湖',
          cityName: '杭州',
          visitDate: '2027-07-05',
          persons: 3,
          thresholdMm: 2,
          windowStart: '09:00',
          windowEnd: '17:00',
          payoutPerPersonFen: 1000,
          saleClosesAt: '2027-07-04T12:00:00.000Z',
        },
      });
      const { rows } = await medium.db.query(
        `SELECT customer_id, product_version_id, flight_id, place_code, units, to_char(cover_start_date, 'YYYY-MM-DD') AS start,
                to_char(cover_end_date, 'YYYY-MM-DD') AS end, payout_fen, premium_fen, expires_at, pricing
           FROM quotes WHERE customer_id = $1`,
        [customer.id],
      );
      expect(rows).toEqual([
        {
          customer_id: customer.id,
          product_version_id: versionId,
          flight_id: null,
          place_code: 'xihu',
          units: 3,
          start: '2027-07-05',
          end: '2027-07-05',
          payout_fen: 3000,
          premium_fen: quote.premiumFen,
          expires_at: new Date(quote.expiresAt),
          pricing: {
            status: 'priced',
            premiumFen: quote.premiumFen,
            probability: expect.any(Number),
            // Fifteen Julys of 31 days.
            daysObserved: 15 * 31,
          },
        },
      ]);
      // The premium is the expected payout at the month's rain frequency, loaded for the target loss ratio.
      const { probability } = rows[0]!.pricing as { probability: number };
      expect(probability).toBeGreaterThan(0);
      expect(quote.premiumFen).toBe(Math.max(100, Math.ceil((3000 * probability) / 0.65)));
      expect(Date.parse(quote.expiresAt) - asked).toBeGreaterThanOrEqual(QUOTE_TTL_MS);
      expect(Date.parse(quote.expiresAt) - Date.now()).toBeLessThanOrEqual(QUOTE_TTL_MS);
    });

    it('the day before the visit it sells until 20:00: RAIN_SALE_CLOSED from then, and no quote is written', async () => {
      const customer = await addCustomer(medium.db);
      medium.clock.travelTo(new Date('2027-07-05T19:59:00+08:00'));
      await expect(quoter.quote(customer.id, rain({ visitDate: '2027-07-06', persons: 1 }))).resolves.toMatchObject({
        payoutFen: 1000,
      });
      medium.clock.travelTo(new Date('2027-07-05T20:00:00+08:00'));
      const before = await stateOf();

      await expect(quoter.quote(customer.id, rain({ visitDate: '2027-07-06', persons: 1 }))).rejects.toMatchObject({
        code: 'RAIN_SALE_CLOSED',
      });

      expect(await stateOf()).toBe(before);
    });

    it.each([
      ['11 persons, over the most an order covers', 'PERSONS_INVALID', rain({ persons: 11 })],
      ['no persons', 'PERSONS_INVALID', rain({ persons: 0 })],
      ['a HEAT37 product code', 'PRODUCT_NOT_ON_SALE', rain({ productCode: 'HEAT37' })],
      ['a flight-delay product code', 'PRODUCT_NOT_ON_SALE', rain({ productCode: 'FD60' })],
      ['a city given as the spot', 'PLACE_NOT_FOUND', rain({ spotCode: 'shanghai' })],
      ['a spot not covered', 'PLACE_NOT_FOUND', rain({ spotCode: 'atlantis' })],
      ['a visit day already begun', 'RAIN_SALE_CLOSED', rain({ visitDate: '2027-07-04' })],
      ['a visit over 30 days ahead', 'VISIT_DATE_TOO_FAR', rain({ visitDate: '2027-08-20' })],
      ['a visit date that is no date', 'VALIDATION_FAILED', rain({ visitDate: '2027-7-5' })],
      ['persons as a fraction', 'VALIDATION_FAILED', rain({ persons: 1.5 })],
      ['no spot', 'VALIDATION_FAILED', { productCode: 'RAIN', visitDate: '2027-07-05', persons: 1 }],
      ['a field the request does not have', 'VALIDATION_FAILED', rain({ units: 3 })],
    ])('%s: %s, and no quote is written', async (_, code, body) => {
      medium.clock.travelTo(new Date('2027-07-04T12:00:00+08:00'));
      const customer = await addCustomer(medium.db);
      const before = await stateOf();

      await expect(quoter.quote(customer.id, body)).rejects.toMatchObject({ code });

      expect(await stateOf()).toBe(before);
    });

    it("persons a spot's issued policies cover that day are not sold again: PLACE_CAPACITY_REACHED, and no quote is written", async () => {
      medium.clock.travelTo(new Date('2027-07-04T12:00:00+08:00'));
      const buyer = await addCustomer(medium.db);
      const bought = await quoter.quote(buyer.id, rain({ spotCode: 'gugong', visitDate: '2027-07-10', persons: 2 }));
      const order = await addOrderFromQuote(medium, buyer, bought, { companions: 1 });
      expect(await settlementOf(medium).execute(paymentOf(medium, order), null)).toBe('issued');
      const customer = await addCustomer(medium.db);
      const before = await stateOf();

      await expect(
        quoter.quote(customer.id, rain({ spotCode: 'gugong', visitDate: '2027-07-10', persons: 1 })),
      ).rejects.toMatchObject({ code: 'PLACE_CAPACITY_REACHED' });

      expect(await stateOf()).toBe(before);
      // Another day is another day's capacity.
      await expect(
        quoter.quote(customer.id, rain({ spotCode: 'gugong', visitDate: '2027-07-11', persons: 2 })),
      ).resolves.toMatchObject({ payoutFen: 2000 });
    });
  });
});

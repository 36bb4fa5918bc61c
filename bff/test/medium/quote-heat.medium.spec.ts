import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { WeatherPricingService } from '../../src/modules/pricing/weather/weather-pricing.service.js';
import type { QuoteHeatUseCase } from '../../src/products/heat/quote-heat.use-case.js';
import { ImportWeatherHistoryUseCase } from '../../src/modules/pricing/weather/import-weather-history.use-case.js';
import { QUOTE_TTL_MS } from '../../src/products/product-quoter.js';
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
 * QuoteHeatUseCase on a real PostgreSQL, priced from station history imported as production
 * imports it: a city, its units and the season become one quote row at the unit premium times the
 * units, paying up to the cap per unit, over the season days left after the waiting period. Every
 * stop-sale or validation refusal has its own code and writes no quote.
 */
describe('QuoteHeatUseCase', () => {
  let medium: Medium;
  let pricing: WeatherPricingService;
  let quoter: QuoteHeatUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    // The weather module's reference data (read once a minute): Wuhan sells 3 units a season.
    await medium.db.query(`UPDATE weather_places SET capacity = 3 WHERE code = 'wuhan'`);
    const quoters = quotersOf(medium);
    pricing = quoters.weatherPricing;
    quoter = quoters.heat;
  });
  afterAll(async () => {
    await medium?.close();
  });

  const stateOf = () => quotesAndCapacity(medium.db);
  const heat = (body: Record<string, unknown> = {}) => ({
    productCode: 'HEAT37',
    cityCode: 'shanghai',
    units: 2,
    seasonYear: 2027,
    ...body,
  });

  it('without the station history the city cannot be priced: WEATHER_HISTORY_INSUFFICIENT, and no quote is written', async () => {
    medium.clock.travelTo(new Date('2027-06-10T10:00:00+08:00'));
    const customer = await addCustomer(medium.db);
    const before = await stateOf();

    await expect(quoter.quote(customer.id, heat())).rejects.toMatchObject({
      code: 'WEATHER_HISTORY_INSUFFICIENT',
      details: { reason: 'INSUFFICIENT_HISTORY' },
    });

    expect(await stateOf()).toBe(before);
  });

  describe('with fifteen seasons of station history imported', () => {
    beforeAll(async () => {
      await importStationHistory(medium, pricing);
    }, 120_000);

    it('a city, 2 units and the coming season: one quote for the customer at twice the unit premium, paying up to twice the cap, from 21 June to 31 August, held 15 minutes', async () => {
      medium.clock.travelTo(new Date('2027-06-10T10:00:00+08:00'));
      const customer = await addCustomer(medium.db);
      const asked = Date.now();

      const quote = await quoter.quote(customer.id, heat());

      const versionId = await versionIdOf(medium.db, 'HEAT37');
      expect(quote).toEqual({
        id: expect.any(String),
        productCode: 'HEAT37',
        productName: '37°C高温险',
        productVersionId: versionId,
        productVersion: expect.any(Number),
        premiumFen: expect.any(Number),
        payoutFen: 20000,
        expiresAt: expect.any(String),
        subject: {
          kind: 'heat',
          cityCode: 'shanghai',
          cityName: '上海',
          seasonYear: 2027,
          units: 2,
          coverStartDate: '2027-06-21',
          coverEndDate: '2027-08-31',
          deductibleDays: 3,
          thresholdCelsius: 37,
          tickPerUnitFen: 500,
          capPerUnitFen: 10000,
        },
      });
      const { rows } = await medium.db.query(
        `SELECT customer_id, product_version_id, flight_id, place_code, units, to_char(cover_start_date, 'YYYY-MM-DD') AS start,
                to_char(cover_end_date, 'YYYY-MM-DD') AS end, payout_fen, premium_fen, expires_at,
                pricing->>'status' AS priced, (pricing->>'premiumPerUnitFen')::int AS per_unit,
                (pricing->>'seasonsUsed')::int AS seasons, (pricing->>'deductibleDays')::int AS deductible
           FROM quotes WHERE customer_id = $1`,
        [customer.id],
      );
      expect(rows).toEqual([
        {
          customer_id: customer.id,
          product_version_id: versionId,
          flight_id: null,
          place_code: 'shanghai',
          units: 2,
          start: '2027-06-21',
          end: '2027-08-31',
          payout_fen: 20000,
          premium_fen: quote.premiumFen,
          expires_at: new Date(quote.expiresAt),
          priced: 'priced',
          per_unit: quote.premiumFen / 2,
          seasons: 15,
          deductible: 3,
        },
      ]);
      expect(quote.premiumFen).toBeGreaterThan(0);
      expect(quote.premiumFen).toBeLessThan(quote.payoutFen);
      expect(Date.parse(quote.expiresAt) - asked).toBeGreaterThanOrEqual(QUOTE_TTL_MS);
      expect(Date.parse(quote.expiresAt) - Date.now()).toBeLessThanOrEqual(QUOTE_TTL_MS);
    });

    it('one unit costs the unit premium: the price is per unit', async () => {
      medium.clock.travelTo(new Date('2027-06-10T10:00:00+08:00'));
      const customer = await addCustomer(medium.db);

      const one = await quoter.quote(customer.id, heat({ units: 1 }));
      const three = await quoter.quote(customer.id, heat({ units: 3 }));

      expect(three.premiumFen).toBe(3 * one.premiumFen);
      expect([one.payoutFen, three.payoutFen]).toEqual([10000, 30000]);
    });

    it('bought in the season, the cover starts once the waiting period is over', async () => {
      medium.clock.travelTo(new Date('2027-06-25T10:00:00+08:00'));
      const customer = await addCustomer(medium.db);

      const quote = await quoter.quote(customer.id, heat({ units: 1 }));

      expect(quote.subject).toMatchObject({ coverStartDate: '2027-06-28', coverEndDate: '2027-08-31' });
      const { rows } = await medium.db.query(
        `SELECT to_char(cover_start_date, 'YYYY-MM-DD') AS start, pricing->'cover' AS cover FROM quotes WHERE id = $1`,
        [quote.id],
      );
      expect(rows).toEqual([{ start: '2027-06-28', cover: { start: '2027-06-28', end: '2027-08-31' } }]);
    });

    it.each([
      ['11 units, over the most a person may buy', 'UNITS_INVALID', heat({ units: 11 })],
      ['no units', 'UNITS_INVALID', heat({ units: 0 })],
      ['a RAIN product code', 'PRODUCT_NOT_ON_SALE', heat({ productCode: 'RAIN' })],
      ['a flight-delay product code', 'PRODUCT_NOT_ON_SALE', heat({ productCode: 'FD120' })],
      ['a product nobody sells', 'PRODUCT_NOT_FOUND', heat({ productCode: 'NOPE9' })],
      ['a scenic spot given as the city', 'PLACE_NOT_FOUND', heat({ cityCode: 'xihu' })],
      ['a city not covered', 'PLACE_NOT_FOUND', heat({ cityCode: 'atlantis' })],
      ['last season', 'SEASON_INVALID', heat({ seasonYear: 2026 })],
      ['the season after next', 'SEASON_INVALID', heat({ seasonYear: 2029 })],
      ['units as text', 'VALIDATION_FAILED', heat({ units: '2' })],
      ['no city', 'VALIDATION_FAILED', { productCode: 'HEAT37', units: 2, seasonYear: 2027 }],
      ['a field the request does not have', 'VALIDATION_FAILED', heat({ visitDate: '2027-07-01' })],
      ['no body', 'VALIDATION_FAILED', null],
    ])('%s: %s, and no quote is written', async (_, code, body) => {
      medium.clock.travelTo(new Date('2027-06-10T10:00:00+08:00'));
      const customer = await addCustomer(medium.db);
      const before = await stateOf();

      await expect(quoter.quote(customer.id, body)).rejects.toMatchObject({ code });

      expect(await stateOf()).toBe(before);
    });

    it('once the waiting period would end after the season, HEAT_NO_COVER_LEFT, and no quote is written', async () => {
      medium.clock.travelTo(new Date('2027-08-29T10:00:00+08:00'));
      const customer = await addCustomer(medium.db);
      const before = await stateOf();

      await expect(quoter.quote(customer.id, heat({ units: 1 }))).rejects.toMatchObject({ code: 'HEAT_NO_COVER_LEFT' });

      expect(await stateOf()).toBe(before);
    });

    it("units a city's issued policies have taken are not sold again: PLACE_CAPACITY_REACHED, and no quote is written", async () => {
      medium.clock.travelTo(new Date('2027-06-10T10:00:00+08:00'));
      const buyer = await addCustomer(medium.db);
      const bought = await quoter.quote(buyer.id, heat({ cityCode: 'wuhan', units: 2 }));
      const order = await addOrderFromQuote(medium, buyer, bought);
      expect(await settlementOf(medium).execute(paymentOf(medium, order), null)).toBe('issued');
      const customer = await addCustomer(medium.db);
      const before = await stateOf();

      await expect(quoter.quote(customer.id, heat({ cityCode: 'wuhan', units: 2 }))).rejects.toMatchObject({
        code: 'PLACE_CAPACITY_REACHED',
      });

      expect(await stateOf()).toBe(before);
      // The unit left is still sold, and the other season is not this one's.
      await expect(quoter.quote(customer.id, heat({ cityCode: 'wuhan', units: 1 }))).resolves.toMatchObject({
        payoutFen: 10000,
      });
      await expect(
        quoter.quote(customer.id, heat({ cityCode: 'wuhan', units: 3, seasonYear: 2028 })),
      ).resolves.toMatchObject({ payoutFen: 30000 });
    });

    it('a city whose history says the cap is all but certain is declined rather than sold at its maximum payout: HEAT_PRICING_DECLINED, and no quote is written', async () => {
      // Chongqing's station history corrected, as an import does: every summer day 39 °C.
      const lines = ['station,date,tmax,precipitation'];
      for (let year = 2012; year <= 2026; year += 1)
        for (let day = 0; day < 72; day += 1)
          lines.push(`57516,${new Date(Date.UTC(year, 5, 21 + day)).toISOString().slice(0, 10)},39.0,`);
      await expect(
        new ImportWeatherHistoryUseCase(medium.dataSource, pricing).execute(lines.join('\n')),
      ).resolves.toMatchObject({ status: 'imported' });
      medium.clock.travelTo(new Date('2027-06-01T10:00:00+08:00'));
      const customer = await addCustomer(medium.db);
      const before = await stateOf();

      await expect(quoter.quote(customer.id, heat({ cityCode: 'chongqing', units: 1 }))).rejects.toMatchObject({
        code: 'HEAT_PRICING_DECLINED',
        details: { reason: 'PREMIUM_NOT_BELOW_CAP' },
      });

      expect(await stateOf()).toBe(before);
    });
  });
});

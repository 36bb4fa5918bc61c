import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { ClaimDetail, ClaimListResponse, CollectClaimResponse, PolicyListResponse, Quote } from '@xiaoan/shared';
import { WeatherPlaces } from '../../src/modules/weather/weather-places.js';
import { makeIdNumber, newCustomer, type TestCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from './claims.fixtures.js';
import {
  buyWeather,
  hourlyPrecipEvent,
  importSimulatedHistory,
  postWeatherEvent,
  travelTo,
} from './weather.fixtures.js';

const XIHU = { code: 'xihu', station: 'A58457' };

describe('RAIN: 2.0 mm between 09:00 and 17:00 at the spot pays 10 yuan per person, within minutes', () => {
  let testApp: TestApp;
  let db: pg.Client;
  let wet: TestCustomer;
  let dry: TestCustomer;

  beforeAll(async () => {
    testApp = await startTestApp({ simulator: { timeScale: 3600 } });
    db = testApp.db;
    await importSimulatedHistory(testApp);
  }, 120_000);
  afterAll(async () => {
    await testApp.close();
  });

  const quote = (customer: TestCustomer, body: Record<string, unknown>) =>
    customer.api<Quote & { code?: string }>('POST', '/api/v1/quotes', { productCode: 'RAIN', ...body });
  const claimsOf = async (customer: TestCustomer) =>
    (await customer.api<ClaimListResponse>('GET', '/api/v1/claims')).body.items;

  it('sells until 20:00 the day before the visit, priced from the spot’s month of history', async () => {
    await travelTo(testApp, '2027-07-04T12:00:00+08:00');
    wet = await newCustomer(testApp);
    dry = await newCustomer(testApp);
    // RAIN for 3 persons names 3 persons, each with their own identity.
    const bought = await buyWeather(
      wet,
      { productCode: 'RAIN', spotCode: XIHU.code, visitDate: '2027-07-05', persons: 3 },
      { idNumber: makeIdNumber() },
      [
        { name: '李小雨', idNumber: makeIdNumber(), relationship: 'spouse' },
        { name: '王小晴', idNumber: makeIdNumber(), relationship: 'child' },
      ],
    );
    expect(bought.order.status).toBe('issued');
    const { rows: insured } = await db.query(
      `SELECT seq, relationship, id_type, name_masked, id_encrypted, id_index FROM order_insureds WHERE order_id = $1 ORDER BY seq`,
      [bought.order.id],
    );
    expect(insured.map((row) => [row.seq, row.relationship, row.name_masked])).toEqual([
      [1, 'self', '张*'],
      [2, 'spouse', '李*雨'],
      [3, 'child', '王*晴'],
    ]);
    expect(new Set(insured.map((row) => row.id_index)).size).toBe(3);
    for (const row of insured) expect(row.id_encrypted).not.toMatch(/^\d{17}[\dX]$/);
    expect(bought.quote.subject).toMatchObject({
      kind: 'rain',
      spotName: '西湖',
      visitDate: '2027-07-05',
      persons: 3,
      thresholdMm: 2,
      saleClosesAt: '2027-07-04T12:00:00.000Z',
    });
    expect(bought.quote.payoutFen).toBe(3000);
    expect(bought.quote.premiumFen).toBeGreaterThanOrEqual(100);
    await buyWeather(
      dry,
      { productCode: 'RAIN', spotCode: XIHU.code, visitDate: '2027-07-06', persons: 1 },
      { idNumber: makeIdNumber() },
    );
    expect((await dry.api<PolicyListResponse>('GET', '/api/v1/policies')).body.items[0]!.subject).toMatchObject({
      kind: 'rain',
      visitDate: '2027-07-06',
      persons: 1,
    });

    await travelTo(testApp, '2027-07-05T19:59:58+08:00');
    expect((await quote(dry, { spotCode: XIHU.code, visitDate: '2027-07-06', persons: 1 })).status).toBe(201);
    await travelTo(testApp, '2027-07-05T20:00:00+08:00');
    expect((await quote(dry, { spotCode: XIHU.code, visitDate: '2027-07-06', persons: 1 })).body.code).toBe(
      'RAIN_SALE_CLOSED',
    );
    expect((await quote(dry, { spotCode: XIHU.code, visitDate: '2027-08-20', persons: 1 })).body.code).toBe(
      'VISIT_DATE_TOO_FAR',
    );
    expect((await quote(dry, { spotCode: XIHU.code, visitDate: '2027-07-10', persons: 11 })).body.code).toBe(
      'PERSONS_INVALID',
    );
    expect((await quote(dry, { spotCode: 'shanghai', visitDate: '2027-07-10', persons: 1 })).body.code).toBe(
      'PLACE_NOT_FOUND',
    );
  }, 60_000);

  it('pays nothing at 1.9 mm, and every insured person as soon as the window reaches 2.0 mm', async () => {
    await travelTo(testApp, '2027-07-05T18:00:00+08:00');
    const post = (hour: number, mm: number) =>
      postWeatherEvent(testApp.baseUrl, hourlyPrecipEvent(XIHU.station, '2027-07-05', hour, mm));
    // Rain outside 09:00-17:00 never counts.
    expect((await post(8, 6)).body).toMatchObject({ outcome: 'applied', approvedClaims: 0 });
    expect((await post(17, 6)).body).toMatchObject({ outcome: 'applied', approvedClaims: 0 });
    expect((await post(9, 0.9)).body).toMatchObject({ outcome: 'applied', approvedClaims: 0 });
    const tenOClock = hourlyPrecipEvent(XIHU.station, '2027-07-05', 10, 1.0, 'RAIN-XIHU-0705-10');
    expect((await postWeatherEvent(testApp.baseUrl, tenOClock)).body).toMatchObject({
      outcome: 'applied',
      approvedClaims: 0,
    });
    expect((await postWeatherEvent(testApp.baseUrl, tenOClock)).body.outcome).toBe('duplicate');
    expect(await claimsOf(wet)).toEqual([]);

    // The provider corrects 10:00 to 1.1 mm: the window holds 2.0 mm, the claim is approved at once.
    // The provider corrects 10:00 to 1.1 mm: the window holds 2.0 mm, a claim per insured person is approved at once.
    const corrected = await post(10, 1.1);
    expect(corrected.body).toMatchObject({ outcome: 'applied', approvedClaims: 3 });
    const claims = await claimsOf(wet);
    expect(claims).toHaveLength(3);
    for (const claim of claims)
      expect(claim).toMatchObject({ amountFen: 1000, status: 'approved', collectable: true, collectableFen: 1000 });
    const { rows: claimRows } = await db.query(
      `SELECT c.insured_seq FROM claims c JOIN customers cu ON cu.id = c.customer_id WHERE cu.openid = $1 ORDER BY c.insured_seq`,
      [wet.openid],
    );
    expect(claimRows.map((row) => row.insured_seq)).toEqual([1, 2, 3]);
    const detail = (await wet.api<ClaimDetail>('GET', `/api/v1/claims/${claims[0]!.id}`)).body;
    expect(detail.evidence).toMatchObject({
      kind: 'rain',
      windowTotalMm: 2,
      persons: 1,
      thresholdMm: 2,
      rule: 'RAIN v1',
    });
    if (detail.evidence.kind === 'rain')
      expect(detail.evidence.hours.map((hour) => hour.precipitationMm)).toEqual([0.9, 1.1]);
    // More rain changes nothing: one claim per insured person.
    expect((await post(11, 4)).body.approvedClaims).toBe(0);

    // Each claim pays its person's 10 yuan: three red packets, each collected and confirmed.
    for (const claim of claims) {
      const packet = await wet.api<CollectClaimResponse>('POST', `/api/v1/claims/${claim.id}/collect`);
      expect(packet.status).toBe(200);
      testApp.sim.confirmTransfer({ package: packet.body.package, openid: wet.openid });
    }
    await waitFor('the three transfers to be recorded', async () => {
      const items = await claimsOf(wet);
      return items.every((item) => item.paidFen === 1000) && items;
    });

    // A correction after the payout is flagged, never clawed back.
    expect((await post(11, 0)).body.outcome).toBe('applied');
    expect((await post(10, 0.2)).body).toMatchObject({ outcome: 'flagged' });
    const { rows } = await db.query(
      `SELECT settled_hundredths, corrected_hundredths FROM weather_review_flags WHERE place_code = 'xihu'`,
    );
    expect(rows).toEqual([{ settled_hundredths: 110, corrected_hundredths: 20 }]);
    expect((await claimsOf(wet)).map((claim) => claim.amountFen)).toEqual([1000, 1000, 1000]);
  }, 60_000);

  it('closes a dry visit day’s policy without a claim', async () => {
    await travelTo(testApp, '2027-07-07T09:00:00+08:00');
    await waitFor('the dry policy to lapse', async () => {
      const items = (await dry.api<PolicyListResponse>('GET', '/api/v1/policies')).body.items;
      return items[0]!.status === 'expired' && items;
    });
    expect(await claimsOf(dry)).toEqual([]);
    expect((await wet.api<PolicyListResponse>('GET', '/api/v1/policies')).body.items[0]!.status).toBe('claimed');
  }, 30_000);

  it('caps persons per spot-day', async () => {
    await db.query(`UPDATE weather_places SET capacity = 2 WHERE code = 'gugong'`);
    testApp.app.get(WeatherPlaces).invalidate();
    expect((await quote(dry, { spotCode: 'gugong', visitDate: '2027-07-10', persons: 3 })).body.code).toBe(
      'PLACE_CAPACITY_REACHED',
    );
    expect((await quote(dry, { spotCode: 'gugong', visitDate: '2027-07-10', persons: 2 })).status).toBe(201);
  }, 30_000);
});

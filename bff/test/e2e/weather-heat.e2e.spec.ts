import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type {
  ClaimDetail,
  ClaimListResponse,
  CollectClaimResponse,
  PolicyListResponse,
  Quote,
  WeatherReviewFlag,
  WeatherReviewFlagListResponse,
} from '@xiaoan/shared';
import { ImportWeatherHistoryUseCase } from '../../src/modules/pricing/weather/import-weather-history.use-case.js';
import { SettleHeatDayUseCase } from '../../src/modules/weather/settle-heat-day.use-case.js';
import { WeatherPlaces } from '../../src/modules/weather/weather-places.js';
import { makeIdNumber, newCustomer, type TestCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from './claims.fixtures.js';
import {
  buyWeather,
  dailyMaxEvent,
  datesFrom,
  importSimulatedHistory,
  postWeatherEvent,
  travelTo,
} from './weather.fixtures.js';

const SHANGHAI = { code: 'shanghai', station: '58367' }; // deductible 3 days
const WUHAN = { code: 'wuhan', station: '57494' };

describe('HEAT37: 37 °C days accrue daily, set-based, and are collected as they grow', () => {
  let testApp: TestApp;
  let db: pg.Client;
  let early: TestCustomer;
  let late: TestCustomer;
  let earlyPolicyId: string;
  let latePolicyId: string;

  beforeAll(async () => {
    testApp = await startTestApp({ simulator: { timeScale: 3600 } });
    db = testApp.db;
    await importSimulatedHistory(testApp);
  }, 120_000);
  afterAll(async () => {
    await testApp.close();
  });

  const accrualsOf = async (policyId: string) =>
    (
      await db.query<{ day: string; hot_day_no: number; amount_fen: number }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, hot_day_no, amount_fen FROM heat_accruals WHERE policy_id = $1 ORDER BY day`,
        [policyId],
      )
    ).rows;
  const claimOf = async (policyId: string) =>
    (
      await db.query<{ id: string; amount_fen: number; paid_fen: number; status: string }>(
        `SELECT id, amount_fen, paid_fen, status FROM claims WHERE policy_id = $1`,
        [policyId],
      )
    ).rows[0];
  const policyIdOf = async (orderId: string) =>
    (await db.query<{ id: string }>(`SELECT id FROM policies WHERE order_id = $1`, [orderId])).rows[0]!.id;
  const settled = (placeCode: string, day: string) =>
    waitFor(`${placeCode} ${day} settled`, async () => {
      const { rows } = await db.query<{ hot: boolean; tmax_hundredths: number }>(
        `SELECT hot, tmax_hundredths FROM heat_settlements WHERE place_code = $1 AND day = $2 AND finished_at IS NOT NULL`,
        [placeCode, day],
      );
      return rows[0];
    });
  /** A hot (or not) day reported through the signed feed and settled by the worker's job. */
  const reportDay = async (station: string, placeCode: string, day: string, tmax: number) => {
    const answer = await postWeatherEvent(testApp.baseUrl, dailyMaxEvent(station, day, tmax));
    expect(answer).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    return settled(placeCode, day);
  };
  const collectAndConfirm = async (customer: TestCustomer, claimId: string): Promise<number> => {
    const packet = await customer.api<CollectClaimResponse & { code?: string }>(
      'POST',
      `/api/v1/claims/${claimId}/collect`,
    );
    expect(packet.status).toBe(200);
    const before = (await customer.api<ClaimDetail>('GET', `/api/v1/claims/${claimId}`)).body;
    testApp.sim.confirmTransfer({ package: packet.body.package, openid: customer.openid });
    await waitFor('the transfer to be recorded', async () => {
      const claim = (await customer.api<ClaimDetail>('GET', `/api/v1/claims/${claimId}`)).body;
      return claim.paidFen > before.paidFen && claim;
    });
    return before.collectableFen;
  };

  it('sells the next season in November, the waiting period counted from the purchase date', async () => {
    await travelTo(testApp, '2027-06-10T10:00:00+08:00');
    early = await newCustomer(testApp);
    const bought = await buyWeather(
      early,
      { productCode: 'HEAT37', cityCode: SHANGHAI.code, units: 2, seasonYear: 2027 },
      { idNumber: makeIdNumber() },
    );
    expect(bought.order.status).toBe('issued');
    expect(bought.quote.subject).toMatchObject({
      kind: 'heat',
      cityName: '上海',
      units: 2,
      coverStartDate: '2027-06-21',
      coverEndDate: '2027-08-31',
      deductibleDays: 3,
    });
    expect(bought.quote.premiumFen % 2).toBe(0);
    expect(bought.quote.payoutFen).toBe(20000);
    earlyPolicyId = await policyIdOf(bought.order.id);

    await travelTo(testApp, '2027-06-25T10:00:00+08:00');
    late = await newCustomer(testApp);
    const second = await buyWeather(
      late,
      { productCode: 'HEAT37', cityCode: SHANGHAI.code, units: 1, seasonYear: 2027 },
      { idNumber: makeIdNumber() },
    );
    expect(second.quote.subject).toMatchObject({ coverStartDate: '2027-06-28' });
    latePolicyId = await policyIdOf(second.order.id);
    const policies = await late.api<PolicyListResponse>('GET', '/api/v1/policies');
    expect(policies.body.items[0]!.subject).toMatchObject({
      kind: 'heat',
      cityCode: 'shanghai',
      units: 1,
      coverStartDate: '2027-06-28',
    });

    // Bad requests change nothing and say why.
    const bad = await late.api<{ code: string }>('POST', '/api/v1/quotes', {
      productCode: 'HEAT37',
      cityCode: 'shanghai',
      units: 11,
      seasonYear: 2027,
    });
    expect(bad.body.code).toBe('UNITS_INVALID');
    const nowhere = await late.api<{ code: string }>('POST', '/api/v1/quotes', {
      productCode: 'HEAT37',
      cityCode: 'atlantis',
      units: 1,
      seasonYear: 2027,
    });
    expect(nowhere.body.code).toBe('PLACE_NOT_FOUND');
    const past = await late.api<{ code: string }>('POST', '/api/v1/quotes', {
      productCode: 'HEAT37',
      cityCode: 'shanghai',
      units: 1,
      seasonYear: 2026,
    });
    expect(past.body.code).toBe('SEASON_INVALID');
    const again = await late.api<{ code: string }>('POST', '/api/v1/orders', {}, { 'idempotency-key': 'k-12345678' });
    expect(again.status).toBe(400);
  }, 60_000);

  it('pays nothing for hot days 1-3 (the deductible) and 5 yuan per unit from hot day 4', async () => {
    await travelTo(testApp, '2027-07-30T10:00:00+08:00');
    for (const day of ['2027-06-21', '2027-06-22', '2027-06-23'])
      expect((await reportDay(SHANGHAI.station, SHANGHAI.code, day, 37.0)).hot).toBe(true);
    expect((await accrualsOf(earlyPolicyId)).map((a) => [a.hot_day_no, a.amount_fen])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    // The claim was opened with the policy; nothing to collect (nor to show the customer) yet.
    expect(await claimOf(earlyPolicyId)).toMatchObject({ amount_fen: 0, status: 'approved' });
    expect((await early.api<ClaimListResponse>('GET', '/api/v1/claims')).body.items).toEqual([]);
    expect(
      (await early.api<{ code: string }>('POST', `/api/v1/claims/${(await claimOf(earlyPolicyId))!.id}/collect`)).body
        .code,
    ).toBe('CLAIM_NOT_COLLECTABLE');
    // 36.9 °C is not a hot day: nothing accrues.
    expect((await reportDay(SHANGHAI.station, SHANGHAI.code, '2027-06-25', 36.9)).hot).toBe(false);

    await reportDay(SHANGHAI.station, SHANGHAI.code, '2027-06-24', 38.2);
    expect((await accrualsOf(earlyPolicyId)).at(-1)).toEqual({ day: '2027-06-24', hot_day_no: 4, amount_fen: 1000 });
    expect(await claimOf(earlyPolicyId)).toMatchObject({ amount_fen: 1000, paid_fen: 0, status: 'approved' });
    // Hot days before the late policy's cover (waiting period) never count for it.
    expect(await accrualsOf(latePolicyId)).toEqual([]);
  }, 60_000);

  it('collects the red packet, then again as the claim grows', async () => {
    const claimId = (await claimOf(earlyPolicyId))!.id;
    expect(await collectAndConfirm(early, claimId)).toBe(1000);
    expect(await claimOf(earlyPolicyId)).toMatchObject({ amount_fen: 1000, paid_fen: 1000, status: 'paid' });

    await reportDay(SHANGHAI.station, SHANGHAI.code, '2027-06-27', 39.0);
    await reportDay(SHANGHAI.station, SHANGHAI.code, '2027-06-28', 37.4);
    expect(await claimOf(earlyPolicyId)).toMatchObject({ amount_fen: 3000, paid_fen: 1000, status: 'approved' });
    // The late policy's first covered hot day is 06-28.
    expect(await accrualsOf(latePolicyId)).toEqual([{ day: '2027-06-28', hot_day_no: 1, amount_fen: 0 }]);

    const list = (await early.api<ClaimListResponse>('GET', '/api/v1/claims')).body.items;
    expect(list[0]).toMatchObject({
      amountFen: 3000,
      paidFen: 1000,
      collectableFen: 2000,
      collectable: true,
      headline: '上海 已计 6 个高温日',
    });
    expect(await collectAndConfirm(early, claimId)).toBe(2000);
    expect(await claimOf(earlyPolicyId)).toMatchObject({ amount_fen: 3000, paid_fen: 3000, status: 'paid' });
    // Two transfer bills, each paid once.
    const transfers = testApp.sim.ledger.of('transfer').filter((entry) => entry.state === 'SUCCESS');
    expect(transfers.map((entry) => entry.outBillNo).sort()).toEqual(
      [...new Set(transfers.map((entry) => entry.outBillNo))].sort(),
    );

    const detail = (await early.api<ClaimDetail>('GET', `/api/v1/claims/${claimId}`)).body;
    expect(detail.evidence.kind).toBe('heat');
    if (detail.evidence.kind !== 'heat') return;
    expect(detail.evidence.hotDays.map((day) => day.date)).toEqual([
      '2027-06-21',
      '2027-06-22',
      '2027-06-23',
      '2027-06-24',
      '2027-06-27',
      '2027-06-28',
    ]);
    expect(detail.evidence.dailyMaxima.find((day) => day.date === '2027-06-25')).toEqual({
      date: '2027-06-25',
      tmaxCelsius: 36.9,
      covered: true,
    });
    expect(detail.evidence).toMatchObject({ deductibleDays: 3, units: 2, thresholdCelsius: 37, rule: 'HEAT37 v1' });
  }, 60_000);

  it('changes nothing for the same reading delivered twice, or the same day settled again', async () => {
    const event = dailyMaxEvent(SHANGHAI.station, '2027-06-28', 37.4, 'DUP-58367-0628');
    // A first delivery of an id not seen yet, with the value already settled: nothing changes.
    expect((await postWeatherEvent(testApp.baseUrl, event)).body.outcome).toBe('unchanged');
    expect((await postWeatherEvent(testApp.baseUrl, event)).body.outcome).toBe('duplicate');
    const outcome = await testApp.app.get(SettleHeatDayUseCase).settle(SHANGHAI.code, '2027-06-28');
    expect(outcome.status).toBe('already_settled');
    expect(await claimOf(earlyPolicyId)).toMatchObject({ amount_fen: 3000 });
    expect((await accrualsOf(earlyPolicyId)).length).toBe(6);
    // Forged or malformed pushes are refused and stored nowhere.
    expect(
      (await postWeatherEvent(testApp.baseUrl, dailyMaxEvent(SHANGHAI.station, '2027-06-29', 40), { secret: 'wrong' }))
        .status,
    ).toBe(401);
    expect((await postWeatherEvent(testApp.baseUrl, {}, { rawBody: '{"kind":"daily_max"' })).body.code).toBe(
      'MALFORMED_BODY',
    );
    expect(
      (
        await postWeatherEvent(testApp.baseUrl, {
          ...dailyMaxEvent(SHANGHAI.station, '2027-06-29', 40),
          tmaxCelsius: 'hot',
        })
      ).status,
    ).toBe(400);
    // A reading of a day that has not happened yet is refused.
    expect((await postWeatherEvent(testApp.baseUrl, dailyMaxEvent(SHANGHAI.station, '2027-08-10', 40))).body.code).toBe(
      'WEATHER_READING_INVALID',
    );
    const { rows } = await db.query(
      `SELECT 1 FROM weather_readings WHERE reading_date IN ('2027-06-29', '2027-08-10')`,
    );
    expect(rows).toEqual([]);
  }, 60_000);

  it('applies a correction that arrives before settlement, and flags one that arrives after', async () => {
    // 07-29 ends at midnight; it settles at 08:00 on 07-30. At 06:00 it is observed but not settled.
    await travelTo(testApp, '2027-07-30T06:00:00+08:00');
    expect(
      (await postWeatherEvent(testApp.baseUrl, dailyMaxEvent(SHANGHAI.station, '2027-07-29', 37.1))).body.outcome,
    ).toBe('applied');
    expect(
      (await postWeatherEvent(testApp.baseUrl, dailyMaxEvent(SHANGHAI.station, '2027-07-29', 36.9))).body.outcome,
    ).toBe('applied');
    const { rows: none } = await db.query(
      `SELECT 1 FROM heat_settlements WHERE place_code = 'shanghai' AND day = '2027-07-29'`,
    );
    expect(none).toEqual([]);
    await travelTo(testApp, '2027-07-30T09:00:00+08:00');
    expect(await settled(SHANGHAI.code, '2027-07-29')).toEqual({ hot: false, tmax_hundredths: 3690 });
    expect((await accrualsOf(earlyPolicyId)).length).toBe(6);

    // 06-24 was settled hot at 38.2 and paid; a later 36.5 is flagged, never clawed back.
    const corrected = await postWeatherEvent(testApp.baseUrl, dailyMaxEvent(SHANGHAI.station, '2027-06-24', 36.5));
    expect(corrected.body.outcome).toBe('flagged');
    const { rows: flags } = await db.query(
      `SELECT settled_hundredths, corrected_hundredths FROM weather_review_flags WHERE place_code = 'shanghai' AND reading_date = '2027-06-24'`,
    );
    expect(flags).toEqual([{ settled_hundredths: 3820, corrected_hundredths: 3650 }]);
    expect(await claimOf(earlyPolicyId)).toMatchObject({ amount_fen: 3000, paid_fen: 3000 });
    const detail = (await early.api<ClaimDetail>('GET', `/api/v1/claims/${(await claimOf(earlyPolicyId))!.id}`)).body;
    expect(detail.evidence.kind === 'heat' && detail.evidence.flaggedDates).toEqual(['2027-06-24']);

    // Customer service reviews it: the flag lists who the settled value paid, and is resolved once.
    const login = await fetch(`${testApp.baseUrl}/api/v1/staff/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dev-support', password: 'xiaoan-dev-staff' }),
    });
    const { token } = (await login.json()) as { token: string };
    const staff = async <T>(method: string, path: string, body?: unknown) => {
      const response = await fetch(`${testApp.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: (await response.json()) as T & { code?: string } };
    };
    const open = await staff<WeatherReviewFlagListResponse>('GET', '/api/v1/staff/weather-flags');
    expect(open.body.items).toEqual([
      expect.objectContaining({
        placeName: '上海',
        readingDate: '2027-06-24',
        settledValue: 38.2,
        correctedValue: 36.5,
        policiesAffected: 1,
        resolvedAt: null,
      }),
    ]);
    const flagId = open.body.items[0]!.id;
    const resolved = await staff<WeatherReviewFlag>('POST', `/api/v1/staff/weather-flags/${flagId}/resolve`, {
      resolution: '核对气象局更正公告，按结算值已赔付，不追回',
    });
    expect(resolved.body.resolvedAt).not.toBeNull();
    expect(
      (await staff('POST', `/api/v1/staff/weather-flags/${flagId}/resolve`, { resolution: '再次处理' })).body.code,
    ).toBe('CONFLICT');
    expect((await staff<WeatherReviewFlagListResponse>('GET', '/api/v1/staff/weather-flags')).body.items).toEqual([]);
    const { rows: audit } = await db.query(
      `SELECT action FROM staff_audit_log WHERE resource_type = 'weather_flag' ORDER BY id`,
    );
    expect(audit.map((row) => row.action)).toEqual([
      'weather_flags_list',
      'weather_flag_resolved',
      'weather_flags_list',
    ]);
  }, 60_000);

  it('stops at the cap of 100 yuan per unit, whatever the order the days arrive in', async () => {
    // 17 more hot days take the early policy to 23 (20 paying days = the cap); a 24th adds nothing.
    const july = datesFrom('2027-07-01', 18);
    for (const day of july.slice(1).reverse()) await reportDay(SHANGHAI.station, SHANGHAI.code, day, 38);
    await reportDay(SHANGHAI.station, SHANGHAI.code, july[0]!, 38);
    const accruals = await accrualsOf(earlyPolicyId);
    expect(accruals.length).toBe(24);
    expect(accruals.reduce((sum, a) => sum + a.amount_fen, 0)).toBe(20000);
    expect(await claimOf(earlyPolicyId)).toMatchObject({ amount_fen: 20000, status: 'approved' });
    // The late policy: 06-28 and 18 July days = 19 hot days, 16 paying: 8,000 fen for 1 unit.
    expect(await claimOf(latePolicyId)).toMatchObject({ amount_fen: 8000 });
    expect(await collectAndConfirm(early, (await claimOf(earlyPolicyId))!.id)).toBe(17000);
    expect(await claimOf(earlyPolicyId)).toMatchObject({ amount_fen: 20000, paid_fen: 20000, status: 'paid' });
  }, 120_000);

  it('enforces the capacity of a city-season atomically: a race for the last units issues one and refunds the other', async () => {
    await travelTo(testApp, '2027-07-30T10:00:00+08:00');
    await db.query(`UPDATE weather_places SET capacity = 3 WHERE code = 'wuhan'`);
    testApp.app.get(WeatherPlaces).invalidate();
    const buyers = await Promise.all([newCustomer(testApp), newCustomer(testApp)]);
    const tooMany = await buyers[0]!.api<{ code: string }>('POST', '/api/v1/quotes', {
      productCode: 'HEAT37',
      cityCode: WUHAN.code,
      units: 4,
      seasonYear: 2027,
    });
    expect(tooMany.body.code).toBe('PLACE_CAPACITY_REACHED');
    // Both quote 2 of the 3 units left, both pay: the capacity counter decides at issue.
    const orders = await Promise.all(
      buyers.map(async (buyer) => {
        const quote = await buyer.api<Quote>('POST', '/api/v1/quotes', {
          productCode: 'HEAT37',
          cityCode: WUHAN.code,
          units: 2,
          seasonYear: 2027,
        });
        expect(quote.status).toBe(201);
        const order = await buyer.order(quote.body, { idNumber: makeIdNumber() });
        return { buyer, order: order.body };
      }),
    );
    for (const { buyer, order } of orders) buyer.pay(order);
    const outcomes = await Promise.all(
      orders.map(({ buyer, order }) => buyer.waitForOrder(order.id, ['issued', 'refunding', 'refunded'])),
    );
    expect(outcomes.map((order) => order.status === 'issued').sort()).toEqual([false, true]);
    const refunded = outcomes.find((order) => order.status !== 'issued')!;
    expect(refunded.refundReason).toContain('名额已售罄');
    const { rows } = await db.query(`SELECT sold FROM weather_capacity WHERE place_code = 'wuhan' AND period = '2027'`);
    expect(rows).toEqual([{ sold: 2 }]);
  }, 60_000);

  it('survives a failure in the middle of a settlement: nothing half-written, the next run finishes it exactly once', async () => {
    await travelTo(testApp, '2027-07-30T10:00:00+08:00');
    const buyers = await Promise.all([newCustomer(testApp), newCustomer(testApp), newCustomer(testApp)]);
    const policyIds: string[] = [];
    for (const buyer of buyers) {
      const bought = await buyWeather(
        buyer,
        { productCode: 'HEAT37', cityCode: 'nanjing', units: 1, seasonYear: 2027 },
        { idNumber: makeIdNumber() },
      );
      policyIds.push(await policyIdOf(bought.order.id));
    }
    // The database refuses the second policy's accrual: the slice's transaction rolls back whole.
    await db.query(`
      CREATE FUNCTION fail_accrual() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.policy_id = '${policyIds[1]}' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$`);
    await db.query(
      `CREATE TRIGGER fail_accrual BEFORE INSERT ON heat_accruals FOR EACH ROW EXECUTE FUNCTION fail_accrual()`,
    );
    await travelTo(testApp, '2027-08-10T10:00:00+08:00');
    const settlement = testApp.app.get(SettleHeatDayUseCase);
    expect((await postWeatherEvent(testApp.baseUrl, dailyMaxEvent('58238', '2027-08-02', 39.1))).body.outcome).toBe(
      'applied',
    );
    await expect(settlement.settle('nanjing', '2027-08-02')).rejects.toThrow('simulated crash');
    const { rows: started } = await db.query(
      `SELECT hot, finished_at FROM heat_settlements WHERE place_code = 'nanjing' AND day = '2027-08-02'`,
    );
    expect(started).toEqual([{ hot: true, finished_at: null }]);
    for (const policyId of policyIds) expect(await accrualsOf(policyId)).toEqual([]);

    await db.query(`DROP TRIGGER fail_accrual ON heat_accruals`);
    await db.query(`DROP FUNCTION fail_accrual()`);
    // The next run (here the sweep's job) finishes the started settlement; running it again is a no-op.
    await travelTo(testApp, '2027-08-10T10:05:00+08:00');
    await settled('nanjing', '2027-08-02');
    for (const policyId of policyIds)
      expect(await accrualsOf(policyId)).toEqual([{ day: '2027-08-02', hot_day_no: 1, amount_fen: 0 }]);
    expect((await settlement.settle('nanjing', '2027-08-02')).status).toBe('already_settled');
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM heat_accruals WHERE day = '2027-08-02'`);
    expect(rows).toEqual([{ n: 3 }]);
  }, 60_000);

  it('declines a city whose history says the cap is all but certain, rather than sell a unit for its maximum payout', async () => {
    // Every summer day 39 °C in Chongqing's imported history: the premium would reach the cap.
    const lines = ['station,date,tmax,precipitation'];
    for (let year = 2012; year <= 2026; year += 1)
      for (const day of datesFrom(`${year}-06-21`, 72)) lines.push(`57516,${day},39.0,`);
    const imported = await testApp.app.get(ImportWeatherHistoryUseCase).execute(lines.join('\n'));
    expect(imported.status).toBe('imported');
    await travelTo(testApp, '2027-06-01T10:00:00+08:00');
    const answer = await late.api<{ code: string; details?: { reason?: string } }>('POST', '/api/v1/quotes', {
      productCode: 'HEAT37',
      cityCode: 'chongqing',
      units: 1,
      seasonYear: 2027,
    });
    expect(answer.body).toMatchObject({ code: 'HEAT_PRICING_DECLINED', details: { reason: 'PREMIUM_NOT_BELOW_CAP' } });
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type {
  CoverSubject,
  StaffLoginResponse,
  StaffLossRatioListResponse,
  StaffRouteStopSale,
  StaffRouteStopSaleListResponse,
} from '@xiaoan/shared';
import { insertFlight, insurePassengers } from '../../bench/support/insured-flight.fixture.js';
import { hashStaffPassword } from '../../src/modules/staff/staff-password.js';
import { subjectOfKind } from '../support/cover-subject.js';
import { beijingDateIn, newCustomer, type TestCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { flightEvent, postArrival } from './claims.fixtures.js';

describe('live guard rails on flight-delay sales (HTTP, simulator, PostgreSQL)', () => {
  let testApp: TestApp;
  let db: pg.Client;
  let customer: TestCustomer;
  beforeAll(async () => {
    testApp = await startTestApp({ simulator: { timeScale: 3600 } });
    db = testApp.db;
    customer = await newCustomer(testApp);
  });
  afterAll(async () => {
    await testApp.close();
  });

  const staffLogin = async (username: string, password: string): Promise<string> => {
    const response = await fetch(`${testApp.baseUrl}/api/v1/staff/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return ((await response.json()) as StaffLoginResponse).token;
  };
  const staffApi = async <T>(token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${testApp.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as T & { code?: string } };
  };
  const quote = (productCode: string, flightNo = 'MU5101') =>
    customer.api<{ code?: string; id?: string; subject?: CoverSubject }>('POST', '/api/v1/quotes', {
      productCode,
      flightNo,
      flightDate: beijingDateIn(5),
      payoutTier: 20000,
    });
  const auditActions = async (action: string) =>
    (
      await db.query<{ username: string; resource_id: string | null }>(
        `SELECT username, resource_id FROM staff_audit_log WHERE action = $1 ORDER BY id`,
        [action],
      )
    ).rows;

  /** A flight-delay product of its own, FD120's terms plus a loss-ratio guard (products as configuration). */
  const launchGuardedProduct = async (
    code: string,
    guard: { maxLossRatio: number; windowDays: number; minPremiumFen: number; repriceFactor?: number },
  ) => {
    await db.query(
      `WITH p AS (
         INSERT INTO products (code, name, category, tagline, from_premium_fen) VALUES ($1, '航班延误险（护栏）', 'flight_delay', '测试', 500) RETURNING id)
       INSERT INTO product_versions (product_id, version, insurer_name, filing_no, clauses, exclusions, terms, effective_from)
       SELECT p.id, 1, v.insurer_name, v.filing_no, v.clauses, v.exclusions, v.terms || jsonb_build_object('lossRatioGuard', $2::jsonb), now() - interval '1 day'
         FROM p, product_versions v JOIN products fd ON fd.id = v.product_id WHERE fd.code = 'FD120' AND v.version = 1`,
      [code, JSON.stringify(guard)],
    );
  };

  it('stops new sales of a version whose running loss ratio crosses its threshold, says so in the quote, and records why', async () => {
    await launchGuardedProduct('FDGUARD', { maxLossRatio: 1.5, windowDays: 30, minPremiumFen: 1000 });
    await launchGuardedProduct('FDCALM', { maxLossRatio: 1.5, windowDays: 30, minPremiumFen: 1000 });
    // Four policies at ¥6 on a flight that landed 125 minutes late: ¥800 of claims on ¥24 of premium.
    const late = await insertFlight(db, { scheduledDeparture: new Date(Date.now() - 6 * 3600_000) });
    await insurePassengers(db, late, { productCode: 'FDGUARD', count: 4 });
    // The calm version sold on an on-time flight: premium earned, no claim.
    const onTime = await insertFlight(db, { scheduledDeparture: new Date(Date.now() - 6 * 3600_000) });
    await insurePassengers(db, onTime, { productCode: 'FDCALM', count: 4 });
    expect((await postArrival(testApp.baseUrl, flightEvent(late, 'arrived', 5, 125))).body).toMatchObject({
      outcome: 'applied',
      claimsApproved: 4,
    });
    await postArrival(testApp.baseUrl, flightEvent(onTime, 'arrived', 5, 3));

    const stopped = await quote('FDGUARD');
    expect(stopped).toMatchObject({ status: 422, body: { code: 'PRODUCT_VERSION_SALES_STOPPED' } });
    expect((await quote('FDCALM')).status).toBe(201);
    expect((await quote('FD120')).status).toBe(201);
    // No quote was stored for the stopped version.
    const { rows: quotes } = await db.query(
      `SELECT 1 FROM quotes q JOIN products p ON p.id = q.product_id WHERE p.code = 'FDGUARD' AND q.pricing <> '{}'::jsonb`,
    );
    expect(quotes).toHaveLength(0);

    const { rows: stops } = await db.query<{
      code: string;
      reason: string;
      loss_ratio: string;
      premium_fen: string;
      claims_fen: string;
    }>(
      `SELECT p.code, s.reason, s.loss_ratio, s.premium_fen, s.claims_fen FROM product_version_sale_stops s
         JOIN product_versions v ON v.id = s.product_version_id JOIN products p ON p.id = v.product_id`,
    );
    expect(stops).toEqual([
      {
        code: 'FDGUARD',
        reason: expect.stringContaining('exceeds the configured 1.5'),
        loss_ratio: '33.3333',
        premium_fen: '2400',
        claims_fen: '80000',
      },
    ]);

    const support = await staffLogin('dev-support', 'xiaoan-dev-staff');
    const list = await staffApi<StaffLossRatioListResponse>(support, 'GET', '/api/v1/staff/pricing/loss-ratios');
    expect(list.status).toBe(200);
    const byCode = Object.fromEntries(list.body.items.map((item) => [item.productCode, item]));
    expect(byCode.FDGUARD).toMatchObject({
      premiumFen: 2400,
      claimsFen: 80000,
      maxLossRatio: 1.5,
      saleStop: { premiumFen: 2400, claimsFen: 80000 },
    });
    expect(byCode.FDGUARD!.lossRatio).toBeCloseTo(80000 / 2400, 6);
    expect(byCode.FDCALM).toMatchObject({ premiumFen: 2400, claimsFen: 0, lossRatio: 0, saleStop: null });
    expect(byCode.FD120).toMatchObject({ maxLossRatio: null, saleStop: null });
    expect(await auditActions('loss_ratios_list')).toEqual([{ username: 'dev-support', resource_id: null }]);
    expect((await staffApi(support, 'GET', '/api/v1/staff/pricing/loss-ratios?windowDays=0')).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('reprices instead when the guard says so: the breached version stops, a new version with higher premiums sells, and the quote says why', async () => {
    await launchGuardedProduct('FDREPRICE', {
      maxLossRatio: 1.5,
      windowDays: 30,
      minPremiumFen: 1000,
      repriceFactor: 1.5,
    });
    const before = await quote('FDREPRICE');
    expect(before.status).toBe(201);
    const {
      rows: [firstQuote],
    } = await db.query<{ premium_fen: number }>(`SELECT premium_fen FROM quotes WHERE id = $1`, [before.body.id]);
    const late = await insertFlight(db, { scheduledDeparture: new Date(Date.now() - 6 * 3600_000) });
    await insurePassengers(db, late, { productCode: 'FDREPRICE', count: 4 });
    expect((await postArrival(testApp.baseUrl, flightEvent(late, 'arrived', 5, 125))).body).toMatchObject({
      outcome: 'applied',
      claimsApproved: 4,
    });
    // The sale-guard evaluates a version at most once per 30 s per process: wait for the next look.
    let answer = await quote('FDREPRICE');
    for (let tries = 0; tries < 40 && answer.status === 201; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      answer = await quote('FDREPRICE');
    }
    expect(answer).toMatchObject({ status: 422, body: { code: 'PRODUCT_VERSION_REPRICED' } });

    const { rows: versions } = await db.query<{
      id: string;
      version: number;
      terms: { targetLossRatio: number; minPremiumFen: number; lossRatioGuard: unknown };
    }>(
      `SELECT v.id::text, v.version, v.terms FROM product_versions v JOIN products p ON p.id = v.product_id WHERE p.code = 'FDREPRICE' ORDER BY v.version`,
    );
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.terms.targetLossRatio).toBeCloseTo(versions[0]!.terms.targetLossRatio / 1.5, 9);
    expect(versions[1]!.terms.minPremiumFen).toBe(Math.ceil((versions[0]!.terms.minPremiumFen * 1.5) / 100) * 100);
    expect(versions[1]!.terms.lossRatioGuard).toEqual(versions[0]!.terms.lossRatioGuard);
    const { rows: stops } = await db.query<{ reason: string; replaced_by_version_id: string }>(
      `SELECT reason, replaced_by_version_id::text FROM product_version_sale_stops WHERE product_version_id = $1`,
      [versions[0]!.id],
    );
    expect(stops).toEqual([
      {
        reason: expect.stringMatching(/exceeds the configured 1\.5; repriced: premiums × 1\.5/),
        replaced_by_version_id: versions[1]!.id,
      },
    ]);

    // The next quote sells the new version, dearer than the first one on the same flight.
    const after = await quote('FDREPRICE');
    expect(after.status).toBe(201);
    const {
      rows: [secondQuote],
    } = await db.query<{ premium_fen: number; product_version_id: string }>(
      `SELECT premium_fen, product_version_id::text FROM quotes WHERE id = $1`,
      [after.body.id],
    );
    expect(secondQuote!.product_version_id).toBe(versions[1]!.id);
    expect(secondQuote!.premium_fen).toBeGreaterThan(firstQuote!.premium_fen);
  });

  it('refuses quotes on a route staff stopped for adverse weather until they lift it, every change audited', async () => {
    const open = await quote('FD120');
    expect(open.status).toBe(201);
    const { flight } = subjectOfKind(open.body.subject, 'flight');
    const route = { origin: flight.origin.code, destination: flight.destination.code };
    const support = await staffLogin('dev-support', 'xiaoan-dev-staff');

    expect(
      (
        await staffApi(support, 'POST', '/api/v1/staff/pricing/route-stop-sales', {
          ...route,
          origin: 'P1',
          reason: '台风',
        })
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    const set = await staffApi<StaffRouteStopSale>(support, 'POST', '/api/v1/staff/pricing/route-stop-sales', {
      ...route,
      reason: '台风“海葵”预计登陆',
    });
    expect(set).toMatchObject({ status: 201, body: { ...route, reason: '台风“海葵”预计登陆', setBy: 'dev-support' } });
    expect(
      (await staffApi(support, 'POST', '/api/v1/staff/pricing/route-stop-sales', { ...route, reason: '再设一次' })).body
        .code,
    ).toBe('CONFLICT');

    expect(await quote('FD120')).toMatchObject({ status: 422, body: { code: 'ROUTE_SALES_STOPPED' } });
    expect(await quote('FD60')).toMatchObject({ status: 422, body: { code: 'ROUTE_SALES_STOPPED' } });
    const listed = await staffApi<StaffRouteStopSaleListResponse>(
      support,
      'GET',
      '/api/v1/staff/pricing/route-stop-sales',
    );
    expect(listed.body.items.map((item) => item.id)).toEqual([set.body.id]);

    // A marketing account may not touch sales.
    await db.query(
      `INSERT INTO staff_users (username, display_name, roles, password_hash) VALUES ('mkt-guard-test', '市场', ARRAY['marketing'], $1)`,
      [await hashStaffPassword('marketing-pass')],
    );
    const marketing = await staffLogin('mkt-guard-test', 'marketing-pass');
    expect(
      (await staffApi(marketing, 'POST', `/api/v1/staff/pricing/route-stop-sales/${set.body.id}/lift`)).body.code,
    ).toBe('STAFF_ROLE_FORBIDDEN');
    expect(await quote('FD120')).toMatchObject({ status: 422, body: { code: 'ROUTE_SALES_STOPPED' } });

    expect(await staffApi(support, 'POST', `/api/v1/staff/pricing/route-stop-sales/${set.body.id}/lift`)).toMatchObject(
      { status: 200, body: { id: set.body.id } },
    );
    expect(
      (await staffApi(support, 'POST', `/api/v1/staff/pricing/route-stop-sales/${set.body.id}/lift`)).body.code,
    ).toBe('CONFLICT');
    expect((await quote('FD120')).status).toBe(201);
    expect(await auditActions('route_stop_sale_set')).toEqual([{ username: 'dev-support', resource_id: set.body.id }]);
    expect(await auditActions('route_stop_sale_lifted')).toEqual([
      { username: 'dev-support', resource_id: set.body.id },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { StaffLoginResponse, StaffLossRatioListResponse, StaffRouteStopSale, StaffRouteStopSaleListResponse } from '@xiaoan/shared';
import { insertFlight, insurePassengers } from '../../bench/support/insured-flight.fixture.js';
import { hashStaffPassword } from '../../src/modules/staff/staff-password.js';
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
    customer.api<{ code?: string; id?: string; flight?: { origin: { code: string }; destination: { code: string } } }>('POST', '/api/v1/quotes', {
      productCode,
      flightNo,
      flightDate: beijingDateIn(5),
      payoutTier: 20000,
    });
  const auditActions = async (action: string) =>
    (await db.query<{ username: string; resource_id: string | null }>(`SELECT username, resource_id FROM staff_audit_log WHERE action = $1 ORDER BY id`, [action])).rows;

  /** A flight-delay product of its own, FD120's terms plus a loss-ratio guard (products as configuration). */
  const launchGuardedProduct = async (code: string, guard: { maxLossRatio: number; windowDays: number; minPremiumFen: number }) => {
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
    expect((await postArrival(testApp.baseUrl, flightEvent(late, 'arrived', 5, 125))).body).toMatchObject({ outcome: 'applied', claimsApproved: 4 });
    await postArrival(testApp.baseUrl, flightEvent(onTime, 'arrived', 5, 3));

    const stopped = await quote('FDGUARD');
    expect(stopped).toMatchObject({ status: 422, body: { code: 'PRODUCT_VERSION_SALES_STOPPED' } });
    expect((await quote('FDCALM')).status).toBe(201);
    expect((await quote('FD120')).status).toBe(201);
    // No quote was stored for the stopped version.
    const { rows: quotes } = await db.query(`SELECT 1 FROM quotes q JOIN products p ON p.id = q.product_id WHERE p.code = 'FDGUARD' AND q.pricing <> '{}'::jsonb`);
    expect(quotes).toHaveLength(0);

    const { rows: stops } = await db.query<{ code: string; reason: string; loss_ratio: string; premium_fen: string; claims_fen: string }>(
      `SELECT p.code, s.reason, s.loss_ratio, s.premium_fen, s.claims_fen FROM product_version_sale_stops s
         JOIN product_versions v ON v.id = s.product_version_id JOIN products p ON p.id = v.product_id`,
    );
    expect(stops).toEqual([{ code: 'FDGUARD', reason: expect.stringContaining('exceeds the configured 1.5'), loss_ratio: '33.3333', premium_fen: '2400', claims_fen: '80000' }]);

    const support = await staffLogin('dev-support', 'xiaoan-dev-staff');
    const list = await staffApi<StaffLossRatioListResponse>(support, 'GET', '/api/v1/staff/pricing/loss-ratios');
    expect(list.status).toBe(200);
    const byCode = Object.fromEntries(list.body.items.map((item) => [item.productCode, item]));
    expect(byCode.FDGUARD).toMatchObject({ premiumFen: 2400, claimsFen: 80000, maxLossRatio: 1.5, saleStop: { premiumFen: 2400, claimsFen: 80000 } });
    expect(byCode.FDGUARD!.lossRatio).toBeCloseTo(80000 / 2400, 6);
    expect(byCode.FDCALM).toMatchObject({ premiumFen: 2400, claimsFen: 0, lossRatio: 0, saleStop: null });
    expect(byCode.FD120).toMatchObject({ maxLossRatio: null, saleStop: null });
    expect(await auditActions('loss_ratios_list')).toEqual([{ username: 'dev-support', resource_id: null }]);
    expect((await staffApi(support, 'GET', '/api/v1/staff/pricing/loss-ratios?windowDays=0')).body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses quotes on a route staff stopped for adverse weather until they lift it, every change audited', async () => {
    const open = await quote('FD120');
    expect(open.status).toBe(201);
    const route = { origin: open.body.flight!.origin.code, destination: open.body.flight!.destination.code };
    const support = await staffLogin('dev-support', 'xiaoan-dev-staff');

    expect((await staffApi(support, 'POST', '/api/v1/staff/pricing/route-stop-sales', { ...route, origin: 'P1', reason: '台风' })).body.code).toBe('VALIDATION_FAILED');
    const set = await staffApi<StaffRouteStopSale>(support, 'POST', '/api/v1/staff/pricing/route-stop-sales', { ...route, reason: '台风“海葵”预计登陆' });
    expect(set).toMatchObject({ status: 201, body: { ...route, reason: '台风“海葵”预计登陆', setBy: 'dev-support' } });
    expect((await staffApi(support, 'POST', '/api/v1/staff/pricing/route-stop-sales', { ...route, reason: '再设一次' })).body.code).toBe('CONFLICT');

    expect(await quote('FD120')).toMatchObject({ status: 422, body: { code: 'ROUTE_SALES_STOPPED' } });
    expect(await quote('FD60')).toMatchObject({ status: 422, body: { code: 'ROUTE_SALES_STOPPED' } });
    const listed = await staffApi<StaffRouteStopSaleListResponse>(support, 'GET', '/api/v1/staff/pricing/route-stop-sales');
    expect(listed.body.items.map((item) => item.id)).toEqual([set.body.id]);

    // A marketing account may not touch sales.
    await db.query(`INSERT INTO staff_users (username, display_name, roles, password_hash) VALUES ('mkt-guard-test', '市场', ARRAY['marketing'], $1)`, [await hashStaffPassword('marketing-pass')]);
    const marketing = await staffLogin('mkt-guard-test', 'marketing-pass');
    expect((await staffApi(marketing, 'POST', `/api/v1/staff/pricing/route-stop-sales/${set.body.id}/lift`)).body.code).toBe('STAFF_ROLE_FORBIDDEN');
    expect(await quote('FD120')).toMatchObject({ status: 422, body: { code: 'ROUTE_SALES_STOPPED' } });

    expect(await staffApi(support, 'POST', `/api/v1/staff/pricing/route-stop-sales/${set.body.id}/lift`)).toMatchObject({ status: 200, body: { id: set.body.id } });
    expect((await staffApi(support, 'POST', `/api/v1/staff/pricing/route-stop-sales/${set.body.id}/lift`)).body.code).toBe('CONFLICT');
    expect((await quote('FD120')).status).toBe(201);
    expect(await auditActions('route_stop_sale_set')).toEqual([{ username: 'dev-support', resource_id: set.body.id }]);
    expect(await auditActions('route_stop_sale_lifted')).toEqual([{ username: 'dev-support', resource_id: set.body.id }]);
  });
});

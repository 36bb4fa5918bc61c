import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import {
  isValidBusinessNumber,
  makeBusinessNumber,
  type ClaimDetail,
  type ClaimListResponse,
  type StaffClaimListResponse,
  type StaffLoginResponse,
} from '@xiaoan/shared';
import { insertFlight, insurePassengers, type FixtureFlight } from '../../bench/support/insured-flight.fixture.js';
import { ChangeClaimPayoutUseCase } from '../../src/modules/claim/change-claim-payout.use-case.js';
import { NotifyApprovedClaimsUseCase } from '../../src/modules/claim/notify-approved-claims.use-case.js';
import { OpenManualReviewsUseCase } from '../../src/modules/claim/open-manual-reviews.use-case.js';
import { hashStaffPassword } from '../../src/modules/staff/staff-password.js';
import { WatchFlightUseCase } from '../../src/modules/trigger/watch-flight.use-case.js';
import { beijingDateIn, newCustomer, type TestCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { flightEvent, liveUntilArrival, postArrival, postFlightEvent, waitFor } from './claims.fixtures.js';

describe('flight-delay claims that pay themselves: feed → trigger → claims (HTTP, simulator, PostgreSQL)', () => {
  let testApp: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    testApp = await startTestApp({ simulator: { timeScale: 3600 } });
    db = testApp.db;
  });
  afterAll(async () => {
    await testApp.close();
  });

  const claimsOf = async (flight: Pick<FixtureFlight, 'id'>) =>
    (
      await db.query<{
        policy_id: string;
        status: string;
        code: string;
        amount_fen: number;
        evidence: Record<string, unknown>;
      }>(
        `SELECT c.policy_id, c.status, pr.code, c.amount_fen, c.evidence
           FROM claims c JOIN product_versions v ON v.id = c.product_version_id JOIN products pr ON pr.id = v.product_id
          WHERE c.flight_id = $1 ORDER BY pr.code`,
        [flight.id],
      )
    ).rows;
  const policyStatuses = async (flight: Pick<FixtureFlight, 'id'>) =>
    Object.fromEntries(
      (
        await db.query<{ code: string; statuses: string[] }>(
          `SELECT pr.code, array_agg(DISTINCT p.status) AS statuses FROM policies p JOIN product_versions v ON v.id = p.product_version_id
             JOIN products pr ON pr.id = v.product_id WHERE p.flight_id = $1 GROUP BY pr.code`,
          [flight.id],
        )
      ).rows.map((row) => [row.code, row.statuses]),
    );

  /** Buys a policy the way the mini-program does: quote, order, pay in the simulator, issued. */
  const buy = async (
    customer: TestCustomer,
    productCode: string,
    flightNo: string,
    flightDate: string,
  ): Promise<string> => {
    const quote = await customer.quote({ productCode, flightNo, flightDate });
    const { body: order } = await customer.order(quote);
    customer.pay(order);
    return (await customer.waitForOrder(order.id, ['issued'])).policyNo!;
  };
  const flightRow = async (flightNo: string, flightDate: string): Promise<FixtureFlight> => {
    const { rows } = await db.query<{ id: string; scheduled_departure: Date; scheduled_arrival: Date }>(
      `SELECT id, scheduled_departure, scheduled_arrival FROM flights WHERE flight_no = $1 AND flight_date = $2`,
      [flightNo, flightDate],
    );
    return {
      id: rows[0]!.id,
      flightNo,
      flightDate,
      scheduledDeparture: rows[0]!.scheduled_departure,
      scheduledArrival: rows[0]!.scheduled_arrival,
    };
  };

  it('pays FD120 and FD60 when the flight lands 125 minutes late, and tells the passenger who subscribed', async () => {
    const flightDate = beijingDateIn(6);
    const subscribed = await newCustomer(testApp);
    const silent = await newCustomer(testApp);
    // The subscriber accepted 理赔到账提醒 after paying (wx.requestSubscribeMessage → BFF and WeChat).
    testApp.sim.acceptSubscription(subscribed.openid, ['TPL_CLAIM_APPROVED']);
    await subscribed.api('POST', '/api/v1/me/subscriptions', { templateId: 'TPL_CLAIM_APPROVED', result: 'accept' });
    const fd120 = await buy(subscribed, 'FD120', 'MU5101', flightDate);
    const fd60 = await buy(silent, 'FD60', 'MU5101', flightDate);
    const flight = await flightRow('MU5101', flightDate);

    const answer = await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 5, 125));
    expect(answer).toMatchObject({ status: 200, body: { outcome: 'applied', claimsApproved: 2 } });

    const claims = await claimsOf(flight);
    expect(claims.map((claim) => [claim.code, claim.status, claim.amount_fen])).toEqual([
      ['FD120', 'approved', 20000],
      ['FD60', 'approved', 20000],
    ]);
    expect(claims[0]!.evidence).toMatchObject({
      outcome: 'arrived',
      delayMinutes: 125,
      thresholdMinutes: 120,
      rule: 'FD120 v1',
      providerEventIds: [answer.body.eventId],
    });
    expect(claims[1]!.evidence).toMatchObject({ delayMinutes: 125, thresholdMinutes: 60, rule: 'FD60 v1' });
    expect(await policyStatuses(flight)).toEqual({ FD120: ['claimed'], FD60: ['claimed'] });

    const list = await subscribed.api<ClaimListResponse>('GET', '/api/v1/claims');
    expect(list.body.items).toHaveLength(1);
    const summary = list.body.items[0]!;
    expect(summary).toMatchObject({
      policyNo: fd120,
      status: 'approved',
      amountFen: 20000,
      headline: 'MU5101 晚到 125 分钟',
      collectable: true,
      paidAt: null,
    });
    expect(isValidBusinessNumber(summary.claimNo, 'C')).toBe(true);
    const detail = await subscribed.api<ClaimDetail>('GET', `/api/v1/claims/${summary.id}`);
    const planned = new Date(flight.scheduledArrival.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
    const actual = new Date(flight.scheduledArrival.getTime() + (8 * 60 + 125) * 60_000).toISOString().slice(11, 16);
    expect(detail.body.timeline.map((entry) => entry.title)).toEqual(['投保成功', '航班到达', '理赔已批准']);
    expect(detail.body.timeline[1]!.detail).toMatch(
      new RegExp(`^计划 ${planned} 到达 · 实际 (次日 )?${actual} · 晚 125 分钟 ≥ 120$`),
    );
    expect(detail.body.evidence.kind === 'flight' && detail.body.evidence.providerEventIds).toEqual([
      answer.body.eventId,
    ]);
    // A consumer never reads another consumer's claim.
    expect((await silent.api<{ code: string }>('GET', `/api/v1/claims/${summary.id}`)).body.code).toBe(
      'CLAIM_NOT_FOUND',
    );
    expect((await silent.api<ClaimListResponse>('GET', '/api/v1/claims')).body.items[0]!.policyNo).toBe(fd60);

    // One message, for the passenger who subscribed; the credit is used up.
    await waitFor('the claim-approved message', async () =>
      testApp.sim.ledger.of('subscribe_message').some((m) => m.openid === subscribed.openid),
    );
    await waitFor('notification states', async () => {
      const { rows } = await db.query<{ notify_state: string }>(
        `SELECT notify_state FROM claims WHERE flight_id = $1 ORDER BY notify_state`,
        [flight.id],
      );
      return rows.every((row) => row.notify_state !== 'pending' && row.notify_state !== 'sending') && rows;
    });
    expect(
      testApp.sim.ledger
        .of('subscribe_message')
        .filter((m) => [subscribed.openid, silent.openid].includes(m.openid))
        .map((m) => m.openid),
    ).toEqual([subscribed.openid]);
    const { rows: credits } = await db.query(
      `SELECT s.accepted_count FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE c.openid = $1`,
      [subscribed.openid],
    );
    expect(credits[0]).toEqual({ accepted_count: 0 });
  });

  it('still sends the claim-approved message when the claim is being paid at that moment (it waits for the lock, never skips the claim)', async () => {
    const customer = await newCustomer(testApp);
    testApp.sim.acceptSubscription(customer.openid, ['TPL_CLAIM_APPROVED']);
    const { rows: ids } = await db.query<{ id: string }>(`SELECT id FROM customers WHERE openid = $1`, [
      customer.openid,
    ]);
    const flight = await insertFlight(db);
    await insurePassengers(db, flight, { productCode: 'FD120', customerIds: [ids[0]!.id] });
    await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 2, 150));
    const { rows: claim } = await db.query<{ id: string }>(`SELECT id FROM claims WHERE flight_id = $1`, [flight.id]);
    // The settlement's own message job has nothing to send (no accept yet); wait until it is done.
    await waitFor(
      'the settlement notified',
      async () =>
        (await db.query(`SELECT 1 FROM claims WHERE id = $1 AND notify_state = 'unsubscribed'`, [claim[0]!.id])).rows
          .length > 0,
    );
    // Now the customer has an accept and the claim is due again, while a payout holds its row.
    await db.query(
      `INSERT INTO subscriptions (customer_id, template_id, accepted_count) VALUES ($1, 'TPL_CLAIM_APPROVED', 1)`,
      [ids[0]!.id],
    );
    // Due again as a staff re-offer makes it, through the claim module (its only writer).
    await testApp.app
      .get(ChangeClaimPayoutUseCase)
      .reoffer({ manager: testApp.app.get(DataSource).manager }, claim[0]!.id, 1);
    const payout = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await payout.connect();
    try {
      await payout.query('BEGIN');
      await payout.query(`SELECT 1 FROM claims WHERE id = $1 FOR UPDATE`, [claim[0]!.id]);
      const notified = testApp.app.get(NotifyApprovedClaimsUseCase).execute([claim[0]!.id]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await payout.query('COMMIT');
      expect(await notified).toEqual({ sent: 1, unsubscribed: 0, failed: 0 });
    } finally {
      await payout.end();
    }
    expect(testApp.sim.ledger.of('subscribe_message').filter((m) => m.openid === customer.openid)).toHaveLength(1);
    expect((await db.query(`SELECT notify_state FROM claims WHERE id = $1`, [claim[0]!.id])).rows).toEqual([
      { notify_state: 'sent' },
    ]);
  });

  it('pays only FD60 when the flight lands 119 minutes late; the FD120 cover lapses without a claim', async () => {
    const flight = await insertFlight(db);
    await insurePassengers(db, flight, { productCode: 'FD120', count: 2 });
    await insurePassengers(db, flight, { productCode: 'FD60', count: 3 });
    const answer = await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 3, 119));
    expect(answer.body).toMatchObject({ outcome: 'applied', claimsApproved: 3 });
    expect((await claimsOf(flight)).map((claim) => `${claim.code}:${claim.status}`)).toEqual([
      'FD60:approved',
      'FD60:approved',
      'FD60:approved',
    ]);
    expect(await policyStatuses(flight)).toEqual({ FD120: ['expired'], FD60: ['claimed'] });
  });

  it('pays both products in full when the flight is cancelled, and when it is diverted', async () => {
    for (const status of ['cancelled', 'diverted'] as const) {
      const flight = await insertFlight(db);
      await insurePassengers(db, flight, { productCode: 'FD120', count: 1, payoutFen: 30000 });
      await insurePassengers(db, flight, { productCode: 'FD60', count: 1, payoutFen: 10000 });
      expect((await postFlightEvent(testApp.baseUrl, flightEvent(flight, status, 2))).body).toMatchObject({
        outcome: 'applied',
        claimsApproved: 2,
      });
      const claims = await claimsOf(flight);
      expect(claims.map((claim) => [claim.code, claim.status, claim.amount_fen, claim.evidence.outcome])).toEqual([
        ['FD120', 'approved', 30000, status],
        ['FD60', 'approved', 10000, status],
      ]);
    }
  });

  it('pays every passenger once when the arrival is delivered 10 times, 5 of them at once, and out of order', async () => {
    const flight = await insertFlight(db);
    const { policyIds } = await insurePassengers(db, flight, { productCode: 'FD60', count: 4 });
    const departed = flightEvent(flight, 'departed', 2, 90);
    const arrived = flightEvent(flight, 'arrived', 3, 90);
    const lateScheduled = flightEvent(flight, 'scheduled', 1);
    // The arrival overtakes the departure; then the same arrival again and again, then stale news.
    await liveUntilArrival(testApp.baseUrl, arrived);
    const first = await Promise.all(Array.from({ length: 5 }, () => postFlightEvent(testApp.baseUrl, arrived)));
    expect(first.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(first.filter((answer) => answer.body.outcome === 'applied')).toHaveLength(1);
    expect(first.map((answer) => answer.body.claimsApproved).reduce((a, b) => a! + b!, 0)).toBe(4);
    for (let i = 0; i < 5; i += 1)
      expect((await postFlightEvent(testApp.baseUrl, arrived)).body).toMatchObject({
        outcome: 'duplicate',
        claimsApproved: 0,
      });
    expect((await postFlightEvent(testApp.baseUrl, departed)).body.outcome).toBe('stale');
    expect((await postFlightEvent(testApp.baseUrl, lateScheduled)).body.outcome).toBe('stale');
    // A higher revision that is not final cannot undo the arrival either.
    expect((await postFlightEvent(testApp.baseUrl, flightEvent(flight, 'delayed', 9))).body.outcome).toBe('stale');

    const {
      rows: [state],
    } = await db.query(`SELECT status, provider_revision, actual_arrival FROM flights WHERE id = $1`, [flight.id]);
    expect(state).toMatchObject({ status: 'arrived', provider_revision: 3 });
    const claims = await claimsOf(flight);
    expect(claims).toHaveLength(4);
    expect(new Set(claims.map((claim) => claim.policy_id))).toEqual(new Set(policyIds));
    // Every event is kept as evidence, applied or not, once per provider event id.
    const { rows: events } = await db.query<{ status: string; applied: boolean }>(
      `SELECT status, applied FROM flight_status_events WHERE flight_id = $1 ORDER BY received_at`,
      [flight.id],
    );
    expect(events).toEqual([
      { status: 'arrived', applied: true },
      { status: 'departed', applied: false },
      { status: 'scheduled', applied: false },
      { status: 'delayed', applied: false },
    ]);
  });

  it('approves all 300 policies on one flight in one settlement, with ONE notification job', async () => {
    const flight = await insertFlight(db);
    await insurePassengers(db, flight, { productCode: 'FD120', count: 200, payoutFen: 20000 });
    await insurePassengers(db, flight, { productCode: 'FD60', count: 100, payoutFen: 10000 });
    const answer = await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 4, 146));
    expect(answer.body).toMatchObject({ outcome: 'applied', claimsApproved: 300 });
    const {
      rows: [counts],
    } = await db.query(
      `SELECT count(*)::int AS claims, count(DISTINCT claim_no)::int AS numbers, count(*) FILTER (WHERE status = 'approved')::int AS approved,
              sum(amount_fen)::int AS amount FROM claims WHERE flight_id = $1`,
      [flight.id],
    );
    expect(counts).toEqual({ claims: 300, numbers: 300, approved: 300, amount: 200 * 20000 + 100 * 10000 });
    const { rows: jobs } = await db.query<{ n: number }>(
      `SELECT jsonb_array_length(data -> 'claimIds') AS n FROM pgboss.job
        WHERE name = 'claim.notify-approved' AND data -> 'claimIds' ? (SELECT id::text FROM claims WHERE flight_id = $1 LIMIT 1)`,
      [flight.id],
    );
    expect(jobs).toEqual([{ n: 300 }]);
  });

  it('numbers claims in SQL exactly as the shared business-number rule does', async () => {
    const at = new Date('2026-11-27T17:30:00Z');
    const { rows } = await db.query<{ n: string }>(`SELECT business_number('C', $1, 42) AS n`, [at]);
    expect(rows[0]!.n).toBe(makeBusinessNumber('C', at, 42));
  });

  it('answers forged, tampered, stale and unsigned feed requests with 401 and changes nothing', async () => {
    const flight = await insertFlight(db);
    await insurePassengers(db, flight, { productCode: 'FD60', count: 2 });
    const event = flightEvent(flight, 'arrived', 2, 300);
    const attempts = [
      await postFlightEvent(testApp.baseUrl, event, { secret: 'not-the-feed-secret' }),
      await postFlightEvent(testApp.baseUrl, event, { tamper: (body) => body.replace('"revision":2', '"revision":7') }),
      await postFlightEvent(testApp.baseUrl, event, { timestampSeconds: Math.floor(Date.now() / 1000) - 301 }),
      await postFlightEvent(testApp.baseUrl, event, { timestampSeconds: Math.floor(Date.now() / 1000) + 301 }),
    ];
    expect(attempts.map((answer) => [answer.status, answer.body.code])).toEqual([
      [401, 'FEED_SIGNATURE_INVALID'],
      [401, 'FEED_SIGNATURE_INVALID'],
      [401, 'FEED_TIMESTAMP_STALE'],
      [401, 'FEED_TIMESTAMP_STALE'],
    ]);
    const unsigned = await fetch(`${testApp.baseUrl}/api/v1/feeds/flight-status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(401);
    const {
      rows: [state],
    } = await db.query(`SELECT status, provider_revision FROM flights WHERE id = $1`, [flight.id]);
    expect(state).toEqual({ status: 'scheduled', provider_revision: 0 });
    expect(
      (await db.query(`SELECT 1 FROM flight_status_events WHERE event_id = $1`, [event.eventId])).rows,
    ).toHaveLength(0);
    expect(await claimsOf(flight)).toHaveLength(0);
    // A well-signed body that is not an event is refused by the shared schema, still changing nothing.
    expect((await postFlightEvent(testApp.baseUrl, { ...event, status: 'landed' })).status).toBe(400);
  });

  it('pulls an insured flight that nobody pushed about, and settles it the same way', async () => {
    const customer = await newCustomer(testApp);
    const flightDate = beijingDateIn(7);
    await buy(customer, 'FD60', 'CA1501', flightDate);
    const flight = await flightRow('CA1501', flightDate);
    // Issuing the flight's first policy scheduled the first look for scheduled arrival + 15 min.
    const { rows: watch } = await db.query<{ start_after: Date }>(
      `SELECT start_after FROM pgboss.job WHERE name = 'flight.watch' AND data ->> 'flightId' = $1`,
      [flight.id],
    );
    expect(watch.map((job) => job.start_after.getTime())).toEqual([flight.scheduledArrival.getTime() + 15 * 60_000]);

    const watcher = testApp.app.get(WatchFlightUseCase);
    // Nothing new at the provider: no claim, and the next look is in 30 minutes.
    expect(await watcher.execute(flight.id)).toBeNull();
    const landing = {
      status: 'arrived' as const,
      actualDeparture: new Date(flight.scheduledDeparture.getTime() + 70 * 60_000).toISOString(),
      actualArrival: new Date(flight.scheduledArrival.getTime() + 61 * 60_000).toISOString(),
    };
    await liveUntilArrival(testApp.baseUrl, landing);
    testApp.sim.flights.apply('CA1501', flightDate, landing);
    expect(await watcher.execute(flight.id)).toMatchObject({ outcome: 'applied', claimsApproved: 1 });
    const [claim] = await claimsOf(flight);
    expect(claim).toMatchObject({
      code: 'FD60',
      status: 'approved',
      evidence: { delayMinutes: 61, providerEventIds: [`poll-CA1501-${flightDate}-r1`] },
    });
    const {
      rows: [event],
    } = await db.query(`SELECT source, applied FROM flight_status_events WHERE flight_id = $1`, [flight.id]);
    expect(event).toEqual({ source: 'poll', applied: true });
  });

  it('makes a flight land late from the simulator, which pushes the signed event to the BFF', async () => {
    const customer = await newCustomer(testApp);
    const flightDate = beijingDateIn(8);
    await buy(customer, 'FD120', 'HO1251', flightDate);
    testApp.sim.flightFeed.url = `${testApp.baseUrl}/api/v1/feeds/flight-status`;
    try {
      // What the H5 dev build calls: the BFF forwards to the simulator, which pushes the signed event.
      const response = await fetch(`${testApp.baseUrl}/api/dev/sim/flights/land-late`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flightNo: 'HO1251', flightDate, delayMinutes: 146 }),
      });
      expect(response.status).toBe(204);
      expect(testApp.sim.flightFeed.deliveries.at(-1)).toMatchObject({
        eventId: `SIM-HO1251-${flightDate}-r1`,
        status: 200,
        attempts: 1,
      });
    } finally {
      testApp.sim.flightFeed.url = undefined;
    }
    const { body } = await customer.api<ClaimListResponse>('GET', '/api/v1/claims');
    expect(body.items.map((item) => [item.status, item.headline])).toEqual([['approved', 'HO1251 晚到 146 分钟']]);
    const detail = await customer.api<ClaimDetail>('GET', `/api/v1/claims/${body.items[0]!.id}`);
    expect(detail.body.timeline[1]!.detail).toMatch(/ · 晚 146 分钟 ≥ 120$/);
  });

  describe('no final status 6 h after the scheduled arrival', () => {
    const staffLogin = async (username: string, password: string) => {
      const response = await fetch(`${testApp.baseUrl}/api/v1/staff/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return { status: response.status, body: (await response.json()) as StaffLoginResponse & { code?: string } };
    };
    const staffApi = async <T>(token: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${testApp.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: (await response.json()) as T & { code?: string } };
    };

    it('sends the claims to manual review, where support lists and decides them, every access audited', async () => {
      const flight = await insertFlight(db, { scheduledDeparture: new Date(Date.now() - 9 * 3600_000) });
      const { policyIds } = await insurePassengers(db, flight, {
        productCode: 'FD120',
        count: 3,
        coverEnd: new Date(flight.scheduledArrival.getTime() + 360 * 60_000),
      });
      // (The sweep also runs every minute; running it by hand, twice, must not double anything.)
      await testApp.app.get(OpenManualReviewsUseCase).execute();
      expect(await testApp.app.get(OpenManualReviewsUseCase).execute()).toBe(0);
      const claims = await claimsOf(flight);
      expect(claims.map((claim) => [claim.status, claim.evidence.outcome])).toEqual(
        Array.from({ length: 3 }, () => ['manual_review', 'no_final_status']),
      );
      expect(await policyStatuses(flight)).toEqual({ FD120: ['active'] });

      expect((await staffLogin('dev-support', 'wrong password')).body.code).toBe('STAFF_LOGIN_FAILED');
      const support = await staffLogin('dev-support', 'xiaoan-dev-staff');
      expect(support.body.roles).toEqual(['support']);
      const queue = await staffApi<StaffClaimListResponse>(
        support.body.token,
        'GET',
        '/api/v1/staff/claims?status=manual_review&limit=200',
      );
      expect(queue.status).toBe(200);
      const mine = queue.body.items.filter((item) => item.subject.value === `${flight.flightNo} ${flight.flightDate}`);
      expect(mine).toHaveLength(3);
      expect(mine[0]!.subject.label).toBe('航班');
      expect(mine[0]!.timeline.map((entry) => entry.title)).toContain('转人工审核');

      // Outsiders: no token, a customer's token, and a staff role without claim rights.
      expect((await fetch(`${testApp.baseUrl}/api/v1/staff/claims`)).status).toBe(401);
      const customer = await newCustomer(testApp);
      expect((await staffApi(customer.token, 'GET', '/api/v1/staff/claims')).status).toBe(401);
      await db.query(
        `INSERT INTO staff_users (username, display_name, roles, password_hash) VALUES ('mkt-claims-test', '市场', '{marketing}', $1) ON CONFLICT DO NOTHING`,
        [await hashStaffPassword('marketing-pass')],
      );
      const marketing = await staffLogin('mkt-claims-test', 'marketing-pass');
      expect((await staffApi(marketing.body.token, 'GET', '/api/v1/staff/claims')).body.code).toBe(
        'STAFF_ROLE_FORBIDDEN',
      );

      const approved = await staffApi<{ status: string; decidedBy: string }>(
        support.body.token,
        'POST',
        `/api/v1/staff/claims/${mine[0]!.id}/decision`,
        {
          decision: 'approve',
          reason: '航司确认延误超过2小时',
        },
      );
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'dev-support' });
      const rejected = await staffApi<{ status: string; rejectedReason: string }>(
        support.body.token,
        'POST',
        `/api/v1/staff/claims/${mine[1]!.id}/decision`,
        {
          decision: 'reject',
          reason: '航司确认准点到达',
        },
      );
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectedReason: '航司确认准点到达' });
      expect(
        (
          await staffApi(support.body.token, 'POST', `/api/v1/staff/claims/${mine[1]!.id}/decision`, {
            decision: 'approve',
            reason: '再次审核',
          })
        ).body.code,
      ).toBe('CLAIM_NOT_IN_REVIEW');
      expect(
        (
          await staffApi(support.body.token, 'POST', `/api/v1/staff/claims/${mine[2]!.id}/decision`, {
            decision: 'maybe',
            reason: '',
          })
        ).status,
      ).toBe(400);

      // A final status arriving later decides what is still waiting, by the rule.
      expect((await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 6, 200))).body.claimsApproved).toBe(1);
      expect((await claimsOf(flight)).map((claim) => claim.status).sort()).toEqual([
        'approved',
        'approved',
        'rejected',
      ]);
      expect(
        (await db.query(`SELECT status FROM policies WHERE id = ANY($1) ORDER BY status`, [policyIds])).rows.map(
          (row) => row.status,
        ),
      ).toEqual(['claimed', 'claimed', 'expired']);

      const { rows: audit } = await db.query<{
        username: string;
        action: string;
        resource_id: string | null;
        customer_id: string | null;
        policy_no: string | null;
        reason: string | null;
      }>(
        `SELECT username, action, resource_id, customer_id, policy_no, reason FROM staff_audit_log WHERE username IN ('dev-support', 'mkt-claims-test') ORDER BY id`,
      );
      const actions = audit.map((row) => `${row.username}:${row.action}`);
      expect(actions).toEqual(
        expect.arrayContaining([
          'dev-support:login_failed',
          'dev-support:login',
          'dev-support:access',
          'dev-support:claim_approve',
          'dev-support:claim_reject',
          'mkt-claims-test:access_denied',
        ]),
      );
      expect(audit.filter((row) => row.action === 'access').length).toBeGreaterThanOrEqual(5);
      expect(audit.find((row) => row.action === 'claim_approve')!.resource_id).toBe(mine[0]!.id);
      // Whose claim it was, and why: the customer and policy travel with the decision.
      expect(audit.find((row) => row.action === 'claim_approve')).toMatchObject({
        policy_no: mine[0]!.policyNo,
        reason: '航司确认延误超过2小时',
      });
      expect(audit.find((row) => row.action === 'claim_approve')!.customer_id).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

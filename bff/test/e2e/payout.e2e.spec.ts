import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { ClaimDetail, ClaimListResponse, CollectClaimResponse } from '@xiaoan/shared';
import { insertFlight, insurePassengers } from '../../bench/support/insured-flight.fixture.js';
import { TransferRateBucket } from '../../src/modules/payout/transfer-rate.bucket.js';
import { newCustomer, type TestCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { flightEvent, postArrival, waitFor } from './claims.fixtures.js';

describe('the red packet: collecting an approved claim through a WeChat Pay transfer bill', () => {
  let testApp: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    // Notification retries compressed (1 h → 1 s); transfers settle in 20 ms.
    testApp = await startTestApp({ simulator: { timeScale: 3600 } });
    db = testApp.db;
  });
  afterEach(() => testApp.sim.faults.clear());
  afterAll(async () => {
    await testApp.close();
  });

  /** A customer whose flight just landed 3 hours late: one approved claim of `payoutFen`. */
  const approvedClaim = async (
    payoutFen = 20000,
  ): Promise<{ customer: TestCustomer; claimId: string; claimNo: string }> => {
    const customer = await newCustomer(testApp);
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM customers WHERE openid = $1`, [customer.openid]);
    const flight = await insertFlight(db);
    await insurePassengers(db, flight, { productCode: 'FD120', customerIds: [rows[0]!.id], payoutFen });
    expect((await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 2, 180))).body.claimsApproved).toBe(1);
    const list = await customer.api<ClaimListResponse>('GET', '/api/v1/claims');
    return { customer, claimId: list.body.items[0]!.id, claimNo: list.body.items[0]!.claimNo };
  };
  const collect = (customer: TestCustomer, claimId: string) =>
    customer.api<CollectClaimResponse & { code?: string }>('POST', `/api/v1/claims/${claimId}/collect`);
  const detail = async (customer: TestCustomer, claimId: string) =>
    (await customer.api<ClaimDetail>('GET', `/api/v1/claims/${claimId}`)).body;
  const waitForStatus = (customer: TestCustomer, claimId: string, status: string) =>
    waitFor(`claim ${status}`, async () => {
      const claim = await detail(customer, claimId);
      return claim.status === status && claim;
    });
  /** The transfers the simulator's ledger holds for a claim: final states per bill number. */
  const transfersOf = (claimNo: string) => {
    const entries = testApp.sim.ledger.of('transfer').filter((entry) => entry.outBillNo.startsWith(claimNo));
    const bills = [...new Set(entries.map((entry) => entry.outBillNo))];
    return bills.map((outBillNo) => ({
      outBillNo,
      states: entries.filter((entry) => entry.outBillNo === outBillNo).map((entry) => entry.state),
    }));
  };

  it('opens the red packet, the user confirms, the notification marks it paid: one transfer, once', async () => {
    const { customer, claimId, claimNo } = await approvedClaim(20000);
    const first = await collect(customer, claimId);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      mchId: testApp.sim.keys.mchid,
      appId: testApp.sim.keys.appid,
      openId: customer.openid,
    });
    // Tapping again re-creates the same bill (same number), with a fresh package.
    const again = await collect(customer, claimId);
    expect(again.body.package).not.toBe(first.body.package);
    expect(transfersOf(claimNo)).toEqual([{ outBillNo: `${claimNo}A1`, states: ['ACCEPTED'] }]);
    expect((await detail(customer, claimId)).status).toBe('offered');

    testApp.sim.confirmTransfer({ package: again.body.package, openid: customer.openid });
    const paid = await waitForStatus(customer, claimId, 'paid');
    expect(paid.collectable).toBe(false);
    expect(paid.paidAt).not.toBeNull();
    expect(paid.timeline.map((entry) => entry.title)).toEqual([
      '投保成功',
      '航班到达',
      '理赔已批准',
      '红包已发放',
      '已到账',
    ]);
    expect(transfersOf(claimNo)).toEqual([{ outBillNo: `${claimNo}A1`, states: ['ACCEPTED', 'SUCCESS'] }]);
    const paidOut = testApp.sim.ledger
      .of('transfer')
      .filter((entry) => entry.outBillNo === `${claimNo}A1` && entry.state === 'SUCCESS');
    expect(paidOut.map((entry) => [entry.amount, entry.openid])).toEqual([[20000, customer.openid]]);

    const afterPaid = await collect(customer, claimId);
    expect([afterPaid.status, afterPaid.body.code]).toEqual([409, 'CLAIM_NOT_COLLECTABLE']);
    const stranger = await newCustomer(testApp);
    expect((await collect(stranger, claimId)).body.code).toBe('CLAIM_NOT_FOUND');
  });

  it('makes a FAILed transfer collectable again, under a new bill number only after the old one is final', async () => {
    const { customer, claimId, claimNo } = await approvedClaim(10000);
    const first = await collect(customer, claimId);
    testApp.sim.confirmTransfer({
      package: first.body.package,
      openid: customer.openid,
      outcome: 'FAIL',
      failReason: 'ACCOUNT_FROZEN',
    });
    const failed = await waitForStatus(customer, claimId, 'failed');
    expect(failed.collectable).toBe(true);
    expect(failed.timeline.map((entry) => entry.title)).toContain('领取失败');

    const second = await collect(customer, claimId);
    expect(second.status).toBe(200);
    testApp.sim.confirmTransfer({ package: second.body.package, openid: customer.openid });
    await waitForStatus(customer, claimId, 'paid');
    expect(transfersOf(claimNo)).toEqual([
      { outBillNo: `${claimNo}A1`, states: ['ACCEPTED', 'FAIL'] },
      { outBillNo: `${claimNo}A2`, states: ['ACCEPTED', 'SUCCESS'] },
    ]);
  });

  it('re-offers a red packet left unopened for 24 hours, and pays the second one', async () => {
    const { customer, claimId, claimNo } = await approvedClaim(30000);
    const stale = await collect(customer, claimId);
    testApp.sim.advanceTime(24 * 3600 + 60);
    const expired = await waitForStatus(customer, claimId, 'expired');
    expect(expired.collectable).toBe(true);
    // The expired package is dead at WeChat.
    expect(() => testApp.sim.confirmTransfer({ package: stale.body.package, openid: customer.openid })).toThrow();
    const fresh = await collect(customer, claimId);
    testApp.sim.confirmTransfer({ package: fresh.body.package, openid: customer.openid });
    await waitForStatus(customer, claimId, 'paid');
    expect(transfersOf(claimNo).map((bill) => [bill.outBillNo, bill.states.at(-1)])).toEqual([
      [`${claimNo}A1`, 'CANCELLED'],
      [`${claimNo}A2`, 'SUCCESS'],
    ]);
  });

  it('retries 500 and NOT_ENOUGH inline with the same bill number, logging the error for operators', async () => {
    const { customer, claimId, claimNo } = await approvedClaim();
    testApp.sim.faults.set('transfer.create', { kind: 'system_error' }, { times: 1 });
    expect((await collect(customer, claimId)).status).toBe(200);
    testApp.sim.faults.set('transfer.create', { kind: 'not_enough' }, { times: 1 });
    const answer = await collect(customer, claimId);
    expect(answer.status).toBe(200);
    expect(transfersOf(claimNo)).toEqual([{ outBillNo: `${claimNo}A1`, states: ['ACCEPTED'] }]);
    const { rows } = await db.query(
      `SELECT out_bill_no, attempt, last_error FROM payout_bills b JOIN claims c ON c.id = b.claim_id WHERE c.id = $1`,
      [claimId],
    );
    expect(rows).toEqual([
      { out_bill_no: `${claimNo}A1`, attempt: 1, last_error: expect.stringMatching(/^NOT_ENOUGH/) },
    ]);
    testApp.sim.confirmTransfer({ package: answer.body.package, openid: customer.openid });
    await waitForStatus(customer, claimId, 'paid');
  });

  it('answers PAYOUT_BUSY while WeChat keeps answering 429, and a job creates the same bill once it recovers', async () => {
    const { customer, claimId, claimNo } = await approvedClaim();
    testApp.sim.faults.set('transfer.create', { kind: 'rate_limited' });
    const busy = await collect(customer, claimId);
    expect([busy.status, busy.body.code]).toEqual([503, 'PAYOUT_BUSY']);
    expect(transfersOf(claimNo)).toEqual([]);
    testApp.sim.faults.clear();
    // The create job retries with the same out_bill_no and back-off.
    await waitFor('the deferred bill', async () => (await detail(customer, claimId)).status === 'offered', 15_000);
    expect(transfersOf(claimNo)).toEqual([{ outBillNo: `${claimNo}A1`, states: ['ACCEPTED'] }]);
    const answer = await collect(customer, claimId);
    testApp.sim.confirmTransfer({ package: answer.body.package, openid: customer.openid });
    await waitForStatus(customer, claimId, 'paid');
    expect(transfersOf(claimNo)).toEqual([{ outBillNo: `${claimNo}A1`, states: ['ACCEPTED', 'SUCCESS'] }]);
  });

  it('refuses claims that are not collectable and transfer notifications that are forged', async () => {
    const customer = await newCustomer(testApp);
    expect((await collect(customer, 'not-a-uuid')).body.code).toBe('CLAIM_NOT_FOUND');
    expect((await collect(customer, '00000000-0000-4000-8000-000000000000')).body.code).toBe('CLAIM_NOT_FOUND');
    const forged = await fetch(`${testApp.baseUrl}/api/v1/wechatpay/notify/transfer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'wechatpay-timestamp': String(Math.floor(Date.now() / 1000)),
        'wechatpay-nonce': 'n',
        'wechatpay-signature': 'AAAA',
        'wechatpay-serial': 'x',
      },
      body: JSON.stringify({ id: 'x', resource: {} }),
    });
    expect(forged.status).toBe(401);
  });

  it('limits transfer-bill calls with a token bucket in PostgreSQL shared by every instance', async () => {
    const bucket = testApp.app.get(TransferRateBucket);
    await db.query(
      `INSERT INTO token_buckets (name, capacity, refill_per_second, tokens) VALUES ('test.bucket', 20, 1, 20) ON CONFLICT (name) DO UPDATE SET tokens = 20, refilled_at = clock_timestamp()`,
    );
    const taken = await Promise.all(Array.from({ length: 40 }, () => bucket.tryTake('test.bucket')));
    expect(taken.filter(Boolean).length).toBeGreaterThanOrEqual(20);
    expect(taken.filter(Boolean).length).toBeLessThanOrEqual(21);
    const { rows } = await db.query(
      `SELECT capacity, refill_per_second FROM token_buckets WHERE name = 'wechatpay.transfer_bills'`,
    );
    expect(rows).toEqual([{ capacity: 100, refill_per_second: 100 }]);
  });
});

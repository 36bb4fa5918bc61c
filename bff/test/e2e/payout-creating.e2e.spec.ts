import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type {
  ClaimDetail,
  ClaimListResponse,
  CollectClaimResponse,
  StaffPayoutProblemListResponse,
} from '@xiaoan/shared';
import { insertFlight, insurePassengers } from '../../bench/support/insured-flight.fixture.js';
import { ResolveCreatingBillsUseCase } from '../../src/modules/payout/resolve-creating-bills.use-case.js';
import { newCustomer, type TestCustomer } from '../support/customer.js';
import { marketingStaff, staffSignIn } from '../support/staff.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { flightEvent, postArrival, waitFor } from './claims.fixtures.js';

/**
 * A payout never disappears from the customer's view: after a failed 拆 (WeChat erred while the
 * transfer bill was being created) the claim stays collectable for its amount, the error is on the
 * bill for staff, and the sweep finishes or abandons every bill stuck in CREATING — asking WeChat
 * by the bill number first.
 */
describe('transfer bills stuck in CREATING (HTTP, simulator, PostgreSQL)', () => {
  let testApp: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    testApp = await startTestApp({ simulator: { timeScale: 3600 } });
    db = testApp.db;
  });
  afterEach(() => testApp.sim.faults.clear());
  afterAll(async () => {
    await testApp.close();
  });

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
  /** What the claims page counts for its "N 笔赔款待领取" badge: the collectable claims and their sum. */
  const badge = async (customer: TestCustomer) => {
    const { body } = await customer.api<ClaimListResponse>('GET', '/api/v1/claims');
    const collectable = body.items.filter((claim) => claim.collectable);
    return { count: collectable.length, fen: collectable.reduce((sum, claim) => sum + claim.collectableFen, 0) };
  };
  const billsOf = async (claimId: string) =>
    (
      await db.query<{ out_bill_no: string; state: string; last_error_code: string | null }>(
        `SELECT out_bill_no, state, last_error_code FROM payout_bills WHERE claim_id = $1 ORDER BY attempt`,
        [claimId],
      )
    ).rows;
  const transfersOf = (claimNo: string) =>
    testApp.sim.ledger.of('transfer').filter((entry) => entry.outBillNo.startsWith(claimNo));
  /** The sweep, as its job runs it, with the "untouched for a while" window shortened to now. */
  const sweep = () => testApp.app.get(ResolveCreatingBillsUseCase).execute({ olderThanMs: -1000 });

  it('keeps a claim collectable after a failed 拆 and counts it in the badge', async () => {
    const { customer, claimId } = await approvedClaim(20000);
    testApp.sim.faults.set('transfer.create', { kind: 'param_error' }, { times: 1 });
    const failed = await collect(customer, claimId);
    expect([failed.status, failed.body.code]).toEqual([503, 'PAYOUT_UNAVAILABLE']);
    expect((await billsOf(claimId)).map((bill) => bill.state)).toEqual(['CREATING']);

    const claim = await detail(customer, claimId);
    expect([claim.collectable, claim.collectableFen]).toEqual([true, 20000]);
    expect(await badge(customer)).toEqual({ count: 1, fen: 20000 });
  });

  it('records a non-retryable creation error for staff, abandons the bill once WeChat says it holds none, and pays once under a new number', async () => {
    const { customer, claimId, claimNo } = await approvedClaim(15000);
    testApp.sim.faults.set('transfer.create', { kind: 'param_error' }, { times: 1 });
    expect((await collect(customer, claimId)).body.code).toBe('PAYOUT_UNAVAILABLE');

    const support = await staffSignIn(testApp, 'dev-support');
    const listed = await support.api<StaffPayoutProblemListResponse>('GET', '/api/v1/staff/payout-problems');
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((item) => item.outBillNo === `${claimNo}A1`)).toMatchObject({
      claimId,
      state: 'CREATING',
      errorCode: 'PARAM_ERROR',
      retryable: false,
      amountFen: 15000,
      createCalls: 1,
    });
    const marketing = await marketingStaff(testApp, 'mkt-payout-test');
    expect((await marketing.api('GET', '/api/v1/staff/payout-problems')).body.code).toBe('STAFF_ROLE_FORBIDDEN');
    expect((await fetch(`${testApp.baseUrl}/api/v1/staff/payout-problems`)).status).toBe(401);

    // A bill being worked on by a 拆 (touched just now) is left alone by the regular window.
    expect(await testApp.app.get(ResolveCreatingBillsUseCase).execute()).toMatchObject({ abandoned: 0 });
    const resolved = await sweep();
    expect(resolved.abandoned).toBeGreaterThanOrEqual(1);
    expect(await billsOf(claimId)).toEqual([
      { out_bill_no: `${claimNo}A1`, state: 'ABANDONED', last_error_code: 'PARAM_ERROR' },
    ]);
    expect(transfersOf(claimNo)).toEqual([]);
    const afterSweep = await support.api<StaffPayoutProblemListResponse>('GET', '/api/v1/staff/payout-problems');
    expect(afterSweep.body.items.find((item) => item.outBillNo === `${claimNo}A1`)?.state).toBe('ABANDONED');
    expect(await badge(customer)).toEqual({ count: 1, fen: 15000 });

    // The next 拆 opens attempt 2; the customer confirms; paid exactly once.
    const second = await collect(customer, claimId);
    expect(second.status).toBe(200);
    testApp.sim.confirmTransfer({ package: second.body.package, openid: customer.openid });
    await waitFor('claim paid', async () => (await detail(customer, claimId)).status === 'paid');
    const paid = transfersOf(claimNo).filter((entry) => entry.state === 'SUCCESS');
    expect(paid.map((entry) => [entry.outBillNo, entry.amount, entry.openid])).toEqual([
      [`${claimNo}A2`, 15000, customer.openid],
    ]);
    expect(await badge(customer)).toEqual({ count: 0, fen: 0 });
  });

  it('adopts the state of a bill WeChat created although it answered with an error, and never opens a second one', async () => {
    const { customer, claimId, claimNo } = await approvedClaim(12000);
    // WeChat creates the bill but the answer that reaches us is PARAM_ERROR.
    testApp.sim.faults.set('transfer.create', { kind: 'answer_lost', code: 'PARAM_ERROR' }, { times: 1 });
    expect((await collect(customer, claimId)).body.code).toBe('PAYOUT_UNAVAILABLE');
    expect(transfersOf(claimNo).map((entry) => entry.outBillNo)).toEqual([`${claimNo}A1`]);
    expect((await billsOf(claimId)).map((bill) => bill.state)).toEqual(['CREATING']);

    const resolved = await sweep();
    expect(resolved.adopted).toBeGreaterThanOrEqual(1);
    expect((await billsOf(claimId)).map((bill) => [bill.out_bill_no, bill.state])).toEqual([
      [`${claimNo}A1`, 'WAIT_USER_CONFIRM'],
    ]);
    const offered = await detail(customer, claimId);
    expect([offered.status, offered.collectable, offered.collectableFen]).toEqual(['offered', true, 12000]);

    const again = await collect(customer, claimId);
    expect(again.status).toBe(200);
    testApp.sim.confirmTransfer({ package: again.body.package, openid: customer.openid });
    await waitFor('claim paid', async () => (await detail(customer, claimId)).status === 'paid');
    expect(new Set(transfersOf(claimNo).map((entry) => entry.outBillNo))).toEqual(new Set([`${claimNo}A1`]));
    expect(transfersOf(claimNo).filter((entry) => entry.state === 'SUCCESS')).toHaveLength(1);
  });

  it('creates again, under the same number, a bill left CREATING by a retryable error', async () => {
    const { customer, claimId, claimNo } = await approvedClaim(11000);
    // Both inline tries fail with SYSTEM_ERROR: the 拆 answers busy and the bill waits in CREATING.
    testApp.sim.faults.set('transfer.create', { kind: 'system_error' }, { times: 2 });
    expect((await collect(customer, claimId)).body.code).toBe('PAYOUT_BUSY');
    expect(await badge(customer)).toEqual({ count: 1, fen: 11000 });

    await sweep();
    await waitFor('bill created', async () => (await billsOf(claimId))[0]?.state === 'WAIT_USER_CONFIRM');
    expect((await billsOf(claimId)).map((bill) => bill.out_bill_no)).toEqual([`${claimNo}A1`]);
    const again = await collect(customer, claimId);
    testApp.sim.confirmTransfer({ package: again.body.package, openid: customer.openid });
    await waitFor('claim paid', async () => (await detail(customer, claimId)).status === 'paid');
    expect(
      transfersOf(claimNo)
        .filter((entry) => entry.state === 'SUCCESS')
        .map((entry) => entry.outBillNo),
    ).toEqual([`${claimNo}A1`]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type {
  CancelPolicyResponse,
  ClaimListResponse,
  CollectClaimResponse,
  Customer360,
  CustomerSearchResponse,
  OperationsDashboard,
  Order,
  ProductVersionList,
  ReofferPayoutResponse,
  RevealedIdentity,
  SalesReplay,
} from '@xiaoan/shared';
import { insertFlight, insurePassengers } from '../../bench/support/insured-flight.fixture.js';
import { OpenManualReviewsUseCase } from '../../src/modules/claim/open-manual-reviews.use-case.js';
import { PhoneIndexBackfill } from '../../src/modules/support-desk/phone-index.backfill.js';
import { beijingDateIn, makeIdNumber, newCustomer, type TestCustomer } from '../support/customer.js';
import { newStaffUser, staffApiOf, type StaffClient } from '../support/staff.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { flightEvent, postArrival, waitFor } from './claims.fixtures.js';
import { buyWeather, importSimulatedHistory } from './weather.fixtures.js';

describe('customer service desk: find a customer, read their story masked, replay a sale, act with a reason', () => {
  let testApp: TestApp;
  let db: pg.Client;
  let support: StaffClient;
  let admin: StaffClient;
  let marketing: StaffClient;

  beforeAll(async () => {
    testApp = await startTestApp({ simulator: { timeScale: 3600 } });
    db = testApp.db;
    [support, admin, marketing] = await Promise.all([
      newStaffUser(testApp, 'support'),
      newStaffUser(testApp, 'admin'),
      newStaffUser(testApp, 'marketing'),
    ]);
  });
  afterEach(() => testApp.sim.faults.clear());
  afterAll(async () => {
    await testApp.close();
  });

  /** A customer buys FD120 in the mini-program's flow and the simulator pays: an issued policy. */
  const buyPolicy = async (
    customer: TestCustomer,
    insured: { name: string; phone: string; idNumber?: string },
    flight: { flightNo?: string; flightDate?: string } = {},
  ): Promise<Order & { policyNo: string }> => {
    const quote = await customer.quote(flight);
    const ordered = await customer.order(quote, { idNumber: makeIdNumber(), ...insured });
    expect(ordered.status).toBe(201);
    customer.pay(ordered.body);
    const issued = await customer.waitForOrder(ordered.body.id, ['issued']);
    return issued as Order & { policyNo: string };
  };
  const customerIdOf = async (customer: TestCustomer) =>
    (await db.query<{ id: string }>(`SELECT id FROM customers WHERE openid = $1`, [customer.openid])).rows[0]!.id;
  const auditRows = async (username: string, action: string) =>
    (
      await db.query<{
        action: string;
        roles: string[];
        resource_type: string;
        resource_id: string | null;
        customer_id: string | null;
        policy_no: string | null;
        ip: string | null;
        reason: string | null;
        detail: Record<string, unknown> | null;
        at: Date;
      }>(
        `SELECT action, roles, resource_type, resource_id, customer_id, policy_no, ip, reason, detail, at FROM staff_audit_log WHERE username = $1 AND action = $2 ORDER BY id`,
        [username, action],
      )
    ).rows;
  const search = (client: StaffClient, query: Record<string, string>) =>
    client.api<CustomerSearchResponse>(
      'GET',
      `/api/v1/staff/support/customers?${new URLSearchParams(query).toString()}`,
    );

  describe('search', () => {
    it('finds the customer by policy, order and claim number, by phone through its blind index, and by masked name on a flight; results masked', async () => {
      const customer = await newCustomer(testApp);
      const flightDate = beijingDateIn(6);
      const order = await buyPolicy(
        customer,
        { name: '李小龙', phone: '13912340001' },
        { flightNo: 'MU5101', flightDate },
      );
      const customerId = await customerIdOf(customer);

      const byPolicy = await search(support, { policyNo: order.policyNo });
      expect(byPolicy.status).toBe(200);
      expect(byPolicy.body.by).toBe('policyNo');
      expect(byPolicy.body.items).toEqual([
        expect.objectContaining({
          customerId,
          orderNo: order.orderNo,
          policyNo: order.policyNo,
          insuredNameMasked: '李*龙',
          insuredPhoneMasked: '139****0001',
          subject: `MU5101 ${flightDate}`,
        }),
      ]);
      expect(JSON.stringify(byPolicy.body)).not.toMatch(/李小龙|13912340001/);
      expect((await search(support, { orderNo: order.orderNo })).body.items.map((hit) => hit.customerId)).toEqual([
        customerId,
      ]);
      // Spelled as a customer would say it on the phone.
      const byPhone = await search(support, { phone: '+86 139-1234-0001' });
      expect(byPhone.body.by).toBe('phone');
      expect(byPhone.body.items.map((hit) => hit.orderNo)).toEqual([order.orderNo]);
      const byName = await search(support, { nameMasked: '李*龙', flightNo: 'MU5101', flightDate });
      expect(byName.body.items.map((hit) => hit.orderNo)).toEqual([order.orderNo]);
      expect((await search(support, { nameMasked: '王*', flightNo: 'MU5101', flightDate })).body.items).toEqual([]);

      // The phone is stored as a keyed digest beside its ciphertext, never in the clear.
      const { rows } = await db.query<{ insured_phone_index: string; insured_phone_encrypted: string }>(
        `SELECT insured_phone_index, insured_phone_encrypted FROM orders WHERE order_no = $1`,
        [order.orderNo],
      );
      expect(rows[0]!.insured_phone_index).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(JSON.stringify(rows[0])).not.toContain('13912340001');

      // Each search is audited with how it searched, never with the phone number itself.
      const audited = await auditRows(support.username, 'customer_search');
      expect(audited.map((row) => row.detail?.by)).toEqual(
        expect.arrayContaining(['policyNo', 'orderNo', 'phone', 'nameAndFlight']),
      );
      expect(JSON.stringify(audited)).not.toContain('13912340001');
      expect(audited.find((row) => row.detail?.by === 'phone')).toMatchObject({
        detail: { customerIds: [customerId] },
        ip: '127.0.0.1',
        roles: ['support'],
      });
    });

    it('finds by claim number', async () => {
      const customer = await newCustomer(testApp);
      const customerId = await customerIdOf(customer);
      const flight = await insertFlight(db);
      await insurePassengers(db, flight, { productCode: 'FD120', customerIds: [customerId] });
      expect((await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 2, 150))).body.claimsApproved).toBe(1);
      const claims = await customer.api<ClaimListResponse>('GET', '/api/v1/claims');
      const hits = await search(support, { claimNo: claims.body.items[0]!.claimNo });
      expect(hits.body.items.map((hit) => [hit.customerId, hit.policyNo])).toEqual([
        [customerId, claims.body.items[0]!.policyNo],
      ]);
    });

    it('fills the phone index of orders written before it existed, once, at start-up or on demand', async () => {
      const customer = await newCustomer(testApp);
      const order = await buyPolicy(customer, { name: '赵敏', phone: '13700000077' });
      await db.query(`UPDATE orders SET insured_phone_index = NULL WHERE order_no = $1`, [order.orderNo]);
      expect((await search(support, { phone: '13700000077' })).body.items).toEqual([]);
      // A seeded row whose phone is not a ciphertext is marked, not retried forever.
      const flight = await insertFlight(db);
      await insurePassengers(db, flight, { productCode: 'FD120', count: 1 });
      await db.query(`UPDATE orders SET insured_phone_index = NULL WHERE flight_id = $1`, [flight.id]);

      const backfill = testApp.app.get(PhoneIndexBackfill);
      expect(await backfill.run()).toBeGreaterThanOrEqual(2);
      expect(await backfill.run()).toBe(0);
      expect((await search(support, { phone: '13700000077' })).body.items.map((hit) => hit.orderNo)).toEqual([
        order.orderNo,
      ]);
      const { rows } = await db.query<{ insured_phone_index: string }>(
        `SELECT insured_phone_index FROM orders WHERE flight_id = $1`,
        [flight.id],
      );
      expect(rows).toEqual([{ insured_phone_index: '-' }]);
    });

    it('refuses a search that is not exactly one way of finding, or a name without its flight, and audits nothing for it', async () => {
      const before = (await auditRows(support.username, 'customer_search')).length;
      for (const query of [
        {},
        { policyNo: 'P2612010000000011', orderNo: 'O2612010000000011' },
        { nameMasked: '李*' },
        { phone: '12' },
        { policyNo: "P1' OR 1=1" },
      ] as Record<string, string>[]) {
        const answer = await search(support, query);
        expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect((await auditRows(support.username, 'customer_search')).length).toBe(before);
    });
  });

  describe('the customer page', () => {
    it('shows orders (unpaid too), policies, claims with evidence and bills, consents and the sales trail, masked; every read audited with who, which customer and from where', async () => {
      const customer = await newCustomer(testApp);
      const customerId = await customerIdOf(customer);
      const issued = await buyPolicy(
        customer,
        { name: '欧阳娜娜', phone: '13600000001' },
        { flightDate: beijingDateIn(7) },
      );
      // An order left unpaid.
      const unpaid = await customer.order(await customer.quote({ flightDate: beijingDateIn(8) }), {
        name: '欧阳娜娜',
        phone: '13600000001',
        idNumber: makeIdNumber(),
      });
      expect(unpaid.status).toBe(201);
      // Three accepts of the claim-approved message, given before the claim (the message uses one).
      await db.query(
        `INSERT INTO subscriptions (customer_id, template_id, accepted_count) VALUES ($1, 'TPL_CLAIM_APPROVED', 3)
         ON CONFLICT (customer_id, template_id) DO UPDATE SET accepted_count = 3`,
        [customerId],
      );
      // A claim paid through a red packet.
      const flight = await insertFlight(db);
      await insurePassengers(db, flight, { productCode: 'FD120', customerIds: [customerId], payoutFen: 20000 });
      await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 2, 180));
      const [claim] = (await customer.api<ClaimListResponse>('GET', '/api/v1/claims')).body.items;
      const collected = await customer.api<CollectClaimResponse>('POST', `/api/v1/claims/${claim!.id}/collect`);
      testApp.sim.confirmTransfer({ package: collected.body.package, openid: customer.openid });
      await waitFor(
        'the claim paid',
        async () =>
          (await db.query(`SELECT 1 FROM claims WHERE id = $1 AND status = 'paid'`, [claim!.id])).rows.length > 0,
      );
      // The claim-approved message used one of the three accepts: two are left to show.
      await waitFor(
        'the claim-approved message to use one accept',
        async () =>
          (
            await db.query(
              `SELECT 1 FROM subscriptions WHERE customer_id = $1 AND template_id = 'TPL_CLAIM_APPROVED' AND accepted_count = 2`,
              [customerId],
            )
          ).rows.length > 0,
      );

      const page = await support.api<Customer360>('GET', `/api/v1/staff/support/customers/${customerId}`);
      expect(page.status).toBe(200);
      const story = page.body;
      expect(story.customer.openidMasked).toContain('****');
      expect(story.orders.map((order) => [order.orderNo, order.status])).toEqual(
        expect.arrayContaining([
          [issued.orderNo, 'issued'],
          [unpaid.body.orderNo, 'pending_payment'],
        ]),
      );
      const sold = story.orders.find((order) => order.orderNo === issued.orderNo)!;
      expect(sold).toMatchObject({
        insuredNameMasked: '欧**娜',
        insuredPhoneMasked: '136****0001',
        insuredIdMasked: expect.stringMatching(/^1101\*{10}\w{4}$/),
        policyNo: issued.policyNo,
      });
      expect(sold.salesTrail.map((event) => event.type)).toEqual([
        'page_view',
        'exclusions_confirmed',
        'form_submitted',
      ]);
      expect(story.policies.find((policy) => policy.policyNo === issued.policyNo)).toMatchObject({
        status: 'active',
        cancellable: true,
        documentPath: `/api/v1/staff/support/policies/${issued.policyNo}/document`,
      });
      const paidClaim = story.claims.find((item) => item.id === claim!.id)!;
      expect(paidClaim.status).toBe('paid');
      expect(paidClaim.timeline.map((entry) => entry.title)).toContain('航班到达');
      expect(paidClaim.bills).toEqual([
        expect.objectContaining({ outBillNo: `${claim!.claimNo}A1`, attempt: 1, state: 'SUCCESS', amountFen: 20000 }),
      ]);
      expect(paidClaim.reofferable).toBe(false);
      expect(story.consents).toEqual([expect.objectContaining({ templateId: 'TPL_CLAIM_APPROVED', acceptedCount: 2 })]);
      // Masked by default: nothing of the insured's identity in the clear.
      expect(JSON.stringify(story)).not.toMatch(/欧阳娜娜|13600000001/);

      const audited = await auditRows(support.username, 'customer_read');
      expect(audited.at(-1)).toMatchObject({
        resource_type: 'customer',
        resource_id: customerId,
        customer_id: customerId,
        ip: '127.0.0.1',
        roles: ['support'],
      });

      // The e-policy as the customer has it, audited.
      const pdf = await fetch(`${testApp.baseUrl}/api/v1/staff/support/policies/${issued.policyNo}/document`, {
        headers: { authorization: `Bearer ${support.token}` },
      });
      expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      expect((await auditRows(support.username, 'policy_document')).at(-1)).toMatchObject({
        policy_no: issued.policyNo,
        customer_id: customerId,
      });
    });

    it('reveals the full name, ID number and phone only as a separate action with a reason, audited before anything is shown', async () => {
      const customer = await newCustomer(testApp);
      const customerId = await customerIdOf(customer);
      const idNumber = makeIdNumber();
      const order = await buyPolicy(customer, { name: '司马相如', phone: '13500000002', idNumber });

      const noReason = await support.api('POST', `/api/v1/staff/support/customers/${customerId}/reveal`, {
        orderNo: order.orderNo,
      });
      expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const elsewhere = await support.api('POST', `/api/v1/staff/support/customers/${customerId}/reveal`, {
        orderNo: 'O2612010000000011',
        reason: '核实身份',
      });
      expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'ORDER_NOT_FOUND']);
      expect(await auditRows(support.username, 'customer_reveal')).toEqual([]);

      const revealed = await support.api<RevealedIdentity>(
        'POST',
        `/api/v1/staff/support/customers/${customerId}/reveal`,
        { orderNo: order.orderNo, reason: '客户来电核实身份' },
      );
      expect(revealed.status).toBe(200);
      expect(revealed.body).toEqual({
        orderNo: order.orderNo,
        insuredName: '司马相如',
        insuredIdNumber: idNumber,
        insuredPhone: '13500000002',
      });
      const [row] = await auditRows(support.username, 'customer_reveal');
      expect(row).toMatchObject({
        resource_type: 'order',
        resource_id: order.orderNo,
        customer_id: customerId,
        reason: '客户来电核实身份',
        ip: '127.0.0.1',
      });
      expect(JSON.stringify(row)).not.toMatch(/司马相如|13500000002/);
      expect(JSON.stringify(row)).not.toContain(idNumber);
    });

    it('answers 404 for a customer that does not exist or is not an id, and audits no read', async () => {
      const before = (await auditRows(support.username, 'customer_read')).length;
      expect(
        (await support.api('GET', '/api/v1/staff/support/customers/00000000-0000-4000-8000-000000000000')).body.code,
      ).toBe('CUSTOMER_NOT_FOUND');
      expect((await support.api('GET', `/api/v1/staff/support/customers/not-a-uuid'`)).status).toBe(404);
      expect((await auditRows(support.username, 'customer_read')).length).toBe(before);
    });
  });

  describe('可回溯 replay', () => {
    it('replays the sale step by step in time order beside the exact version sold, its clauses and exclusions', async () => {
      const customer = await newCustomer(testApp);
      const order = await buyPolicy(customer, { name: '王五', phone: '13400000003' });
      const replay = await support.api<SalesReplay>('GET', `/api/v1/staff/support/policies/${order.policyNo}/replay`);
      expect(replay.status).toBe(200);
      expect(replay.body.steps.map((step) => step.title)).toEqual([
        '浏览页面',
        '确认已阅读免责条款',
        '提交投保信息',
        '生成订单',
        '微信支付确认收款',
        '保单生效',
      ]);
      expect(replay.body.steps[0]).toMatchObject({
        source: 'buyer',
        page: 'packages/buy/product/index',
        pageName: '产品页',
        shows: ['summary', 'exclusions', 'clauses'],
        durationMs: 12000,
      });
      // Each page by its name, never its code; the exclusions' confirmation points at the version's exclusions.
      expect(replay.body.steps.map((step) => step.pageName)).toEqual([
        '产品页',
        '产品页',
        '填写投保信息',
        null,
        null,
        null,
      ]);
      expect(replay.body.steps[1]).toMatchObject({
        shows: ['exclusions'],
        detail: expect.stringContaining('出单版本'),
      });
      expect(replay.body.version.highlights[0]).toMatch(/到达延误≥\d+分钟即赔/);
      const buyerTimes = replay.body.steps.filter((step) => step.source === 'buyer').map((step) => Date.parse(step.at));
      expect([...buyerTimes].sort((a, b) => a - b)).toEqual(buyerTimes);
      const { rows } = await db.query<{ clauses: unknown; exclusions: unknown; version: number; filing_no: string }>(
        `SELECT v.clauses, v.exclusions, v.version, v.filing_no FROM policies p JOIN product_versions v ON v.id = p.product_version_id WHERE p.policy_no = $1`,
        [order.policyNo],
      );
      expect(replay.body.version).toMatchObject({
        productCode: 'FD120',
        version: rows[0]!.version,
        filingNo: rows[0]!.filing_no,
        clauses: rows[0]!.clauses,
        exclusions: rows[0]!.exclusions,
      });
      expect(replay.body.version.exclusions.length).toBeGreaterThan(0);
      expect(replay.body.exclusionsReadMatchesVersion).toBe(true);
      expect((await auditRows(support.username, 'sales_replay')).at(-1)).toMatchObject({
        policy_no: order.policyNo,
        customer_id: replay.body.customerId,
      });

      expect((await support.api('GET', '/api/v1/staff/support/policies/P2612010000000011/replay')).body.code).toBe(
        'POLICY_NOT_FOUND',
      );
      expect((await support.api('GET', '/api/v1/staff/support/policies/nonsense/replay')).status).toBe(404);
    });
  });

  describe('cancel before cover', () => {
    it('refunds the whole premium through WeChat Pay, cancels the policy and gives the capacity back, once however often asked', async () => {
      const customer = await newCustomer(testApp);
      const flightDate = beijingDateIn(9);
      const order = await buyPolicy(
        customer,
        { name: '钱七', phone: '13300000004' },
        { flightNo: 'MU5101', flightDate },
      );
      const soldOf = async () =>
        Number(
          (
            await db.query<{ sold: string }>(
              `SELECT sold_sum_insured_fen AS sold FROM flights WHERE flight_no = 'MU5101' AND flight_date = $1`,
              [flightDate],
            )
          ).rows[0]!.sold,
        );
      const soldBefore = await soldOf();

      const noReason = await support.api('POST', `/api/v1/staff/support/policies/${order.policyNo}/cancel`, {
        reason: ' ',
      });
      expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await db.query(`SELECT status FROM policies WHERE policy_no = $1`, [order.policyNo])).rows).toEqual([
        { status: 'active' },
      ]);

      const cancelled = await support.api<CancelPolicyResponse>(
        'POST',
        `/api/v1/staff/support/policies/${order.policyNo}/cancel`,
        { reason: '客户行程取消，来电申请退保' },
      );
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({
        policyNo: order.policyNo,
        orderNo: order.orderNo,
        policyStatus: 'cancelled',
        amountFen: order.amountFen,
        cancelled: true,
      });
      const again = await support.api<CancelPolicyResponse>(
        'POST',
        `/api/v1/staff/support/policies/${order.policyNo}/cancel`,
        { reason: '重复提交' },
      );
      expect(again.body).toMatchObject({ refundNo: cancelled.body.refundNo, cancelled: false });

      const refunded = await customer.waitForOrder(order.id, ['refunded'], 15_000);
      expect(refunded.refundReason).toContain('全额');
      const refunds = testApp.sim.ledger.of('refund').filter((entry) => entry.outTradeNo === order.orderNo);
      expect(refunds.map((entry) => [entry.outRefundNo, entry.refund])).toEqual([
        [cancelled.body.refundNo, order.amountFen],
      ]);
      expect((await db.query(`SELECT status FROM policies WHERE policy_no = $1`, [order.policyNo])).rows).toEqual([
        { status: 'cancelled' },
      ]);
      expect(await soldOf()).toBe(soldBefore - 20000);
      const audited = (await auditRows(support.username, 'policy_cancel')).filter(
        (row) => row.resource_id === order.policyNo,
      );
      expect(audited.map((row) => row.reason)).toEqual(['客户行程取消，来电申请退保']);
      expect(
        (await customer.api<{ items: { policyNo: string; status: string }[] }>('GET', '/api/v1/policies')).body.items,
      ).toEqual([expect.objectContaining({ policyNo: order.policyNo, status: 'cancelled' })]);
      // The customer page shows the refunded order with its refund, and the policy no longer cancellable.
      const story = (
        await support.api<Customer360>('GET', `/api/v1/staff/support/customers/${await customerIdOf(customer)}`)
      ).body;
      expect(story.orders.find((item) => item.orderNo === order.orderNo)).toMatchObject({
        status: 'refunded',
        refund: expect.objectContaining({
          refundNo: cancelled.body.refundNo,
          status: 'succeeded',
          amountFen: order.amountFen,
        }),
      });
      expect(story.policies.find((item) => item.policyNo === order.policyNo)).toMatchObject({
        status: 'cancelled',
        cancellable: false,
      });
    });

    it("gives a HEAT37 policy's units back to its city-season when cancelled before the season's cover starts", async () => {
      await importSimulatedHistory(testApp);
      const customer = await newCustomer(testApp);
      const { order } = await buyWeather(
        customer,
        { productCode: 'HEAT37', cityCode: 'wuhan', units: 3, seasonYear: 2027 },
        { idNumber: makeIdNumber(), name: '周九' },
      );
      expect(order.status).toBe('issued');
      const soldOf = async () =>
        (
          await db.query<{ sold: number }>(
            `SELECT sold FROM weather_capacity WHERE place_code = 'wuhan' AND period = '2027'`,
          )
        ).rows[0]!.sold;
      const soldBefore = await soldOf();
      const cancelled = await support.api<CancelPolicyResponse>(
        'POST',
        `/api/v1/staff/support/policies/${order.policyNo}/cancel`,
        { reason: '客户改变出行计划' },
      );
      expect(cancelled.body).toMatchObject({ policyStatus: 'cancelled', cancelled: true, amountFen: order.amountFen });
      expect(await soldOf()).toBe(soldBefore - 3);
      await customer.waitForOrder(order.id, ['refunded'], 15_000);
      expect(
        testApp.sim.ledger
          .of('refund')
          .filter((entry) => entry.outTradeNo === order.orderNo)
          .map((entry) => entry.refund),
      ).toEqual([order.amountFen]);
    }, 60_000);

    it('offers 退保 on the customer page by the same rule the cancellation applies: not once the flight has left, though its scheduled departure is days away', async () => {
      const customer = await newCustomer(testApp);
      const order = await buyPolicy(
        customer,
        { name: '孙八', phone: '13300000005' },
        { flightNo: 'MU5101', flightDate: beijingDateIn(10) },
      );
      const shown = async () =>
        (
          await support.api<Customer360>('GET', `/api/v1/staff/support/customers/${await customerIdOf(customer)}`)
        ).body.policies.find((item) => item.policyNo === order.policyNo);
      expect(await shown()).toMatchObject({ status: 'active', cancellable: true });
      // The flight leaves early (the feed says so): cover has not started by the clock, but the shared rule closes 退保.
      await db.query(
        `UPDATE flights SET status = 'departed', actual_departure = now() WHERE id = (SELECT flight_id FROM policies WHERE policy_no = $1)`,
        [order.policyNo],
      );
      expect(await shown()).toMatchObject({ status: 'active', cancellable: false });
      const refused = await support.api('POST', `/api/v1/staff/support/policies/${order.policyNo}/cancel`, {
        reason: '客户申请退保',
      });
      expect([refused.status, refused.body.code]).toEqual([409, 'POLICY_CANCEL_AFTER_DEPARTURE']);
    });

    it('refuses once cover has started, saying so, and changes nothing', async () => {
      const flight = await insertFlight(db, { scheduledDeparture: new Date(Date.now() - 30 * 60_000) });
      await insurePassengers(db, flight, { productCode: 'FD120', count: 1 });
      const { rows } = await db.query<{ policy_no: string }>(`SELECT policy_no FROM policies WHERE flight_id = $1`, [
        flight.id,
      ]);
      const policyNo = rows[0]!.policy_no;
      const refused = await support.api('POST', `/api/v1/staff/support/policies/${policyNo}/cancel`, {
        reason: '客户申请退保',
      });
      expect([refused.status, refused.body.code]).toEqual([409, 'POLICY_CANCEL_AFTER_DEPARTURE']);
      expect(
        (
          await db.query(
            `SELECT p.status, o.status AS order_status FROM policies p JOIN orders o ON o.id = p.order_id WHERE p.policy_no = $1`,
            [policyNo],
          )
        ).rows,
      ).toEqual([{ status: 'active', order_status: 'issued' }]);
      expect(
        (
          await db.query(`SELECT 1 FROM refunds r JOIN policies p ON p.order_id = r.order_id WHERE p.policy_no = $1`, [
            policyNo,
          ])
        ).rows,
      ).toEqual([]);
    });
  });

  describe('operations dashboard (admin)', () => {
    it('shows the day: sales, policies in force, claims, payouts and capacity, and every product version read-only', async () => {
      const dashboard = await admin.api<OperationsDashboard>('GET', '/api/v1/staff/dashboard');
      expect(dashboard.status).toBe(200);
      const { rows } = await db.query<{ n: number; premium: number }>(
        `SELECT count(*)::int AS n, coalesce(sum(premium_fen), 0)::int AS premium FROM policies
          WHERE (issued_at AT TIME ZONE 'Asia/Shanghai')::date = $1::date`,
        [dashboard.body.day],
      );
      expect(dashboard.body.sales).toMatchObject({ policiesIssued: rows[0]!.n, premiumFen: rows[0]!.premium });
      expect(dashboard.body.sales.policiesIssued).toBeGreaterThan(0);
      expect(dashboard.body.salesByHour).toHaveLength(24);
      expect(dashboard.body.salesByHour.reduce((sum, hour) => sum + hour.policies, 0)).toBe(rows[0]!.n);
      expect(dashboard.body.claims.paid).toBeGreaterThanOrEqual(1);
      expect(dashboard.body.payouts.successRate).not.toBeNull();
      expect(dashboard.body.flightCapacity.length).toBeGreaterThan(0);
      expect(dashboard.body.flightCapacity[0]!.capacityFen).toBeGreaterThan(0);
      const products = await admin.api<ProductVersionList>('GET', '/api/v1/staff/dashboard/products');
      expect(products.body.items.map((item) => item.productCode)).toEqual(
        expect.arrayContaining(['FD120', 'HEAT37', 'RAIN']),
      );
      expect(products.body.items.find((item) => item.productCode === 'FD120')).toMatchObject({
        current: true,
        terms: expect.objectContaining({ kind: 'flight_delay' }),
      });
    });
  });

  describe('roles', () => {
    it("lets support and admin use the desk, keeps the dashboard to admin, lets every role read the product terms, refuses marketing the customer's data and strangers everything, audited", async () => {
      const customer = await newCustomer(testApp);
      const customerId = await customerIdOf(customer);
      const order = await buyPolicy(customer, { name: '孙八', phone: '13200000005' });
      const [claim] = (await db.query<{ id: string }>(`SELECT id FROM claims LIMIT 1`)).rows;
      const routes: { method: string; path: string; body?: unknown; roles: ('support' | 'admin' | 'marketing')[] }[] = [
        {
          method: 'GET',
          path: `/api/v1/staff/support/customers?policyNo=${order.policyNo}`,
          roles: ['support', 'admin'],
        },
        { method: 'GET', path: `/api/v1/staff/support/customers/${customerId}`, roles: ['support', 'admin'] },
        {
          method: 'POST',
          path: `/api/v1/staff/support/customers/${customerId}/reveal`,
          body: { orderNo: order.orderNo, reason: '核实' },
          roles: ['support', 'admin'],
        },
        { method: 'GET', path: `/api/v1/staff/support/policies/${order.policyNo}/replay`, roles: ['support', 'admin'] },
        {
          method: 'GET',
          path: `/api/v1/staff/support/policies/${order.policyNo}/document`,
          roles: ['support', 'admin'],
        },
        // Allowed roles get past the guard to the use case (here refused for its own reason: an unknown policy / bad attempt).
        {
          method: 'POST',
          path: `/api/v1/staff/support/policies/P2612010000000011/cancel`,
          body: { reason: '角色测试' },
          roles: ['support', 'admin'],
        },
        {
          method: 'POST',
          path: `/api/v1/staff/support/claims/${claim!.id}/reoffer`,
          body: { attempt: 99, reason: '角色测试' },
          roles: ['support', 'admin'],
        },
        { method: 'GET', path: '/api/v1/staff/claims?status=manual_review', roles: ['support', 'admin'] },
        { method: 'GET', path: '/api/v1/staff/weather-flags', roles: ['support', 'admin'] },
        { method: 'GET', path: '/api/v1/staff/dashboard', roles: ['admin'] },
        { method: 'GET', path: '/api/v1/staff/dashboard/products', roles: ['support', 'admin', 'marketing'] },
      ];
      const clients = { support, admin, marketing };
      for (const route of routes) {
        for (const role of ['support', 'admin', 'marketing'] as const) {
          const answer = await clients[role].api(route.method, route.path, route.body);
          const allowed = (route.roles as string[]).includes(role);
          expect([route.path, role, answer.status === 403 ? 'refused' : 'allowed']).toEqual([
            route.path,
            role,
            allowed ? 'allowed' : 'refused',
          ]);
          if (!allowed) expect(answer.body.code).toBe('STAFF_ROLE_FORBIDDEN');
        }
        const stranger = await staffApiOf(testApp, null)(route.method, route.path, route.body);
        expect([route.path, stranger.status]).toEqual([route.path, 401]);
        const customerToken = await staffApiOf(testApp, customer.token)(route.method, route.path, route.body);
        expect([route.path, customerToken.status]).toEqual([route.path, 401]);
      }
      const denied = await auditRows(marketing.username, 'access_denied');
      expect(denied.length).toBe(routes.filter((route) => !route.roles.includes('marketing')).length);
      // Marketing's refused reads never reached personal data.
      expect(await auditRows(marketing.username, 'customer_read')).toEqual([]);
      expect(await auditRows(marketing.username, 'customer_reveal')).toEqual([]);
    });
  });

  describe('manual-review claims (existing decision API, from the desk)', () => {
    it('decides a claim of the queue with a reason, once', async () => {
      const flight = await insertFlight(db, { scheduledDeparture: new Date(Date.now() - 9 * 3600_000) });
      await insurePassengers(db, flight, {
        productCode: 'FD120',
        count: 1,
        coverEnd: new Date(flight.scheduledArrival.getTime() + 360 * 60_000),
      });
      await testApp.app.get(OpenManualReviewsUseCase).execute();
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM claims WHERE flight_id = $1`, [flight.id]);
      const decided = await support.api<{ status: string }>('POST', `/api/v1/staff/claims/${rows[0]!.id}/decision`, {
        decision: 'approve',
        reason: '航班公开信息显示晚到 3 小时',
      });
      expect(decided.body.status).toBe('approved');
      const again = await support.api('POST', `/api/v1/staff/claims/${rows[0]!.id}/decision`, {
        decision: 'approve',
        reason: '再次',
      });
      expect(again.body.code).toBe('CLAIM_NOT_IN_REVIEW');
    });
  });
  // Last: it moves the simulator's clock a day on, which expires every prepay made before it.
  describe('re-offering a red packet', () => {
    const approvedClaim = async () => {
      const customer = await newCustomer(testApp);
      const customerId = await customerIdOf(customer);
      const flight = await insertFlight(db);
      await insurePassengers(db, flight, { productCode: 'FD120', customerIds: [customerId], payoutFen: 30000 });
      await postArrival(testApp.baseUrl, flightEvent(flight, 'arrived', 2, 200));
      const [claim] = (await customer.api<ClaimListResponse>('GET', '/api/v1/claims')).body.items;
      return { customer, claimId: claim!.id, claimNo: claim!.claimNo };
    };
    const reoffer = (claimId: string, body: unknown) =>
      support.api<ReofferPayoutResponse>('POST', `/api/v1/staff/support/claims/${claimId}/reoffer`, body);

    it('asks WeChat first: refused while the bill still waits, re-offered once WeChat says it closed unconfirmed, paid on the new bill', async () => {
      const { customer, claimId, claimNo } = await approvedClaim();
      const stale = await customer.api<CollectClaimResponse>('POST', `/api/v1/claims/${claimId}/collect`);
      expect(stale.status).toBe(200);

      const waiting = await reoffer(claimId, { attempt: 1, reason: '客户说红包打不开' });
      expect([waiting.status, waiting.body.code]).toEqual([409, 'PAYOUT_BILL_NOT_FINAL']);

      // The bill expires unconfirmed and WeChat's notification is lost: only a query can tell.
      testApp.sim.faults.setNotificationFault('drop', { times: 1 });
      testApp.sim.advanceTime(24 * 3600 + 60);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await db.query(`SELECT state FROM payout_bills WHERE out_bill_no = $1`, [`${claimNo}A1`])).rows).toEqual([
        { state: 'WAIT_USER_CONFIRM' },
      ]);

      const badAttempt = await reoffer(claimId, { attempt: 'one', reason: '客户说红包过期了' });
      expect([badAttempt.status, badAttempt.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const offered = await reoffer(claimId, { attempt: 1, reason: '客户说红包过期了' });
      expect(offered.status).toBe(200);
      expect(offered.body).toEqual({
        claimNo,
        previousOutBillNo: `${claimNo}A1`,
        previousState: 'CANCELLED',
        attempt: 2,
        outBillNo: `${claimNo}A2`,
        reoffered: true,
      });
      const twice = await reoffer(claimId, { attempt: 1, reason: '重复点击' });
      expect(twice.body).toMatchObject({ outBillNo: `${claimNo}A2`, reoffered: false });
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM payout_bills WHERE claim_id = $1`, [claimId])).rows,
      ).toEqual([{ n: 2 }]);

      const fresh = await customer.api<CollectClaimResponse>('POST', `/api/v1/claims/${claimId}/collect`);
      testApp.sim.confirmTransfer({ package: fresh.body.package, openid: customer.openid });
      await waitFor(
        'the claim paid',
        async () =>
          (await db.query(`SELECT 1 FROM claims WHERE id = $1 AND status = 'paid'`, [claimId])).rows.length > 0,
      );
      const transfers = testApp.sim.ledger.of('transfer').filter((entry) => entry.outBillNo.startsWith(claimNo));
      expect(
        transfers.filter((entry) => entry.state === 'SUCCESS').map((entry) => [entry.outBillNo, entry.amount]),
      ).toEqual([[`${claimNo}A2`, 30000]]);
      expect(
        (await auditRows(support.username, 'payout_reoffer'))
          .filter((row) => row.resource_id === claimNo)
          .map((row) => row.reason),
      ).toEqual(['客户说红包过期了']);

      const paid = await reoffer(claimId, { attempt: 2, reason: '再次发放' });
      expect([paid.status, paid.body.code]).toEqual([409, 'PAYOUT_NOT_REOFFERABLE']);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { AppendSalesTrailUseCase } from '../../src/modules/order/append-sales-trail.use-case.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { Customer360Repository } from '../../src/modules/support-desk/customer-360.repository.js';
import { DeskAudit } from '../../src/modules/support-desk/desk-audit.service.js';
import { ReplaySalesTrailUseCase } from '../../src/modules/support-desk/replay-sales-trail.use-case.js';
import { addFlight, addIssuedFlightPolicy, openMedium, snapshot, type Medium } from '../support/medium.js';
import { addStaff, auditRows } from '../support/medium-support.js';

/**
 * ReplaySalesTrailUseCase on a real PostgreSQL, on a policy sold the way a customer buys one (an
 * order placed, its payment settled) with the buyer's trail the mini-program appended: 可回溯 — the
 * buyer's steps and the server's (order placed, payment confirmed, policy issued) merged in time,
 * beside the exact product version sold; each replay is audited. An unknown policy replays nothing.
 */
describe('ReplaySalesTrailUseCase', () => {
  let medium: Medium;
  let replay: ReplaySalesTrailUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    replay = new ReplaySalesTrailUseCase(
      new Customer360Repository(medium.dataSource),
      new ProductVersionCache(medium.dataSource),
      new DeskAudit(new StaffAudit(medium.dataSource)),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  it("a policy's sale is replayed step by step, buyer and server merged in time, beside the version sold, and audited", async () => {
    const flight = await addFlight(medium.db);
    const { order } = await addIssuedFlightPolicy(medium, flight.id, 'FD120');
    const {
      rows: [sold],
    } = await medium.db.query<{ policy_no: string; created_at: Date; version: number }>(
      `SELECT p.policy_no, o.created_at, v.version FROM policies p JOIN orders o ON o.id = p.order_id
         JOIN product_versions v ON v.id = p.product_version_id WHERE o.id = $1`,
      [order.id],
    );
    const before = (seconds: number) => new Date(sold!.created_at.getTime() - seconds * 1000).toISOString();
    // What the mini-program recorded on the way to placing the order, sent after it.
    await new AppendSalesTrailUseCase(medium.dataSource).execute(order.customer.id, order.id, [
      { type: 'page_view', page: 'pages/product/index', at: before(90), durationMs: 45_000 },
      { type: 'exclusions_confirmed', page: 'pages/product/index', at: before(40) },
      { type: 'form_submitted', page: 'pages/order/index', at: before(1) },
    ]);
    const staff = await addStaff(medium.db);

    const result = await replay.execute(staff, sold!.policy_no);

    expect(result).toMatchObject({
      policyNo: sold!.policy_no,
      orderNo: order.orderNo,
      customerId: order.customer.id,
      exclusionsReadVersionId: order.productVersionId,
      exclusionsReadMatchesVersion: true,
      version: { versionId: order.productVersionId, productCode: 'FD120', version: sold!.version },
    });
    expect(result.steps.map((step) => [step.source, step.type])).toEqual([
      ['buyer', 'page_view'],
      ['buyer', 'exclusions_confirmed'],
      ['buyer', 'form_submitted'],
      ['server', 'order_created'],
      ['server', 'payment_confirmed'],
      ['server', 'policy_issued'],
    ]);
    expect(result.steps[0]).toMatchObject({ title: '浏览页面', durationMs: 45_000, at: before(90) });
    expect(result.steps[1]).toMatchObject({
      title: '确认已阅读免责条款',
      shows: ['exclusions'],
      detail: `确认的是出单版本（第 ${sold!.version} 版）的免责说明`,
    });
    expect(result.steps[3]).toMatchObject({ detail: `订单号 ${order.orderNo}` });
    expect(result.steps[5]).toMatchObject({ detail: `保单号 ${sold!.policy_no}` });
    expect(result.version.exclusions.length).toBeGreaterThan(0);
    expect(await auditRows(medium.db, 'sales_replay', sold!.policy_no)).toEqual([
      expect.objectContaining({
        staff_user_id: staff.staffUserId,
        resource_type: 'policy',
        customer_id: order.customer.id,
        policy_no: sold!.policy_no,
      }),
    ]);
  });

  it('an unknown policy is not found, and nothing is audited', async () => {
    const audits = () => snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`);
    const before = await audits();

    await expect(replay.execute(await addStaff(medium.db), 'P0000000000000000')).rejects.toMatchObject({
      code: 'POLICY_NOT_FOUND',
    });

    expect(await audits()).toBe(before);
  });
});

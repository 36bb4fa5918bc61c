import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { Customer360Repository } from '../../src/modules/support-desk/customer-360.repository.js';
import { DeskAudit } from '../../src/modules/support-desk/desk-audit.service.js';
import { GetCustomer360UseCase } from '../../src/modules/support-desk/get-customer-360.use-case.js';
import {
  addApprovedFlightClaim,
  addCustomer,
  addFlight,
  addIssuedFlightPolicy,
  addPendingOrder,
  claimQueriesOf,
  openMedium,
  snapshot,
  type Medium,
} from '../support/medium.js';
import { addStaff, auditRows } from '../support/medium-support.js';

/**
 * GetCustomer360UseCase on a real PostgreSQL, on customers whose orders, policies and claims were
 * made through the use cases: the customer's whole story for customer service, masked — orders
 * (unpaid too), policies with whether they may still be cancelled (the customer's own 退保 rule),
 * claims with their bills — and each read is audited with what it showed. An unknown customer
 * shows nothing and is not audited.
 */
describe('GetCustomer360UseCase', () => {
  let medium: Medium;
  let read: GetCustomer360UseCase;

  beforeAll(async () => {
    medium = await openMedium();
    const versions = new ProductVersionCache(medium.dataSource);
    read = new GetCustomer360UseCase(
      new Customer360Repository(medium.dataSource),
      claimQueriesOf(medium, versions),
      versions,
      new DeskAudit(new StaffAudit(medium.dataSource)),
      medium.clock,
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  it('a customer with a claim: orders, policy and claim, masked, and the read audited with what it showed', async () => {
    const claim = await addApprovedFlightClaim(medium, 20000);
    const customerId = claim.customer.customerId;
    const staff = await addStaff(medium.db);

    const story = await read.execute(staff, customerId);

    expect(story.customer).toMatchObject({ id: customerId, openidMasked: expect.stringContaining('****') });
    expect(story.customer.openidMasked).not.toBe(claim.customer.openid);
    expect(story.orders).toEqual([
      expect.objectContaining({ status: 'issued', productCode: 'FD120', refund: null, policyNo: expect.any(String) }),
    ]);
    expect(story.policies).toEqual([
      // The flight landed: its cover has ended, it can no longer be cancelled.
      expect.objectContaining({ policyNo: story.orders[0]!.policyNo, payoutFen: 20000, cancellable: false }),
    ]);
    expect(story.claims).toEqual([
      expect.objectContaining({ claimNo: claim.claimNo, status: 'approved', bills: [], reofferable: false }),
    ]);
    const shown = JSON.stringify(story);
    expect(shown).not.toContain('张三');
    expect(shown).not.toContain('13812345678');
    expect(await auditRows(medium.db, 'customer_read', customerId)).toEqual([
      expect.objectContaining({
        staff_user_id: staff.staffUserId,
        resource_type: 'customer',
        customer_id: customerId,
        detail: { orders: 1, policies: 1, claims: 1 },
      }),
    ]);
  });

  it('a policy before departure is shown cancellable, and an unpaid order is shown too', async () => {
    const flight = await addFlight(medium.db);
    const { order } = await addIssuedFlightPolicy(medium, flight.id);
    await addPendingOrder(medium, order.customer, { productCode: 'FD60', flightId: (await addFlight(medium.db)).id });

    const story = await read.execute(await addStaff(medium.db), order.customer.id);

    expect(story.orders.map((row) => row.status).sort()).toEqual(['issued', 'pending_payment']);
    expect(story.policies).toEqual([expect.objectContaining({ orderNo: order.orderNo, cancellable: true })]);
  });

  it('once the flight has departed the policy is shown not cancellable', async () => {
    const flight = await addFlight(medium.db);
    const { order } = await addIssuedFlightPolicy(medium, flight.id);
    await medium.db.query(`UPDATE flights SET status = 'departed', actual_departure = now() WHERE id = $1`, [
      flight.id,
    ]);

    const story = await read.execute(await addStaff(medium.db), order.customer.id);

    expect(story.policies).toEqual([expect.objectContaining({ cancellable: false })]);
  });

  it('an unknown customer, or an id that is not one, is not found and nothing is audited', async () => {
    const audits = () => snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`);
    const stranger = await addCustomer(medium.db);
    await medium.db.query(`DELETE FROM customers WHERE id = $1`, [stranger.id]);
    const before = await audits();

    await expect(read.execute(await addStaff(medium.db), stranger.id)).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
    await expect(read.execute(await addStaff(medium.db), 'not-a-customer')).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });

    expect(await audits()).toBe(before);
  });
});

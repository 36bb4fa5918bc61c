import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { DeskAudit } from '../../src/modules/support-desk/desk-audit.service.js';
import { GetOperationsDashboardUseCase } from '../../src/modules/support-desk/get-operations-dashboard.use-case.js';
import { OperationsDashboardRepository } from '../../src/modules/support-desk/operations-dashboard.repository.js';
import {
  addApprovedFlightClaim,
  addFlight,
  addIssuedFlightPolicy,
  openMedium,
  type Medium,
} from '../support/medium.js';
import { addStaff } from '../support/medium-support.js';

/**
 * GetOperationsDashboardUseCase on a real PostgreSQL (a database of its own), on policies and claims
 * made through the use cases: the admin's day at a glance moves as business happens — a policy sold
 * today counts in sales, per product, in force and in its flight's capacity; an approved claim counts
 * as money not yet in the customer's hands — with counts only, and each view audited. (Each test
 * compares the dashboard before and after its own business.)
 */
describe('GetOperationsDashboardUseCase', () => {
  let medium: Medium;
  let dashboard: GetOperationsDashboardUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    dashboard = new GetOperationsDashboardUseCase(
      new OperationsDashboardRepository(medium.dataSource),
      new DeskAudit(new StaffAudit(medium.dataSource)),
      medium.clock,
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  const fd120 = (view: Awaited<ReturnType<GetOperationsDashboardUseCase['execute']>>) =>
    view.salesByProduct.find((row) => row.productCode === 'FD120') ?? { policies: 0, premiumFen: 0 };

  it("a policy sold today counts in sales, per product, in force and in its flight's capacity; the view is audited", async () => {
    const staff = await addStaff(medium.db, ['admin']);
    const before = await dashboard.execute(staff);
    const flight = await addFlight(medium.db);
    const { order } = await addIssuedFlightPolicy(medium, flight.id, 'FD120', 20000);
    const {
      rows: [{ flight_no: flightNo }],
    } = await medium.db.query<{ flight_no: string }>(`SELECT flight_no FROM flights WHERE id = $1`, [flight.id]);

    const after = await dashboard.execute(staff);

    expect(after.sales).toEqual({
      ...before.sales,
      orders: before.sales.orders + 1,
      policiesIssued: before.sales.policiesIssued + 1,
      premiumFen: before.sales.premiumFen + order.amountFen,
    });
    expect(fd120(after)).toMatchObject({
      policies: fd120(before).policies + 1,
      premiumFen: fd120(before).premiumFen + order.amountFen,
    });
    expect(after.policiesInForce).toBe(before.policiesInForce + 1);
    expect(after.flightCapacity).toContainEqual(
      expect.objectContaining({ flightNo, soldFen: 20000, policies: 1, capacityFen: expect.any(Number) }),
    );
    expect(JSON.stringify(after)).not.toContain(order.customer.openid);
    const { rows } = await medium.db.query(
      `SELECT action, resource_type FROM staff_audit_log WHERE username = $1 ORDER BY id`,
      [staff.username],
    );
    expect(rows).toEqual([
      { action: 'dashboard_read', resource_type: 'dashboard' },
      { action: 'dashboard_read', resource_type: 'dashboard' },
    ]);
  });

  it("an approved claim counts as approved and as money not yet in the customer's hands", async () => {
    const staff = await addStaff(medium.db, ['admin']);
    const before = await dashboard.execute(staff);

    await addApprovedFlightClaim(medium, 30000);

    const after = await dashboard.execute(staff);
    expect(after.claims).toEqual({
      ...before.claims,
      approved: before.claims.approved + 1,
      unclaimed: before.claims.unclaimed + 1,
      unclaimedFen: before.claims.unclaimedFen + 30000,
    });
  });
});

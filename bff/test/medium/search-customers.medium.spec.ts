import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FieldCipher } from '../../src/core/crypto/field-cipher.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { Customer360Repository } from '../../src/modules/support-desk/customer-360.repository.js';
import { DeskAudit } from '../../src/modules/support-desk/desk-audit.service.js';
import { SearchCustomersUseCase } from '../../src/modules/support-desk/search-customers.use-case.js';
import {
  addApprovedFlightClaim,
  addFlight,
  addIssuedFlightPolicy,
  openMedium,
  type Medium,
} from '../support/medium.js';
import { addStaff } from '../support/medium-support.js';

/**
 * SearchCustomersUseCase on a real PostgreSQL, on policies and claims made the way customers get
 * them (orders placed through CreateOrderUseCase, which stores the insured encrypted, masked and
 * with a phone blind index): customer service finds a customer by policy, order or claim number,
 * phone number or masked name on a flight; results are masked, and the search is audited with how
 * it searched and whom it found — never with the phone number.
 */
describe('SearchCustomersUseCase', () => {
  let medium: Medium;
  let search: SearchCustomersUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    search = new SearchCustomersUseCase(
      new Customer360Repository(medium.dataSource),
      new ProductVersionCache(medium.dataSource),
      new DeskAudit(new StaffAudit(medium.dataSource)),
      new FieldCipher(medium.config.dataEncryptionKey),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  /** A customer's issued flight policy, with what the desk shows of it. */
  const sold = async () => {
    const flight = await addFlight(medium.db);
    const { order, policyId } = await addIssuedFlightPolicy(medium, flight.id, 'FD120');
    const { rows } = await medium.db.query<{
      policy_no: string;
      insured_name_masked: string;
      insured_phone_masked: string;
      flight_no: string;
      flight_date: string;
    }>(
      `SELECT p.policy_no, o.insured_name_masked, o.insured_phone_masked, f.flight_no, to_char(f.flight_date, 'YYYY-MM-DD') AS flight_date
         FROM policies p JOIN orders o ON o.id = p.order_id JOIN flights f ON f.id = p.flight_id WHERE p.id = $1`,
      [policyId],
    );
    return { order, ...rows[0]! };
  };
  const lastAudit = async (username: string) =>
    (
      await medium.db.query(
        `SELECT action, resource_type, customer_id, detail FROM staff_audit_log WHERE username = $1 ORDER BY id`,
        [username],
      )
    ).rows;

  it('by policy number: the one masked hit, and an audit row naming how and whom', async () => {
    const policy = await sold();
    const staff = await addStaff(medium.db);

    const result = await search.execute(staff, { policyNo: policy.policy_no });

    expect(result).toEqual({
      by: 'policyNo',
      items: [
        {
          customerId: policy.order.customer.id,
          insuredNameMasked: policy.insured_name_masked,
          insuredPhoneMasked: policy.insured_phone_masked,
          orderNo: policy.order.orderNo,
          policyNo: policy.policy_no,
          productName: expect.any(String),
          subject: expect.stringContaining(policy.flight_no),
          createdAt: expect.any(String),
        },
      ],
    });
    expect(result.items[0]!.insuredNameMasked).not.toBe('张三');
    expect(result.items[0]!.insuredPhoneMasked).not.toBe('13812345678');
    expect(await lastAudit(staff.username)).toEqual([
      {
        action: 'customer_search',
        resource_type: 'customer',
        customer_id: null,
        detail: { by: 'policyNo', key: policy.policy_no, customerIds: [policy.order.customer.id] },
      },
    ]);
  });

  it('by order number, and by masked name on the flight', async () => {
    const policy = await sold();
    const staff = await addStaff(medium.db);

    const byOrder = await search.execute(staff, { orderNo: policy.order.orderNo });
    const byName = await search.execute(staff, {
      nameMasked: policy.insured_name_masked,
      flightNo: policy.flight_no,
      flightDate: policy.flight_date,
    });

    expect(byOrder.items.map((item) => item.policyNo)).toEqual([policy.policy_no]);
    expect(byName).toMatchObject({ by: 'nameAndFlight', items: [{ policyNo: policy.policy_no }] });
  });

  it("by claim number: the claim's order", async () => {
    const claim = await addApprovedFlightClaim(medium);

    const result = await search.execute(await addStaff(medium.db), { claimNo: claim.claimNo });

    expect(result).toMatchObject({ by: 'claimNo', items: [{ customerId: claim.customer.customerId }] });
  });

  it('by phone number, found through its blind index; the audit never holds the number', async () => {
    const policy = await sold();
    const staff = await addStaff(medium.db);

    const result = await search.execute(staff, { phone: '13812345678' });

    expect(result.by).toBe('phone');
    expect(result.items.map((item) => item.orderNo)).toContain(policy.order.orderNo);
    const audit = await lastAudit(staff.username);
    expect(audit).toEqual([expect.objectContaining({ detail: expect.objectContaining({ by: 'phone' }) })]);
    expect(JSON.stringify(audit)).not.toContain('13812345678');
    // Not stored in the clear either: only its index and its masked form.
    const { rows } = await medium.db.query(
      `SELECT count(*)::int AS n FROM orders WHERE row_to_json(orders)::text LIKE '%13812345678%'`,
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('a number nobody holds finds nothing, and the search is audited all the same', async () => {
    const staff = await addStaff(medium.db);

    const result = await search.execute(staff, { policyNo: 'P0000000000000000' });

    expect(result).toEqual({ by: 'policyNo', items: [] });
    expect(await lastAudit(staff.username)).toEqual([
      expect.objectContaining({ detail: { by: 'policyNo', key: 'P0000000000000000', customerIds: [] } }),
    ]);
  });
});

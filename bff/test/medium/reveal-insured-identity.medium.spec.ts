import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FieldCipher } from '../../src/core/crypto/field-cipher.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { Customer360Repository } from '../../src/modules/support-desk/customer-360.repository.js';
import { DeskAudit } from '../../src/modules/support-desk/desk-audit.service.js';
import { RevealInsuredIdentityUseCase } from '../../src/modules/support-desk/reveal-insured-identity.use-case.js';
import {
  addCustomer,
  addFlight,
  addPendingOrder,
  openMedium,
  orderBodyOf,
  snapshot,
  type Medium,
} from '../support/medium.js';
import { addStaff, auditRows } from '../support/medium-support.js';

/**
 * RevealInsuredIdentityUseCase on a real PostgreSQL, on orders placed through CreateOrderUseCase
 * (which stores the insured's name, 身份证 and phone encrypted): 显示完整信息 decrypts one order's
 * insured for an agent who states why, and leaves an audit row that names who, whose, which order,
 * why and which fields — never the values. An order that is not the customer's reveals nothing and
 * leaves no row.
 */
describe('RevealInsuredIdentityUseCase', () => {
  let medium: Medium;
  let reveal: RevealInsuredIdentityUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    reveal = new RevealInsuredIdentityUseCase(
      new Customer360Repository(medium.dataSource),
      new DeskAudit(new StaffAudit(medium.dataSource)),
      new FieldCipher(medium.config.dataEncryptionKey),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  const audits = () => snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`);
  /** An order its customer placed for the insured named `insured` (one 身份证 per name). */
  const placed = async (insured: string) => {
    const customer = await addCustomer(medium.db);
    const flight = await addFlight(medium.db);
    const order = await addPendingOrder(medium, customer, { productCode: 'FD120', flightId: flight.id, insured });
    const idNumber = orderBodyOf({ id: '', productVersionId: '' }, { insured }).insured.idNumber;
    return { customer, order, idNumber };
  };

  it("an agent who states why sees the order's insured in full, and the reveal is audited without the values", async () => {
    const { customer, order, idNumber } = await placed('reveal-1');
    const staff = await addStaff(medium.db);

    const revealed = await reveal.execute(staff, customer.id, { orderNo: order.orderNo, reason: '客户来电核实身份' });

    expect(revealed).toEqual({
      orderNo: order.orderNo,
      insuredName: '张三',
      insuredIdNumber: idNumber,
      insuredPhone: '13812345678',
    });
    const rows = await auditRows(medium.db, 'customer_reveal', order.orderNo);
    expect(rows).toEqual([
      {
        staff_user_id: staff.staffUserId,
        username: staff.username,
        roles: ['support'],
        action: 'customer_reveal',
        resource_type: 'order',
        resource_id: order.orderNo,
        customer_id: customer.id,
        policy_no: null,
        ip: staff.ip,
        request_id: staff.requestId,
        reason: '客户来电核实身份',
        detail: { fields: ['name', 'idNumber', 'phone'] },
      },
    ]);
    const trail = JSON.stringify(rows);
    expect(trail).not.toContain(idNumber);
    expect(trail).not.toContain('13812345678');
    expect(trail).not.toContain('张三');
  });

  it('each reveal is its own audit row', async () => {
    const { customer, order } = await placed('reveal-2');
    const first = await addStaff(medium.db);
    const second = await addStaff(medium.db);

    await reveal.execute(first, customer.id, { orderNo: order.orderNo, reason: '核实' });
    await reveal.execute(second, customer.id, { orderNo: order.orderNo, reason: '复核' });

    expect(
      (await auditRows(medium.db, 'customer_reveal', order.orderNo)).map((row) => [row.username, row.reason]),
    ).toEqual([
      [first.username, '核实'],
      [second.username, '复核'],
    ]);
  });

  it("another customer's order is not found: nothing is revealed and nothing is audited", async () => {
    const { order } = await placed('reveal-3');
    const stranger = await addCustomer(medium.db);
    const before = await audits();

    await expect(
      reveal.execute(await addStaff(medium.db), stranger.id, { orderNo: order.orderNo, reason: '核实' }),
    ).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });

    expect(await audits()).toBe(before);
  });

  it('a customer id that is not one is not found, and nothing is audited', async () => {
    const { order } = await placed('reveal-4');
    const before = await audits();

    await expect(
      reveal.execute(await addStaff(medium.db), 'not-a-customer', { orderNo: order.orderNo, reason: '核实' }),
    ).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });

    expect(await audits()).toBe(before);
  });
});

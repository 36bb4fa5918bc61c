import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FieldCipher } from '../../src/core/crypto/field-cipher.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { GetPolicyDocumentUseCase } from '../../src/modules/policy/document/get-policy-document.use-case.js';
import { PolicyQueries } from '../../src/modules/policy/policy.queries.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { Customer360Repository } from '../../src/modules/support-desk/customer-360.repository.js';
import { DeskAudit } from '../../src/modules/support-desk/desk-audit.service.js';
import { GetPolicyDocumentForStaffUseCase } from '../../src/modules/support-desk/get-policy-document-for-staff.use-case.js';
import { addFlight, addIssuedFlightPolicy, openMedium, snapshot, type Medium } from '../support/medium.js';
import { addStaff, auditRows } from '../support/medium-support.js';

/**
 * GetPolicyDocumentForStaffUseCase on a real PostgreSQL, on a policy issued by paying for it: customer
 * service opens the e-policy its owner gets (a PDF naming the insured), and the opening is audited
 * with whose policy it was. An unknown policy opens nothing and is not audited.
 */
describe('GetPolicyDocumentForStaffUseCase', () => {
  let medium: Medium;
  let open: GetPolicyDocumentForStaffUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    const versions = new ProductVersionCache(medium.dataSource);
    const documents = new GetPolicyDocumentUseCase(
      new PolicyQueries(medium.dataSource, versions, new FieldCipher(medium.config.dataEncryptionKey), medium.clock),
      medium.integrations,
    );
    open = new GetPolicyDocumentForStaffUseCase(
      documents,
      new Customer360Repository(medium.dataSource),
      new DeskAudit(new StaffAudit(medium.dataSource)),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  it("an agent opens the owner's e-policy, and the opening is audited with whose policy it is", async () => {
    const flight = await addFlight(medium.db);
    // The airports as the flight provider describes them (the document names them).
    await medium.db.query(
      `UPDATE flights SET origin = '{"code":"SHA","city":"上海","name":"虹桥国际机场"}', destination = '{"code":"PEK","city":"北京","name":"首都国际机场"}' WHERE id = $1`,
      [flight.id],
    );
    const { order, policyId } = await addIssuedFlightPolicy(medium, flight.id);
    const {
      rows: [{ policy_no: policyNo }],
    } = await medium.db.query<{ policy_no: string }>(`SELECT policy_no FROM policies WHERE id = $1`, [policyId]);
    const staff = await addStaff(medium.db);

    const pdf = await open.execute(staff, policyNo);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await auditRows(medium.db, 'policy_document', policyNo)).toEqual([
      expect.objectContaining({
        staff_user_id: staff.staffUserId,
        resource_type: 'policy',
        customer_id: order.customer.id,
        policy_no: policyNo,
      }),
    ]);
  });

  it('an unknown policy is not found, and nothing is audited', async () => {
    const audits = () => snapshot(medium.db, `SELECT count(*) FROM staff_audit_log`);
    const before = await audits();

    await expect(open.execute(await addStaff(medium.db), 'P0000000000000000')).rejects.toMatchObject({
      code: 'POLICY_NOT_FOUND',
    });

    expect(await audits()).toBe(before);
  });
});

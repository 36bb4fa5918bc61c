import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { DeskAudit } from '../../src/modules/support-desk/desk-audit.service.js';
import { ListProductVersionsUseCase } from '../../src/modules/support-desk/list-product-versions.use-case.js';
import { OperationsDashboardRepository } from '../../src/modules/support-desk/operations-dashboard.repository.js';
import { openMedium, type Medium } from '../support/medium.js';
import { addStaff } from '../support/medium-support.js';

/**
 * ListProductVersionsUseCase on a real PostgreSQL, on the product versions the migrations file:
 * every version ever sold, newest first per product, with its terms, clauses and exclusions word
 * for word; a version not yet in effect is listed but not current; each listing is audited.
 */
describe('ListProductVersionsUseCase', () => {
  let medium: Medium;
  let list: ListProductVersionsUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    list = new ListProductVersionsUseCase(
      new OperationsDashboardRepository(medium.dataSource),
      new DeskAudit(new StaffAudit(medium.dataSource)),
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  it('every version is listed with its filed wording, newest first per product, and the listing is audited', async () => {
    const staff = await addStaff(medium.db, ['marketing']);
    const { rows: filed } = await medium.db.query<{ id: string; code: string; version: number; exclusions: string[] }>(
      `SELECT v.id, p.code, v.version, v.exclusions FROM product_versions v JOIN products p ON p.id = v.product_id
        ORDER BY p.code, v.version DESC`,
    );

    const { items } = await list.execute(staff);

    expect(items.map((item) => [item.productCode, item.version, item.versionId])).toEqual(
      filed.map((row) => [row.code, row.version, row.id]),
    );
    expect(items.map((item) => item.exclusions)).toEqual(filed.map((row) => row.exclusions));
    expect(items.find((item) => item.productCode === 'FD120')).toMatchObject({ current: true, onSale: true });
    const { rows } = await medium.db.query(
      `SELECT action, resource_type, roles FROM staff_audit_log WHERE username = $1`,
      [staff.username],
    );
    expect(rows).toEqual([{ action: 'product_versions_read', resource_type: 'product_version', roles: ['marketing'] }]);
  });

  it('a version filed to take effect later is listed first, but not as current, and the one in effect stays current', async () => {
    // The filing of FD60's next version, in effect in 30 days (as the catalog migrations file versions).
    const { rows } = await medium.db.query<{ id: string; previous: string }>(
      `INSERT INTO product_versions (product_id, version, insurer_name, filing_no, clauses, exclusions, terms, effective_from)
       SELECT v.product_id, v.version + 1, v.insurer_name, v.filing_no, v.clauses, v.exclusions, v.terms, now() + interval '30 days'
         FROM product_versions v JOIN products p ON p.id = v.product_id WHERE p.code = 'FD60' ORDER BY v.version DESC LIMIT 1
       RETURNING id, (SELECT v2.id FROM product_versions v2 WHERE v2.product_id = product_versions.product_id AND v2.version = product_versions.version - 1) AS previous`,
    );

    const { items } = await list.execute(await addStaff(medium.db));

    const fd60 = items.filter((item) => item.productCode === 'FD60');
    expect(fd60.slice(0, 2).map((item) => [item.versionId, item.current])).toEqual([
      [rows[0]!.id, false],
      [rows[0]!.previous, true],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ListProductsUseCase } from '../../src/modules/catalog/list-products.use-case.js';
import { openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * ListProductsUseCase on a real PostgreSQL, over the catalogue the migrations seed: the products on
 * sale, in their shop-window order, each with the version in force at the time asked (the latest
 * whose effective window holds it). Products are configuration with no use case of their own: the
 * tests publish a version, or take a product off sale, in SQL, and reading changes nothing.
 */
describe('ListProductsUseCase', () => {
  let medium: Medium;
  let listProducts: ListProductsUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    listProducts = new ListProductsUseCase(medium.dataSource);
  });
  afterAll(async () => {
    await medium?.close();
  });

  const onSale = async () =>
    (
      await medium.db.query<{ code: string }>(`SELECT code FROM products WHERE on_sale ORDER BY sort_order, code`)
    ).rows.map((row) => row.code);

  /** The latest version whose effective window holds now. */
  const inForce = async (code: string) =>
    (
      await medium.db.query<{ id: string }>(
        `SELECT v.id FROM product_versions v JOIN products p ON p.id = v.product_id
          WHERE p.code = $1 AND v.effective_from <= now() AND (v.effective_to IS NULL OR v.effective_to > now())
          ORDER BY v.version DESC LIMIT 1`,
        [code],
      )
    ).rows[0]!.id;

  it('lists every product on sale in shop-window order, each with its current version', async () => {
    const before = await snapshot(medium.db, `SELECT * FROM product_versions ORDER BY id`);

    const products = await listProducts.execute();

    expect(products.map((product) => product.code)).toEqual(await onSale());
    expect(products.length).toBeGreaterThan(0);
    for (const product of products) expect(product.currentVersion.id).toBe(await inForce(product.code));
    expect(products.find((product) => product.code === 'FD120')).toMatchObject({
      name: expect.any(String),
      fromPremiumFen: expect.any(Number),
      currentVersion: {
        insurerName: expect.any(String),
        filingNo: expect.any(String),
        terms: { kind: 'flight_delay' },
      },
    });
    expect(await snapshot(medium.db, `SELECT * FROM product_versions ORDER BY id`)).toBe(before);
  });

  it('a version published to take effect later is listed only from then on', async () => {
    const current = await inForce('FD60');
    const from = new Date(Date.now() + 10 * 86_400_000);
    const {
      rows: [next],
    } = await medium.db.query<{ id: string; version: number }>(
      `INSERT INTO product_versions (product_id, version, insurer_name, filing_no, clauses, exclusions, terms, effective_from)
       SELECT product_id, version + 1, insurer_name, filing_no, clauses, exclusions, terms, $2 FROM product_versions WHERE id = $1
       RETURNING id, version`,
      [current, from],
    );

    const now = (await listProducts.execute()).find((product) => product.code === 'FD60');
    const then = (await listProducts.execute(new Date(from.getTime() + 1000))).find(
      (product) => product.code === 'FD60',
    );

    expect(now!.currentVersion.id).toBe(current);
    expect(then!.currentVersion).toMatchObject({ id: next!.id, version: next!.version });
  });

  it('a product taken off sale is not listed', async () => {
    await medium.db.query(`UPDATE products SET on_sale = false WHERE code = 'RAIN'`);
    try {
      const products = await listProducts.execute();

      expect(products.map((product) => product.code)).not.toContain('RAIN');
      expect(products.map((product) => product.code)).toEqual(await onSale());
    } finally {
      await medium.db.query(`UPDATE products SET on_sale = true WHERE code = 'RAIN'`);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { extractText, getDocumentProxy } from 'unpdf';
import { FieldCipher } from '../../src/core/crypto/field-cipher.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { GetPolicyDocumentUseCase } from '../../src/modules/policy/document/get-policy-document.use-case.js';
import { PolicyQueries } from '../../src/modules/policy/policy.queries.js';
import { addFlight, addIssuedFlightPolicy, openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * GetPolicyDocumentUseCase on a real PostgreSQL, on a policy issued through order settlement: the
 * customer's e-policy PDF states that policy as stored (number, product, insured, payout, where to
 * verify it); another customer's policy, or a number that names none, is POLICY_NOT_FOUND. Making
 * the document changes nothing.
 */
describe('GetPolicyDocumentUseCase', () => {
  let medium: Medium;
  let document: GetPolicyDocumentUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    document = new GetPolicyDocumentUseCase(
      new PolicyQueries(
        medium.dataSource,
        new ProductVersionCache(medium.dataSource),
        new FieldCipher(medium.config.dataEncryptionKey),
        medium.clock,
      ),
      medium.integrations,
    );
  });
  afterAll(async () => {
    await medium?.close();
  });

  const textOf = async (bytes: Buffer) =>
    (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text.replace(/\s+/g, '');
  const issued = async () => {
    const flight = await addFlight(medium.db);
    // Its airports as the flight provider stores them (the harness's flight names only their codes).
    await medium.db.query(
      `UPDATE flights SET origin = '{"code":"SHA","name":"上海虹桥国际机场","city":"上海"}',
              destination = '{"code":"PEK","name":"北京首都国际机场","city":"北京"}' WHERE id = $1`,
      [flight.id],
    );
    const { order, policyId } = await addIssuedFlightPolicy(medium, flight.id, 'FD120', 30000);
    const { rows } = await medium.db.query<{ policy_no: string; flight_no: string; insured_name_masked: string }>(
      `SELECT p.policy_no, f.flight_no, o.insured_name_masked
         FROM policies p JOIN flights f ON f.id = p.flight_id JOIN orders o ON o.id = p.order_id WHERE p.id = $1`,
      [policyId],
    );
    return { customerId: order.customer.id, policyId, ...rows[0]! };
  };

  it("the customer's e-policy states the issued policy: its number, flight, insured, payout and where to verify it", async () => {
    const policy = await issued();

    const bytes = await document.execute(policy.customerId, policy.policy_no);

    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await textOf(bytes);
    expect(text).toContain(policy.policy_no);
    expect(text).toContain(policy.flight_no);
    expect(text).toContain(policy.insured_name_masked);
    expect(text).toContain('300.00');
    expect(text).toContain(`policyNo=${policy.policy_no}`);
  });

  it("another customer's policy, or a number that names none, is POLICY_NOT_FOUND, and nothing changes", async () => {
    const mine = await issued();
    const theirs = await issued();
    const before = await snapshot(medium.db, `SELECT * FROM policies WHERE id = ANY($1::uuid[]) ORDER BY id`, [
      [mine.policyId, theirs.policyId],
    ]);

    await expect(document.execute(mine.customerId, theirs.policy_no)).rejects.toMatchObject({
      code: 'POLICY_NOT_FOUND',
    });
    await expect(document.execute(mine.customerId, 'P000000000000000')).rejects.toMatchObject({
      code: 'POLICY_NOT_FOUND',
    });

    expect(
      await snapshot(medium.db, `SELECT * FROM policies WHERE id = ANY($1::uuid[]) ORDER BY id`, [
        [mine.policyId, theirs.policyId],
      ]),
    ).toBe(before);
  });
});

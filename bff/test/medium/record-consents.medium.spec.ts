import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CURRENT_LEGAL_VERSIONS } from '@xiaoan/shared';
import { RecordConsentsUseCase } from '../../src/modules/identity/record-consents.use-case.js';
import { addCustomer, openMedium, snapshot, type Medium } from '../support/medium.js';

/**
 * RecordConsentsUseCase on a real PostgreSQL: the customer agrees to the privacy notice and the
 * user agreement version by version; only the versions in force can be agreed to
 * (CONSENT_VERSION_OUTDATED), a malformed body is VALIDATION_FAILED, and agreeing again keeps the
 * first time it was given. A refusal records nothing, not even the valid part of the request.
 */
describe('RecordConsentsUseCase', () => {
  let medium: Medium;
  let consents: RecordConsentsUseCase;
  const { privacy, terms } = CURRENT_LEGAL_VERSIONS;

  beforeAll(async () => {
    medium = await openMedium();
    consents = new RecordConsentsUseCase(medium.dataSource);
  });
  afterAll(async () => {
    await medium?.close();
  });

  const consentsOf = (customerId: string) =>
    snapshot(medium.db, `SELECT * FROM customer_consents WHERE customer_id = $1 ORDER BY document`, [customerId]);

  it('records consent to the versions in force and answers what the customer has agreed to', async () => {
    const customer = await addCustomer(medium.db);

    const answer = await consents.execute(customer.id, {
      consents: [
        { document: 'privacy', version: privacy },
        { document: 'terms', version: terms },
      ],
    });

    expect(answer).toEqual({
      items: [
        { document: 'privacy', version: privacy, acceptedAt: expect.any(String) },
        { document: 'terms', version: terms, acceptedAt: expect.any(String) },
      ],
      current: { privacy, terms },
    });
    const { rows } = await medium.db.query(
      `SELECT document, version FROM customer_consents WHERE customer_id = $1 ORDER BY document`,
      [customer.id],
    );
    expect(rows).toEqual([
      { document: 'privacy', version: privacy },
      { document: 'terms', version: terms },
    ]);
  });

  it('agreeing again to the same version keeps the first time it was given', async () => {
    const customer = await addCustomer(medium.db);
    const first = await consents.execute(customer.id, { consents: [{ document: 'privacy', version: privacy }] });
    const once = await consentsOf(customer.id);

    const again = await consents.execute(customer.id, { consents: [{ document: 'privacy', version: privacy }] });

    expect(again).toEqual(first);
    expect(await consentsOf(customer.id)).toBe(once);
  });

  it("an outdated version is CONSENT_VERSION_OUTDATED, naming the document, and nothing is recorded, not even the other's", async () => {
    const customer = await addCustomer(medium.db);

    await expect(
      consents.execute(customer.id, {
        consents: [
          { document: 'privacy', version: privacy },
          { document: 'terms', version: '2020-01-01' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'CONSENT_VERSION_OUTDATED', details: [{ field: 'terms' }] });

    expect(await consentsOf(customer.id)).toBe('[]');
    await expect(consents.list(customer.id)).resolves.toMatchObject({ items: [] });
  });

  it.each([
    ['no consent', { consents: [] }],
    ['an unknown document', { consents: [{ document: 'cookies', version: privacy }] }],
    ['no version', { consents: [{ document: 'privacy' }] }],
    ['no body', undefined],
  ])('%s is VALIDATION_FAILED and nothing is recorded', async (_label, body) => {
    const customer = await addCustomer(medium.db);

    await expect(consents.execute(customer.id, body)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    expect(await consentsOf(customer.id)).toBe('[]');
  });
});

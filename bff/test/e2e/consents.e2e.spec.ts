import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CURRENT_LEGAL_VERSIONS, type ConsentListResponse } from '@xiaoan/shared';
import { newCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** compliance.md row 8: consent to the privacy notice and the user agreement is recorded with its version. */
describe('consent to the privacy notice and the user agreement', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('records the versions in force once, keeping when they were first agreed to', async () => {
    const customer = await newCustomer(testApp);
    const none = await customer.api<ConsentListResponse>('GET', '/api/v1/me/consents');
    expect(none.body).toEqual({ items: [], current: CURRENT_LEGAL_VERSIONS });

    const body = {
      consents: [
        { document: 'privacy', version: CURRENT_LEGAL_VERSIONS.privacy },
        { document: 'terms', version: CURRENT_LEGAL_VERSIONS.terms },
      ],
    };
    const first = await customer.api<ConsentListResponse>('POST', '/api/v1/me/consents', body);
    expect(first.status).toBe(200);
    expect(first.body.items.map((item) => `${item.document}@${item.version}`).sort()).toEqual([
      `privacy@${CURRENT_LEGAL_VERSIONS.privacy}`,
      `terms@${CURRENT_LEGAL_VERSIONS.terms}`,
    ]);
    const again = await customer.api<ConsentListResponse>('POST', '/api/v1/me/consents', body);
    expect(again.body.items).toEqual(first.body.items);
    const { rows } = await testApp.db.query(`SELECT count(*)::int AS n FROM customer_consents`);
    expect(rows[0].n).toBe(2);
  });

  it('refuses consent to a version no longer in force, recording nothing', async () => {
    const customer = await newCustomer(testApp);
    const refused = await customer.api<{ code: string }>('POST', '/api/v1/me/consents', {
      consents: [{ document: 'privacy', version: '2020-01-01' }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONSENT_VERSION_OUTDATED');
    expect((await customer.api<ConsentListResponse>('GET', '/api/v1/me/consents')).body.items).toEqual([]);
    const invalid = await customer.api<{ code: string }>('POST', '/api/v1/me/consents', {
      consents: [{ document: 'cookies', version: 'x' }],
    });
    expect(invalid.status).toBe(400);
  });

  it('answers only a logged-in customer', async () => {
    const response = await fetch(`${testApp.baseUrl}/api/v1/me/consents`);
    expect(response.status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { errorEnvelopeSchema, isErrorCode, productListResponseSchema } from '@xiaoan/shared';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('catalogue over HTTP', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('lists the four launch products, each with its current clauses, exclusions and filing number', async () => {
    const response = await fetch(`${testApp.baseUrl}/api/v1/products`);
    expect(response.status).toBe(200);
    const body = productListResponseSchema.parse(await response.json());
    expect(body.items.map((product) => product.code)).toEqual(['FD120', 'FD60', 'HEAT37', 'RAIN']);
    for (const product of body.items) {
      expect(product.currentVersion.clauses.length).toBeGreaterThan(0);
      expect(product.currentVersion.exclusions.length).toBeGreaterThan(0);
      expect(product.currentVersion.filingNo).toMatch(/^C\d{23}$/);
      expect(product.currentVersion.insurerName).toContain('保险');
      expect(product.name).toMatch(/[\u4e00-\u9fa5]/);
    }
    const fd120 = body.items.find((product) => product.code === 'FD120')!;
    expect(fd120.currentVersion.terms).toMatchObject({ kind: 'flight_delay', delayThresholdMinutes: 120 });
  });

  it('refuses to change a product version once it exists', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await expect(client.query(`UPDATE product_versions SET filing_no = 'X'`)).rejects.toThrow(/immutable/);
      await expect(client.query(`DELETE FROM product_versions`)).rejects.toThrow(/immutable/);
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM product_versions WHERE filing_no = 'X'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('serves a new version once it takes effect, and keeps the old one for policies sold under it', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(`
        INSERT INTO products (code, name, category, tagline, from_premium_fen, sort_order)
        VALUES ('FD90', '航班延误险·90分钟版', 'flight_delay', '测试产品', 600, 99)`);
      const base = `SELECT id FROM products WHERE code = 'FD90'`;
      const terms = JSON.stringify({
        kind: 'flight_delay',
        delayThresholdMinutes: 90,
        payoutTiersFen: [10000],
        paysOnCancellation: true,
        paysOnDiversion: true,
        saleOpensDaysBefore: 30,
        saleClosesMinutesBefore: 120,
        capacityPerFlightFen: 100000,
        targetLossRatio: 0.65,
        minPremiumFen: 500,
        maxTriggerProbability: 0.5,
        credibilityK: 30,
        manualReviewAfterMinutes: 360,
      });
      await client.query(
        `INSERT INTO product_versions (product_id, version, insurer_name, filing_no, clauses, exclusions, terms, effective_from, effective_to)
         VALUES ((${base}), 1, '小安在线财产保险股份有限公司', 'C00000000000000000000001', '[{"title":"条款","body":"旧版"}]', '["旧版免责"]', $1, now() - interval '10 days', now() - interval '1 day'),
                ((${base}), 2, '小安在线财产保险股份有限公司', 'C00000000000000000000002', '[{"title":"条款","body":"新版"}]', '["新版免责"]', $1, now() - interval '1 day', NULL),
                ((${base}), 3, '小安在线财产保险股份有限公司', 'C00000000000000000000003', '[{"title":"条款","body":"未来版"}]', '["未来免责"]', $1, now() + interval '5 days', NULL)`,
        [terms],
      );
      const body = productListResponseSchema.parse(await (await fetch(`${testApp.baseUrl}/api/v1/products`)).json());
      const fd90 = body.items.find((product) => product.code === 'FD90');
      expect(fd90?.currentVersion.version).toBe(2);
      expect(fd90?.currentVersion.clauses[0]?.body).toBe('新版');
    } finally {
      await client.query(`ALTER TABLE product_versions DISABLE TRIGGER product_versions_immutable`);
      await client.query(
        `DELETE FROM product_versions WHERE product_id = (SELECT id FROM products WHERE code = 'FD90')`,
      );
      await client.query(`ALTER TABLE product_versions ENABLE TRIGGER product_versions_immutable`);
      await client.query(`DELETE FROM products WHERE code = 'FD90'`);
      await client.end();
    }
  });
});

describe('health, docs and bad input over HTTP', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('reports healthy while the database answers', async () => {
    const response = await fetch(`${testApp.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: 'up' } });
  });

  it('publishes an OpenAPI document listing the routes', async () => {
    const response = await fetch(`${testApp.baseUrl}/api/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/v1/products']));
    const ui = await fetch(`${testApp.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
  });

  it('answers an unknown API route with a 404 envelope carrying the request id', async () => {
    const response = await fetch(`${testApp.baseUrl}/api/v1/nothing-here`, {
      headers: { 'x-request-id': 'req-abcdef123' },
    });
    expect(response.status).toBe(404);
    const body = errorEnvelopeSchema.parse(await response.json());
    expect(body.code).toBe('ROUTE_NOT_FOUND');
    expect(body.requestId).toBe('req-abcdef123');
  });

  it('answers malformed JSON with a 4xx code, never a 500', async () => {
    const bad = [
      { body: '{"code": ', type: 'application/json', expected: 'MALFORMED_BODY' },
      { body: 'not json at all', type: 'application/json', expected: 'MALFORMED_BODY' },
      { body: '<xml/>', type: 'application/xml', expected: undefined },
      { body: 'x'.repeat(300 * 1024), type: 'application/json', expected: 'PAYLOAD_TOO_LARGE' },
    ];
    for (const { body, type, expected } of bad) {
      const response = await fetch(`${testApp.baseUrl}/api/v1/products`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const envelope = errorEnvelopeSchema.parse(await response.json());
      expect(isErrorCode(envelope.code)).toBe(true);
      if (expected) expect(envelope.code).toBe(expected);
      expect(envelope.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

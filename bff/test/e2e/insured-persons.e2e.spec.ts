import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  addCalendarDays,
  beijingDateOf,
  idNumberCheckChar,
  type PhoneNumberResponse,
  type Quote,
  type SavedInsuredListResponse,
} from '@xiaoan/shared';
import { Clock } from '../../src/core/clock/clock.js';
import { beijingDateIn, makeIdNumber, newCustomer } from '../support/customer.js';
import { importSimulatedHistory, travelTo } from './weather.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A 身份证 number for someone born on `birth` (YYYY-MM-DD). */
const idBornOn = (birth: string, sequence = Math.floor(Math.random() * 900) + 100): string => {
  const first17 = `110105${birth.replaceAll('-', '')}${sequence}`;
  return first17 + idNumberCheckChar(first17);
};

/**
 * The insured, properly (issue 13): passports and 港澳台 permits for flight cover, the relationship
 * recorded, 为本人 only for an adult, and 常用被保险人 kept only on consent and deleted for good.
 */
describe('insured persons: documents, relationships and saved travellers', () => {
  let testApp: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    testApp = await startTestApp();
    db = testApp.db;
  });
  afterAll(async () => {
    await testApp.close();
  });

  const insuredOf = async (orderId: string) =>
    (
      await db.query(
        `SELECT seq, relationship, id_type, name_masked, id_masked, id_encrypted FROM order_insureds WHERE order_id = $1 ORDER BY seq`,
        [orderId],
      )
    ).rows;

  it('sells FD120 to a passport holder, named as on the passport, and the policy is issued', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'MU5101', flightDate: beijingDateIn(6) });
    const ordered = await customer.order(quote, { name: 'SMITH JOHN', idType: 'passport', idNumber: 'e12345678' });
    expect(ordered.status).toBe(201);
    customer.pay(ordered.body);
    const issued = await customer.waitForOrder(ordered.body.id, ['issued']);
    expect(issued.policyNo).toMatch(/^P/);
    const [person] = await insuredOf(ordered.body.id);
    expect(person).toMatchObject({ seq: 1, id_type: 'passport', relationship: 'self', id_masked: 'E*****678' });
    expect(person.id_encrypted).not.toContain('E12345678');
    const { rows } = await db.query(`SELECT insured_id_type FROM orders WHERE id = $1`, [ordered.body.id]);
    expect(rows[0].insured_id_type).toBe('passport');
    // The same passport cannot be insured twice on one flight (the blind index is per document type).
    const again = await customer.order(quote, { name: 'SMITH JOHN', idType: 'passport', idNumber: 'E12345678' });
    expect(again.body.code).toBe('DUPLICATE_INSURED_ON_FLIGHT');
  }, 30_000);

  it('checks each document type by its own format, with no check digit outside the 身份证', async () => {
    const customer = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'MU5101', flightDate: beijingDateIn(7) });
    const order = (idType: string, idNumber: string, name = '陈大文') =>
      customer.order(quote, { name, idType, idNumber });
    expect((await order('hk_macao_permit', 'H12345678')).status).toBe(201);
    expect((await order('taiwan_permit', '87654321', '林志明')).status).toBe(201);
    const badPermit = await order('hk_macao_permit', 'X1234567');
    expect(badPermit.status).toBe(400);
    expect(badPermit.body.code).toBe('DOCUMENT_NUMBER_INVALID');
    expect((await order('taiwan_permit', '1234')).body.code).toBe('DOCUMENT_NUMBER_INVALID');
    expect((await order('passport', 'E1234-5678', 'SMITH JOHN')).body.code).toBe('DOCUMENT_NUMBER_INVALID');
    expect((await order('id_card', '110105199001011234')).body.code).toBe('ID_NUMBER_INVALID');
    expect((await order('driving_licence', '110105199001011234')).body.code).toBe('VALIDATION_FAILED');
    expect(
      await db.query(
        `SELECT 1 FROM orders WHERE insured_name_masked = '陈*文' AND insured_id_type = 'hk_macao_permit'`,
      ),
    ).toMatchObject({ rowCount: 1 });
  }, 30_000);

  it('refuses 为本人 with the ID of someone under 18 on the business clock, and records who the insured is to the buyer', async () => {
    const customer = await newCustomer(testApp);
    const today = beijingDateOf(testApp.app.get(Clock).now());
    const eighteenYearsAgo = `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`;
    const turnsEighteenTomorrow = idBornOn(addCalendarDays(eighteenYearsAgo as never, 1) as string);
    const quote = await customer.quote({ flightNo: 'MU5101', flightDate: beijingDateIn(8) });

    const minor = await customer.order(quote, { idNumber: turnsEighteenTomorrow, relationship: 'self' });
    expect(minor.status).toBe(422);
    expect(minor.body.code).toBe('INSURED_NOT_ADULT');
    expect(
      (
        await db.query(`SELECT 1 FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.openid = $1`, [
          customer.openid,
        ])
      ).rowCount,
    ).toBe(0);

    // Eighteen today is an adult.
    expect((await customer.order(quote, { idNumber: idBornOn(eighteenYearsAgo), relationship: 'self' })).status).toBe(
      201,
    );
    // The same child, insured by a parent (为他人投保, 子女), is accepted and the relationship recorded.
    const forChild = await customer.order(quote, {
      name: '王小明',
      idNumber: turnsEighteenTomorrow,
      relationship: 'child',
    });
    expect(forChild.status).toBe(201);
    expect(await insuredOf(forChild.body.id)).toMatchObject([
      { relationship: 'child', id_type: 'id_card', name_masked: '王*明' },
    ]);
    expect((await customer.order(quote, { idNumber: makeIdNumber(), relationship: 'cousin' })).body.code).toBe(
      'VALIDATION_FAILED',
    );
  }, 30_000);

  it('keeps a 常用被保险人 only when asked, picks them in one tap, and deletes their data for good', async () => {
    const customer = await newCustomer(testApp);
    const other = await newCustomer(testApp);
    const quote = await customer.quote({ flightNo: 'MU5101', flightDate: beijingDateIn(9) });
    const savedRows = async () =>
      (
        await db.query(
          `SELECT s.* FROM saved_insureds s JOIN customers c ON c.id = s.customer_id WHERE c.openid = $1`,
          [customer.openid],
        )
      ).rows;

    // Off by default: nothing is kept.
    expect((await customer.order(quote, { name: '赵六', idNumber: makeIdNumber() })).status).toBe(201);
    expect(await savedRows()).toEqual([]);

    const idNumber = makeIdNumber();
    const saved = await customer.order(
      quote,
      { name: '孙七', idNumber, phone: '13900001111', relationship: 'parent' },
      undefined,
      { saveInsured: true },
    );
    expect(saved.status).toBe(201);
    const list = (await customer.api<SavedInsuredListResponse>('GET', '/api/v1/me/insureds')).body.items;
    expect(list).toEqual([
      expect.objectContaining({
        nameMasked: '孙*',
        idType: 'id_card',
        idMasked: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
        phoneMasked: '139****1111',
        relationship: 'parent',
      }),
    ]);
    expect(JSON.stringify(list)).not.toContain(idNumber);
    const [row] = await savedRows();
    expect(row.id_encrypted).not.toContain(idNumber);
    expect(row.name_encrypted).not.toContain('孙七');
    expect((await other.api<SavedInsuredListResponse>('GET', '/api/v1/me/insureds')).body.items).toEqual([]);

    // One tap on the next purchase: the app sends the saved person's id, the BFF fills in the identity.
    const nextQuote = await customer.quote({ flightNo: 'MU5101', flightDate: beijingDateIn(10) });
    const picked = await customer.order(nextQuote, { savedId: list[0]!.id });
    expect(picked.status).toBe(201);
    expect(picked.body.insuredNameMasked).toBe('孙*');
    expect(await insuredOf(picked.body.id)).toMatchObject([{ relationship: 'parent', name_masked: '孙*' }]);
    // Someone else cannot use (or even see) it.
    expect(
      (
        await other.order(await other.quote({ flightNo: 'MU5101', flightDate: beijingDateIn(10) }), {
          savedId: list[0]!.id,
        })
      ).body.code,
    ).toBe('SAVED_INSURED_NOT_FOUND');
    expect((await other.api('DELETE', `/api/v1/me/insureds/${list[0]!.id}`)).status).toBe(404);

    // Deleting removes the row and its ciphertexts.
    expect((await customer.api('DELETE', `/api/v1/me/insureds/${list[0]!.id}`)).status).toBe(204);
    expect(await savedRows()).toEqual([]);
    expect(
      (
        await db.query(`SELECT 1 FROM saved_insureds WHERE id_encrypted = $1 OR name_encrypted = $2`, [
          row.id_encrypted,
          row.name_encrypted,
        ])
      ).rowCount,
    ).toBe(0);
    expect((await customer.api<SavedInsuredListResponse>('GET', '/api/v1/me/insureds')).body.items).toEqual([]);
    expect((await customer.api('DELETE', `/api/v1/me/insureds/${list[0]!.id}`)).status).toBe(404);
    expect((await customer.api('DELETE', `/api/v1/me/insureds/not-a-uuid`)).status).toBe(404);
  }, 30_000);

  it('exchanges the getPhoneNumber code for the phone number through WeChat (the simulator), once', async () => {
    const customer = await newCustomer(testApp);
    const { code } = testApp.sim.mintPhoneCode('13812340000');
    const phone = await customer.api<PhoneNumberResponse>('POST', '/api/v1/me/phone-number', { code });
    expect(phone).toEqual({ status: 200, body: { phoneNumber: '13812340000' } });
    const reused = await customer.api<{ code: string }>('POST', '/api/v1/me/phone-number', { code });
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe('PHONE_CODE_INVALID');
    expect((await customer.api<{ code: string }>('POST', '/api/v1/me/phone-number', {})).body.code).toBe(
      'PHONE_CODE_INVALID',
    );
  }, 30_000);

  it('H5 in development: the simulator mints a getPhoneNumber code for the simulated user’s own number, the same one each time', async () => {
    const customer = await newCustomer(testApp);
    const phoneCode = async (token?: string) => {
      const response = await fetch(`${testApp.baseUrl}/api/dev/sim/phone-code`, {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { status: response.status, body: (await response.json()) as { code?: string } };
    };
    const first = await phoneCode(customer.token);
    expect(first.status).toBe(200);
    const phone = await customer.api<PhoneNumberResponse>('POST', '/api/v1/me/phone-number', { code: first.body.code });
    expect(phone.status).toBe(200);
    expect(phone.body.phoneNumber).toMatch(/^139\d{8}$/);
    const again = await customer.api<PhoneNumberResponse>('POST', '/api/v1/me/phone-number', {
      code: (await phoneCode(customer.token)).body.code,
    });
    expect(again.body.phoneNumber).toBe(phone.body.phoneNumber);
    expect((await phoneCode()).status).toBe(401);
  }, 30_000);

  it('RAIN for 3 persons: all three saved on consent, then all three picked from the saved list on the next purchase', async () => {
    // RAIN is priced from the spot's history: import it (only this test needs it).
    await importSimulatedHistory(testApp);
    await travelTo(testApp, '2027-07-04T12:00:00+08:00');
    const customer = await newCustomer(testApp);
    const ids = [makeIdNumber(), makeIdNumber(), makeIdNumber()];
    const quoteRain = async (visitDate: string) => {
      const quoted = await customer.api<Quote>('POST', '/api/v1/quotes', {
        productCode: 'RAIN',
        spotCode: 'xihu',
        visitDate,
        persons: 3,
      });
      expect(quoted.status).toBe(201);
      return quoted.body;
    };

    const first = await customer.order(
      await quoteRain('2027-07-05'),
      { name: '周一', idNumber: ids[0]!, phone: '13900002222' },
      undefined,
      {
        saveInsured: true,
        companions: [
          { name: '周二', idNumber: ids[1]!, relationship: 'spouse' },
          { name: '周三', idNumber: ids[2]!, relationship: 'child' },
        ],
      },
    );
    expect(first.status).toBe(201);
    const saved = (await customer.api<SavedInsuredListResponse>('GET', '/api/v1/me/insureds')).body.items;
    expect(saved.map((person) => [person.nameMasked, person.relationship]).sort()).toEqual([
      ['周*', 'child'],
      ['周*', 'self'],
      ['周*', 'spouse'],
    ]);
    const byRelation = (relationship: string) => saved.find((person) => person.relationship === relationship)!.id;

    const next = await customer.order(await quoteRain('2027-07-06'), { savedId: byRelation('self') }, undefined, {
      companions: [{ savedId: byRelation('spouse') }, { savedId: byRelation('child') }],
    });
    expect(next.status).toBe(201);
    const persons = await insuredOf(next.body.id);
    expect(persons.map((person) => [person.seq, person.relationship])).toEqual([
      [1, 'self'],
      [2, 'spouse'],
      [3, 'child'],
    ]);
    // The same three identities as the first order (the blind index of each document).
    const indexes = async (orderId: string) =>
      (await db.query(`SELECT id_index FROM order_insureds WHERE order_id = $1 ORDER BY seq`, [orderId])).rows.map(
        (row: { id_index: string }) => row.id_index,
      );
    expect(await indexes(next.body.id)).toEqual(await indexes(first.body.id));
    // Consent was not given this time: nothing new is kept.
    expect((await customer.api<SavedInsuredListResponse>('GET', '/api/v1/me/insureds')).body.items).toHaveLength(3);
  }, 180_000);
});

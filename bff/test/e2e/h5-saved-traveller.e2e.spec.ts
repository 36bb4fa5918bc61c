import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIdNumber } from '../support/customer.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { h5Session, type H5Session } from '../support/h5-flows.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * 常用被保险人 in the H5 app, as a customer would use it: the first purchase saves the insured on
 * consent (phone by 使用微信手机号, the simulator standing in for getPhoneNumber), the next one
 * picks them in one tap with nothing typed, and 我的 → 常用被保险人 deletes them, which removes the
 * stored personal data. Screenshots land in bff/test-artifacts/h5-saved-traveller-*.png.
 */
describe('saved traveller in the H5 app', () => {
  let testApp: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  /** 产品页 → 航班 (the `flightIndex`-th listed) → 200 元档 → 被保险人, where it stops. */
  const openInsuredPage = async (session: H5Session, flightIndex: number, prefix: string): Promise<void> => {
    const { page, settle, shot } = session;
    // A fresh load: a hash change alone keeps the previous pages (and their elements) in the DOM.
    await page.goto('about:blank');
    await page.goto(`${testApp.baseUrl}/#/packages/buy/product/index?code=FD120`);
    await page.locator('.exclusions-ack').waitFor({ timeout: 20000 });
    await settle();
    await page.locator('.exclusions-ack').click();
    await page.locator('.purchase-bar__buy').click();
    const flight = page.locator('.flight-option').nth(flightIndex);
    await flight.waitFor({ timeout: 20000 });
    await settle();
    await shot(`${prefix}-flights`);
    await flight.click();
    await page.locator('.quote-premium').waitFor({ timeout: 30000 });
    await settle();
    await page.locator('.tier-option[data-tier="20000"]').click();
    await page.locator('.quote-payout', { hasText: '200.00' }).waitFor({ timeout: 20000 });
    await page.locator('.quote-next').click();
    await page.locator('.insured-relation').waitFor({ timeout: 20000 });
    await settle();
  };

  /** 同意 → 提交订单 → 支付 (the simulator's pay step) → 投保成功: the policy number. */
  const agreeSubmitAndPay = async (session: H5Session, prefix: string): Promise<string> => {
    const { page, settle, shot } = session;
    await page.locator('.insured-consent').click();
    await page.locator('.submit-order').click();
    await page.locator('.pay-button:not(.button--disabled)').waitFor({ timeout: 20000 });
    await settle();
    await page.locator('.pay-button:not(.button--disabled)').click();
    const policyNo = page.locator('.result--issued .result__policy-no');
    await policyNo.waitFor({ timeout: 30000 });
    await shot(`${prefix}-issued`);
    return ((await policyNo.textContent()) ?? '').match(/P\d{16}/)?.[0] ?? '';
  };

  const insuredOfPolicy = async (policyNo: string) =>
    (
      await testApp.db.query(
        `SELECT p.customer_id, o.insured_phone_masked, oi.name_masked, oi.id_index, oi.id_masked
           FROM policies p JOIN orders o ON o.id = p.order_id JOIN order_insureds oi ON oi.order_id = o.id
          WHERE p.policy_no = $1 ORDER BY oi.seq`,
        [policyNo],
      )
    ).rows as {
      customer_id: string;
      insured_phone_masked: string;
      name_masked: string;
      id_index: string;
      id_masked: string;
    }[];

  it('saves the insured on consent, picks them in one tap next time, and deletes their data from 我的', async () => {
    const session = h5Session(await browser.context.newPage(), 'h5-saved-traveller');
    await session.run('saved', async () => {
      const { page, settle, shot } = session;
      const idNumber = makeIdNumber(3141592);

      // First purchase: typed once, phone from WeChat, 保存为常用被保险人 ticked (never pre-ticked).
      await openInsuredPage(session, 0, '1');
      expect(await page.locator('.saved-insureds').count()).toBe(0);
      await page.locator('.insured-form__name input').fill('韩梅梅');
      await page.locator('.insured-form__id input').fill(idNumber);
      await page.locator('.insured-form__wx-phone', { hasText: '使用微信手机号' }).click();
      // The simulator's code is exchanged by the BFF; the number lands in the field.
      const phoneField = page.locator('.insured-form__phone input');
      for (let waited = 0; !/^139\d{8}$/.test(await phoneField.inputValue()) && waited < 20_000; waited += 250)
        await page.waitForTimeout(250);
      const phone = await phoneField.inputValue();
      expect(phone).toMatch(/^139\d{8}$/);
      expect(await page.locator('.insured-save').getAttribute('aria-checked')).toBe('false');
      await page.locator('.insured-save').click();
      expect(await page.locator('.insured-save').getAttribute('aria-checked')).toBe('true');
      await shot('1-insured-save');
      const firstPolicy = await agreeSubmitAndPay(session, '1');
      expect(firstPolicy).toMatch(/^P\d{16}$/);
      const [first] = await insuredOfPolicy(firstPolicy);
      expect(first).toMatchObject({
        name_masked: '韩*梅',
        insured_phone_masked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      });
      const savedRows = async () =>
        (await testApp.db.query(`SELECT * FROM saved_insureds WHERE customer_id = $1`, [first!.customer_id])).rows;
      const [saved] = await savedRows();
      expect(saved).toMatchObject({ name_masked: '韩*梅', id_index: first!.id_index });
      // Kept encrypted: neither the name, the number nor the phone in clear.
      expect(JSON.stringify(saved)).not.toContain(idNumber);
      expect(JSON.stringify(saved)).not.toContain('韩梅梅');
      expect(JSON.stringify(saved)).not.toContain(phone);

      // Next purchase: one tap on the saved person, nothing typed.
      await openInsuredPage(session, 1, '2');
      const chip = page.locator('.saved-insureds__chip', { hasText: '韩*梅' });
      await chip.waitFor({ timeout: 20000 });
      await chip.click();
      await page.locator('.insured-form__picked').waitFor({ timeout: 10000 });
      expect(await page.locator('.insured-form__name').count()).toBe(0);
      expect(await page.locator('.insured-form__id').count()).toBe(0);
      expect(await page.locator('.insured-form__picked-text').textContent()).toContain('韩*梅');
      // The page holds the masked number only.
      expect(await page.content()).not.toContain(idNumber);
      await shot('2-picked');
      const secondPolicy = await agreeSubmitAndPay(session, '2');
      expect(secondPolicy).toMatch(/^P\d{16}$/);
      expect(secondPolicy).not.toBe(firstPolicy);
      const [second] = await insuredOfPolicy(secondPolicy);
      // The same person (same document's blind index, same masked name and phone) without retyping.
      expect(second).toEqual(first);

      // 我的 → 常用被保险人 → 删除.
      await page.goto('about:blank');
      await page.goto(`${testApp.baseUrl}/#/pages/me/index`);
      await page.locator('.me-menu__item[data-target="insureds"]').click();
      const person = page.locator('.saved-person', { hasText: '韩*梅' });
      await person.waitFor({ timeout: 20000 });
      await settle();
      await shot('3-list');
      await person.locator('.saved-person__delete').click();
      const modal = page.locator('.taro-modal__text');
      await modal.waitFor({ timeout: 10000 });
      expect(await modal.textContent()).toContain('韩*梅');
      await shot('4-confirm-delete');
      await page.locator('.taro-model__confirm').click();
      await page.locator('.empty-state', { hasText: '还没有常用被保险人' }).waitFor({ timeout: 20000 });
      await shot('5-deleted');

      // The stored personal data is gone: no row, and its ciphertexts nowhere in the table.
      expect(await savedRows()).toEqual([]);
      expect(
        (
          await testApp.db.query(
            `SELECT 1 FROM saved_insureds WHERE id = $1 OR name_encrypted = $2 OR id_encrypted = $3 OR phone_encrypted = $4`,
            [saved.id, saved.name_encrypted, saved.id_encrypted, saved.phone_encrypted],
          )
        ).rowCount,
      ).toBe(0);
      // The policies keep their own copy: deleting a saved person changes no policy.
      expect(await insuredOfPolicy(secondPolicy)).toEqual([second]);

      // A third purchase offers nobody to pick.
      await openInsuredPage(session, 2, '6');
      await page.locator('.insured-form__name input').waitFor({ timeout: 20000 });
      await settle();
      expect(await page.locator('.saved-insureds').count()).toBe(0);
    });
    await session.page.close();
  }, 240_000);
});

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './browser.js';

export interface H5Session {
  page: Page;
  /** Pages slide in; a tap during the animation can land on the page underneath. */
  settle(): Promise<void>;
  shot(name: string): Promise<void>;
  /** Runs a flow; on failure leaves a screenshot and says which API calls failed in the browser. */
  run<T>(name: string, flow: () => Promise<T>): Promise<T>;
}

export const h5Session = (page: Page, prefix: string): H5Session => {
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() >= 400)
      failures.push(`${response.status()} ${response.url()}`);
  });
  const shot = async (name: string) => {
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(ARTIFACTS_DIR, `${prefix}-${name}.png`), fullPage: true });
  };
  return {
    page,
    settle: () => page.waitForTimeout(700),
    shot,
    run: async (name, flow) => {
      try {
        return await flow();
      } catch (error) {
        await page
          .screenshot({ path: join(ARTIFACTS_DIR, `${prefix}-${name}-failure.png`), fullPage: true })
          .catch(() => undefined);
        throw new Error(`${(error as Error).message}\nbrowser saw: ${failures.join('; ') || 'no API errors'}`, {
          cause: error,
        });
      }
    },
  };
};

export interface Purchase {
  flightNo: string;
  flightDate: string;
  policyNo: string;
}

/** 产品页 → 航班 → 保障档位 → 被保险人 → 支付 (the simulator's pay step) → 投保成功. */
export const buyFlightDelayInH5 = async (
  session: H5Session,
  baseUrl: string,
  insured: { name: string; idNumber: string; phone: string },
  /** Which date chip and which listed flight to pick: tests sharing a database pick different ones. */
  pick: { dateIndex?: number; flightIndex?: number } = {},
): Promise<Purchase> => {
  const { page, settle, shot } = session;
  const { flightNo, flightDate } = await orderFlightDelayInH5(session, baseUrl, insured, pick);
  await page.locator('.pay-button:not(.button--disabled)').waitFor({ timeout: 20000 });
  await settle();
  await page.locator('.pay-button:not(.button--disabled)').click();
  const policyNoLocator = page.locator('.result--issued .result__policy-no');
  await policyNoLocator.waitFor({ timeout: 30000 });
  const policyNo = ((await policyNoLocator.textContent()) ?? '').match(/P\d{16}/)?.[0] ?? '';
  await shot('4-issued');
  return { flightNo, flightDate, policyNo };
};

/** 产品页 → 航班 → 保障档位 → 被保险人 → the pay page, where it stops (the order is placed, not paid). */
export const orderFlightDelayInH5 = async (
  session: H5Session,
  baseUrl: string,
  insured: { name: string; idNumber: string; phone: string },
  pick: { dateIndex?: number; flightIndex?: number } = {},
): Promise<{ flightNo: string; flightDate: string }> => {
  const { page, settle, shot } = session;
  await page.goto(`${baseUrl}/#/packages/buy/product/index?code=FD120`);
  await page.locator('.exclusions-ack').waitFor({ timeout: 20000 });
  await settle();
  await page.locator('.exclusions-ack').click();
  await page.locator('.purchase-bar__buy').click();

  await page.locator('.flight-option').first().waitFor({ timeout: 20000 });
  await settle();
  if (pick.dateIndex !== undefined) {
    await page.locator('.date-option').nth(pick.dateIndex).click();
    await page.locator(`.date-option--selected`).nth(0).waitFor();
    await page.waitForTimeout(300);
    await page.locator('.flight-option').first().waitFor({ timeout: 20000 });
  }
  const flight = page.locator('.flight-option').nth(pick.flightIndex ?? 0);
  await flight.waitFor({ timeout: 20000 });
  const flightNo = (await flight.getAttribute('data-flight-no')) ?? '';
  const flightDate = (await page.locator('.date-option--selected').first().getAttribute('data-date')) ?? '';
  await shot('1-flights');
  await flight.click();

  await page.locator('.quote-premium').waitFor({ timeout: 30000 });
  await settle();
  await page.locator('.tier-option[data-tier="20000"]').click();
  await page.locator('.quote-payout', { hasText: '200.00' }).waitFor({ timeout: 20000 });
  await shot('2-quote');
  await page.locator('.quote-next').click();

  await page.locator('.insured-form__name input').waitFor({ timeout: 20000 });
  await settle();
  await page.locator('.insured-form__name input').fill(insured.name);
  await page.locator('.insured-form__id input').fill(insured.idNumber);
  await page.locator('.insured-form__phone input').fill(insured.phone);
  await shot('3-insured');
  // 我已阅读并同意《用户协议》和《隐私政策》 (never pre-ticked): recorded with its versions.
  await page.locator('.insured-consent').click();
  await page.locator('.submit-order').click();
  await page.locator('.pay-button').waitFor({ timeout: 20000 });
  return { flightNo, flightDate };
};

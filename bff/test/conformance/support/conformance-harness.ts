import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../sim/index.js';
import {
  createWechatPayAdapters,
  type WechatPayAdapters,
} from '../../../src/integrations/wechat-pay/wechat-pay.adapters.js';
import type { WechatPayConfig } from '../../../src/integrations/wechat-pay/wechat-pay.config.js';
import { NotificationReceiver, type ReceivedRequest } from './notification-receiver.js';

export interface Harness {
  sim: RunningSimulator;
  receiver: NotificationReceiver;
  config: WechatPayConfig;
  pay: WechatPayAdapters;
  close(): Promise<void>;
}

/**
 * Starts the simulator and a webhook receiver, and builds the production adapters with
 * only the origin pointed at the simulator, exactly as SIM=1 would.
 */
export async function startHarness(
  options: { sim?: SimulatorOptions; keyMode?: 'platform_certificate' | 'public_key' } = {},
): Promise<Harness> {
  const receiver = await new NotificationReceiver().start();
  const sim = await startSimulator({ timeScale: 1000, ...options.sim });
  const config = adapterConfig(sim, receiver.origin, options.keyMode ?? 'platform_certificate');
  const pay = createWechatPayAdapters(config);
  return {
    sim,
    receiver,
    config,
    pay,
    close: async () => {
      await sim.close();
      await receiver.close();
    },
  };
}

export function adapterConfig(
  sim: RunningSimulator,
  notifyBaseUrl: string,
  keyMode: 'platform_certificate' | 'public_key',
): WechatPayConfig {
  const dev = sim.merchantConfig();
  return {
    origin: dev.WECHATPAY_ORIGIN,
    appid: dev.WECHAT_APPID,
    mchid: dev.WECHATPAY_MCHID,
    merchantSerial: dev.WECHATPAY_MERCHANT_SERIAL,
    merchantPrivateKeyPem: dev.WECHATPAY_MERCHANT_PRIVATE_KEY,
    merchantCertPem: dev.WECHATPAY_MERCHANT_CERT,
    apiV3Key: dev.WECHATPAY_APIV3_KEY,
    ...(keyMode === 'public_key'
      ? { publicKeyPem: dev.WECHATPAY_PUBLIC_KEY, publicKeyId: dev.WECHATPAY_PUBLIC_KEY_ID }
      : {}),
    notifyBaseUrl,
    timeoutMs: 2000,
  };
}

let counter = 0;
/** Unique business numbers per test run (letters and digits only, as transfer bills require). */
export function businessNo(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits for the callback on `path` whose verified resource matches, e.g. our out_trade_no. */
export async function verifiedCallback<T>(
  h: Harness,
  path: string,
  verify: (headers: ReceivedRequest['headers'], rawBody: string) => Promise<{ resource: T }>,
  matches: (resource: T) => boolean,
): Promise<{ request: ReceivedRequest; resource: T }> {
  return waitFor(async () => {
    for (const request of h.receiver.received.filter((r) => r.path === path)) {
      const verified = await verify(request.headers, request.rawBody).catch(() => undefined);
      if (verified && matches(verified.resource)) return { request, resource: verified.resource };
    }
    return undefined;
  });
}

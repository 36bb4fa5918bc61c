import type { SimulatorKeys } from '../sim-keys.js';

/**
 * The merchant-side settings a BFF needs to talk to this simulator, named after the
 * environment variables of architecture.md. Served at GET /__sim/dev-config so a
 * process started with SIM=1 can fill every unset key without importing sim code.
 */
export interface MerchantDevConfig {
  WECHAT_API_ORIGIN: string;
  WECHATPAY_ORIGIN: string;
  WECHAT_APPID: string;
  WECHAT_SECRET: string;
  WECHATPAY_MCHID: string;
  WECHATPAY_MERCHANT_SERIAL: string;
  WECHATPAY_MERCHANT_PRIVATE_KEY: string;
  WECHATPAY_MERCHANT_CERT: string;
  WECHATPAY_APIV3_KEY: string;
  WECHATPAY_PUBLIC_KEY: string;
  WECHATPAY_PUBLIC_KEY_ID: string;
  WECHAT_PUSH_TOKEN: string;
  WECHAT_PUSH_AES_KEY: string;
  /** Public, for independent checks: the platform certificate the simulator signs with. */
  WECHATPAY_PLATFORM_CERT: string;
  WECHATPAY_PLATFORM_SERIAL: string;
  /** The HMAC secret the simulated flight-status feed signs its pushes with. */
  FLIGHT_FEED_SECRET: string;
}

export function merchantDevConfig(origin: string, keys: SimulatorKeys, flightFeedSecret: string): MerchantDevConfig {
  return {
    WECHAT_API_ORIGIN: origin,
    WECHATPAY_ORIGIN: origin,
    WECHAT_APPID: keys.appid,
    WECHAT_SECRET: keys.appSecret,
    WECHATPAY_MCHID: keys.mchid,
    WECHATPAY_MERCHANT_SERIAL: keys.merchant.serial,
    WECHATPAY_MERCHANT_PRIVATE_KEY: keys.merchant.privateKeyPem,
    WECHATPAY_MERCHANT_CERT: keys.merchant.certPem,
    WECHATPAY_APIV3_KEY: keys.apiV3Key,
    WECHATPAY_PUBLIC_KEY: keys.wechatPayPublicKey.publicKeyPem,
    WECHATPAY_PUBLIC_KEY_ID: keys.wechatPayPublicKey.id,
    WECHAT_PUSH_TOKEN: keys.pushToken,
    WECHAT_PUSH_AES_KEY: keys.pushEncodingAesKey,
    WECHATPAY_PLATFORM_CERT: keys.platform.certPem,
    WECHATPAY_PLATFORM_SERIAL: keys.platform.serial,
    FLIGHT_FEED_SECRET: flightFeedSecret,
  };
}

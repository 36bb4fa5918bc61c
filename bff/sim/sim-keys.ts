import {
  DEV_APIV3_KEY,
  DEV_APP_SECRET,
  DEV_APPID,
  DEV_MCHID,
  DEV_MERCHANT_CERT_PEM,
  DEV_MERCHANT_PRIVATE_KEY_PEM,
  DEV_MERCHANT_SERIAL,
  DEV_PLATFORM_CERT_PEM,
  DEV_PLATFORM_PRIVATE_KEY_PEM,
  DEV_PLATFORM_SERIAL,
  DEV_PUSH_ENCODING_AES_KEY,
  DEV_PUSH_TOKEN,
  DEV_WECHATPAY_PUBLIC_KEY_ID,
  DEV_WECHATPAY_PUBLIC_KEY_PEM,
  DEV_WECHATPAY_PUBLIC_KEY_PRIVATE_PEM,
} from './fixtures/dev-key-material.js';

/**
 * Everything the simulator knows about "its" merchant and mini-program, plus the
 * WeChat-side private keys. The merchant-side half (merchant private key, APIv3 key,
 * public key + id) is what a BFF needs to talk to this simulator.
 */
export interface SimulatorKeys {
  readonly appid: string;
  readonly appSecret: string;
  readonly mchid: string;
  readonly apiV3Key: string;
  readonly pushToken: string;
  /** 消息推送 EncodingAESKey (43 characters): the safe mode's AES key. */
  readonly pushEncodingAesKey: string;
  readonly merchant: { readonly serial: string; readonly privateKeyPem: string; readonly certPem: string };
  readonly platform: { readonly serial: string; readonly privateKeyPem: string; readonly certPem: string };
  readonly wechatPayPublicKey: { readonly id: string; readonly privateKeyPem: string; readonly publicKeyPem: string };
}

export const DEV_SIMULATOR_KEYS: SimulatorKeys = {
  appid: DEV_APPID,
  appSecret: DEV_APP_SECRET,
  mchid: DEV_MCHID,
  apiV3Key: DEV_APIV3_KEY,
  pushToken: DEV_PUSH_TOKEN,
  pushEncodingAesKey: DEV_PUSH_ENCODING_AES_KEY,
  merchant: {
    serial: DEV_MERCHANT_SERIAL,
    privateKeyPem: DEV_MERCHANT_PRIVATE_KEY_PEM,
    certPem: DEV_MERCHANT_CERT_PEM,
  },
  platform: {
    serial: DEV_PLATFORM_SERIAL,
    privateKeyPem: DEV_PLATFORM_PRIVATE_KEY_PEM,
    certPem: DEV_PLATFORM_CERT_PEM,
  },
  wechatPayPublicKey: {
    id: DEV_WECHATPAY_PUBLIC_KEY_ID,
    privateKeyPem: DEV_WECHATPAY_PUBLIC_KEY_PRIVATE_PEM,
    publicKeyPem: DEV_WECHATPAY_PUBLIC_KEY_PEM,
  },
};

import { existsSync, readFileSync } from 'node:fs';
import type { FlightDataConfig } from '../../integrations/flight-data/flight-data.client.js';
import type { WechatPayConfig } from '../../integrations/wechat-pay/wechat-pay.config.js';
import type { WechatConfig } from '../../integrations/wechat/wechat.config.js';
import type { AppConfig } from './app-config.js';
import { ConfigError } from './config-error.js';

export interface IntegrationsConfig {
  readonly wechat: WechatConfig;
  readonly wechatPay: WechatPayConfig;
  readonly flightData: FlightDataConfig;
  /** FLIGHT_FEED_SECRET: HMAC key of the flight-status webhook. */
  readonly flightFeedSecret: string;
  /** WEATHER_DATA_ORIGIN: the weather provider's pull API (observations and station history). */
  readonly weatherData: { readonly origin: string; readonly timeoutMs?: number };
  /** WEATHER_FEED_SECRET: HMAC key of the weather webhook. */
  readonly weatherFeedSecret: string;
  readonly publicBaseUrl: string;
  /** The subscribe-message template requested at purchase and sent on claim approval. */
  readonly claimApprovedTemplateId: string;
  /** The subscribe-message template customer service may use past the reply window. */
  readonly supportReplyTemplateId: string;
}

/** Development only: what the simulator's flight feed signs with (never accepted without SIM). */
const DEV_FLIGHT_FEED_SECRET = 'xiaoan-dev-flight-feed-secret';
/** Development only: what the simulator's weather feed signs with (never accepted without SIM). */
const DEV_WEATHER_FEED_SECRET = 'xiaoan-dev-weather-feed-secret';

/** Key material may be given as PEM text or as a path to a PEM file. */
const pemOrFile = (name: string, value: string, problems: string[]): string => {
  if (value.includes('-----BEGIN')) return value.replaceAll('\\n', '\n');
  if (existsSync(value)) return readFileSync(value, 'utf8');
  problems.push(`${name}: neither PEM text nor a readable file`);
  return '';
};

/**
 * The outside systems' settings, checked as a whole: every missing variable is named. Called once
 * the simulator (when SIM is on) has filled in whatever was not set explicitly.
 */
export const integrationsConfigOf = (config: AppConfig): IntegrationsConfig => {
  const env = config.raw;
  const problems: string[] = [];
  const required = (name: keyof typeof env): string => {
    const value = env[name];
    if (typeof value !== 'string' || value === '') {
      problems.push(
        `${name}: required${config.simulator.enabled ? '' : ' (or set SIM=1 to run against the WeChat simulator)'}`,
      );
      return '';
    }
    return value;
  };
  const appid = required('WECHAT_APPID');
  const secret = required('WECHAT_SECRET');
  const mchid = required('WECHATPAY_MCHID');
  const merchantSerial = required('WECHATPAY_MERCHANT_SERIAL');
  const privateKey = required('WECHATPAY_MERCHANT_PRIVATE_KEY');
  const cert = required('WECHATPAY_MERCHANT_CERT');
  const apiV3Key = required('WECHATPAY_APIV3_KEY');
  const flightOrigin = required('FLIGHT_DATA_ORIGIN');
  // With the simulator on, the simulated feed signs with a known development secret.
  const flightFeedSecret =
    env.FLIGHT_FEED_SECRET ?? (config.simulator.enabled ? DEV_FLIGHT_FEED_SECRET : required('FLIGHT_FEED_SECRET'));
  const weatherOrigin = required('WEATHER_DATA_ORIGIN');
  const weatherFeedSecret =
    env.WEATHER_FEED_SECRET ?? (config.simulator.enabled ? DEV_WEATHER_FEED_SECRET : required('WEATHER_FEED_SECRET'));
  const publicKey = env.WECHATPAY_PUBLIC_KEY;
  if (Boolean(publicKey) !== Boolean(env.WECHATPAY_PUBLIC_KEY_ID)) {
    problems.push('WECHATPAY_PUBLIC_KEY and WECHATPAY_PUBLIC_KEY_ID: set both or neither');
  }
  const merchantPrivateKeyPem = privateKey ? pemOrFile('WECHATPAY_MERCHANT_PRIVATE_KEY', privateKey, problems) : '';
  const merchantCertPem = cert ? pemOrFile('WECHATPAY_MERCHANT_CERT', cert, problems) : '';
  const publicKeyPem = publicKey ? pemOrFile('WECHATPAY_PUBLIC_KEY', publicKey, problems) : undefined;
  // Without the simulator the public address must be given (see publicBaseUrl below).
  if (!env.PUBLIC_BASE_URL && !config.simulator.enabled) required('PUBLIC_BASE_URL');
  if (problems.length > 0) throw new ConfigError(problems);

  // The public address of the BFF and its H5 pages: WeChat Pay's notify_urls and the e-policy's
  // 保单验真 QR code are built under it, so outside development it must be given (a QR code to
  // 127.0.0.1 cannot be scanned by anyone).
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://${config.http.host}:${config.http.port}`;
  return {
    wechat: {
      apiOrigin: env.WECHAT_API_ORIGIN ?? 'https://api.weixin.qq.com',
      appid,
      secret,
      ...(env.WECHAT_PUSH_TOKEN ? { pushToken: env.WECHAT_PUSH_TOKEN } : {}),
      ...(env.WECHAT_PUSH_AES_KEY ? { pushEncodingAesKey: env.WECHAT_PUSH_AES_KEY } : {}),
    },
    wechatPay: {
      origin: env.WECHATPAY_ORIGIN ?? 'https://api.mch.weixin.qq.com',
      appid,
      mchid,
      merchantSerial,
      merchantPrivateKeyPem,
      merchantCertPem,
      apiV3Key,
      ...(publicKeyPem ? { publicKeyPem, publicKeyId: env.WECHATPAY_PUBLIC_KEY_ID! } : {}),
      notifyBaseUrl: publicBaseUrl,
    },
    flightData: { origin: flightOrigin },
    flightFeedSecret,
    weatherData: { origin: weatherOrigin },
    weatherFeedSecret,
    publicBaseUrl,
    claimApprovedTemplateId: env.WECHAT_CLAIM_TEMPLATE_ID,
    supportReplyTemplateId: env.WECHAT_SUPPORT_TEMPLATE_ID,
  };
};

export const INTEGRATIONS_CONFIG = Symbol('INTEGRATIONS_CONFIG');

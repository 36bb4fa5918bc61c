import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const origin = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));
const optionalText = z.string().min(1).optional();
const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

/**
 * The environment contract of architecture.md. `process.env` is read here and nowhere else;
 * everything downstream gets the typed `AppConfig`.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe('PostgreSQL URL; unset starts an embedded PostgreSQL'),
  BFF_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the H5 build is served from at `/`. Defaults to the mini-program's build output. */
  H5_DIST_DIR: optionalText,
  /** Where the staff console's build is served from at `/console/`. Defaults to the console workspace's build output. */
  CONSOLE_DIST_DIR: optionalText,

  /** Base64 of 32 random bytes: encrypts ID numbers and session keys at rest. Required in production. */
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be base64 of exactly 32 bytes')
    .optional(),
  WECHAT_APPID: optionalText,
  WECHAT_SECRET: optionalText,
  WECHAT_API_ORIGIN: origin.optional(),
  /** The 消息推送 token that signs customer-service pushes. */
  WECHAT_PUSH_TOKEN: optionalText,
  /** The 消息推送 EncodingAESKey (43 characters) for the safe (encrypted) mode. */
  WECHAT_PUSH_AES_KEY: z
    .string()
    .refine(
      (value) => value.length === 43 && Buffer.from(`${value}=`, 'base64').length === 32,
      'must be the 43-character EncodingAESKey',
    )
    .optional(),
  /** Subscribe-message template for 客服回复提醒 (reaching a user past the 48 h reply window). */
  WECHAT_SUPPORT_TEMPLATE_ID: z.string().min(1).default('TPL_SUPPORT_REPLY'),
  /** Cron (Asia/Shanghai) of the complaint-deadline reminder sweep, or `off`. */
  COMPLAINT_SWEEP_SCHEDULE: z.string().min(1).default('0 * * * *'),
  /** Subscribe-message template for 理赔到账提醒. */
  WECHAT_CLAIM_TEMPLATE_ID: z.string().min(1).default('TPL_CLAIM_APPROVED'),
  WECHATPAY_ORIGIN: origin.optional(),
  WECHATPAY_MCHID: optionalText,
  WECHATPAY_MERCHANT_SERIAL: optionalText,
  WECHATPAY_MERCHANT_PRIVATE_KEY: optionalText,
  WECHATPAY_MERCHANT_CERT: optionalText,
  WECHATPAY_APIV3_KEY: z
    .string()
    .refine((value) => Buffer.byteLength(value, 'utf8') === 32, 'must be exactly 32 bytes')
    .optional(),
  WECHATPAY_PUBLIC_KEY: optionalText,
  WECHATPAY_PUBLIC_KEY_ID: z
    .string()
    .regex(/^PUB_KEY_ID_/, 'must start with PUB_KEY_ID_')
    .optional(),
  PUBLIC_BASE_URL: origin.optional(),
  FLIGHT_DATA_ORIGIN: origin.optional(),
  WEATHER_DATA_ORIGIN: origin.optional(),
  FLIGHT_FEED_SECRET: optionalText,
  WEATHER_FEED_SECRET: optionalText,
  /** Cron (Asia/Shanghai) of the weather pull API backstop, or `off`: a day's observations are pulled on it. */
  WEATHER_PULL_SCHEDULE: z.string().min(1).default('*/15 * * * *'),
  /** Cron (Asia/Shanghai) of the weather sweep (settle due city-days, close ended weather policies), or `off`. */
  WEATHER_SWEEP_SCHEDULE: z.string().min(1).default('*/5 * * * *'),
  /** Policies per mass-settlement slice (one transaction each) when a hot day settles a city. */
  HEAT_SETTLE_SLICES: z.coerce.number().int().min(1).max(4096).default(16),
  /** Slices settled side by side (connections); about the database's cores. */
  HEAT_SETTLE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** Staff sign-in throttling: wrong passwords per account (and per IP) within the window before a lock. */
  STAFF_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  STAFF_LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(20),
  STAFF_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** How long a locked account or IP is refused, even with the right password. */
  STAFF_LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** `1`: start the WeChat simulator and point every origin not set explicitly at it. */
  SIM: flag.optional(),
  SIM_PORT: port.default(3100),
  /** The simulator the BFF started with (set by `npm start`); the dev routes talk to it. Default `http://HOST:SIM_PORT`. */
  SIM_ORIGIN: origin.optional(),
  /** Customer logins per client IP per minute (checked before WeChat is asked). */
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(60),
  /** Logins per WeChat user (openid) per minute. */
  LOGIN_LIMIT_PER_OPENID: z.coerce.number().int().min(1).default(10),
  /** Live sessions a customer may hold; a new login revokes the oldest beyond this. */
  SESSIONS_PER_CUSTOMER: z.coerce.number().int().min(1).max(1000).default(10),
});

export type Env = z.infer<typeof envSchema>;

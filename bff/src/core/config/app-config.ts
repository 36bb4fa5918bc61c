import { createHash } from 'node:crypto';
import { ConfigError } from './config-error.js';
import { envSchema, type Env } from './env.schema.js';

export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly http: { readonly port: number; readonly host: string };
  readonly role: Env['BFF_ROLE'];
  readonly logLevel: Env['LOG_LEVEL'];
  /** Unset: an embedded PostgreSQL is started by the entry point, which then fills this in. */
  readonly databaseUrl: string | undefined;
  readonly h5DistDir: string | undefined;
  /** Whether the WeChat simulator stands in for WeChat (explicit SIM, or no WeChat credentials). */
  readonly simulator: { readonly enabled: boolean; readonly port: number; readonly origin: string };
  /** Customer login limits (per minute) and the live sessions a customer may hold. */
  readonly login: {
    readonly perIpPerMinute: number;
    readonly perOpenidPerMinute: number;
    readonly sessionsPerCustomer: number;
  };
  readonly consoleDistDir: string | undefined;
  /** Staff sign-in throttling (issue 10). */
  readonly staffLogin: {
    readonly maxFailures: number;
    readonly ipMaxFailures: number;
    readonly windowSeconds: number;
    readonly lockSeconds: number;
  };
  /** 32 bytes. Outside production a fixed development key stands in when none is set. */
  readonly dataEncryptionKey: Buffer;
  readonly raw: Env;
}

/** Development only: never protects real data (start-up refuses it in production). */
const DEV_DATA_ENCRYPTION_KEY = createHash('sha256').update('xiaoan development data key').digest();

export const APP_CONFIG = Symbol('APP_CONFIG');

const hasWechatCredentials = (env: Env): boolean =>
  Boolean(env.WECHAT_APPID && env.WECHAT_SECRET && env.WECHATPAY_MCHID);

/**
 * Validate the environment once, at boot. Every problem is reported with the variable's name,
 * never its value (values may be secrets).
 */
export const loadConfig = (source: NodeJS.ProcessEnv = process.env): AppConfig => {
  // Empty strings count as unset, as a shell `FOO= npm start` means.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !env.DATA_ENCRYPTION_KEY) {
    throw new ConfigError(['DATA_ENCRYPTION_KEY: required in production']);
  }
  return {
    env: env.NODE_ENV,
    http: { port: env.PORT, host: env.HOST },
    role: env.BFF_ROLE,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    h5DistDir: env.H5_DIST_DIR,
    consoleDistDir: env.CONSOLE_DIST_DIR,
    simulator: {
      enabled: env.SIM ?? !hasWechatCredentials(env),
      port: env.SIM_PORT,
      origin: env.SIM_ORIGIN ?? `http://${env.HOST}:${env.SIM_PORT}`,
    },
    login: {
      perIpPerMinute: env.LOGIN_LIMIT_PER_IP,
      perOpenidPerMinute: env.LOGIN_LIMIT_PER_OPENID,
      sessionsPerCustomer: env.SESSIONS_PER_CUSTOMER,
    },
    staffLogin: {
      maxFailures: env.STAFF_LOGIN_MAX_FAILURES,
      ipMaxFailures: env.STAFF_LOGIN_IP_MAX_FAILURES,
      windowSeconds: env.STAFF_LOGIN_WINDOW_SECONDS,
      lockSeconds: env.STAFF_LOGIN_LOCK_SECONDS,
    },
    dataEncryptionKey: env.DATA_ENCRYPTION_KEY
      ? Buffer.from(env.DATA_ENCRYPTION_KEY, 'base64')
      : DEV_DATA_ENCRYPTION_KEY,
    raw: env,
  };
};

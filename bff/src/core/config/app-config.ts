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
  readonly simulator: { readonly enabled: boolean; readonly port: number };
  readonly raw: Env;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const hasWechatCredentials = (env: Env): boolean =>
  Boolean(env.WECHAT_APPID && env.WECHAT_SECRET && env.WECHATPAY_MCHID);

/**
 * Validate the environment once, at boot. Every problem is reported with the variable's name,
 * never its value (values may be secrets).
 */
export const loadConfig = (source: NodeJS.ProcessEnv = process.env): AppConfig => {
  // Empty strings count as unset, as a shell `FOO= npm start` means.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    http: { port: env.PORT, host: env.HOST },
    role: env.BFF_ROLE,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    h5DistDir: env.H5_DIST_DIR,
    simulator: { enabled: env.SIM ?? !hasWechatCredentials(env), port: env.SIM_PORT },
    raw: env,
  };
};

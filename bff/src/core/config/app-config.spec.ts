import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';
import { ConfigError } from './config-error.js';

describe('configuration at boot', () => {
  it('starts with defaults on an empty environment, on the simulator', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ port: 3000, host: '127.0.0.1' });
    expect(config.role).toBe('all');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.simulator.enabled).toBe(true);
  });

  it('names the variable that is invalid, and never echoes its value', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://secret-password@db/x', BFF_ROLE: 'boss' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('BFF_ROLE');
      expect(message).not.toContain('secret-password');
    }
  });

  it('rejects an APIv3 key that is not 32 bytes', () => {
    expect(() => loadConfig({ WECHATPAY_APIV3_KEY: 'short' })).toThrow(/WECHATPAY_APIV3_KEY/);
  });

  it('leaves the simulator off once real WeChat credentials are given', () => {
    const config = loadConfig({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', WECHATPAY_MCHID: '1900000001' });
    expect(config.simulator.enabled).toBe(false);
    expect(
      loadConfig({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', WECHATPAY_MCHID: '1', SIM: '1' }).simulator.enabled,
    ).toBe(true);
  });
});

describe('data encryption key', () => {
  it('is required in production and must be 32 bytes', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /DATA_ENCRYPTION_KEY/,
    );
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ DATA_ENCRYPTION_KEY: key.toString('base64') }).dataEncryptionKey.equals(key)).toBe(true);
  });
});

import { afterEach, describe, expect, it } from '@jest/globals';
import { apiBase } from './api-base';

describe('apiBase', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env.TARO_ENV = saved.TARO_ENV;
    process.env.TARO_APP_API_BASE = saved.TARO_APP_API_BASE;
  });

  it('stays on the same origin in H5, where the BFF serves the app', () => {
    process.env.TARO_ENV = 'h5';
    expect(apiBase()).toBe('');
  });

  it('uses the build-time BFF address in the weapp', () => {
    process.env.TARO_ENV = 'weapp';
    process.env.TARO_APP_API_BASE = 'https://api.example.cn';
    expect(apiBase()).toBe('https://api.example.cn');
  });
});

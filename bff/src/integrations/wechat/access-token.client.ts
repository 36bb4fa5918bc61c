import type { WechatConfig } from './wechat.config.js';
import { WechatApiError } from './wechat-api.error.js';
import type { WechatApiHttp } from './wechat-api.http.js';

/** GET /cgi-bin/token. Every call invalidates the previous token after 5 minutes, so only the lease holder calls it. */
export class AccessTokenClient {
  constructor(
    private readonly http: WechatApiHttp,
    private readonly config: WechatConfig,
  ) {}

  async fetch(): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const data = await this.http.get<{ access_token?: string; expires_in?: number }>('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: this.config.appid,
      secret: this.config.secret,
    });
    if (!data.access_token || !data.expires_in)
      throw new WechatApiError('UNEXPECTED_RESPONSE', 'no access_token in answer', 200);
    return { accessToken: data.access_token, expiresInSeconds: data.expires_in };
  }
}

import type { WechatConfig } from './wechat.config.js';
import { WechatApiError } from './wechat-api.error.js';
import type { WechatApiHttp } from './wechat-api.http.js';

export interface MiniProgramSession {
  openid: string;
  unionid?: string;
  /** Never leaves the server: it decrypts user data and must not reach the client or logs. */
  sessionKey: string;
}

/** wx.login's one-time code → openid, via /sns/jscode2session. 40029: bad or used code; 45011: rate limit; 40226: high-risk user. */
export class MiniProgramLoginClient {
  constructor(
    private readonly http: WechatApiHttp,
    private readonly config: WechatConfig,
  ) {}

  async code2Session(code: string): Promise<MiniProgramSession> {
    const data = await this.http.get<{ openid?: string; session_key?: string; unionid?: string }>(
      '/sns/jscode2session',
      {
        appid: this.config.appid,
        secret: this.config.secret,
        js_code: code,
        grant_type: 'authorization_code',
      },
    );
    if (!data.openid || !data.session_key)
      throw new WechatApiError('UNEXPECTED_RESPONSE', 'jscode2session without openid', 200);
    return { openid: data.openid, sessionKey: data.session_key, ...(data.unionid ? { unionid: data.unionid } : {}) };
  }
}

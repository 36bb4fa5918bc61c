import type { AccessTokenProvider } from './access-token.provider.js';
import type { WechatApiHttp } from './wechat-api.http.js';

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** Mini-program page opened from the message, e.g. `packages/claims/detail?id=…`. */
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

/** Each accepted wx.requestSubscribeMessage allows one send; without it WeChat answers 43101 (final). */
export class SubscribeMessageClient {
  constructor(
    private readonly http: WechatApiHttp,
    private readonly tokens: AccessTokenProvider,
  ) {}

  async send(message: SubscribeMessage): Promise<void> {
    await this.tokens.withToken((token) =>
      this.http.post(
        '/cgi-bin/message/subscribe/send',
        { access_token: token },
        {
          touser: message.openid,
          template_id: message.templateId,
          ...(message.page ? { page: message.page } : {}),
          data: message.data,
          miniprogram_state: message.miniprogramState ?? 'formal',
          lang: message.lang ?? 'zh_CN',
        },
      ),
    );
  }
}

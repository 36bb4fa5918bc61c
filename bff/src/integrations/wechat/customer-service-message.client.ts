import type { AccessTokenProvider } from './access-token.provider.js';
import type { WechatApiHttp } from './wechat-api.http.js';

export type CustomerServiceReply =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'link'; link: { title: string; description: string; url: string; thumb_url: string } }
  | { msgtype: 'miniprogrampage'; miniprogrampage: { title: string; pagepath: string; thumb_media_id: string } };

/** Replies within 48 h of the user's last message, at most 5 per window (45015 / 45047, both final). */
export class CustomerServiceMessageClient {
  constructor(
    private readonly http: WechatApiHttp,
    private readonly tokens: AccessTokenProvider,
  ) {}

  async reply(openid: string, message: CustomerServiceReply): Promise<void> {
    await this.tokens.withToken((token) =>
      this.http.post('/cgi-bin/message/custom/send', { access_token: token }, { touser: openid, ...message }),
    );
  }
}

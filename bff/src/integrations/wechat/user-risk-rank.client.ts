import type { AccessTokenProvider } from './access-token.provider.js';
import type { WechatConfig } from './wechat.config.js';
import type { WechatApiHttp } from './wechat-api.http.js';

/** 0 sign-up, 1 marketing. */
export type RiskScene = 0 | 1;

/**
 * Marketing risk, 0 (safe) to 4. WeChat's advice: at 3 lower the odds of top prizes,
 * at 4 give no prize or the smallest.
 */
export class UserRiskRankClient {
  constructor(
    private readonly http: WechatApiHttp,
    private readonly tokens: AccessTokenProvider,
    private readonly config: WechatConfig,
  ) {}

  async rank(input: { openid: string; scene: RiskScene; clientIp: string }): Promise<number> {
    const data = await this.tokens.withToken((token) =>
      this.http.post<{ risk_rank: number }>(
        '/wxa/getuserriskrank',
        { access_token: token },
        { appid: this.config.appid, openid: input.openid, scene: input.scene, client_ip: input.clientIp },
      ),
    );
    return data.risk_rank;
  }
}

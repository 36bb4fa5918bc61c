import type { Pool } from 'pg';
import { AccessTokenClient } from './access-token.client.js';
import { AccessTokenProvider, type AccessTokenProviderOptions } from './access-token.provider.js';
import { AccessTokenRepository } from './access-token.repository.js';
import { CustomerServiceMessageClient } from './customer-service-message.client.js';
import { MiniProgramLoginClient } from './mini-program-login.client.js';
import { PhoneNumberClient } from './phone-number.client.js';
import { SubscribeMessageClient } from './subscribe-message.client.js';
import { UnlimitedCodeClient } from './unlimited-code.client.js';
import { UserRiskRankClient } from './user-risk-rank.client.js';
import type { WechatConfig } from './wechat.config.js';
import { WechatApiHttp } from './wechat-api.http.js';

export interface WechatAdapters {
  readonly login: MiniProgramLoginClient;
  readonly accessTokens: AccessTokenProvider;
  readonly subscribeMessages: SubscribeMessageClient;
  readonly customerService: CustomerServiceMessageClient;
  readonly riskRank: UserRiskRankClient;
  readonly phoneNumbers: PhoneNumberClient;
  readonly unlimitedCodes: UnlimitedCodeClient;
}

/** Wires the mini-program platform adapters; the access token is shared through `pool`. */
export function createWechatAdapters(
  config: WechatConfig,
  pool: Pool,
  tokenOptions: Omit<AccessTokenProviderOptions, 'appid'> = {},
): WechatAdapters {
  const http = new WechatApiHttp(config);
  const accessTokens = new AccessTokenProvider(new AccessTokenRepository(pool), new AccessTokenClient(http, config), {
    appid: config.appid,
    ...tokenOptions,
  });
  return {
    login: new MiniProgramLoginClient(http, config),
    accessTokens,
    subscribeMessages: new SubscribeMessageClient(http, accessTokens),
    customerService: new CustomerServiceMessageClient(http, accessTokens),
    riskRank: new UserRiskRankClient(http, accessTokens, config),
    phoneNumbers: new PhoneNumberClient(http, accessTokens),
    unlimitedCodes: new UnlimitedCodeClient(accessTokens, config),
  };
}

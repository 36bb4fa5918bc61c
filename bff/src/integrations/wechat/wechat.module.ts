import { Module, type DynamicModule } from '@nestjs/common';
import type { Pool } from 'pg';
import { AccessTokenProvider } from './access-token.provider.js';
import { CustomerServiceMessageClient } from './customer-service-message.client.js';
import { MiniProgramLoginClient } from './mini-program-login.client.js';
import { PhoneNumberClient } from './phone-number.client.js';
import { SubscribeMessageClient } from './subscribe-message.client.js';
import { UnlimitedCodeClient } from './unlimited-code.client.js';
import { UserRiskRankClient } from './user-risk-rank.client.js';
import { createWechatAdapters, type WechatAdapters } from './wechat.adapters.js';
import type { WechatConfig } from './wechat.config.js';

const ADAPTERS = Symbol('WECHAT_ADAPTERS');

/** Exposes the mini-program clients. `configToken` provides a WechatConfig, `poolToken` a pg.Pool. */
@Module({})
export class WechatModule {
  static register(options: {
    configToken: string | symbol;
    poolToken: string | symbol;
    imports?: DynamicModule['imports'];
  }): DynamicModule {
    const from = <T>(pick: (a: WechatAdapters) => T) => ({ inject: [ADAPTERS], useFactory: pick });
    return {
      module: WechatModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: ADAPTERS,
          inject: [options.configToken, options.poolToken],
          useFactory: (config: WechatConfig, pool: Pool) => createWechatAdapters(config, pool),
        },
        { provide: MiniProgramLoginClient, ...from((a) => a.login) },
        { provide: AccessTokenProvider, ...from((a) => a.accessTokens) },
        { provide: SubscribeMessageClient, ...from((a) => a.subscribeMessages) },
        { provide: CustomerServiceMessageClient, ...from((a) => a.customerService) },
        { provide: UserRiskRankClient, ...from((a) => a.riskRank) },
        { provide: PhoneNumberClient, ...from((a) => a.phoneNumbers) },
        { provide: UnlimitedCodeClient, ...from((a) => a.unlimitedCodes) },
      ],
      exports: [
        MiniProgramLoginClient,
        AccessTokenProvider,
        SubscribeMessageClient,
        CustomerServiceMessageClient,
        UserRiskRankClient,
        PhoneNumberClient,
        UnlimitedCodeClient,
      ],
    };
  }
}

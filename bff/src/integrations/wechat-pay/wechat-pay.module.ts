import { Module, type DynamicModule } from '@nestjs/common';
import { WechatPayNotificationVerifier } from './notification-verifier.js';
import { TransferBillClient } from './transfer-bill.client.js';
import { createWechatPayAdapters, type WechatPayAdapters } from './wechat-pay.adapters.js';
import type { WechatPayConfig } from './wechat-pay.config.js';
import { WechatPayGateway } from './wechat-pay.gateway.js';

const ADAPTERS = Symbol('WECHAT_PAY_ADAPTERS');

/**
 * Exposes WechatPayGateway, TransferBillClient and WechatPayNotificationVerifier.
 * `configToken` is whatever core/config provides a WechatPayConfig under.
 */
@Module({})
export class WechatPayModule {
  static register(options: { configToken: string | symbol; imports?: DynamicModule['imports'] }): DynamicModule {
    return {
      module: WechatPayModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: ADAPTERS,
          inject: [options.configToken],
          useFactory: (config: WechatPayConfig) => createWechatPayAdapters(config),
        },
        { provide: WechatPayGateway, inject: [ADAPTERS], useFactory: (a: WechatPayAdapters) => a.gateway },
        { provide: TransferBillClient, inject: [ADAPTERS], useFactory: (a: WechatPayAdapters) => a.transferBills },
        {
          provide: WechatPayNotificationVerifier,
          inject: [ADAPTERS],
          useFactory: (a: WechatPayAdapters) => a.notifications,
        },
      ],
      exports: [WechatPayGateway, TransferBillClient, WechatPayNotificationVerifier],
    };
  }
}

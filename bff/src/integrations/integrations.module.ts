import { Global, Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../core/config/integrations-config.js';
import { FlightDataClient } from './flight-data/flight-data.client.js';
import { WeatherDataClient } from './weather-data/weather-data.client.js';
import { WechatPayModule } from './wechat-pay/wechat-pay.module.js';
import { WechatModule } from './wechat/wechat.module.js';

const WECHAT_PAY_CONFIG = Symbol('WECHAT_PAY_CONFIG');
const WECHAT_CONFIG = Symbol('WECHAT_CONFIG');
const PG_POOL = Symbol('PG_POOL');

/** Every outside system's production adapter, built once from the validated configuration. */
@Global()
@Module({})
export class IntegrationsModule {
  static forRoot(integrations: IntegrationsConfig): DynamicModule {
    const configModule: DynamicModule = {
      module: class IntegrationsConfigModule {},
      global: true,
      providers: [
        { provide: INTEGRATIONS_CONFIG, useValue: integrations },
        { provide: WECHAT_PAY_CONFIG, useValue: integrations.wechatPay },
        { provide: WECHAT_CONFIG, useValue: integrations.wechat },
        // The access-token cache shares TypeORM's pool rather than opening another.
        {
          provide: PG_POOL,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource) => (dataSource.driver as unknown as { master: Pool }).master,
        },
      ],
      exports: [INTEGRATIONS_CONFIG, WECHAT_PAY_CONFIG, WECHAT_CONFIG, PG_POOL],
    };
    const wechatPay = WechatPayModule.register({ configToken: WECHAT_PAY_CONFIG, imports: [configModule] });
    const wechat = WechatModule.register({ configToken: WECHAT_CONFIG, poolToken: PG_POOL, imports: [configModule] });
    return {
      module: IntegrationsModule,
      imports: [configModule, wechatPay, wechat],
      providers: [
        { provide: FlightDataClient, useFactory: () => new FlightDataClient(integrations.flightData) },
        { provide: WeatherDataClient, useFactory: () => new WeatherDataClient(integrations.weatherData) },
      ],
      exports: [configModule, wechatPay, wechat, FlightDataClient, WeatherDataClient],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from './core/config/app-config.js';
import { ConfigModule } from './core/config/config.module.js';
import { dataSourceOptions } from './core/database/data-source.factory.js';
import { AppExceptionFilter } from './core/errors/app-exception.filter.js';
import { LoggingModule } from './core/logging/logging.module.js';
import { DatabaseModule } from './core/database/database.module.js';
import { JobsModule } from './core/jobs/jobs.module.js';
import { CatalogModule } from './modules/catalog/catalog.module.js';
import { FlightModule } from './modules/flight/flight.module.js';
import { IdentityModule } from './modules/identity/identity.module.js';
import { QuoteModule } from './modules/quote/quote.module.js';
import { OrderModule } from './modules/order/order.module.js';
import { PolicyModule } from './modules/policy/policy.module.js';
import { NotificationModule } from './modules/notification/notification.module.js';
import { AppConfigModule } from './modules/app/app-config.module.js';
import { DevSimModule } from './modules/dev-sim/dev-sim.module.js';
import { RateLimitModule } from './core/rate-limit/rate-limit.module.js';
import { IntegrationsModule } from './integrations/integrations.module.js';
import { CryptoModule } from './core/crypto/crypto.module.js';
import type { IntegrationsConfig } from './core/config/integrations-config.js';
import { HealthModule } from './modules/health/health.module.js';
import { ClaimModule } from './modules/claim/claim.module.js';
import { TriggerModule } from './modules/trigger/trigger.module.js';
import { PayoutModule } from './modules/payout/payout.module.js';
import { StaffModule } from './modules/staff/staff.module.js';
import { CampaignModule } from './modules/campaign/campaign.module.js';
import { ClockModule } from './core/clock/clock.js';
import { WeatherModule } from './modules/weather/weather.module.js';
import { SupportDeskModule } from './modules/support-desk/support-desk.module.js';
import { SupportModule } from './modules/support/support.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig & { databaseUrl: string }, integrations: IntegrationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions({ url: config.databaseUrl }), migrationsRun: false }),
        DatabaseModule,
        JobsModule,
        ClockModule,
        CryptoModule,
        IntegrationsModule.forRoot(integrations),
        HealthModule,
        CatalogModule,
        RateLimitModule,
        IdentityModule,
        FlightModule,
        QuoteModule,
        OrderModule,
        PolicyModule,
        NotificationModule,
        ClaimModule,
        TriggerModule,
        PayoutModule,
        StaffModule,
        CampaignModule,
        WeatherModule,
        SupportDeskModule,
        SupportModule,
        AppConfigModule,
        ...(config.simulator.enabled ? [DevSimModule] : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: AppExceptionFilter }],
    };
  }
}

import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClaimModule } from '../claim/claim.module.js';
import { FlightModule } from '../flight/flight.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { WeatherModule } from '../weather/weather.module.js';
import { AppendSalesTrailUseCase } from './append-sales-trail.use-case.js';
import { CreateOrderUseCase } from './create-order.use-case.js';
import { GetOrderUseCase } from './get-order.use-case.js';
import { ListPaymentMismatchesUseCase } from './list-payment-mismatches.use-case.js';
import { ListOrdersUseCase } from './list-orders.use-case.js';
import { OrderPrepay } from './order-prepay.js';
import { ResumeOrderPaymentUseCase } from './resume-order-payment.use-case.js';
import { OrderController } from './order.controller.js';
import { OrderJobs } from './order.jobs.js';
import { ReconcileOrdersUseCase } from './reconcile-orders.use-case.js';
import { RefundOrderUseCase } from './refund-order.use-case.js';
import { SettlePaidOrderUseCase } from './settle-paid-order.use-case.js';
import { SettlePaidOrdersUseCase } from './settle-paid-orders.use-case.js';
import { WechatPayNotifyController } from './wechatpay-notify.controller.js';
import { SavedInsureds } from './saved-insureds.repository.js';
import { SavedInsuredsController } from './saved-insureds.controller.js';

@Module({
  imports: [CatalogModule, ClaimModule, FlightModule, PolicyModule, WeatherModule],
  controllers: [OrderController, WechatPayNotifyController, SavedInsuredsController],
  providers: [
    AppendSalesTrailUseCase,
    SavedInsureds,
    CreateOrderUseCase,
    GetOrderUseCase,
    ListOrdersUseCase,
    ResumeOrderPaymentUseCase,
    OrderPrepay,
    ListPaymentMismatchesUseCase,
    SettlePaidOrderUseCase,
    SettlePaidOrdersUseCase,
    RefundOrderUseCase,
    ReconcileOrdersUseCase,
    OrderJobs,
  ],
  exports: [SettlePaidOrderUseCase, ReconcileOrdersUseCase, ListPaymentMismatchesUseCase],
})
export class OrderModule {}

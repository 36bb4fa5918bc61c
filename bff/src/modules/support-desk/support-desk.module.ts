import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClaimModule } from '../claim/claim.module.js';
import { OrderModule } from '../order/order.module.js';
import { PayoutModule } from '../payout/payout.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { CancelPolicyOnRequestUseCase } from './cancel-policy-on-request.use-case.js';
import { Customer360Repository } from './customer-360.repository.js';
import { DeskAudit } from './desk-audit.service.js';
import { GetCustomer360UseCase } from './get-customer-360.use-case.js';
import { GetOperationsDashboardUseCase } from './get-operations-dashboard.use-case.js';
import { GetPolicyDocumentForStaffUseCase } from './get-policy-document-for-staff.use-case.js';
import { ListProductVersionsUseCase } from './list-product-versions.use-case.js';
import { OperationsDashboardController } from './operations-dashboard.controller.js';
import { OperationsDashboardRepository } from './operations-dashboard.repository.js';
import { PhoneIndexBackfill } from './phone-index.backfill.js';
import { ReofferPayoutOnRequestUseCase } from './reoffer-payout-on-request.use-case.js';
import { ReplaySalesTrailUseCase } from './replay-sales-trail.use-case.js';
import { RevealInsuredIdentityUseCase } from './reveal-insured-identity.use-case.js';
import { SearchCustomersUseCase } from './search-customers.use-case.js';
import { StaffMoneyController } from './staff-money.controller.js';
import { SupportDeskController } from './support-desk.controller.js';

/** Customer service's desk and the admin's operations dashboard (issue 10). */
@Module({
  imports: [StaffModule, CatalogModule, ClaimModule, OrderModule, PayoutModule, PolicyModule],
  controllers: [SupportDeskController, OperationsDashboardController, StaffMoneyController],
  providers: [
    Customer360Repository,
    OperationsDashboardRepository,
    DeskAudit,
    SearchCustomersUseCase,
    GetCustomer360UseCase,
    RevealInsuredIdentityUseCase,
    ReplaySalesTrailUseCase,
    GetPolicyDocumentForStaffUseCase,
    CancelPolicyOnRequestUseCase,
    ReofferPayoutOnRequestUseCase,
    GetOperationsDashboardUseCase,
    ListProductVersionsUseCase,
    PhoneIndexBackfill,
  ],
})
export class SupportDeskModule {}

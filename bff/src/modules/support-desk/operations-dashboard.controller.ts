import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  operationsDashboardSchema,
  productVersionListSchema,
  type OperationsDashboard,
  type ProductVersionList,
} from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAuthGuard } from '../staff/staff-auth.guard.js';
import { GetOperationsDashboardUseCase } from './get-operations-dashboard.use-case.js';
import { ListProductVersionsUseCase } from './list-product-versions.use-case.js';

/** The operations dashboard (admin) and the product versions on record (every role that may read them). */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/dashboard')
export class OperationsDashboardController {
  constructor(
    private readonly dashboard: GetOperationsDashboardUseCase,
    private readonly versions: ListProductVersionsUseCase,
  ) {}

  @Get()
  @StaffCan('read', 'Dashboard')
  @ApiOperation({ summary: 'Today’s sales, policies in force, claims, payouts and WeChat errors, capacity used' })
  @ApiOkResponse({ schema: openApiSchema(operationsDashboardSchema) })
  today(@CurrentStaff() staff: AuthenticatedStaff): Promise<OperationsDashboard> {
    return this.dashboard.execute(staff);
  }

  @Get('products')
  @StaffCan('read', 'ProductVersion')
  @ApiOperation({ summary: 'Every product version with its terms, clauses and exclusions (read-only)' })
  @ApiOkResponse({ schema: openApiSchema(productVersionListSchema) })
  products(@CurrentStaff() staff: AuthenticatedStaff): Promise<ProductVersionList> {
    return this.versions.execute(staff);
  }
}

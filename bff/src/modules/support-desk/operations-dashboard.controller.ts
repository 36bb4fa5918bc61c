import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { operationsDashboardSchema, productVersionListSchema, type OperationsDashboard, type ProductVersionList } from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { CurrentStaff, StaffRoles, type AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAuthGuard } from '../staff/staff-auth.guard.js';
import type { StaffRequestOrigin } from './desk-audit.js';
import { GetOperationsDashboardUseCase } from './get-operations-dashboard.use-case.js';
import { ListProductVersionsUseCase } from './list-product-versions.use-case.js';
import { StaffOrigin } from './staff-request-origin.decorator.js';

/** The operations dashboard and the product versions on record: admin only (no other role listed). */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@StaffRoles()
@Controller('v1/staff/dashboard')
export class OperationsDashboardController {
  constructor(
    private readonly dashboard: GetOperationsDashboardUseCase,
    private readonly versions: ListProductVersionsUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Today’s sales, policies in force, claims, payouts and WeChat errors, capacity used' })
  @ApiOkResponse({ schema: openApiSchema(operationsDashboardSchema) })
  today(@CurrentStaff() staff: AuthenticatedStaff, @StaffOrigin() origin: StaffRequestOrigin): Promise<OperationsDashboard> {
    return this.dashboard.execute(staff, origin);
  }

  @Get('products')
  @ApiOperation({ summary: 'Every product version with its terms, clauses and exclusions (read-only)' })
  @ApiOkResponse({ schema: openApiSchema(productVersionListSchema) })
  products(@CurrentStaff() staff: AuthenticatedStaff, @StaffOrigin() origin: StaffRequestOrigin): Promise<ProductVersionList> {
    return this.versions.execute(staff, origin);
  }
}

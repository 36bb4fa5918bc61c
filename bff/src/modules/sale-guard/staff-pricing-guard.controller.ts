import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  staffLossRatioListResponseSchema,
  staffLossRatioQuerySchema,
  staffRouteStopSaleListResponseSchema,
  staffRouteStopSaleRequestSchema,
  staffRouteStopSaleSchema,
  type StaffLossRatioListResponse,
  type StaffRouteStopSale,
  type StaffRouteStopSaleListResponse,
} from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { StaffAuthGuard } from '../staff/staff-auth.guard.js';
import { LiftRouteStopSaleUseCase } from './lift-route-stop-sale.use-case.js';
import { ListVersionLossRatiosUseCase } from './list-version-loss-ratios.use-case.js';
import { SaleGuardRepository } from './sale-guard.repository.js';
import { SetRouteStopSaleUseCase, toRouteStopSale } from './set-route-stop-sale.use-case.js';

/**
 * Live guard rails on flight-delay sales (issue 16, ADR 0006): the running loss ratio per product
 * version, and per-route stop-sales for adverse weather. Support and admin; every call audited.
 */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/pricing')
export class StaffPricingGuardController {
  constructor(
    private readonly lossRatios: ListVersionLossRatiosUseCase,
    private readonly setStop: SetRouteStopSaleUseCase,
    private readonly liftStop: LiftRouteStopSaleUseCase,
    private readonly repository: SaleGuardRepository,
    private readonly audit: StaffAudit,
  ) {}

  @Get('loss-ratios')
  @StaffCan('read', 'Pricing')
  @ApiOperation({
    summary: 'Running loss ratio (approved claims ÷ earned premium) of each flight-delay version, and its sale stop',
  })
  @ApiOkResponse({ schema: openApiSchema(staffLossRatioListResponseSchema) })
  async listLossRatios(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Query() query: unknown,
  ): Promise<StaffLossRatioListResponse> {
    const { windowDays } = parseWith(staffLossRatioQuerySchema, query);
    const items = await this.lossRatios.execute(windowDays);
    await this.audit.record(staff, {
      action: 'loss_ratios_list',
      resourceType: 'product_version',
      detail: { windowDays: windowDays ?? null },
    });
    return { items };
  }

  @Get('route-stop-sales')
  @StaffCan('read', 'Pricing')
  @ApiOperation({ summary: 'Routes whose sales staff stopped for adverse weather (open ones)' })
  @ApiOkResponse({ schema: openApiSchema(staffRouteStopSaleListResponseSchema) })
  async listRouteStops(@CurrentStaff() staff: AuthenticatedStaff): Promise<StaffRouteStopSaleListResponse> {
    const rows = await this.repository.openRouteStops();
    await this.audit.record(staff, { action: 'route_stop_sales_list', resourceType: 'route_stop_sale' });
    return { items: rows.map(toRouteStopSale) };
  }

  @Post('route-stop-sales')
  @StaffCan('update', 'Pricing')
  @HttpCode(201)
  @ApiOperation({ summary: 'Stop selling flight-delay cover on a route (adverse weather)' })
  @ApiBody({ schema: openApiSchema(staffRouteStopSaleRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(staffRouteStopSaleSchema) })
  async setRouteStop(@CurrentStaff() staff: AuthenticatedStaff, @Body() body: unknown): Promise<StaffRouteStopSale> {
    const request = parseWith(staffRouteStopSaleRequestSchema, body);
    const stop = await this.setStop.execute(request, staff.username);
    await this.audit.record(staff, {
      action: 'route_stop_sale_set',
      resourceType: 'route_stop_sale',
      resourceId: stop.id,
      detail: { ...request },
    });
    return stop;
  }

  @Post('route-stop-sales/:id/lift')
  @StaffCan('update', 'Pricing')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a route once the weather has passed' })
  @ApiOkResponse({ schema: openApiSchema(staffRouteStopSaleSchema) })
  async liftRouteStop(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string): Promise<StaffRouteStopSale> {
    const stop = await this.liftStop.execute(id, staff.username);
    await this.audit.record(staff, {
      action: 'route_stop_sale_lifted',
      resourceType: 'route_stop_sale',
      resourceId: id,
      detail: { origin: stop.origin, destination: stop.destination },
    });
    return stop;
  }
}

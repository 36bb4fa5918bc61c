import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  weatherReviewFlagListQuerySchema,
  weatherReviewFlagListResponseSchema,
  weatherReviewFlagResolveSchema,
  weatherReviewFlagSchema,
  type WeatherReviewFlag,
  type WeatherReviewFlagListResponse,
} from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { StaffAuthGuard } from '../staff/staff-auth.guard.js';
import { WeatherReviewFlagRepository } from './weather-review-flag.repository.js';

/**
 * Weather readings corrected after settlement (ADR 0008): nothing is clawed back; customer service
 * reviews each one and records what was decided. Every access is audited.
 */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/weather-flags')
export class StaffWeatherFlagsController {
  constructor(
    private readonly flags: WeatherReviewFlagRepository,
    private readonly audit: StaffAudit,
  ) {}

  @Get()
  @StaffCan('read', 'WeatherFlag')
  @ApiOperation({ summary: 'Weather readings corrected after settlement (default: the open ones, oldest first)' })
  @ApiOkResponse({ schema: openApiSchema(weatherReviewFlagListResponseSchema) })
  async list(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Query() query: unknown,
  ): Promise<WeatherReviewFlagListResponse> {
    const { open, limit } = parseWith(weatherReviewFlagListQuerySchema, query);
    const items = await this.flags.list(open, limit);
    await this.audit.record(staff, { action: 'weather_flags_list', resourceType: 'weather_flag', detail: { open } });
    return { items };
  }

  @Post(':id/resolve')
  @StaffCan('resolve', 'WeatherFlag')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record what was decided about a corrected reading' })
  @ApiBody({ schema: openApiSchema(weatherReviewFlagResolveSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(weatherReviewFlagSchema) })
  async resolve(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<WeatherReviewFlag> {
    const { resolution } = parseWith(weatherReviewFlagResolveSchema, body);
    if (!/^\d{1,18}$/.test(id)) throw new AppException('NOT_FOUND');
    const resolved = await this.flags.resolve(id, staff.username, resolution);
    if (!resolved) throw new AppException('CONFLICT', { reason: 'no open flag with this id' });
    await this.audit.record(staff, {
      action: 'weather_flag_resolved',
      resourceType: 'weather_flag',
      resourceId: id,
      reason: resolution.slice(0, 500),
    });
    const flag = await this.flags.find(id);
    if (!flag) throw new AppException('NOT_FOUND');
    return flag;
  }
}

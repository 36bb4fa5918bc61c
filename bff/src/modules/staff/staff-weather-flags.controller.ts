import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  weatherReviewFlagListQuerySchema,
  weatherReviewFlagListResponseSchema,
  weatherReviewFlagResolveSchema,
  weatherReviewFlagSchema,
  type WeatherReviewFlag,
  type WeatherReviewFlagListResponse,
} from '@xiaoan/shared';
import { rowsOf } from '../../core/database/rows-of.js';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from './authenticated-staff.js';
import { StaffAudit } from './staff-audit.js';
import { StaffAuthGuard } from './staff-auth.guard.js';

interface FlagRow {
  id: string;
  place_code: string;
  place_name: string;
  kind: 'daily_max' | 'hourly_precip';
  reading_date: string;
  settled_hundredths: number;
  corrected_hundredths: number;
  note: string;
  policies_affected: number;
  created_at: Date;
  resolved_at: Date | null;
  resolution: string | null;
}

const FLAG_SELECT = `
  SELECT f.id::text, f.place_code, w.name AS place_name, f.kind, to_char(f.reading_date, 'YYYY-MM-DD') AS reading_date,
         f.settled_hundredths, f.corrected_hundredths, f.note, f.created_at, f.resolved_at, f.resolution,
         (SELECT count(*)::int FROM policies p
           WHERE p.place_code = f.place_code AND p.cover_start_date <= f.reading_date AND p.cover_end_date >= f.reading_date
             AND p.status <> 'cancelled') AS policies_affected
    FROM weather_review_flags f JOIN weather_places w ON w.code = f.place_code`;

const toFlag = (row: FlagRow): WeatherReviewFlag => ({
  id: row.id,
  placeCode: row.place_code,
  placeName: row.place_name,
  kind: row.kind,
  readingDate: row.reading_date,
  settledValue: row.settled_hundredths / 100,
  correctedValue: row.corrected_hundredths / 100,
  note: row.note,
  policiesAffected: row.policies_affected,
  createdAt: row.created_at.toISOString(),
  resolvedAt: row.resolved_at ? row.resolved_at.toISOString() : null,
  resolution: row.resolution,
});

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: StaffAudit,
  ) {}

  @Get()
  @StaffCan('read', 'WeatherFlag')
  @ApiOperation({ summary: 'Weather readings corrected after settlement (default: the open ones, oldest first)' })
  @ApiOkResponse({ schema: openApiSchema(weatherReviewFlagListResponseSchema) })
  async list(@CurrentStaff() staff: AuthenticatedStaff, @Query() query: unknown): Promise<WeatherReviewFlagListResponse> {
    const { open, limit } = parseWith(weatherReviewFlagListQuerySchema, query);
    const rows = (await this.dataSource.query(
      `${FLAG_SELECT} WHERE (f.resolved_at IS NULL) = $1 ORDER BY f.created_at, f.id LIMIT $2`,
      [open, limit],
    )) as FlagRow[];
    await this.audit.record(staff, { action: 'weather_flags_list', resourceType: 'weather_flag', detail: { open } });
    return { items: rows.map(toFlag) };
  }

  @Post(':id/resolve')
  @StaffCan('resolve', 'WeatherFlag')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record what was decided about a corrected reading' })
  @ApiBody({ schema: openApiSchema(weatherReviewFlagResolveSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(weatherReviewFlagSchema) })
  async resolve(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string, @Body() body: unknown): Promise<WeatherReviewFlag> {
    const { resolution } = parseWith(weatherReviewFlagResolveSchema, body);
    if (!/^\d{1,18}$/.test(id)) throw new AppException('NOT_FOUND');
    const updated = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE weather_review_flags SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE id = $1 AND resolved_at IS NULL RETURNING id`,
        [id, staff.username, resolution],
      ),
    );
    if (updated.length === 0) throw new AppException('CONFLICT', { reason: 'no open flag with this id' });
    await this.audit.record(staff, { action: 'weather_flag_resolved', resourceType: 'weather_flag', resourceId: id, reason: resolution.slice(0, 500) });
    const [row] = (await this.dataSource.query(`${FLAG_SELECT} WHERE f.id = $1`, [id])) as FlagRow[];
    return toFlag(row!);
  }
}

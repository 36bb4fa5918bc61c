import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditLogListResponseSchema, auditLogQuerySchema, type AuditLogListResponse } from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { StaffCan } from './authenticated-staff.js';
import { StaffAuditRepository } from './staff-audit.repository.js';
import { StaffAuthGuard } from './staff-auth.guard.js';

/** The audit trail (admin): who did what to which customer or policy, when, from where, why. */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/audit-log')
export class StaffAuditController {
  constructor(private readonly auditLog: StaffAuditRepository) {}

  @Get()
  @StaffCan('read', 'AuditLog')
  @ApiOperation({
    summary: 'Audit rows filtered by staff, action, customer, policy or time range; newest first, paginated',
  })
  @ApiOkResponse({ schema: openApiSchema(auditLogListResponseSchema) })
  list(@Query() query: unknown): Promise<AuditLogListResponse> {
    return this.auditLog.list(parseWith(auditLogQuerySchema, query));
  }
}

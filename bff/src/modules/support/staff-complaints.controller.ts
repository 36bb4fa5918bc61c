import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  COMPLAINT_REMINDER_LEAD_MS,
  complaintExtendSchema,
  complaintListQuerySchema,
  complaintListSchema,
  complaintOutcomeSchema,
  complaintReminderListSchema,
  type Complaint,
} from '@xiaoan/shared';
import { z } from 'zod';
import { Clock } from '../../core/clock/clock.js';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { StaffAuthGuard } from '../staff/staff-auth.guard.js';
import { ComplaintRepository, toComplaint } from './complaint.repository.js';
import { ExtendComplaintUseCase } from './extend-complaint.use-case.js';
import { RecordComplaintOutcomeUseCase } from './record-complaint-outcome.use-case.js';
import { SlaQueries, type SlaFigures } from './sla.queries.js';

const slaQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

/** Complaint tickets with their regulatory clock (compliance.md row 6), and the service-level figures. */
@ApiTags('staff-support')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/support')
export class StaffComplaintsController {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly extend: ExtendComplaintUseCase,
    private readonly outcome: RecordComplaintOutcomeUseCase,
    private readonly sla: SlaQueries,
    private readonly audit: StaffAudit,
    private readonly clock: Clock,
  ) {}

  @Get('complaints')
  @StaffCan('read', 'Complaint')
  @ApiOperation({ summary: 'Complaints: open (default), due_soon, overdue, closed or all, nearest deadline first' })
  @ApiOkResponse({ schema: openApiSchema(complaintListSchema) })
  async list(@Query() query: unknown): Promise<{ items: Complaint[] }> {
    const { state } = parseWith(complaintListQuerySchema, query);
    const now = this.clock.now();
    return {
      items: (await this.complaints.list(state, now, COMPLAINT_REMINDER_LEAD_MS)).map((row) => toComplaint(row, now)),
    };
  }

  @Get('complaints/reminders')
  @StaffCan('read', 'Complaint')
  @ApiOperation({ summary: 'Open complaints the deadline sweep has reminded about' })
  @ApiOkResponse({ schema: openApiSchema(complaintReminderListSchema) })
  async reminders(): Promise<z.infer<typeof complaintReminderListSchema>> {
    const rows = await this.complaints.reminders();
    return {
      items: rows.map((row) => ({
        complaintId: row.id,
        conversationId: row.conversation_id,
        deadline: new Date(row.deadline).toISOString(),
        remindedAt: new Date(row.reminded_at).toISOString(),
        summary: row.summary,
      })),
    };
  }

  @Get('complaints/:id')
  @StaffCan('read', 'Complaint')
  @ApiOperation({ summary: 'One complaint ticket (audited)' })
  async detail(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string): Promise<Complaint> {
    const row = await this.complaints.find(id);
    if (!row) throw new AppException('COMPLAINT_NOT_FOUND');
    await this.audit.record(staff, { action: 'complaint_read', resourceType: 'complaint', resourceId: row.id });
    return toComplaint(row, this.clock.now());
  }

  @Post('complaints/:id/extension')
  @StaffCan('update', 'Complaint')
  @HttpCode(204)
  @ApiOperation({ summary: 'Record an extension (deadline: 60 days after acceptance), with its reason' })
  @ApiBody({ schema: openApiSchema(complaintExtendSchema, 'input') })
  async extendOne(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const { reason } = parseWith(complaintExtendSchema, body);
    await this.extend.execute({ complaintId: id, staff, reason });
  }

  @Post('complaints/:id/outcome')
  @StaffCan('update', 'Complaint')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the decision, close the ticket and send the decision to the user' })
  @ApiBody({ schema: openApiSchema(complaintOutcomeSchema, 'input') })
  async decide(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<{ sentAs: string }> {
    const { outcome } = parseWith(complaintOutcomeSchema, body);
    return this.outcome.execute({ complaintId: id, staff, outcome });
  }

  @Get('sla')
  @StaffCan('read', 'Conversation')
  @ApiOperation({ summary: 'First-response and resolution times, ratings — overall and per agent' })
  async figures(@Query() query: unknown): Promise<SlaFigures> {
    const { days } = parseWith(slaQuerySchema, query);
    return this.sla.since(new Date(this.clock.now().getTime() - days * 86_400_000));
  }
}

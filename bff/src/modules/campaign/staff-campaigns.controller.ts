import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  campaignAnalyticsSchema,
  type CampaignAnalytics,
  campaignDefinitionSchema,
  staffCampaignListResponseSchema,
  staffCampaignReviewSchema,
  staffCampaignSchema,
  staffCampaignVersionListSchema,
  type StaffCampaign,
  type StaffCampaignVersionList,
  type StaffCampaignListResponse,
} from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { isUuid } from '../claim/claim.queries.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAuthGuard } from '../staff/staff-auth.guard.js';
import { analyticsCsv, CampaignAnalyticsUseCase } from './campaign-analytics.use-case.js';
import { CampaignRepository, toStaffCampaign } from './campaign.repository.js';
import { ChangeCampaignStatusUseCase } from './change-campaign-status.use-case.js';
import { CreateCampaignUseCase } from './create-campaign.use-case.js';
import { ReviewCampaignUseCase } from './review-campaign.use-case.js';
import { SubmitCampaignUseCase } from './submit-campaign.use-case.js';
import { UpdateCampaignUseCase } from './update-campaign.use-case.js';

const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const idOf = (id: string): string => {
  if (!isUuid(id)) throw new AppException('CAMPAIGN_NOT_FOUND');
  return id;
};

/**
 * Campaigns for marketing (write, submit) and admins (approve / reject, pause / resume / end).
 * Every access is audited by the guard; every change by its use case.
 */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/campaigns')
export class StaffCampaignsController {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly createCampaign: CreateCampaignUseCase,
    private readonly updateCampaign: UpdateCampaignUseCase,
    private readonly submitCampaign: SubmitCampaignUseCase,
    private readonly reviewCampaign: ReviewCampaignUseCase,
    private readonly changeStatus: ChangeCampaignStatusUseCase,
    private readonly analytics: CampaignAnalyticsUseCase,
  ) {}

  @Get()
  @StaffCan('read', 'Campaign')
  @ApiOperation({ summary: 'Campaigns, most recently changed first' })
  @ApiOkResponse({ schema: openApiSchema(staffCampaignListResponseSchema) })
  async list(@Query() query: unknown): Promise<StaffCampaignListResponse> {
    const { limit } = parseWith(listQuerySchema, query);
    return { items: (await this.campaigns.list(limit)).map(toStaffCampaign) };
  }

  @Post()
  @StaffCan('create', 'Campaign')
  @HttpCode(201)
  @ApiOperation({ summary: 'Write a new campaign (a draft)' })
  @ApiBody({ schema: openApiSchema(campaignDefinitionSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(staffCampaignSchema) })
  create(@CurrentStaff() staff: AuthenticatedStaff, @Body() body: unknown): Promise<StaffCampaign> {
    return this.createCampaign.execute(staff, parseWith(campaignDefinitionSchema, body));
  }

  @Get(':id')
  @StaffCan('read', 'Campaign')
  @ApiOkResponse({ schema: openApiSchema(staffCampaignSchema) })
  async get(@Param('id') id: string): Promise<StaffCampaign> {
    const row = await this.campaigns.find(idOf(id));
    if (!row) throw new AppException('CAMPAIGN_NOT_FOUND');
    return toStaffCampaign(row);
  }

  @Get(':id/analytics')
  @StaffCan('read', 'Campaign')
  @ApiOperation({ summary: 'Funnel, cost per day against the budget, top sharers (masked) and K-factor (audited)' })
  @ApiOkResponse({ schema: openApiSchema(campaignAnalyticsSchema) })
  analyticsOf(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string): Promise<CampaignAnalytics> {
    return this.analytics.execute(staff, idOf(id));
  }

  @Get(':id/analytics.csv')
  @StaffCan('read', 'Campaign')
  @ApiOperation({ summary: 'The same analytics as CSV (UTF-8 with BOM; audited)' })
  @ApiProduces('text/csv')
  async analyticsCsvOf(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const csv = analyticsCsv(await this.analytics.execute(staff, idOf(id), 'csv'));
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="campaign-${id}-analytics.csv"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  }

  @Get(':id/versions')
  @StaffCan('read', 'Campaign')
  @ApiOperation({ summary: 'The archived published versions (immutable), newest first' })
  @ApiOkResponse({ schema: openApiSchema(staffCampaignVersionListSchema) })
  async versions(@Param('id') id: string): Promise<StaffCampaignVersionList> {
    const row = await this.campaigns.find(idOf(id));
    if (!row) throw new AppException('CAMPAIGN_NOT_FOUND');
    const rows = await this.campaigns.versions(row.id);
    return {
      items: rows.map((v) => ({
        version: v.version,
        definition: v.definition,
        submittedBy: v.submitted_by,
        approvedBy: v.approved_by,
        publishedAt: v.published_at.toISOString(),
      })),
    };
  }

  @Put(':id')
  @StaffCan('update', 'Campaign')
  @ApiOperation({ summary: 'Rewrite a draft' })
  @ApiBody({ schema: openApiSchema(campaignDefinitionSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(staffCampaignSchema) })
  update(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<StaffCampaign> {
    return this.updateCampaign.execute(staff, idOf(id), parseWith(campaignDefinitionSchema, body));
  }

  @Post(':id/submit')
  @StaffCan('update', 'Campaign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a draft to review; refused with CAMPAIGN_NOT_COMPLIANT naming each broken rule' })
  @ApiOkResponse({ schema: openApiSchema(staffCampaignSchema) })
  submit(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string): Promise<StaffCampaign> {
    return this.submitCampaign.execute(staff, idOf(id));
  }

  @Post(':id/review')
  @StaffCan('publish', 'Campaign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: approve (checked again, published, archived) or reject back to draft' })
  @ApiBody({ schema: openApiSchema(staffCampaignReviewSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(staffCampaignSchema) })
  review(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<StaffCampaign> {
    return this.reviewCampaign.execute(staff, idOf(id), parseWith(staffCampaignReviewSchema, body));
  }

  @Post(':id/pause')
  @StaffCan('publish', 'Campaign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: pause a published campaign (no grants while paused)' })
  pause(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string): Promise<StaffCampaign> {
    return this.changeStatus.execute(staff, idOf(id), 'pause');
  }

  @Post(':id/resume')
  @StaffCan('publish', 'Campaign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: resume a paused campaign (its archived version is checked again)' })
  resume(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string): Promise<StaffCampaign> {
    return this.changeStatus.execute(staff, idOf(id), 'resume');
  }

  @Post(':id/end')
  @StaffCan('publish', 'Campaign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: end a campaign for good' })
  end(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string): Promise<StaffCampaign> {
    return this.changeStatus.execute(staff, idOf(id), 'end');
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  staffClaimDecisionSchema,
  staffClaimListQuerySchema,
  staffClaimListResponseSchema,
  staffClaimSchema,
  type StaffClaim,
  type StaffClaimListResponse,
} from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { productKind } from '../../products/index.js';
import type { ClaimRow } from '../claim/claim.record.js';
import { ClaimQueries, isUuid } from '../claim/claim.queries.js';
import { DecideClaimUseCase } from '../claim/decide-claim.use-case.js';
import { toClaimDetail } from '../claim/domain/claim-view.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from './authenticated-staff.js';
import { StaffAudit } from './staff-audit.service.js';
import { StaffAuthGuard } from './staff-auth.guard.js';

/** Customer service's claim desk: the manual-review queue and its decisions. Every access is audited. */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/claims')
export class StaffClaimsController {
  constructor(
    private readonly claims: ClaimQueries,
    private readonly decide: DecideClaimUseCase,
    private readonly audit: StaffAudit,
  ) {}

  @Get()
  @StaffCan('read', 'Claim')
  @ApiOperation({ summary: 'Claims by status (default: the manual-review queue, oldest first)' })
  @ApiOkResponse({ schema: openApiSchema(staffClaimListResponseSchema) })
  async list(@CurrentStaff() staff: AuthenticatedStaff, @Query() query: unknown): Promise<StaffClaimListResponse> {
    const { status, limit } = parseWith(staffClaimListQuerySchema, query);
    const rows = await this.claims.rowsInStatus(status, limit);
    await this.audit.record(staff, {
      action: 'claims_list',
      resourceType: 'claim',
      detail: { status, claims: rows.length },
    });
    return { items: await Promise.all(rows.map((row) => this.toStaffClaim(row))) };
  }

  @Get(':id')
  @StaffCan('read', 'Claim')
  @ApiOperation({ summary: 'One claim with its evidence timeline' })
  @ApiOkResponse({ schema: openApiSchema(staffClaimSchema) })
  async detail(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string): Promise<StaffClaim> {
    const row = await this.claims.findRow(id);
    if (!row) throw new AppException('CLAIM_NOT_FOUND');
    // A claim names its insured (masked) and what they are covered for: a read of the customer's data, audited.
    await this.audit.record(staff, {
      action: 'claim_read',
      resourceType: 'claim',
      resourceId: row.id,
      customerId: row.customer_id,
      policyNo: row.policy_no,
    });
    return this.toStaffClaim(row);
  }

  @Post(':id/decision')
  @StaffCan('decide', 'Claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or reject a claim of the manual-review queue (with a reason)' })
  @ApiBody({ schema: openApiSchema(staffClaimDecisionSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(staffClaimSchema) })
  async decision(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<StaffClaim> {
    if (!isUuid(id)) throw new AppException('CLAIM_NOT_FOUND');
    const decision = parseWith(staffClaimDecisionSchema, body);
    const claim = await this.claims.findRow(id);
    if (!claim) throw new AppException('CLAIM_NOT_FOUND');
    await this.decide.execute({ claimId: id, decidedBy: staff.username, ...decision }, (tx) =>
      this.audit.record(
        staff,
        {
          action: `claim_${decision.decision}`,
          resourceType: 'claim',
          resourceId: id,
          customerId: claim.customer_id,
          policyNo: claim.policy_no,
          reason: decision.reason,
        },
        tx.manager,
      ),
    );
    const row = await this.claims.findRow(id);
    if (!row) throw new AppException('CLAIM_NOT_FOUND');
    return this.toStaffClaim(row);
  }

  private async toStaffClaim(row: ClaimRow): Promise<StaffClaim> {
    const facts = await this.claims.factsOf(row, { chart: true });
    return {
      ...toClaimDetail(facts),
      subject: productKind(facts.evidence.kind).staffSubject(facts.evidence),
      insuredNameMasked: row.insured_name_masked,
      decidedBy: row.decided_by,
    };
  }
}

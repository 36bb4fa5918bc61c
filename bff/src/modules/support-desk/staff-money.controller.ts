import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  staffPaymentMismatchListQuerySchema,
  staffPaymentMismatchListResponseSchema,
  staffPayoutProblemListQuerySchema,
  staffPayoutProblemListResponseSchema,
  type StaffPaymentMismatchListResponse,
  type StaffPayoutProblemListResponse,
} from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { ListPaymentMismatchesUseCase } from '../order/list-payment-mismatches.use-case.js';
import { ListPayoutProblemsUseCase } from '../payout/list-payout-problems.use-case.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { StaffAuthGuard } from '../staff/staff-auth.guard.js';

/**
 * Support's money desk: payments that did not match their order (refunded to the payer) and
 * transfer bills WeChat did not create. Support and admin (the staff policy); every read audited.
 */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff')
export class StaffMoneyController {
  constructor(
    private readonly mismatches: ListPaymentMismatchesUseCase,
    private readonly bills: ListPayoutProblemsUseCase,
    private readonly audit: StaffAudit,
  ) {}

  @Get('payment-mismatches')
  @ApiOperation({
    summary:
      'Payments that did not match their order (amount, currency, payer, merchant), newest first, with their refund',
  })
  @ApiOkResponse({ schema: openApiSchema(staffPaymentMismatchListResponseSchema) })
  @StaffCan('read', 'Order')
  async paymentMismatches(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Query() query: unknown,
  ): Promise<StaffPaymentMismatchListResponse> {
    const { limit } = parseWith(staffPaymentMismatchListQuerySchema, query);
    await this.audit.record(staff, { action: 'payment_mismatches_list', resourceType: 'order' });
    return { items: await this.mismatches.execute(limit) };
  }

  @Get('payout-problems')
  @ApiOperation({
    summary:
      'Transfer bills WeChat did not create: still CREATING after an error, or abandoned after a non-retryable one',
  })
  @ApiOkResponse({ schema: openApiSchema(staffPayoutProblemListResponseSchema) })
  @StaffCan('read', 'Payout')
  async payoutProblems(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Query() query: unknown,
  ): Promise<StaffPayoutProblemListResponse> {
    const { limit } = parseWith(staffPayoutProblemListQuerySchema, query);
    await this.audit.record(staff, { action: 'payout_problems_list', resourceType: 'payout_bill' });
    return { items: await this.bills.execute(limit) };
  }
}

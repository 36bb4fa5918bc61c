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
import { StaffRoles } from './authenticated-staff.js';
import { StaffAuthGuard } from './staff-auth.guard.js';

/**
 * Support's money desk: payments that did not match their order (refunded to the payer) and
 * transfer bills WeChat did not create. Support and admin; every access audited by the guard.
 */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@StaffRoles('support')
@Controller('v1/staff')
export class StaffMoneyController {
  constructor(
    private readonly mismatches: ListPaymentMismatchesUseCase,
    private readonly bills: ListPayoutProblemsUseCase,
  ) {}

  @Get('payment-mismatches')
  @ApiOperation({ summary: 'Payments that did not match their order (amount, currency, payer, merchant), newest first, with their refund' })
  @ApiOkResponse({ schema: openApiSchema(staffPaymentMismatchListResponseSchema) })
  async paymentMismatches(@Query() query: unknown): Promise<StaffPaymentMismatchListResponse> {
    const { limit } = parseWith(staffPaymentMismatchListQuerySchema, query);
    return { items: await this.mismatches.execute(limit) };
  }

  @Get('payout-problems')
  @ApiOperation({ summary: 'Transfer bills WeChat did not create: still CREATING after an error, or abandoned after a non-retryable one' })
  @ApiOkResponse({ schema: openApiSchema(staffPayoutProblemListResponseSchema) })
  async payoutProblems(@Query() query: unknown): Promise<StaffPayoutProblemListResponse> {
    const { limit } = parseWith(staffPayoutProblemListQuerySchema, query);
    return { items: await this.bills.execute(limit) };
  }
}

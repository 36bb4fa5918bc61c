import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  cancelPolicyResponseSchema,
  customer360Schema,
  customerSearchQuerySchema,
  customerSearchResponseSchema,
  reofferPayoutRequestSchema,
  reofferPayoutResponseSchema,
  revealedIdentitySchema,
  revealIdentityRequestSchema,
  salesReplaySchema,
  supportActionReasonSchema,
  type CancelPolicyResponse,
  type Customer360,
  type CustomerSearchResponse,
  type ReofferPayoutResponse,
  type RevealedIdentity,
  type SalesReplay,
} from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAuthGuard } from '../staff/staff-auth.guard.js';
import { CancelPolicyOnRequestUseCase } from './cancel-policy-on-request.use-case.js';
import { GetCustomer360UseCase } from './get-customer-360.use-case.js';
import { GetPolicyDocumentForStaffUseCase } from './get-policy-document-for-staff.use-case.js';
import { ReofferPayoutOnRequestUseCase } from './reoffer-payout-on-request.use-case.js';
import { ReplaySalesTrailUseCase } from './replay-sales-trail.use-case.js';
import { RevealInsuredIdentityUseCase } from './reveal-insured-identity.use-case.js';
import { SearchCustomersUseCase } from './search-customers.use-case.js';

/** A policy number in a path: anything else is a 404 before any query. */
const POLICY_NO = /^P[0-9A-Za-z]{6,24}$/;
const policyNoOf = (value: string): string => {
  if (!POLICY_NO.test(value)) throw new AppException('POLICY_NOT_FOUND');
  return value;
};

/**
 * Customer service's desk (each route names what the staff policy must allow): find a customer, read their story
 * masked, reveal the insured's full identity (a separate audited action), replay a sale beside the
 * version sold, open the e-policy, cancel before cover, re-offer a red packet. Every route is
 * audited by the guard, and every read of personal data and every action by its use case.
 */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/support')
export class SupportDeskController {
  constructor(
    private readonly search: SearchCustomersUseCase,
    private readonly customer360: GetCustomer360UseCase,
    private readonly reveal: RevealInsuredIdentityUseCase,
    private readonly replay: ReplaySalesTrailUseCase,
    private readonly document: GetPolicyDocumentForStaffUseCase,
    private readonly cancel: CancelPolicyOnRequestUseCase,
    private readonly reoffer: ReofferPayoutOnRequestUseCase,
  ) {}

  @Get('customers')
  @StaffCan('read', 'Customer')
  @ApiOperation({
    summary:
      'Find customers by policy, order or claim number, phone (blind index), or masked name + flight (masked results)',
  })
  @ApiOkResponse({ schema: openApiSchema(customerSearchResponseSchema) })
  find(@CurrentStaff() staff: AuthenticatedStaff, @Query() query: unknown): Promise<CustomerSearchResponse> {
    return this.search.execute(staff, parseWith(customerSearchQuerySchema, query));
  }

  @Get('customers/:customerId')
  @StaffCan('read', 'Customer')
  @ApiOperation({
    summary: 'The customer’s orders, policies, claims (evidence, bills), consents and sales trails, masked',
  })
  @ApiOkResponse({ schema: openApiSchema(customer360Schema) })
  view(@CurrentStaff() staff: AuthenticatedStaff, @Param('customerId') customerId: string): Promise<Customer360> {
    return this.customer360.execute(staff, customerId);
  }

  @Post('customers/:customerId/reveal')
  @StaffCan('reveal', 'Customer')
  @HttpCode(200)
  @ApiOperation({
    summary: '显示完整信息: the insured’s full name, ID number and phone of one order (audited, with a reason)',
  })
  @ApiBody({ schema: openApiSchema(revealIdentityRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(revealedIdentitySchema) })
  revealIdentity(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('customerId') customerId: string,
    @Body() body: unknown,
  ): Promise<RevealedIdentity> {
    return this.reveal.execute(staff, customerId, parseWith(revealIdentityRequestSchema, body));
  }

  @Get('policies/:policyNo/replay')
  @StaffCan('read', 'SalesTrail')
  @ApiOperation({ summary: '可回溯: the sale replayed step by step beside the exact product version sold' })
  @ApiOkResponse({ schema: openApiSchema(salesReplaySchema) })
  replaySale(@CurrentStaff() staff: AuthenticatedStaff, @Param('policyNo') policyNo: string): Promise<SalesReplay> {
    return this.replay.execute(staff, policyNoOf(policyNo));
  }

  @Get('policies/:policyNo/document')
  @StaffCan('read', 'Policy')
  @ApiOperation({ summary: 'The e-policy PDF, as its owner gets it (audited)' })
  @ApiProduces('application/pdf')
  async policyDocument(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('policyNo') policyNo: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pdf = await this.document.execute(staff, policyNoOf(policyNo));
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${policyNo}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  }

  @Post('policies/:policyNo/cancel')
  @StaffCan('cancel', 'Policy')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a policy before cover starts: full refund through WeChat Pay, capacity released (idempotent)',
  })
  @ApiBody({ schema: openApiSchema(supportActionReasonSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(cancelPolicyResponseSchema) })
  cancelPolicy(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('policyNo') policyNo: string,
    @Body() body: unknown,
  ): Promise<CancelPolicyResponse> {
    const { reason } = parseWith(supportActionReasonSchema, body);
    return this.cancel.execute(staff, policyNoOf(policyNo), reason);
  }

  @Post('claims/:claimId/reoffer')
  @StaffCan('reoffer', 'Payout')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-offer a red packet whose transfer bill WeChat reports closed unpaid (idempotent per attempt)',
  })
  @ApiBody({ schema: openApiSchema(reofferPayoutRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(reofferPayoutResponseSchema) })
  reofferPayout(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('claimId') claimId: string,
    @Body() body: unknown,
  ): Promise<ReofferPayoutResponse> {
    return this.reoffer.execute(staff, claimId, parseWith(reofferPayoutRequestSchema, body));
  }
}

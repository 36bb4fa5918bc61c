import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  cancelPolicyRequestSchema,
  isValidBusinessNumber,
  policyDetailSchema,
  policyListResponseSchema,
  policyVerificationSchema,
  verifyPolicyQuerySchema,
  type PolicyDetail,
  type PolicyListResponse,
  type PolicyVerification,
} from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { RateLimiter } from '../../core/rate-limit/rate-limiter.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { CancelPolicyUseCase } from './cancel-policy.use-case.js';
import { GetPolicyDocumentUseCase } from './document/get-policy-document.use-case.js';
import { PolicyQueries } from './policy.queries.js';

/** Public verification budget per client address. */
const VERIFY_LIMIT = { perMinute: 20 };
/** E-policy downloads per customer: each is CPU work, and a person opens a few at most. */
const DOCUMENT_LIMIT = { perMinute: 10 };

@ApiTags('policies')
@Controller('v1/policies')
export class PolicyController {
  constructor(
    private readonly policies: PolicyQueries,
    private readonly rateLimiter: RateLimiter,
    private readonly documents: GetPolicyDocumentUseCase,
    private readonly cancelPolicy: CancelPolicyUseCase,
  ) {}

  @Get('verify')
  @ApiOperation({
    summary: '保单验真: masked facts of a policy, given its number and the insured’s name (rate-limited)',
  })
  @ApiQuery({ name: 'policyNo' })
  @ApiQuery({ name: 'insuredName' })
  @ApiOkResponse({ schema: openApiSchema(policyVerificationSchema) })
  async verify(@Query() query: unknown, @Ip() ip: string): Promise<PolicyVerification> {
    await this.rateLimiter.consume(`verify:${ip}`, VERIFY_LIMIT.perMinute, 60);
    const { policyNo, insuredName } = parseWith(verifyPolicyQuerySchema, query);
    if (!isValidBusinessNumber(policyNo, 'P')) throw new AppException('POLICY_NOT_FOUND');
    return this.policies.verify(policyNo, insuredName);
  }

  @Get()
  @ApiBearerAuth()
  @UseGuards(CustomerAuthGuard)
  @ApiOkResponse({ schema: openApiSchema(policyListResponseSchema) })
  async list(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<PolicyListResponse> {
    return { items: await this.policies.listFor(customer.customerId) };
  }

  @Get(':policyNo')
  @ApiBearerAuth()
  @UseGuards(CustomerAuthGuard)
  @ApiOkResponse({ schema: openApiSchema(policyDetailSchema) })
  detail(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('policyNo') policyNo: string,
  ): Promise<PolicyDetail> {
    if (!isValidBusinessNumber(policyNo, 'P')) throw new AppException('POLICY_NOT_FOUND');
    return this.policies.detailFor(customer.customerId, policyNo);
  }

  @Post(':policyNo/cancel')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(CustomerAuthGuard)
  @ApiOperation({
    summary: '退保 before cover starts: full refund through WeChat Pay; idempotent (a repeat answers the same state)',
  })
  @ApiBody({ schema: openApiSchema(cancelPolicyRequestSchema, 'input'), required: false })
  @ApiOkResponse({ schema: openApiSchema(policyDetailSchema) })
  async cancel(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('policyNo') policyNo: string,
    @Body() body: unknown,
  ): Promise<PolicyDetail> {
    if (!isValidBusinessNumber(policyNo, 'P')) throw new AppException('POLICY_NOT_FOUND');
    const { reason } = parseWith(cancelPolicyRequestSchema, body ?? {});
    await this.cancelPolicy.execute({
      policy: policyNo,
      initiatedBy: { kind: 'customer', customerId: customer.customerId },
      reason,
    });
    return this.policies.detailFor(customer.customerId, policyNo);
  }

  @Get(':policyNo/document')
  @ApiBearerAuth()
  @UseGuards(CustomerAuthGuard)
  @ApiOperation({ summary: '电子保单: the policy as a PDF with a 保单验真 QR code (owner only, rate-limited)' })
  @ApiProduces('application/pdf')
  async document(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('policyNo') policyNo: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isValidBusinessNumber(policyNo, 'P')) throw new AppException('POLICY_NOT_FOUND');
    await this.rateLimiter.consume(`policy-document:${customer.customerId}`, DOCUMENT_LIMIT.perMinute, 60);
    const pdf = await this.documents.execute(customer.customerId, policyNo);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${policyNo}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  }
}

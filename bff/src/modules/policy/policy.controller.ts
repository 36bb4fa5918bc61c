import { Controller, Get, Ip, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
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
import { PolicyQueries } from './policy.queries.js';

/** Public verification budget per client address. */
const VERIFY_LIMIT = { perMinute: 20 };

@ApiTags('policies')
@Controller('v1/policies')
export class PolicyController {
  constructor(
    private readonly policies: PolicyQueries,
    private readonly rateLimiter: RateLimiter,
  ) {}

  @Get('verify')
  @ApiOperation({ summary: '保单验真: masked facts of a policy, given its number and the insured’s name (rate-limited)' })
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
  detail(@CurrentCustomer() customer: AuthenticatedCustomer, @Param('policyNo') policyNo: string): Promise<PolicyDetail> {
    if (!isValidBusinessNumber(policyNo, 'P')) throw new AppException('POLICY_NOT_FOUND');
    return this.policies.detailFor(customer.customerId, policyNo);
  }
}

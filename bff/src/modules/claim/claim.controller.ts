import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { claimDetailSchema, claimListResponseSchema, type ClaimDetail, type ClaimListResponse } from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { ClaimQueries, isUuid } from './claim.queries.js';

@ApiTags('claims')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/claims')
export class ClaimController {
  constructor(private readonly claims: ClaimQueries) {}

  @Get()
  @ApiOperation({ summary: 'My claims, newest first (collectable ones are badged)' })
  @ApiOkResponse({ schema: openApiSchema(claimListResponseSchema) })
  async list(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<ClaimListResponse> {
    return { items: await this.claims.listFor(customer.customerId) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of my claims, with its evidence timeline' })
  @ApiOkResponse({ schema: openApiSchema(claimDetailSchema) })
  async detail(@CurrentCustomer() customer: AuthenticatedCustomer, @Param('id') id: string): Promise<ClaimDetail> {
    if (!isUuid(id)) throw new AppException('CLAIM_NOT_FOUND');
    return this.claims.detailFor(customer.customerId, id);
  }
}

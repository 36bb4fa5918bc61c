import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { collectClaimResponseSchema, type CollectClaimResponse } from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { CollectClaimUseCase } from './collect-claim.use-case.js';

@ApiTags('claims')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/claims')
export class PayoutController {
  constructor(private readonly collect: CollectClaimUseCase) {}

  @Post(':id/collect')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '拆红包: create (or re-create) the claim’s transfer bill; returns the wx.requestMerchantTransfer arguments',
  })
  @ApiOkResponse({ schema: openApiSchema(collectClaimResponseSchema) })
  async collectClaim(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id') id: string,
  ): Promise<CollectClaimResponse> {
    return this.collect.execute(customer, id);
  }
}

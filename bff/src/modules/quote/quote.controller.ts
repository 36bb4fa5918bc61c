import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createQuoteRequestSchema, quoteSchema, type Quote } from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { quoterFor, type ProductQuoter } from '../../products/quoters.js';

/** Injection token of every product kind's quoter (`PRODUCT_QUOTERS`). */
export const QUOTERS = Symbol('QUOTERS');

@ApiTags('quotes')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/quotes')
export class QuoteController {
  constructor(@Inject(QUOTERS) private readonly quoters: readonly ProductQuoter[]) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Quote a flight-delay (flight), HEAT37 (city, units, season) or RAIN (spot, date, persons) policy; each stop-sale rule has its own error code',
  })
  @ApiBody({ schema: openApiSchema(createQuoteRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(quoteSchema) })
  create(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<Quote> {
    return quoterFor(this.quoters, body).quote(customer.customerId, body);
  }
}

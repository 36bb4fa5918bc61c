import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createQuoteRequestSchema, quoteSchema, type Quote } from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { CreateQuoteUseCase } from './create-quote.use-case.js';

@ApiTags('quotes')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/quotes')
export class QuoteController {
  constructor(private readonly createQuote: CreateQuoteUseCase) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Quote a flight-delay policy; each stop-sale rule has its own error code' })
  @ApiBody({ schema: openApiSchema(createQuoteRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(quoteSchema) })
  async create(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<Quote> {
    return this.createQuote.execute(customer.customerId, parseWith(createQuoteRequestSchema, body));
  }
}

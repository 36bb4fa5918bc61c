import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createQuoteRequestSchema, quoteSchema, type Quote } from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { CreateQuoteUseCase } from './create-quote.use-case.js';
import { CreateWeatherQuoteUseCase } from './create-weather-quote.use-case.js';
import { parseQuoteRequest } from './quote-request.js';

@ApiTags('quotes')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/quotes')
export class QuoteController {
  constructor(
    private readonly createQuote: CreateQuoteUseCase,
    private readonly createWeatherQuote: CreateWeatherQuoteUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Quote a flight-delay (flight), HEAT37 (city, units, season) or RAIN (spot, date, persons) policy; each stop-sale rule has its own error code',
  })
  @ApiBody({ schema: openApiSchema(createQuoteRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(quoteSchema) })
  async create(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<Quote> {
    const parsed = parseQuoteRequest(body);
    switch (parsed.kind) {
      case 'flight':
        return this.createQuote.execute(customer.customerId, parsed.request);
      case 'heat':
        return this.createWeatherQuote.heat(customer.customerId, parsed.request);
      case 'rain':
        return this.createWeatherQuote.rain(customer.customerId, parsed.request);
    }
  }
}

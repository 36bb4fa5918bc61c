import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { consentListResponseSchema, recordConsentsRequestSchema, type ConsentListResponse } from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { RecordConsentsUseCase } from './record-consents.use-case.js';

@ApiTags('me')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/me/consents')
export class ConsentController {
  constructor(private readonly consents: RecordConsentsUseCase) {}

  @Get()
  @ApiOperation({ summary: 'The privacy notice and user agreement versions I agreed to, and the versions in force' })
  @ApiOkResponse({ schema: openApiSchema(consentListResponseSchema) })
  list(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<ConsentListResponse> {
    return this.consents.list(customer.customerId);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Agree to the current privacy notice and/or user agreement (recorded with its version)' })
  @ApiBody({ schema: openApiSchema(recordConsentsRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(consentListResponseSchema) })
  record(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<ConsentListResponse> {
    return this.consents.execute(customer.customerId, body);
  }
}

import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { subscriptionReportSchema } from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { SubscriptionRepository } from './subscription.repository.js';

/**
 * What the user answered to wx.requestSubscribeMessage. Each "accept" allows WeChat to deliver
 * one message of that template, so accepts are counted, and a send uses one up.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/me/subscriptions')
export class SubscriptionController {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Record the answer to a subscribe-message request' })
  @ApiBody({ schema: openApiSchema(subscriptionReportSchema, 'input') })
  async report(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<void> {
    const { templateId, result } = parseWith(subscriptionReportSchema, body);
    if (result !== 'accept') return;
    await this.subscriptions.addAccept(customer.customerId, templateId);
  }
}

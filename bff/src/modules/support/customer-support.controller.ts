import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { customerConversationSchema, ratingRequestSchema, type CustomerConversation } from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { ConversationRepository } from './conversation.repository.js';
import { toSupportMessage } from './domain/conversation-view.js';
import { RateConversationUseCase } from './rate-conversation.use-case.js';

/**
 * The customer's side of the inbox (the H5 chat page): their latest conversation without internal
 * notes or unsent replies, and the one-tap rating once it is resolved.
 */
@ApiTags('support')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/support')
export class CustomerSupportController {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly rate: RateConversationUseCase,
  ) {}

  @Get('conversation')
  @ApiOperation({ summary: 'My conversation with customer service' })
  @ApiOkResponse({ schema: openApiSchema(customerConversationSchema) })
  async mine(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<CustomerConversation> {
    const row = await this.conversations.liveFor(customer.openid);
    if (!row) return { conversationId: null, status: null, messages: [], canRate: false };
    const messages = (await this.conversations.messages(row.id, { includeNotes: false })).filter(
      (message) => (message.direction === 'in' && message.kind !== 'event') || (message.direction === 'out' && message.kind === 'text' && message.send_state === 'sent'),
    );
    return { conversationId: row.id, status: row.status, messages: messages.map(toSupportMessage), canRate: row.status === 'resolved' && row.rating === null };
  }

  @Post('rating')
  @HttpCode(204)
  @ApiOperation({ summary: 'Rate the resolved conversation (1–5), once' })
  @ApiBody({ schema: openApiSchema(ratingRequestSchema, 'input') })
  async rateIt(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<void> {
    const { score } = parseWith(ratingRequestSchema, body);
    await this.rate.execute({ openid: customer.openid, score });
  }
}

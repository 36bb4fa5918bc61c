import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  customerConversationSchema,
  customerMessageAcceptedSchema,
  customerMessageRequestSchema,
  ratingRequestSchema,
  type CustomerConversation,
  type CustomerMessageAccepted,
} from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { RateLimiter } from '../../core/rate-limit/rate-limiter.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { ConversationRepository } from './conversation.repository.js';
import { toSupportMessage } from './domain/conversation-view.js';
import { PostCustomerMessageUseCase } from './post-customer-message.use-case.js';
import { RateConversationUseCase } from './rate-conversation.use-case.js';

/**
 * The customer's side of the inbox (the H5 chat page): their latest conversation without internal
 * notes or unsent replies, writing to customer service (stored like a WeChat push), and the one-tap
 * rating once it is resolved.
 */
@ApiTags('support')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/support')
export class CustomerSupportController {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly rate: RateConversationUseCase,
    private readonly post: PostCustomerMessageUseCase,
    private readonly rateLimiter: RateLimiter,
  ) {}

  @Get('conversation')
  @ApiOperation({ summary: 'My conversation with customer service' })
  @ApiOkResponse({ schema: openApiSchema(customerConversationSchema) })
  async mine(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<CustomerConversation> {
    const row = await this.conversations.liveFor(customer.openid);
    if (!row) return { conversationId: null, status: null, messages: [], canRate: false, rating: null };
    const messages = (await this.conversations.messages(row.id, { includeNotes: false })).filter(
      (message) =>
        (message.direction === 'in' && message.kind !== 'event') ||
        (message.direction === 'out' && message.kind === 'text' && message.send_state === 'sent'),
    );
    return {
      conversationId: row.id,
      status: row.status,
      messages: messages.map(toSupportMessage),
      canRate: row.status === 'resolved' && row.rating === null,
      rating: row.rating,
    };
  }

  @Post('messages')
  @HttpCode(202)
  @ApiOperation({ summary: 'Write to customer service from the H5 chat page (processed like a WeChat push)' })
  @ApiBody({ schema: openApiSchema(customerMessageRequestSchema, 'input') })
  @ApiAcceptedResponse({ schema: openApiSchema(customerMessageAcceptedSchema) })
  async write(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Body() body: unknown,
  ): Promise<CustomerMessageAccepted> {
    const { text, sessionFrom } = parseWith(customerMessageRequestSchema, body);
    // A person types a few messages a minute; a script filling the inbox is refused (429).
    await this.rateLimiter.consume(`support-message:${customer.customerId}`, 20, 60);
    return this.post.execute({ openid: customer.openid, text, ...(sessionFrom ? { sessionFrom } : {}) });
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

import { Injectable } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception.js';
import { CannedReplyRepository } from './canned-reply.repository.js';
import type { ConversationRow } from './conversation.repository.js';
import { claimVariables, renderCannedReply } from './domain/canned-reply.js';
import { SupportContextQueries } from './support-context.queries.js';

/** A canned reply with its variables filled from one of the customer's claims (delay minutes, payout amount…). */
@Injectable()
export class ComposeCannedReplyUseCase {
  constructor(
    private readonly canned: CannedReplyRepository,
    private readonly context: SupportContextQueries,
  ) {}

  async execute(
    conversation: Pick<ConversationRow, 'customer_id'>,
    cannedReplyId: string,
    claimId?: string,
  ): Promise<string> {
    const reply = await this.canned.find(cannedReplyId);
    if (!reply) throw new AppException('CANNED_REPLY_NOT_FOUND');
    const facts = claimId ? await this.context.claimFactsFor(conversation.customer_id, claimId) : undefined;
    if (claimId && !facts) throw new AppException('CLAIM_NOT_FOUND');
    const rendered = renderCannedReply(reply.body, facts ? claimVariables(facts) : {});
    if ('missing' in rendered) throw new AppException('CANNED_REPLY_NEEDS_CLAIM', { missing: rendered.missing });
    return rendered.text;
  }
}

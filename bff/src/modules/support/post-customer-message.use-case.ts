import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../core/clock/clock.js';
import { parsePushedMessage } from './domain/cs-push-message.js';
import { ReceiveCsPushUseCase } from './receive-cs-push.use-case.js';

/**
 * A message written on the H5 chat page. It enters the inbox exactly as WeChat's 消息推送 would
 * bring it: a push-shaped payload (FromUserName = the customer's openid, CreateTime on the business
 * clock, an `h5:` MsgId, the entry's number as SessionFrom) stored in `support_inbound_pushes` with
 * mode `h5`, made into a conversation message by the same job. The mode makes the conversation's
 * channel `h5`, so replies are read by the chat page instead of going through WeChat.
 */
@Injectable()
export class PostCustomerMessageUseCase {
  constructor(
    private readonly receive: ReceiveCsPushUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(input: { openid: string; text: string; sessionFrom?: string }): Promise<{ messageKey: string }> {
    const payload = {
      ToUserName: 'h5',
      FromUserName: input.openid,
      CreateTime: Math.floor(this.clock.now().getTime() / 1000),
      MsgType: 'text',
      Content: input.text,
      MsgId: `h5:${randomUUID()}`,
      ...(input.sessionFrom ? { SessionFrom: input.sessionFrom } : {}),
    };
    const message = parsePushedMessage(payload)!;
    await this.receive.execute(message, payload, 'h5');
    return { messageKey: message.dedupeKey };
  }
}

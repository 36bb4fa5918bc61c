import { Controller, Headers, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { answerWechatPayNotification, rawBodyOf, type RawBodyRequest } from '../../core/http/wechat-pay-webhook.js';
import { WechatPayNotificationVerifier } from '../../integrations/wechat-pay/notification-verifier.js';
import { RefundOrderUseCase } from './refund-order.use-case.js';
import { SettlePaidOrdersUseCase } from './settle-paid-orders.use-case.js';

/**
 * WeChat Pay callbacks. The signature is checked over the raw bytes before anything else; a
 * rejected notification (bad signature, unknown order) answers 4xx `{code:"FAIL"}` (WeChat's
 * format) and changes nothing. A genuine payment that does not match its order is money received:
 * it is answered 204 once its evidence and its refund job are committed (see SettlePaidOrderUseCase).
 * Success is an empty 204: only the HTTP status matters to WeChat.
 */
@ApiExcludeController()
@Controller('v1/wechatpay/notify')
export class WechatPayNotifyController {
  private readonly logger = new Logger('WechatPayNotify');

  constructor(
    private readonly verifier: WechatPayNotificationVerifier,
    private readonly settle: SettlePaidOrdersUseCase,
    private readonly refunds: RefundOrderUseCase,
  ) {}

  @Post('transaction')
  @HttpCode(204)
  async transaction(
    @Req() request: RawBodyRequest,
    @Headers() headers: Record<string, string>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await answerWechatPayNotification(reply, this.logger, async () => {
      const notification = await this.verifier.transaction(headers, rawBodyOf(request));
      if (notification.eventType !== 'TRANSACTION.SUCCESS') return;
      await this.settle.submit(notification.resource, notification.id);
    });
  }

  @Post('refund')
  @HttpCode(204)
  async refund(
    @Req() request: RawBodyRequest,
    @Headers() headers: Record<string, string>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await answerWechatPayNotification(reply, this.logger, async () => {
      const notification = await this.verifier.refund(headers, rawBodyOf(request));
      await this.refunds.record(notification.resource);
    });
  }
}

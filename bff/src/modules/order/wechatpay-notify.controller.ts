import { Controller, Headers, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from '../../core/errors/app.exception.js';
import { SignatureRejectedError } from '../../integrations/wechat-pay/signature-rejected.error.js';
import { WechatPayNotificationVerifier } from '../../integrations/wechat-pay/notification-verifier.js';
import { RefundOrderUseCase } from './refund-order.use-case.js';
import { SettlePaidOrdersBatcher } from './settle-paid-orders.batcher.js';

type RawRequest = FastifyRequest & { rawBody?: Buffer };

/**
 * WeChat Pay callbacks. The signature is checked over the raw bytes before anything else; a
 * rejected or mismatching notification answers 4xx `{code:"FAIL"}` (WeChat's format) and changes
 * nothing. Success is an empty 204: only the HTTP status matters to WeChat.
 */
@ApiExcludeController()
@Controller('v1/wechatpay/notify')
export class WechatPayNotifyController {
  private readonly logger = new Logger('WechatPayNotify');

  constructor(
    private readonly verifier: WechatPayNotificationVerifier,
    private readonly settle: SettlePaidOrdersBatcher,
    private readonly refunds: RefundOrderUseCase,
  ) {}

  @Post('transaction')
  @HttpCode(204)
  async transaction(@Req() request: RawRequest, @Headers() headers: Record<string, string>, @Res() reply: FastifyReply): Promise<void> {
    await this.handle(reply, async () => {
      const notification = await this.verifier.transaction(headers, rawBodyOf(request));
      if (notification.eventType !== 'TRANSACTION.SUCCESS') return;
      await this.settle.submit(notification.resource, notification.id);
    });
  }

  @Post('refund')
  @HttpCode(204)
  async refund(@Req() request: RawRequest, @Headers() headers: Record<string, string>, @Res() reply: FastifyReply): Promise<void> {
    await this.handle(reply, async () => {
      const notification = await this.verifier.refund(headers, rawBodyOf(request));
      await this.refunds.record(notification.resource);
    });
  }

  private async handle(reply: FastifyReply, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      await reply.status(204).send();
    } catch (error) {
      if (error instanceof SignatureRejectedError) {
        this.logger.warn({ reason: error.reason }, 'WeChat Pay notification rejected');
        const status = error.reason === 'DECRYPT_FAILED' || error.reason === 'MALFORMED_BODY' ? 400 : 401;
        await reply.status(status).send({ code: 'FAIL', message: error.reason });
        return;
      }
      if (error instanceof AppException && error.code === 'NOTIFY_MISMATCH') {
        await reply.status(400).send({ code: 'FAIL', message: 'NOTIFY_MISMATCH' });
        return;
      }
      // Anything else (database down…): 500 so that WeChat retries on its schedule.
      this.logger.error({ err: error }, 'WeChat Pay notification failed');
      await reply.status(500).send({ code: 'FAIL', message: 'INTERNAL_ERROR' });
    }
  }
}

const rawBodyOf = (request: RawRequest): string => {
  if (request.rawBody) return request.rawBody.toString('utf8');
  return typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? '');
};

import { Controller, Headers, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { answerWechatPayNotification, rawBodyOf, type RawBodyRequest } from '../../core/http/wechat-pay-webhook.js';
import { WechatPayNotificationVerifier } from '../../integrations/wechat-pay/notification-verifier.js';
import { RecordTransferOutcomeUseCase } from './record-transfer-outcome.use-case.js';

/**
 * Transfer-bill notifications. Verified over the raw bytes first; a rejected or mismatching one
 * answers 4xx `{code:"FAIL"}` and changes nothing; anything else failing answers 500 so that WeChat
 * retries on its schedule.
 */
@ApiExcludeController()
@Controller('v1/wechatpay/notify')
export class TransferNotifyController {
  private readonly logger = new Logger('TransferNotify');

  constructor(
    private readonly verifier: WechatPayNotificationVerifier,
    private readonly record: RecordTransferOutcomeUseCase,
  ) {}

  @Post('transfer')
  @HttpCode(204)
  async transfer(
    @Req() request: RawBodyRequest,
    @Headers() headers: Record<string, string>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await answerWechatPayNotification(reply, this.logger, async () => {
      const notification = await this.verifier.transferBill(headers, rawBodyOf(request));
      await this.record.execute(notification);
    });
  }
}

import { Controller, Headers, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from '../../core/errors/app.exception.js';
import { WechatPayNotificationVerifier } from '../../integrations/wechat-pay/notification-verifier.js';
import { SignatureRejectedError } from '../../integrations/wechat-pay/signature-rejected.error.js';
import { RecordTransferOutcomeUseCase } from './record-transfer-outcome.use-case.js';

type RawRequest = FastifyRequest & { rawBody?: Buffer };

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
  async transfer(@Req() request: RawRequest, @Headers() headers: Record<string, string>, @Res() reply: FastifyReply): Promise<void> {
    try {
      const raw = request.rawBody ? request.rawBody.toString('utf8') : typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? '');
      const notification = await this.verifier.transferBill(headers, raw);
      await this.record.execute(notification);
      await reply.status(204).send();
    } catch (error) {
      if (error instanceof SignatureRejectedError) {
        this.logger.warn({ reason: error.reason }, 'transfer notification rejected');
        const status = error.reason === 'DECRYPT_FAILED' || error.reason === 'MALFORMED_BODY' ? 400 : 401;
        await reply.status(status).send({ code: 'FAIL', message: error.reason });
        return;
      }
      if (error instanceof AppException && error.code === 'NOTIFY_MISMATCH') {
        await reply.status(400).send({ code: 'FAIL', message: 'NOTIFY_MISMATCH' });
        return;
      }
      this.logger.error({ err: error }, 'transfer notification failed');
      await reply.status(500).send({ code: 'FAIL', message: 'INTERNAL_ERROR' });
    }
  }
}

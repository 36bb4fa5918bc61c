import type { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SignatureRejectedError } from '../../integrations/wechat-pay/signature-rejected.error.js';
import { AppException } from '../errors/app.exception.js';

export type RawBodyRequest = FastifyRequest & { rawBody?: Buffer };

/** The bytes WeChat Pay signed: the raw body as received, never a re-serialisation. */
export const rawBodyOf = (request: RawBodyRequest): string => {
  if (request.rawBody) return request.rawBody.toString('utf8');
  return typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? '');
};

/**
 * Answers a WeChat Pay callback in WeChat's terms: 204 once `work` has committed; a rejected
 * signature or a notification that does not match our records gets 4xx `{code:"FAIL"}` and changes
 * nothing; anything else 500, so that WeChat retries on its schedule. Only the status matters to
 * WeChat (a 200 with FAIL is not retried).
 */
export const answerWechatPayNotification = async (
  reply: FastifyReply,
  logger: Logger,
  work: () => Promise<void>,
): Promise<void> => {
  try {
    await work();
    await reply.status(204).send();
  } catch (error) {
    if (error instanceof SignatureRejectedError) {
      logger.warn({ reason: error.reason }, 'WeChat Pay notification rejected');
      const status = error.reason === 'DECRYPT_FAILED' || error.reason === 'MALFORMED_BODY' ? 400 : 401;
      await reply.status(status).send({ code: 'FAIL', message: error.reason });
      return;
    }
    if (error instanceof AppException && error.code === 'NOTIFY_MISMATCH') {
      await reply.status(400).send({ code: 'FAIL', message: 'NOTIFY_MISMATCH' });
      return;
    }
    logger.error({ err: error }, 'WeChat Pay notification failed');
    await reply.status(500).send({ code: 'FAIL', message: 'INTERNAL_ERROR' });
  }
};

import { Controller, Get, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { AppException } from '../../core/errors/app.exception.js';
import {
  CustomerServicePushCipher,
  verifyCustomerServiceMsgSignature,
} from '../../integrations/wechat/customer-service-push.cipher.js';
import { verifyCustomerServicePush } from '../../integrations/wechat/customer-service-push.verifier.js';
import { parsePushedMessage } from './domain/cs-push-message.js';
import { ReceiveCsPushUseCase } from './receive-cs-push.use-case.js';

type PushQuery = {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  encrypt_type?: string;
  msg_signature?: string;
};

/**
 * The mini-program's 消息推送 URL (wechat.md §7). GET is WeChat's check when the URL is saved
 * (echo `echostr` back if the signature holds); POST is a user's message, plain or — in safe mode —
 * AES-encrypted with a msg_signature over the ciphertext. The push is stored and a job enqueued in
 * one transaction, then answered `success` at once: WeChat retries anything slower than 5 s.
 * A push that fails its signature is answered 401 and stores nothing.
 */
@ApiExcludeController()
@Controller('v1/wechat/cs-push')
export class CsPushController {
  private readonly logger = new Logger('CsPush');
  private readonly cipher: CustomerServicePushCipher | undefined;

  constructor(
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
    private readonly receive: ReceiveCsPushUseCase,
  ) {
    const { pushEncodingAesKey, appid } = integrations.wechat;
    this.cipher = pushEncodingAesKey ? new CustomerServicePushCipher(pushEncodingAesKey, appid) : undefined;
  }

  private get token(): string {
    const token = this.integrations.wechat.pushToken;
    if (!token) throw new AppException('CS_PUSH_NOT_CONFIGURED');
    return token;
  }

  @Get()
  async echo(@Query() query: PushQuery, @Res() reply: FastifyReply): Promise<void> {
    // The URL check is not a replay risk (it changes nothing), but the signature must still hold.
    if (!query.echostr || !verifyCustomerServicePush(query, this.token, { maxAgeSeconds: 3600 }))
      throw new AppException('CS_PUSH_SIGNATURE_INVALID');
    await reply.status(200).header('content-type', 'text/plain; charset=utf-8').send(query.echostr);
  }

  @Post()
  @HttpCode(200)
  async push(@Query() query: PushQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = this.token;
    if (!verifyCustomerServicePush(query, token)) return this.reject(request, 'signature');
    // The JSON body as Fastify parsed it (a body that is not JSON never gets here).
    const body = request.body as { Encrypt?: unknown } | undefined;
    let payload: unknown = body;
    const safe = query.encrypt_type === 'aes';
    if (safe) {
      const encrypt = typeof body?.Encrypt === 'string' ? body.Encrypt : '';
      if (
        !verifyCustomerServiceMsgSignature(query.msg_signature, {
          token,
          timestamp: query.timestamp!,
          nonce: query.nonce!,
          encrypt,
        })
      )
        return this.reject(request, 'msg_signature');
      const plain = this.cipher?.decrypt(encrypt);
      if (!plain) throw new AppException('CS_PUSH_DECRYPT_FAILED');
      payload = this.jsonOf(plain);
    }
    const message = parsePushedMessage(payload);
    if (!message) throw new AppException('MALFORMED_BODY');
    await this.receive.execute(message, payload, safe ? 'safe' : 'plain');
    await reply.status(200).header('content-type', 'text/plain; charset=utf-8').send('success');
  }

  /** This route has no per-request logger (LoggingModule): the line names its request itself. */
  private reject(request: FastifyRequest, reason: 'signature' | 'msg_signature'): never {
    this.logger.warn({ reason, requestId: request.id }, 'customer-service push rejected');
    throw new AppException('CS_PUSH_SIGNATURE_INVALID');
  }

  private jsonOf(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw new AppException('MALFORMED_BODY');
    }
  }
}

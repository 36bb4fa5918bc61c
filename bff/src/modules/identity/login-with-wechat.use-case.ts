import { Inject, Injectable, Logger } from '@nestjs/common';
import type { WechatLoginResponse } from '@xiaoan/shared';
import { newSessionToken, hashSessionToken, SESSION_TTL_MS } from '../../core/auth/session-token.js';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import { FIELD_CIPHER, FieldCipher } from '../../core/crypto/field-cipher.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { RateLimiter } from '../../core/rate-limit/rate-limiter.js';
import { MiniProgramLoginClient } from '../../integrations/wechat/mini-program-login.client.js';
import { WechatApiError } from '../../integrations/wechat/wechat-api.error.js';
import { BindInviteUseCase } from '../campaign/bind-invite.use-case.js';

export interface LoginAttribution {
  inviteCode?: string | undefined;
  sharePath?: string | undefined;
  scene?: number | undefined;
}

/** WeChat's login errcodes, as the customer should hear them. */
const LOGIN_ERRORS = {
  40029: 'LOGIN_CODE_INVALID',
  40163: 'LOGIN_CODE_INVALID',
  45011: 'LOGIN_RATE_LIMITED',
  40226: 'LOGIN_RISKY_USER',
} as const;

/**
 * wx.login's code → openid (server to server), then a session of our own. The customer is keyed
 * by openid; the WeChat session_key is kept encrypted on the server and never returned.
 *
 * Limits of our own rather than WeChat's 45011 alone: logins per client IP per minute (counted
 * before WeChat is asked, so a flood never reaches it) and per openid per minute; and at most
 * `sessionsPerCustomer` live sessions per customer, the oldest revoked by a new login.
 */
@Injectable()
export class LoginWithWechatUseCase {
  private readonly logger = new Logger('LoginWithWechat');

  constructor(
    private readonly login: MiniProgramLoginClient,
    private readonly unitOfWork: UnitOfWork,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    private readonly rateLimiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bindInvite: BindInviteUseCase,
  ) {}

  async execute(
    code: string,
    clientIp: string,
    now = new Date(),
    attribution: LoginAttribution = {},
  ): Promise<WechatLoginResponse> {
    const limits = this.config.login;
    await this.rateLimiter.consume(`login-ip:${clientIp}`, limits.perIpPerMinute, 60, 'LOGIN_RATE_LIMITED');
    const session = await this.login.code2Session(code).catch((error: unknown) => {
      if (error instanceof WechatApiError) {
        const mapped = LOGIN_ERRORS[error.errcode as keyof typeof LOGIN_ERRORS];
        if (mapped) throw new AppException(mapped);
        this.logger.warn({ code: error.code, retryClass: error.retryClass }, 'jscode2session failed');
      }
      throw new AppException('SERVICE_UNAVAILABLE');
    });

    await this.rateLimiter.consume(
      `login-openid:${session.openid}`,
      limits.perOpenidPerMinute,
      60,
      'LOGIN_RATE_LIMITED',
    );

    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    const customerId = await this.unitOfWork.run(async ({ manager }) => {
      const [customer] = (await manager.query(
        `INSERT INTO customers (openid, unionid, last_login_at) VALUES ($1, $2, $3)
         ON CONFLICT (openid) DO UPDATE SET last_login_at = EXCLUDED.last_login_at,
                                            unionid = COALESCE(EXCLUDED.unionid, customers.unionid)
         RETURNING id, (xmax = 0) AS inserted`,
        [session.openid, session.unionid ?? null, now],
      )) as { id: string; inserted: boolean }[];
      // A customer created by this login, arriving through a share: bound to the inviter once.
      const outcome = await this.bindInvite.execute(manager, {
        inviteeId: customer!.id,
        isNewCustomer: customer!.inserted,
        inviteCode: attribution.inviteCode,
        sharePath: attribution.sharePath ?? null,
        scene: attribution.scene ?? null,
      });
      if (outcome) this.logger.log({ customerId: customer!.id, outcome }, 'invite code at login');
      // The upsert above holds the customer's row lock: concurrent logins of one customer take turns here.
      const [created] = (await manager.query(
        `INSERT INTO customer_sessions (customer_id, token_hash, session_key_encrypted, expires_at)
         VALUES ($1, $2, $3, $4) RETURNING id`,
        [customer!.id, hashSessionToken(token), this.cipher.encrypt(session.sessionKey), expiresAt],
      )) as { id: string }[];
      // Keep the new session and the newest others up to the cap; revoke the rest.
      await manager.query(
        `UPDATE customer_sessions SET revoked_at = now()
          WHERE customer_id = $1 AND revoked_at IS NULL AND id <> $2
            AND id NOT IN (SELECT id FROM customer_sessions
                            WHERE customer_id = $1 AND revoked_at IS NULL AND expires_at > now() AND id <> $2
                            ORDER BY created_at DESC, id DESC LIMIT $3)`,
        [customer!.id, created!.id, limits.sessionsPerCustomer - 1],
      );
      return customer!.id;
    });
    this.logger.log({ customerId }, 'customer logged in');
    return { token, expiresAt: expiresAt.toISOString() };
  }
}

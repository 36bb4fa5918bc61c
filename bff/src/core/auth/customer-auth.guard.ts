import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '../errors/app.exception.js';
import type { AuthenticatedCustomer } from './authenticated-customer.js';
import { hashSessionToken } from './session-token.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

/**
 * Sessions looked up in the last few seconds are trusted without another query: every consumer
 * request is authenticated, and at peak this saves a round trip each. A revoked session is thus
 * refused at most CACHE_MS later (on this instance); expiry is still checked on every request.
 */
const CACHE_MS = 10_000;
const CACHE_MAX = 50_000;

/** Consumer endpoints: `Authorization: Bearer <token>` of a live, unrevoked session. */
@Injectable()
export class CustomerAuthGuard implements CanActivate {
  private readonly cache = new Map<string, { customer: AuthenticatedCustomer; expiresAt: number; cachedAt: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; customer?: AuthenticatedCustomer }>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new AppException('UNAUTHENTICATED');
    const tokenHash = hashSessionToken(match[1]!);
    const now = Date.now();
    const cached = this.cache.get(tokenHash);
    if (cached && now - cached.cachedAt < CACHE_MS && cached.expiresAt > now) {
      request.customer = cached.customer;
      return true;
    }
    const rows = (await this.dataSource.query(
      `SELECT s.id AS session_id, s.expires_at, c.id AS customer_id, c.openid
         FROM customer_sessions s JOIN customers c ON c.id = s.customer_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [tokenHash],
    )) as { session_id: string; expires_at: Date; customer_id: string; openid: string }[];
    const session = rows[0];
    if (!session) {
      this.cache.delete(tokenHash);
      throw new AppException('UNAUTHENTICATED');
    }
    const customer = { customerId: session.customer_id, openid: session.openid, sessionId: session.session_id };
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(tokenHash, { customer, expiresAt: session.expires_at.getTime(), cachedAt: now });
    request.customer = customer;
    return true;
  }
}

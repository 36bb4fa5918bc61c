import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '../errors/app.exception.js';
import type { AuthenticatedCustomer } from './authenticated-customer.js';
import { hashSessionToken } from './session-token.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

/** Consumer endpoints: `Authorization: Bearer <token>` of a live, unrevoked session. */
@Injectable()
export class CustomerAuthGuard implements CanActivate {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; customer?: AuthenticatedCustomer }>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new AppException('UNAUTHENTICATED');
    const rows = (await this.dataSource.query(
      `SELECT s.id AS session_id, c.id AS customer_id, c.openid
         FROM customer_sessions s JOIN customers c ON c.id = s.customer_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [hashSessionToken(match[1]!)],
    )) as { session_id: string; customer_id: string; openid: string }[];
    const session = rows[0];
    if (!session) throw new AppException('UNAUTHENTICATED');
    request.customer = { customerId: session.customer_id, openid: session.openid, sessionId: session.session_id };
    return true;
  }
}

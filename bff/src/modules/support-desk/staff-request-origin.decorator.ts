import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StaffRequestOrigin } from './desk-audit.js';

/** Where the staff request came from (Fastify's client address, the request id, the user agent). */
export const StaffOrigin = createParamDecorator((_data: unknown, context: ExecutionContext): StaffRequestOrigin => {
  const request = context.switchToHttp().getRequest<{ ip?: string; id?: string | number; headers: Record<string, string | undefined> }>();
  return {
    ip: request.ip ?? 'unknown',
    ...(request.id !== undefined ? { requestId: String(request.id) } : {}),
    ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
  };
});

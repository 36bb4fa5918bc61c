import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, messageOf, type ErrorCode, type ErrorEnvelope } from '@xiaoan/shared';
import { AppException } from './app.exception.js';

/** Fastify's own errors (body parsing, limits) come with these codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

const fastifyCodeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && code.startsWith('FST_') ? code : undefined;
};

interface Resolved {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/**
 * Maps every error to `{code, message, requestId, details?}` with the status of its code.
 * Anything unexpected becomes INTERNAL_ERROR: the stack and SQL go to the log, never to the client.
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('AppExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const resolved = this.resolve(exception);
    const status = ERROR_CODES[resolved.code].httpStatus;

    if (status >= 500) {
      this.logger.error({ err: exception, code: resolved.code, requestId: request.id }, 'request failed');
    }

    const body: ErrorEnvelope = {
      code: resolved.code,
      message: resolved.message,
      requestId: String(request.id),
      ...(resolved.details === undefined ? {} : { details: resolved.details }),
    };
    // A code that asks the client to wait (429, busy 503) says how long, as HTTP says it.
    const retryAfterSeconds = (resolved.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfterSeconds === 'number' && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) {
      void reply.header('retry-after', String(Math.ceil(retryAfterSeconds)));
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private resolve(exception: unknown): Resolved {
    if (exception instanceof AppException) {
      return { code: exception.code, message: exception.message, details: exception.details };
    }
    // Nest wraps Fastify's body-parser errors in an HttpException; the Fastify code is its cause.
    const fastifyCode = fastifyCodeOf(exception) ?? fastifyCodeOf((exception as { cause?: unknown } | null)?.cause);
    if (fastifyCode && fastifyCode in FASTIFY_CODES) {
      const code = FASTIFY_CODES[fastifyCode]!;
      return { code, message: messageOf(code) };
    }
    if (exception instanceof HttpException) {
      const code = STATUS_CODES[exception.getStatus()] ?? 'INTERNAL_ERROR';
      return { code, message: messageOf(code) };
    }
    const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      const code = STATUS_CODES[statusCode] ?? 'VALIDATION_FAILED';
      return { code, message: messageOf(code) };
    }
    return { code: 'INTERNAL_ERROR', message: messageOf('INTERNAL_ERROR') };
  }
}

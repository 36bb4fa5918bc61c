import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, messageOf, type ErrorCode, type ErrorEnvelope } from '@xiaoan/shared';

/**
 * Requests Node's HTTP parser refuses before Fastify or Nest see them (a 60 KB URL overflows the
 * header limit; a broken request line): answered with the same `{code, message, requestId}` as
 * every other error instead of Fastify's default `{"error": …}`, then the socket is closed.
 */
export const clientErrorHandler = (error: Error & { code?: string }, socket: Socket): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'REQUEST_TOO_LARGE'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'SERVICE_UNAVAILABLE'
        : 'MALFORMED_BODY';
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : ERROR_CODES[code].httpStatus;
  const envelope: ErrorEnvelope = { code, message: messageOf(code), requestId: randomUUID() };
  const body = JSON.stringify(envelope);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
};

/**
 * Errors Fastify's router raises before any hook or Nest handler runs (a malformed URL, a route
 * parameter longer than `maxParamLength`): the same envelope, not Fastify's `{statusCode, error}`.
 */
export const frameworkErrorHandler = (
  error: Error & { statusCode?: number },
  request: FastifyRequest,
  reply: FastifyReply,
): void => {
  const code: ErrorCode = error.statusCode === 414 ? 'URI_TOO_LONG' : 'MALFORMED_BODY';
  const envelope: ErrorEnvelope = { code, message: messageOf(code), requestId: String(request.id ?? randomUUID()) };
  void reply
    .status(ERROR_CODES[code].httpStatus)
    .header('content-type', 'application/json; charset=utf-8')
    .send(envelope);
};

import type { ReceivedRequest, Responder } from './notification-receiver.js';

/**
 * Answers like the BFF's webhook should: 204 when the adapter accepts the callback,
 * 401 with `{"code":"FAIL"}` when it rejects it (WeChat then retries).
 */
export function verifyingResponder(
  verify: (request: ReceivedRequest) => Promise<unknown>,
  rejections: unknown[] = [],
): Responder {
  return async (request) => {
    try {
      await verify(request);
      return { status: 204 };
    } catch (error) {
      rejections.push(error);
      return { status: 401, body: JSON.stringify({ code: 'FAIL', message: 'signature rejected' }) };
    }
  };
}

import Taro from '@tarojs/taro';
import type { ZodType } from 'zod';
import { apiBase } from './api-base';
import { ApiError, apiErrorOfAnswer } from './api-error';
import { deviceId } from './device-id';
import { ensureSession, renewSession } from './session';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** JSON body for POST/PUT, query parameters for GET (Taro serialises them). */
  data?: Record<string, unknown>;
  header?: Record<string, string>;
  timeoutMs?: number;
  /**
   * A consumer endpoint: send `Authorization: Bearer <token>`, logging in first if there is no
   * session, and log in again and retry once when the BFF answers `UNAUTHENTICATED`.
   */
  auth?: boolean;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** A response header by name, whatever its case (wx and browsers differ). */
export const headerValue = (header: unknown, name: string): string => {
  if (!header || typeof header !== 'object') return '';
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(header as Record<string, unknown>)) {
    if (key.toLowerCase() === wanted && typeof value === 'string') return value;
  }
  return '';
};

async function send<T>(
  schema: ZodType<T>,
  path: string,
  options: RequestOptions,
  extraHeader: Record<string, string>,
): Promise<T> {
  let response: Taro.request.SuccessCallbackResult;
  try {
    response = await Taro.request({
      url: `${apiBase()}${path}`,
      method: options.method ?? 'GET',
      data: options.data,
      header: { Accept: 'application/json', 'x-device-id': deviceId(), ...options.header, ...extraHeader },
      dataType: 'json',
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
  } catch {
    throw ApiError.client('NETWORK_ERROR');
  }

  const status = response.statusCode;
  const data: unknown = response.data;
  const headerRequestId = headerValue(response.header, 'x-request-id');

  if (status >= 200 && status < 300) {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw ApiError.client('INVALID_RESPONSE', status, headerRequestId);
    return parsed.data;
  }

  throw apiErrorOfAnswer(status, data, headerRequestId);
}

/**
 * The one way the mini-program talks to the BFF. `Taro.request` is the transport because it
 * works on both platforms: `wx.request` in the weapp, `fetch` in H5. Both resolve for any HTTP
 * status and reject only when no answer came back.
 *
 * Resolves with the body parsed by `schema` (the contract shared with the BFF), or rejects with
 * an `ApiError`: the server's envelope for a non-2xx answer, `NETWORK_ERROR` when there was no
 * answer, `INVALID_RESPONSE` when a 2xx body does not match the contract.
 */
export async function request<T>(schema: ZodType<T>, path: string, options: RequestOptions = {}): Promise<T> {
  if (!options.auth) return send(schema, path, options, {});
  return withSession((authorization) => send(schema, path, options, { Authorization: authorization }));
}

/**
 * Runs `call` with the customer's `Authorization` header value (`Bearer <token>`), logging in
 * first if there is no session, and logging in again and retrying once when `call` rejects with
 * `UNAUTHENTICATED`. For consumer endpoints that `request` cannot fetch (the e-policy PDF).
 */
export async function withSession<T>(call: (authorization: string) => Promise<T>): Promise<T> {
  const token = await ensureSession();
  try {
    return await call(`Bearer ${token}`);
  } catch (error) {
    // The token expired or was revoked: one fresh login, one retry. A second 401 is final.
    if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED') throw error;
    const fresh = await renewSession();
    return call(`Bearer ${fresh}`);
  }
}

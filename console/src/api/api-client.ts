import { ApiError } from './api-error.js';
import { sessionTokenStore, type TokenStore } from './session-store.js';

export type QueryValue = string | number | boolean | undefined | null;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
}

/** `?a=1&b=x`, leaving out empty values (the BFF's schemas treat absent and empty alike only for some fields). */
export const queryStringOf = (query: Record<string, QueryValue> | undefined): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** Every call of the console goes to the BFF that served it: `/api/v1/staff/...`. */
export class ApiClient {
  constructor(
    private readonly tokens: TokenStore = sessionTokenStore,
    private readonly baseUrl = '',
    private readonly fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  async request<T>(path: string, init: ApiRequest = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.tokens.get();
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}${queryStringOf(init.query)}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch {
      throw new ApiError({ statusCode: 0, code: 'NETWORK_ERROR', message: '网络异常，请检查网络后重试' });
    }
    if (response.status === 204) return undefined as T;
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const envelope = (payload ?? {}) as { code?: string; message?: string; requestId?: string; details?: unknown };
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ApiError({
        statusCode: response.status,
        code: envelope.code ?? 'INTERNAL_ERROR',
        message: envelope.message ?? '系统繁忙，请稍后再试',
        ...(envelope.requestId ? { requestId: envelope.requestId } : {}),
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
        details: envelope.details,
      });
    }
    return payload as T;
  }
}

export const apiClient = new ApiClient();

/** The staff API's root. */
export const STAFF_API = '/api/v1/staff';

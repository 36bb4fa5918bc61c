import type { WechatConfig } from './wechat.config.js';
import { WechatApiError } from './wechat-api.error.js';

/**
 * JSON over HTTP to api.weixin.qq.com. WeChat answers errors with HTTP 200 and a non-zero
 * errcode; both that and transport failures become WechatApiError.
 */
export class WechatApiHttp {
  constructor(private readonly config: WechatConfig) {}

  get<T>(path: string, query: Record<string, string>): Promise<T> {
    return this.send<T>('GET', path, query);
  }

  post<T>(path: string, query: Record<string, string>, body: unknown): Promise<T> {
    return this.send<T>('POST', path, query, body);
  }

  private async send<T>(method: string, path: string, query: Record<string, string>, body?: unknown): Promise<T> {
    const url = new URL(path, this.config.apiOrigin);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: body !== undefined ? { 'Content-Type': 'application/json' } : {},
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 5000),
      });
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: unknown } | undefined)?.name;
      throw new WechatApiError(
        name === 'TimeoutError' || name === 'AbortError' ? 'TIMEOUT' : 'NETWORK_ERROR',
        `${method} ${path}: ${String(error)}`,
        0,
        { cause: error },
      );
    }
    let data: { errcode?: number; errmsg?: string } & Record<string, unknown>;
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      throw new WechatApiError(
        response.status >= 500 ? '-1' : 'UNEXPECTED_RESPONSE',
        `${method} ${path}: HTTP ${response.status}, not JSON`,
        response.status,
      );
    }
    if (data.errcode !== undefined && data.errcode !== 0)
      throw new WechatApiError(String(data.errcode), data.errmsg ?? '', response.status);
    if (!response.ok) throw new WechatApiError('-1', `${method} ${path}: HTTP ${response.status}`, response.status);
    return data as T;
  }
}

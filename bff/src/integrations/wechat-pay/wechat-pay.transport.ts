import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2.js';
import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface.js';
import { SignatureRejectedError } from './signature-rejected.error.js';
import { signedMessageFromHeaders, type WechatPaySignatureVerifier } from './signature-verifier.js';
import { WechatPayError } from './wechat-pay.error.js';

/** The SDK builds every URL on WeChat's host; the signature covers only the path. */
export const WECHATPAY_CANONICAL_ORIGIN = 'https://api.mch.weixin.qq.com';

/** What the transport hands back: the SDK's Output plus what verification needs. */
export interface WechatPayHttpResult extends Output {
  headers: Record<string, string>;
  rawBody: string;
}

/**
 * The HTTP layer given to `wechatpay-node-v3` through `createHttp()`:
 * - sends to the configured origin (production or the simulator) with the SDK's own
 *   Authorization, which stays valid because it signs only the path;
 * - keeps response headers and the raw body, and checks the response signature of
 *   every 2xx answer (the stock transport drops both);
 * - turns error answers, network errors and timeouts into WechatPayError.
 */
export class WechatPayTransport implements IPayRequest {
  private verifier: WechatPaySignatureVerifier | undefined;

  constructor(private readonly options: { origin: string; timeoutMs?: number }) {}

  /** Set once the key store exists (it downloads certificates through this transport). */
  verifyResponsesWith(verifier: WechatPaySignatureVerifier): void {
    this.verifier = verifier;
  }

  get(url: string, headers: Record<string, string>): Promise<WechatPayHttpResult> {
    return this.send('GET', url, undefined, headers);
  }

  post(url: string, params: Record<string, unknown>, headers: Record<string, string>): Promise<WechatPayHttpResult> {
    // Must be byte-identical to what the SDK signed: it signs JSON.stringify(params).
    return this.send('POST', url, JSON.stringify(params), headers);
  }

  upload(): Promise<Output> {
    throw new Error('media upload is not used by this product');
  }

  private async send(
    method: string,
    url: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<WechatPayHttpResult> {
    const target = this.rewrite(url);
    const requestHeaders = { ...headers };
    delete requestHeaders['Accept-Encoding'];
    let response: Response;
    let rawBody: string;
    try {
      response = await fetch(target, {
        method,
        headers: { ...requestHeaders, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      rawBody = await response.text();
    } catch (error) {
      // AbortSignal.timeout rejects with a DOMException named TimeoutError (not always instanceof Error).
      const name = (error as { name?: unknown } | undefined)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new WechatPayError(
        timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
        `${method} ${new URL(target).pathname} failed: ${String(error)}`,
        0,
        undefined,
        { cause: error },
      );
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => (responseHeaders[name] = value));
    const data = parseJson(rawBody);

    if (response.status < 200 || response.status >= 300) {
      const err = (data ?? {}) as { code?: string; message?: string; detail?: unknown };
      throw new WechatPayError(
        err.code ?? `HTTP_${response.status}`,
        err.message ?? rawBody.slice(0, 200),
        response.status,
        err.detail,
      );
    }
    // /v3/certificates is verified by its downloader with the certificates it carries.
    if (this.verifier && !new URL(target).pathname.startsWith('/v3/certificates')) {
      try {
        await this.verifier.verify(signedMessageFromHeaders(response.headers, rawBody));
      } catch (error) {
        if (!(error instanceof SignatureRejectedError)) throw error;
        throw new WechatPayError(
          'RESPONSE_SIGNATURE_INVALID',
          `response to ${method} ${new URL(target).pathname}: ${error.message}`,
          response.status,
          undefined,
          { cause: error },
        );
      }
    }
    return { status: response.status, data, headers: responseHeaders, rawBody };
  }

  private rewrite(url: string): string {
    const origin = this.options.origin.replace(/\/+$/, '');
    if (url.startsWith(WECHATPAY_CANONICAL_ORIGIN)) return origin + url.slice(WECHATPAY_CANONICAL_ORIGIN.length);
    return url.startsWith('/') ? origin + url : url;
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

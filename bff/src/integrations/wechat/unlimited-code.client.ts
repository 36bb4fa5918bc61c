import type { AccessTokenProvider } from './access-token.provider.js';
import type { WechatConfig } from './wechat.config.js';
import { WechatApiError } from './wechat-api.error.js';

/**
 * `POST /wxa/getwxacodeunlimit`: a mini-program code for a page with a `scene` (≤ 32 visible
 * characters). Success is the image itself, not JSON; errors are JSON with an errcode. Codes are
 * unlimited in number but the call is rate-limited, so callers make them ahead of time and cache them.
 */
export class UnlimitedCodeClient {
  constructor(
    private readonly tokens: AccessTokenProvider,
    private readonly config: WechatConfig,
  ) {}

  async create(input: {
    scene: string;
    page: string;
    width?: number;
  }): Promise<{ contentType: string; image: Buffer }> {
    if (input.scene.length < 1 || input.scene.length > 32)
      throw new RangeError(`scene must be 1-32 characters: ${input.scene}`);
    return this.tokens.withToken(async (token) => {
      const url = new URL('/wxa/getwxacodeunlimit', this.config.apiOrigin);
      url.searchParams.set('access_token', token);
      let response: Response;
      let bytes: Buffer;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ scene: input.scene, page: input.page, check_path: false, width: input.width ?? 430 }),
          // An image, made in a background job: a longer wait than the interactive calls' 5 s.
          signal: AbortSignal.timeout(Math.max(this.config.timeoutMs ?? 5000, 20_000)),
        });
        bytes = Buffer.from(await response.arrayBuffer());
      } catch (error) {
        const name = (error as { name?: unknown } | undefined)?.name;
        throw new WechatApiError(
          name === 'TimeoutError' || name === 'AbortError' ? 'TIMEOUT' : 'NETWORK_ERROR',
          `getwxacodeunlimit: ${String(error)}`,
          0,
          { cause: error },
        );
      }
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType.includes('json') || bytes[0] === 0x7b) {
        const data = JSON.parse(bytes.toString('utf8')) as { errcode?: number; errmsg?: string };
        throw new WechatApiError(
          String(data.errcode ?? -1),
          data.errmsg ?? 'getwxacodeunlimit failed',
          response.status,
        );
      }
      if (!response.ok || bytes.length === 0)
        throw new WechatApiError('-1', `getwxacodeunlimit: HTTP ${response.status}`, response.status);
      return { contentType: contentType || 'image/png', image: bytes };
    });
  }
}

import { randomUUID } from 'node:crypto';
import type { AccessTokenClient } from './access-token.client.js';
import type { AccessTokenRepository } from './access-token.repository.js';
import { WechatApiError } from './wechat-api.error.js';

export interface AccessTokenProviderOptions {
  appid: string;
  /** Refresh this long before expiry. Default 5 minutes (WeChat's own overlap). */
  refreshMarginSeconds?: number;
  /** How long a refresher may hold the lease. Default 10 s. */
  leaseMs?: number;
  /** How often a waiting instance re-reads the cache. Default 50 ms. */
  pollMs?: number;
  /** Give up waiting for another instance's refresh after this long. Default 15 s. */
  waitTimeoutMs?: number;
}

/**
 * The access token every mini-program call needs, cached in PostgreSQL and refreshed by
 * exactly one instance at a time (the lease holder); the others wait for its result.
 */
export class AccessTokenProvider {
  private readonly owner = randomUUID();
  private memory: { token: string; freshUntil: number } | undefined;
  private readonly margin: number;

  constructor(
    private readonly repository: AccessTokenRepository,
    private readonly client: AccessTokenClient,
    private readonly options: AccessTokenProviderOptions,
  ) {
    this.margin = options.refreshMarginSeconds ?? 300;
  }

  async get(): Promise<string> {
    if (this.memory && this.memory.freshUntil > Date.now()) return this.memory.token;
    const deadline = Date.now() + (this.options.waitTimeoutMs ?? 15_000);
    for (;;) {
      const cached = await this.repository.read(this.options.appid);
      if (cached && cached.remainingSeconds > this.margin)
        return this.remember(cached.accessToken, cached.remainingSeconds);
      if (await this.repository.tryAcquireLease(this.options.appid, this.owner, this.options.leaseMs ?? 10_000)) {
        return this.refreshHoldingLease();
      }
      // Someone else is refreshing. A token inside the margin is still valid: use it meanwhile.
      if (cached) return cached.accessToken;
      if (Date.now() > deadline)
        throw new WechatApiError('TIMEOUT', 'waited too long for another instance to refresh the access token', 0);
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 50));
    }
  }

  /** Call when WeChat answered 40001/42001 for this token: the next get() refreshes. */
  async invalidate(token: string): Promise<void> {
    if (this.memory?.token === token) this.memory = undefined;
    await this.repository.invalidate(this.options.appid, token);
  }

  /** Runs `call` with a token; on a stale-token answer refreshes once and retries. */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof WechatApiError) || !error.isStaleAccessToken) throw error;
      await this.invalidate(token);
      return call(await this.get());
    }
  }

  private async refreshHoldingLease(): Promise<string> {
    try {
      // Another instance may have stored a token between our read and our lease.
      const cached = await this.repository.read(this.options.appid);
      if (cached && cached.remainingSeconds > this.margin) {
        await this.repository.releaseLease(this.options.appid, this.owner);
        return this.remember(cached.accessToken, cached.remainingSeconds);
      }
      const fetched = await this.client.fetch();
      await this.repository.storeAndRelease(
        this.options.appid,
        this.owner,
        fetched.accessToken,
        fetched.expiresInSeconds,
      );
      return this.remember(fetched.accessToken, fetched.expiresInSeconds);
    } catch (error) {
      await this.repository.releaseLease(this.options.appid, this.owner).catch(() => undefined);
      throw error;
    }
  }

  private remember(token: string, remainingSeconds: number): string {
    this.memory = { token, freshUntil: Date.now() + (remainingSeconds - this.margin) * 1000 };
    return token;
  }
}

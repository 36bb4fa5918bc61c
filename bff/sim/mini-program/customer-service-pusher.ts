import { createHash, randomBytes } from 'node:crypto';
import { scaledDelayMs } from '../notifications/retry-schedule.js';
import type { SimContext } from '../sim-context.js';
import type { MiniProgramBook } from './mini-program-book.js';

export interface CustomerServiceMessageInput {
  openid: string;
  msgType?: 'text' | 'image' | 'miniprogrampage' | 'event';
  content?: string;
  /** Overrides the simulator's configured push URL for this message. */
  pushUrl?: string;
}

/** Answer within 5 s, else WeChat retries the push 3 times. */
const ANSWER_TIMEOUT_MS = 5000;
const RETRIES = 3;

/**
 * Pushes a user's customer-service message to the merchant's URL, as WeChat's 消息推送 does:
 * JSON body, `?signature=&timestamp=&nonce=` where signature = SHA1(sorted(token, timestamp, nonce)).
 */
export class CustomerServicePusher {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ctx: SimContext,
    private readonly book: MiniProgramBook,
  ) {}

  async push(input: CustomerServiceMessageInput): Promise<{ msgId: string; delivered: boolean }> {
    const url = input.pushUrl ?? this.ctx.settings.customerServicePushUrl;
    if (!url) throw new Error('no customer-service push URL configured');
    this.book.recordUserMessage(input.openid);
    const msgId = String(BigInt(`0x${randomBytes(8).toString('hex')}`) >> 1n);
    const body = JSON.stringify({
      ToUserName: 'gh_a1b2c3d4e5f6',
      FromUserName: input.openid,
      CreateTime: Math.floor(this.ctx.clock.now() / 1000),
      MsgType: input.msgType ?? 'text',
      Content: input.content ?? '',
      MsgId: msgId,
    });
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (attempt > 0) await this.sleep(scaledDelayMs(5, this.ctx.settings.timeScale));
      const answer = await this.deliver(url, body, input.openid, msgId, attempt);
      if (answer) return { msgId, delivered: true };
    }
    return { msgId, delivered: false };
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private async deliver(url: string, body: string, openid: string, msgId: string, attempt: number): Promise<boolean> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(randomBytes(4).readUInt32BE());
    const signature = createHash('sha1').update([this.ctx.keys.pushToken, timestamp, nonce].sort().join('')).digest('hex');
    const target = new URL(url);
    target.searchParams.set('signature', signature);
    target.searchParams.set('timestamp', timestamp);
    target.searchParams.set('nonce', nonce);
    try {
      const response = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
      const answer = (await response.text()).trim();
      this.ctx.ledger.record({ kind: 'cs_push', at: Date.now(), msgId, openid, attempt, httpStatus: response.status, answer });
      return response.ok && (answer === '' || answer === 'success');
    } catch {
      this.ctx.ledger.record({ kind: 'cs_push', at: Date.now(), msgId, openid, attempt });
      return false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

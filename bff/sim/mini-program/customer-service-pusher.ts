import { randomBytes } from 'node:crypto';
import { wxEncrypt, wxSha1Signature } from '../crypto/wx-message-crypt.js';
import { scaledDelayMs } from '../notifications/retry-schedule.js';
import type { SimContext } from '../sim-context.js';
import type { MiniProgramBook } from './mini-program-book.js';

export interface CustomerServiceMessageInput {
  openid: string;
  msgType?: 'text' | 'image' | 'miniprogrampage' | 'event';
  content?: string;
  /** image: the picture's media id (and its temporary URL). */
  mediaId?: string;
  /** miniprogrampage: the card the user sent from a page (its title and path). */
  card?: { title: string; pagePath: string };
  /** event (user_enter_tempsession): what the contact button carried as session-from. */
  sessionFrom?: string;
  /** Overrides the simulator's configured push URL for this message. */
  pushUrl?: string;
  /**
   * The same push delivered this many times (default 1), as WeChat does when it did not see the
   * merchant's answer in time: every delivery carries the same MsgId.
   */
  deliveries?: number;
}

/** 明文模式 or 安全模式 (encrypted, with msg_signature). */
export type CustomerServicePushMode = 'plain' | 'safe';

/** Answer within 5 s, else WeChat retries the push 3 times. */
const ANSWER_TIMEOUT_MS = 5000;
const RETRIES = 3;
/** The mini-program's original id (gh_…): ToUserName of every push. */
const ORIGINAL_ID = 'gh_a1b2c3d4e5f6';

/**
 * Pushes a user's customer-service message to the merchant's URL, as WeChat's 消息推送 does (JSON
 * data format): `?signature=&timestamp=&nonce=` where signature = SHA1(sorted(token, timestamp,
 * nonce)); in safe mode the body is `{ToUserName, Encrypt}` (WeChat's AES-256-CBC) and the query
 * adds `encrypt_type=aes&msg_signature=SHA1(sorted(token, timestamp, nonce, Encrypt))`.
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
    const msgType = input.msgType ?? 'text';
    this.book.recordUserAction(input.openid, msgType === 'event' ? 'enter' : 'message');
    const createTime = Math.floor(this.ctx.clock.now() / 1000);
    // Events carry no MsgId; WeChat's advice is to de-duplicate them by FromUserName + CreateTime.
    const msgId =
      msgType === 'event'
        ? `${input.openid}:${createTime}`
        : String(BigInt(`0x${randomBytes(8).toString('hex')}`) >> 1n);
    const message: Record<string, unknown> = {
      ToUserName: ORIGINAL_ID,
      FromUserName: input.openid,
      CreateTime: createTime,
      MsgType: msgType,
    };
    if (msgType === 'text') message.Content = input.content ?? '';
    if (msgType === 'image') {
      const mediaId = input.mediaId ?? randomBytes(24).toString('base64url');
      Object.assign(message, { PicUrl: `http://mmbiz.qpic.cn/sim/${mediaId}/0`, MediaId: mediaId });
    }
    if (msgType === 'miniprogrampage') {
      const card = input.card ?? { title: '小安保险', pagePath: 'pages/home/index' };
      Object.assign(message, {
        Title: card.title,
        AppId: this.ctx.keys.appid,
        PagePath: card.pagePath,
        ThumbUrl: '',
        ThumbMediaId: randomBytes(24).toString('base64url'),
      });
    }
    if (msgType === 'event')
      Object.assign(message, { Event: 'user_enter_tempsession', SessionFrom: input.sessionFrom ?? '' });
    else message.MsgId = msgId;
    const plain = JSON.stringify(message);
    const deliveries = Math.max(1, Math.min(input.deliveries ?? 1, 4));
    let delivered = false;
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (attempt > 0 && !delivered) await this.sleep(scaledDelayMs(5, this.ctx.settings.timeScale));
      if (delivered && attempt >= deliveries) break;
      const answered = await this.deliver(url, plain, input.openid, msgId, attempt);
      delivered ||= answered;
      if (delivered && attempt + 1 >= deliveries) break;
    }
    return { msgId, delivered };
  }

  /** The check WeChat runs when the push URL is saved: GET with echostr, which must come back as is. */
  async verifyUrl(url: string): Promise<{ passed: boolean; httpStatus?: number }> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(randomBytes(4).readUInt32BE());
    const echostr = String(BigInt(`0x${randomBytes(8).toString('hex')}`) >> 1n);
    const target = new URL(url);
    for (const [name, value] of Object.entries({
      signature: wxSha1Signature(this.ctx.keys.pushToken, timestamp, nonce),
      timestamp,
      nonce,
      echostr,
    })) {
      target.searchParams.set(name, value);
    }
    try {
      const response = await fetch(target, { signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
      const passed = response.status === 200 && (await response.text()) === echostr;
      this.ctx.ledger.record({ kind: 'cs_url_check', at: Date.now(), url, httpStatus: response.status, passed });
      return { passed, httpStatus: response.status };
    } catch {
      this.ctx.ledger.record({ kind: 'cs_url_check', at: Date.now(), url, passed: false });
      return { passed: false };
    }
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private async deliver(url: string, plain: string, openid: string, msgId: string, attempt: number): Promise<boolean> {
    const mode = this.ctx.settings.customerServicePushMode;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(randomBytes(4).readUInt32BE());
    const token = this.ctx.keys.pushToken;
    const target = new URL(url);
    target.searchParams.set('signature', wxSha1Signature(token, timestamp, nonce));
    target.searchParams.set('timestamp', timestamp);
    target.searchParams.set('nonce', nonce);
    let body = plain;
    if (mode === 'safe') {
      const encrypt = wxEncrypt(plain, this.ctx.keys.pushEncodingAesKey, this.ctx.keys.appid);
      body = JSON.stringify({ ToUserName: ORIGINAL_ID, Encrypt: encrypt });
      target.searchParams.set('encrypt_type', 'aes');
      target.searchParams.set('msg_signature', wxSha1Signature(token, timestamp, nonce, encrypt));
    }
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      const answer = (await response.text()).trim();
      this.ctx.ledger.record({
        kind: 'cs_push',
        at: Date.now(),
        msgId,
        openid,
        attempt,
        mode,
        httpStatus: response.status,
        answer,
      });
      return response.ok && (answer === '' || answer === 'success');
    } catch {
      this.ctx.ledger.record({ kind: 'cs_push', at: Date.now(), msgId, openid, attempt, mode });
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

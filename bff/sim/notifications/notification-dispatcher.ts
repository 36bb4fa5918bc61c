import { randomBytes, randomUUID } from 'node:crypto';
import { encryptResource } from '../crypto/resource-cipher.js';
import type { WechatPaySigner } from '../crypto/wechatpay-signer.js';
import type { FaultSwitches, NotificationFault } from '../state/fault-switches.js';
import type { Ledger } from '../state/ledger.js';
import { toBeijingRfc3339 } from '../state/sim-clock.js';
import { NOTIFICATION_RETRY_SCHEDULE_SECONDS, scaledDelayMs } from './retry-schedule.js';

export interface NotificationRequest {
  url: string;
  eventType:
    'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED' | 'MCHTRANSFER.BILL.FINISHED';
  summary: string;
  /** `transaction`, `refund` or `mch_payment`: also used as associated_data, as WeChat does. */
  originalType: string;
  resource: unknown;
}

export interface NotificationDispatcherOptions {
  signer: WechatPaySigner;
  apiV3Key: string;
  ledger: Ledger;
  faults: FaultSwitches;
  timeScale: number;
  /** WeChat gives the merchant 5 s to answer. */
  answerTimeoutMs: number;
  /** How long a `reorder` fault holds a notification back so later ones overtake it. */
  reorderDelayMs: number;
}

/**
 * Delivers WeChat Pay callbacks: an encrypted, signed envelope POSTed to notify_url.
 * Only the HTTP status decides success (200/204); anything else is retried on the
 * documented 15-step schedule, compressed by `timeScale`. Every attempt lands in the ledger.
 */
export class NotificationDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(private readonly options: NotificationDispatcherOptions) {}

  enqueue(request: NotificationRequest): string {
    const id = randomUUID();
    const envelope = JSON.stringify({
      id,
      create_time: toBeijingRfc3339(Date.now()),
      resource_type: 'encrypt-resource',
      event_type: request.eventType,
      summary: request.summary,
      resource: {
        original_type: request.originalType,
        ...encryptResource(this.options.apiV3Key, JSON.stringify(request.resource), request.originalType),
      },
    });
    const fault = this.options.faults.takeNotificationFault();
    const job: Job = { id, request, envelope, fault };
    if (fault === 'drop') {
      this.record(job, 0, 0, 'dropped');
      return id;
    }
    if (fault === 'reorder') {
      this.later(this.options.reorderDelayMs, () => this.attempt(job, 0));
    } else {
      this.later(0, () => this.attempt(job, 0));
      if (fault === 'duplicate') this.later(0, () => this.deliver(job, 0, 0));
    }
    return id;
  }

  /**
   * WeChat's probe: a callback whose signature starts with WECHATPAY/SIGNTEST/ and is
   * deliberately invalid. A correct merchant rejects it. Returns the merchant's HTTP status.
   */
  async sendSignTestProbe(url: string): Promise<number> {
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: toBeijingRfc3339(Date.now()),
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource',
      summary: 'SIGNTEST',
      resource: {},
    });
    const headers = this.options.signer.sign(body, { channel: 'notification' });
    headers['Wechatpay-Signature'] = `WECHATPAY/SIGNTEST/${randomBytes(128).toString('base64')}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body,
      signal: AbortSignal.timeout(this.options.answerTimeoutMs),
    });
    await response.arrayBuffer();
    return response.status;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
  }

  private later(ms: number, run: () => Promise<unknown>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, ms);
    this.timers.add(timer);
  }

  /** attempt 0 is the first delivery; attempts 1..15 are the retries. */
  private async attempt(job: Job, attempt: number): Promise<void> {
    const scheduled = attempt === 0 ? 0 : NOTIFICATION_RETRY_SCHEDULE_SECONDS[attempt - 1]!;
    const delivered = await this.deliver(job, attempt, scheduled);
    if (delivered || this.closed) return;
    if (attempt >= NOTIFICATION_RETRY_SCHEDULE_SECONDS.length) {
      // Out of retries: from here on only the merchant's own query can learn the outcome.
      this.record(job, attempt, scheduled, 'abandoned');
      return;
    }
    const next = NOTIFICATION_RETRY_SCHEDULE_SECONDS[attempt]!;
    this.later(scaledDelayMs(next, this.options.timeScale), () => this.attempt(job, attempt + 1));
  }

  private async deliver(job: Job, attempt: number, scheduled: number): Promise<boolean> {
    // A wrongly signed fault applies to the first delivery only, so the retry shows recovery.
    const forge = job.fault === 'bad_signature' && attempt === 0;
    const headers = this.options.signer.sign(job.envelope, { forge, channel: 'notification' });
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.answerTimeoutMs);
    try {
      const response = await fetch(job.request.url, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/4.0 (WeChatPay Simulator)' },
        body: job.envelope,
        signal: controller.signal,
      });
      await response.arrayBuffer();
      const ok = response.status === 200 || response.status === 204;
      this.record(
        job,
        attempt,
        scheduled,
        ok ? 'delivered' : 'failed',
        response.status,
        headers['Wechatpay-Serial'],
        forge ? 'bad_signature' : job.fault,
      );
      return ok;
    } catch {
      this.record(job, attempt, scheduled, 'failed', undefined, headers['Wechatpay-Serial'], job.fault);
      return false;
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
  }

  private record(
    job: Job,
    attempt: number,
    scheduled: number,
    outcome: 'delivered' | 'failed' | 'dropped' | 'abandoned',
    httpStatus?: number,
    signedWith?: string,
    fault?: string,
  ): void {
    this.options.ledger.record({
      kind: 'notification',
      at: Date.now(),
      notificationId: job.id,
      eventType: job.request.eventType,
      url: job.request.url,
      attempt,
      scheduledDelaySeconds: scheduled,
      outcome,
      ...(httpStatus !== undefined ? { httpStatus } : {}),
      ...(signedWith ? { signedWith } : {}),
      ...(fault ? { fault } : {}),
    });
  }
}

interface Job {
  id: string;
  request: NotificationRequest;
  envelope: string;
  fault: NotificationFault | undefined;
}

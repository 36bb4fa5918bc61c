import { afterEach, describe, expect, it } from '@jest/globals';
import { NOTIFICATION_RETRY_SCHEDULE_SECONDS } from '../../sim/index.js';
import { scaledDelayMs } from '../../sim/notifications/retry-schedule.js';
import { businessNo, startHarness, waitFor, type Harness } from './support/conformance-harness.js';

const openid = 'oRetry00000000000000000001';

describe('notification retries follow WeChat’s documented schedule', () => {
  let h: Harness;
  afterEach(() => h.close());

  async function pay(): Promise<void> {
    const { prepayId } = await h.pay.gateway.createJsapiOrder({
      outTradeNo: businessNo('RT'),
      description: '天气险',
      amountFen: 100,
      openid,
    });
    h.sim.pay(prepayId, openid);
  }

  it('retries a failing webhook 15 times (15s,15s,30s,3m,10m,20m,30m,30m,30m,60m,3h,3h,3h,6h,6h), then gives up', async () => {
    expect(NOTIFICATION_RETRY_SCHEDULE_SECONDS).toEqual([
      15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
    ]);
    expect(NOTIFICATION_RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0)).toBe(24 * 3600 + 4 * 60);
    // 24 h 4 m compressed into about 0.9 s.
    h = await startHarness({ sim: { timeScale: 100_000 } });
    h.receiver.respondWith(() => ({ status: 500, body: JSON.stringify({ code: 'FAIL', message: 'busy' }) }));
    await pay();
    const log = await waitFor(() => {
      const entries = h.sim.ledger.of('notification');
      return entries.some((e) => e.outcome === 'abandoned') ? entries : undefined;
    }, 10_000);
    const attempts = log.filter((e) => e.outcome === 'failed');
    expect(attempts).toHaveLength(16);
    expect(attempts.map((a) => a.scheduledDelaySeconds)).toEqual([0, ...NOTIFICATION_RETRY_SCHEDULE_SECONDS]);
    expect(h.receiver.received).toHaveLength(16);
    // The same notification every time: one id, re-signed per attempt.
    expect(new Set(h.receiver.received.map((r) => (JSON.parse(r.rawBody) as { id: string }).id)).size).toBe(1);
    // Every wait is kept in full: a retry is scheduled once the previous attempt's answer is in, so two
    // receipts lie at least the scaled delay apart (6 h → 216 ms; 1 ms for the clock's granularity).
    // Only a lower bound: how long a delivery itself takes depends on the machine's load.
    const at = h.receiver.received.map((r) => r.receivedAt);
    const gaps = at.slice(1).map((time, i) => time - at[i]!);
    gaps.forEach((gap, i) =>
      expect(gap).toBeGreaterThanOrEqual(scaledDelayMs(NOTIFICATION_RETRY_SCHEDULE_SECONDS[i]!, 100_000) - 1),
    );
  });

  it('spaces the first retries by 15 s scaled (timeScale 1000 → 15 ms)', async () => {
    h = await startHarness({ sim: { timeScale: 1000 } });
    let calls = 0;
    h.receiver.respondWith(() => (++calls < 4 ? { status: 503 } : { status: 200 }));
    await pay();
    await waitFor(() => (h.receiver.received.length >= 4 ? true : undefined));
    const at = h.receiver.received.map((r) => r.receivedAt);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(14);
    expect(at[3]! - at[2]!).toBeGreaterThanOrEqual(29);
    await new Promise((r) => setTimeout(r, 250));
    expect(h.receiver.received).toHaveLength(4);
  });

  it('treats the HTTP status as the answer: 200 with a FAIL body is not retried', async () => {
    h = await startHarness({ sim: { timeScale: 100_000 } });
    h.receiver.respondWith(() => ({
      status: 200,
      body: JSON.stringify({ code: 'FAIL', message: 'ignored by WeChat' }),
    }));
    await pay();
    await waitFor(() => (h.receiver.received.length >= 1 ? true : undefined));
    await new Promise((r) => setTimeout(r, 200));
    expect(h.receiver.received).toHaveLength(1);
  });
});

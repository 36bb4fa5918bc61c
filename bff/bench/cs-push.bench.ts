/**
 * Issue #11 benchmark: WeChat's 消息推送 of users' customer-service messages, at a steady
 * 200 pushes/s for 30 s (open loop: a push leaves every 5 ms whether or not earlier ones were
 * answered), half of them in safe mode (AES-encrypted, msg_signature), each signed as WeChat signs
 * it, to the compiled BFF in its own process. WeChat retries a push not answered within 5 s.
 *   BENCH cs_push_ack_p50_ms / cs_push_ack_p99_ms   push sent → HTTP 200 "success" received
 *   BENCH cs_push_over_5s                           pushes answered later than 5 s (WeChat would have retried them)
 *   BENCH cs_push_failed                            pushes answered with an error (e.g. no pooled connection within 5 s)
 * The answer follows the commit of the stored push and its job; afterwards every push must have
 * become exactly one conversation message (checked, not assumed).
 * Env: BENCH_SECONDS (30), BENCH_CS_PUSH_RATE (200 per second), BENCH_CS_USERS (2000 distinct users);
 * the BFF logs at info (its production default) unless BENCH_BFF_LOG_LEVEL says otherwise.
 */
import { randomBytes } from 'node:crypto';
import { wxEncrypt, wxSha1Signature } from '../sim/crypto/wx-message-crypt.js';
import { bench, percentile, printMachine, startBenchStack } from './support/bench-stack.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RATE = Number(process.env.BENCH_CS_PUSH_RATE ?? 200);
const USERS = Number(process.env.BENCH_CS_USERS ?? 2000);
const WARM_UP_SECONDS = 3;

const main = async () => {
  printMachine(
    `cs-push benchmark: ${RATE} pushes/s for ${SECONDS} s (+${WARM_UP_SECONDS} s warm-up), half in safe mode, ${USERS} users, 1 BFF process`,
  );
  // The BFF logs at its production level (info) into a pipe this process drains, as a log shipper
  // would: the ack path's logging is part of what is measured.
  const stack = await startBenchStack({
    instances: 1,
    env: { LOG_LEVEL: process.env.BENCH_BFF_LOG_LEVEL ?? 'info' },
    stdout: process.env.BENCH_BFF_LOG_LEVEL ? 'inherit' : 'pipe',
  });
  try {
    const { pushToken: token, pushEncodingAesKey: aesKey, appid } = stack.sim.keys;
    const url = `${stack.bffUrls[0]}/api/v1/wechat/cs-push`;
    const openids = Array.from(
      { length: USERS },
      (_, i) => `oBench${String(i).padStart(6, '0')}${randomBytes(8).toString('hex')}`,
    );
    let sequence = 0;

    /** The time to the answer, and whether it was WeChat's "success" (else WeChat would retry it). */
    const pushOne = async (): Promise<{ ms: number; ok: boolean }> => {
      const n = (sequence += 1);
      const message = JSON.stringify({
        ToUserName: 'gh_a1b2c3d4e5f6',
        FromUserName: openids[n % USERS],
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'text',
        Content: `第 ${n} 条：我的航班延误了，理赔什么时候到账？`,
        MsgId: String(7_000_000_000_000_000n + BigInt(n)),
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = String(randomBytes(4).readUInt32BE());
      const query = new URLSearchParams({ signature: wxSha1Signature(token, timestamp, nonce), timestamp, nonce });
      let body = message;
      if (n % 2 === 0) {
        const encrypt = wxEncrypt(message, aesKey, appid);
        query.set('encrypt_type', 'aes');
        query.set('msg_signature', wxSha1Signature(token, timestamp, nonce, encrypt));
        body = JSON.stringify({ ToUserName: 'gh_a1b2c3d4e5f6', Encrypt: encrypt });
      }
      const started = performance.now();
      try {
        const response = await fetch(`${url}?${query}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(60_000),
        });
        const answer = await response.text();
        if (response.status !== 200 || answer !== 'success')
          failures.push(`push ${n}: ${response.status} ${answer.slice(0, 120)}`);
        return { ms: performance.now() - started, ok: response.status === 200 && answer === 'success' };
      } catch (error) {
        failures.push(`push ${n}: ${(error as Error).message}`);
        return { ms: performance.now() - started, ok: false };
      }
    };
    const failures: string[] = [];

    const run = async (seconds: number): Promise<{ ms: number; ok: boolean }[]> => {
      const total = Math.round(seconds * RATE);
      const startedAt = performance.now();
      const pending: Promise<{ ms: number; ok: boolean }>[] = [];
      for (let i = 0; i < total; i += 1) {
        const due = startedAt + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        pending.push(pushOne());
      }
      return Promise.all(pending);
    };

    await run(WARM_UP_SECONDS);
    const warmUp = sequence;
    const failedInWarmUp = failures.length;
    const measured = await run(SECONDS);
    const latencies = measured.map((push) => push.ms).sort((a, b) => a - b);
    const failed = measured.filter((push) => !push.ok).length;
    const pushed = sequence;

    // Every push stored once and, shortly after, a conversation message.
    const drainStarted = Date.now();
    const deadline = drainStarted + 300_000;
    for (;;) {
      const {
        rows: [state],
      } = await stack.db.query<{ stored: number; messages: number }>(
        `SELECT (SELECT count(*)::int FROM support_inbound_pushes) AS stored, (SELECT count(*)::int FROM support_messages WHERE direction = 'in') AS messages`,
      );
      // A push answered "success" is stored; one answered with an error may or may not be (WeChat retries it).
      if (state!.stored < pushed - failures.length || state!.stored > pushed)
        throw new Error(`stored ${state!.stored} pushes, sent ${pushed} (${failures.length} failed)`);
      if (state!.messages === state!.stored) break;
      if (Date.now() > deadline)
        throw new Error(`only ${state!.messages} of ${state!.stored} stored pushes became messages`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (failures.length > 0)
      console.log(
        `# ${failures.length} pushes not answered "success" (${failedInWarmUp} in the warm-up), e.g. ${failures[0]}`,
      );
    console.log(
      `# ${latencies.length} pushes measured (${warmUp} warm-up); min ${latencies[0]!.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms; every stored push became one message (the last ${((Date.now() - drainStarted) / 1000).toFixed(1)} s after the last push)`,
    );
    const logBytes = stack.bffs[0]!.logBytes();
    if (logBytes > 0)
      console.log(
        `# the BFF logged ${(logBytes / 1024).toFixed(0)} KiB at info (${(logBytes / pushed).toFixed(0)} bytes per push, job included)`,
      );
    bench('cs_push_ack_p50_ms', percentile(latencies, 50), 'ms');
    bench('cs_push_ack_p99_ms', percentile(latencies, 99), 'ms');
    bench('cs_push_over_5s', latencies.filter((ms) => ms > 5000).length, 'pushes');
    bench('cs_push_failed', failed, 'pushes');
  } finally {
    await stack.stop();
  }
};

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

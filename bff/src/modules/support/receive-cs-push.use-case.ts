import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import type { PushedMessage } from './domain/cs-push-message.js';
import { SUPPORT_QUEUES } from './support.queues.js';

type PushMode = 'plain' | 'safe' | 'h5';

interface Waiting {
  dedupeKey: string;
  openid: string;
  mode: PushMode;
  payload: string;
  resolve: (result: { duplicate: boolean }) => void;
  reject: (error: unknown) => void;
}

/** Pushes stored per transaction at most; under load they queue while one batch commits. */
const MAX_BATCH = 200;
/** Batches committing side by side: leaves the rest of the pool to everyone else. */
const MAX_FLUSHES = 2;

/**
 * Keeps verified pushes and schedules their processing — the whole of what WeChat waits for (5 s).
 * Pushes are group-committed: whatever arrives while a batch is committing goes into the next one,
 * stored with one multi-row INSERT and one job for the batch, in one transaction. A quiet moment
 * is a batch of one (no timer, no added wait); a burst of 200/s costs a few transactions a second
 * instead of 200, so a push's answer no longer queues behind 200 transactions for a pooled
 * connection. Each push is answered only after its batch committed; WeChat's retries of a push
 * (same MsgId) conflict on the key and change nothing. Parsing, de-duplication into
 * conversations and claim answers happen in the job. Nothing is logged per push: one line per
 * batch (the push route has no per-request logger either).
 */
@Injectable()
export class ReceiveCsPushUseCase implements OnModuleDestroy {
  private readonly logger = new Logger('ReceiveCsPush');
  private readonly waiting: Waiting[] = [];
  private flushing = 0;

  constructor(private readonly uow: UnitOfWork) {}

  execute(message: PushedMessage, payload: unknown, mode: PushMode): Promise<{ duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        dedupeKey: message.dedupeKey,
        openid: message.openid,
        mode,
        payload: JSON.stringify(payload),
        resolve,
        reject,
      });
      this.pump();
    });
  }

  onModuleDestroy(): void {
    for (const entry of this.waiting.splice(0)) entry.reject(new Error('shutting down'));
  }

  private pump(): void {
    while (this.flushing < MAX_FLUSHES && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.flushing += 1;
      void this.flush(batch).finally(() => {
        this.flushing -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Waiting[]): Promise<void> {
    // The same MsgId twice in one batch (a retry racing the original): the first one is stored.
    const first = new Map<string, Waiting>();
    for (const entry of batch) if (!first.has(entry.dedupeKey)) first.set(entry.dedupeKey, entry);
    const unique = [...first.values()];
    const started = performance.now();
    try {
      const inserted = await this.uow.run(async (tx) => {
        const rows = (await tx.manager.query(
          `INSERT INTO support_inbound_pushes (dedupe_key, openid, mode, payload)
           SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::jsonb[])
           ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
          [
            unique.map((entry) => entry.dedupeKey),
            unique.map((entry) => entry.openid),
            unique.map((entry) => entry.mode),
            unique.map((entry) => entry.payload),
          ],
        )) as { dedupe_key: string }[];
        const keys = rows.map((row) => row.dedupe_key);
        if (keys.length > 0) await tx.enqueue(SUPPORT_QUEUES.ingestPushes, { dedupeKeys: keys });
        return new Set(keys);
      });
      for (const entry of batch)
        entry.resolve({ duplicate: !(inserted.has(entry.dedupeKey) && first.get(entry.dedupeKey) === entry) });
      // One line per batch, not per push: the pushes themselves are the evidence, in the table.
      this.logger.log(
        { pushes: batch.length, stored: inserted.size, ms: Math.round(performance.now() - started) },
        'customer-service pushes stored',
      );
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}

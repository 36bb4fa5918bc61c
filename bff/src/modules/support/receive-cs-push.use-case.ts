import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import type { PushedMessage } from './domain/cs-push-message.js';
import { SUPPORT_QUEUES } from './support.queues.js';

/**
 * Keeps a verified push and schedules its processing, in one transaction. WeChat's retries of the
 * same push (same MsgId) find the row already there and change nothing.
 */
@Injectable()
export class ReceiveCsPushUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(message: PushedMessage, payload: unknown, mode: 'plain' | 'safe' | 'h5'): Promise<{ duplicate: boolean }> {
    return this.uow.run(async (tx) => {
      const inserted = (await tx.manager.query(
        `INSERT INTO support_inbound_pushes (dedupe_key, openid, mode, payload) VALUES ($1, $2, $3, $4)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
        [message.dedupeKey, message.openid, mode, JSON.stringify(payload)],
      )) as unknown[];
      if (inserted.length === 0) return { duplicate: true };
      await tx.enqueue(SUPPORT_QUEUES.ingestPush, { dedupeKey: message.dedupeKey });
      return { duplicate: false };
    });
  }
}

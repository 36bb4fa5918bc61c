import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../core/database/rows-of.js';

/** WeChat Pay's 100 QPS per merchant for transfer-bill create and query (wechat.md §5). */
export const TRANSFER_BILLS_BUCKET = 'wechatpay.transfer_bills';

/**
 * A token bucket in PostgreSQL shared by every BFF instance: one guarded UPDATE refills by elapsed
 * time and takes a token atomically, or matches nothing when the bucket is empty.
 */
@Injectable()
export class TransferRateBucket {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async tryTake(bucket = TRANSFER_BILLS_BUCKET, tokens = 1): Promise<boolean> {
    const rows = rowsOf<{ tokens: number }>(
      await this.dataSource.query(
        `UPDATE token_buckets
            SET tokens = least(capacity, tokens + extract(epoch FROM clock_timestamp() - refilled_at) * refill_per_second) - $2,
                refilled_at = clock_timestamp()
          WHERE name = $1 AND least(capacity, tokens + extract(epoch FROM clock_timestamp() - refilled_at) * refill_per_second) >= $2
         RETURNING tokens`,
        [bucket, tokens],
      ),
    );
    return rows.length > 0;
  }

  /** Waits for a token up to `maxWaitMs` (at 100/s a token frees every 10 ms). */
  async take(maxWaitMs: number, bucket = TRANSFER_BILLS_BUCKET): Promise<boolean> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      if (await this.tryTake(bucket)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '../errors/app.exception.js';

/**
 * A fixed-window limit kept in PostgreSQL, so N stateless BFF instances share one budget.
 * One upsert per request; old windows are swept opportunistically.
 */
@Injectable()
export class RateLimiter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async consume(bucket: string, limit: number, windowSeconds: number): Promise<void> {
    const rows = (await this.dataSource.query(
      `INSERT INTO rate_limit_windows (bucket, window_start, hits)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
       RETURNING hits`,
      [bucket, windowSeconds],
    )) as { hits: number }[];
    if (Math.random() < 0.01) {
      await this.dataSource.query(`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 hour'`);
    }
    if (rows[0]!.hits > limit) throw new AppException('RATE_LIMITED', { retryAfterSeconds: windowSeconds });
  }
}

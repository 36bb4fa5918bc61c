import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '../errors/app.exception.js';

/** The catalogue codes a limit may answer with (both 429). */
export type RateLimitCode = 'RATE_LIMITED' | 'LOGIN_RATE_LIMITED';

/**
 * A fixed-window limit kept in PostgreSQL, so N stateless BFF instances share one budget.
 * One upsert per request; old windows are swept opportunistically.
 */
@Injectable()
export class RateLimiter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Count one hit of `bucket`; past `limit` in the current window, throw `code` (429) with
   * `retryAfterSeconds`: the seconds left until the window ends.
   */
  async consume(
    bucket: string,
    limit: number,
    windowSeconds: number,
    code: RateLimitCode = 'RATE_LIMITED',
  ): Promise<void> {
    const rows = (await this.dataSource.query(
      `INSERT INTO rate_limit_windows (bucket, window_start, hits)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
       RETURNING hits, ceil(extract(epoch FROM window_start) + $2 - extract(epoch FROM now()))::int AS seconds_left`,
      [bucket, windowSeconds],
    )) as { hits: number; seconds_left: number }[];
    if (Math.random() < 0.01) {
      await this.dataSource.query(`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 hour'`);
    }
    const row = rows[0]!;
    if (row.hits > limit) {
      throw new AppException(code, { retryAfterSeconds: Math.min(windowSeconds, Math.max(1, row.seconds_left)) });
    }
  }
}

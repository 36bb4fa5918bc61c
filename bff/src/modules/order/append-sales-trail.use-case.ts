import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SalesTrailEvent } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';

/** Appends what the buyer's app reports (payment started, its result) to the trail of their own order. */
@Injectable()
export class AppendSalesTrailUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(customerId: string, orderId: string, events: readonly SalesTrailEvent[]): Promise<void> {
    const rows = events.map((e) => ({
      type: e.type,
      page: e.page,
      at: e.at,
      duration_ms: e.durationMs ?? null,
      detail: e.detail ?? null,
    }));
    const appended = (await this.dataSource.query(
      `INSERT INTO sales_trail_events (order_id, type, page, at, duration_ms, detail)
       SELECT o.id, e.type, e.page, e.at, e.duration_ms, e.detail
         FROM orders o, jsonb_to_recordset($3::jsonb) AS e(type text, page text, at timestamptz, duration_ms integer, detail text)
        WHERE o.id = $1 AND o.customer_id = $2
       RETURNING order_id`,
      [orderId, customerId, JSON.stringify(rows)],
    )) as unknown[];
    // Nothing appended: the order does not exist or is someone else's; both answer the same.
    if (appended.length === 0) throw new AppException('ORDER_NOT_FOUND');
  }
}

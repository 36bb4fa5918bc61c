import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../core/database/rows-of.js';
import { NotifyApprovedClaimsUseCase } from './notify-approved-claims.use-case.js';

const PAGE = 2000;

/**
 * The subscribe message of every heat claim that became payable, a page at a time (a hot day can
 * make a million claims payable: their ids do not travel in one job). Each claim is notified at
 * most once, after its first paying day; later days only grow it. The weather module's job runs it
 * after a hot day is settled; the claim module owns the claims it marks.
 */
@Injectable()
export class NotifyHeatClaimsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notify: NotifyApprovedClaimsUseCase,
  ) {}

  async execute(): Promise<number> {
    let total = 0;
    for (;;) {
      // Opened with their policies at 0 ('none'), heat claims become due once something accrued.
      const rows = rowsOf<{ id: string }>(
        await this.dataSource.query(
          `UPDATE claims SET notify_state = 'pending'
            WHERE id IN (SELECT id FROM claims WHERE notify_state = 'none' AND amount_fen > 0 ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING id`,
          [PAGE],
        ),
      );
      if (rows.length === 0) return total;
      await this.notify.execute(rows.map((row) => row.id));
      total += rows.length;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/clock/clock.js';
import { rowsOf } from '../../core/database/rows-of.js';
import { AppException } from '../../core/errors/app.exception.js';

/** Satisfaction after resolution: the user's latest resolved conversation, rated once. */
@Injectable()
export class RateConversationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(input: { openid: string; score: number }): Promise<void> {
    const rated = rowsOf(
      await this.dataSource.query(
        `UPDATE support_conversations SET rating = $2, rated_at = $3, updated_at = now()
          WHERE id = (SELECT id FROM support_conversations WHERE openid = $1 ORDER BY created_at DESC LIMIT 1)
            AND status = 'resolved' AND rating IS NULL RETURNING id`,
        [input.openid, input.score, this.clock.now()],
      ),
    );
    if (rated.length === 0) throw new AppException('CONFLICT');
  }
}

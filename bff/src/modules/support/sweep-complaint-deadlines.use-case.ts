import { Injectable, Logger } from '@nestjs/common';
import { COMPLAINT_REMINDER_LEAD_MS, formatBeijingDateTime } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { rowsOf } from '../../core/database/rows-of.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';

/**
 * The scheduled sweep: every open complaint within three days of its deadline gets one reminder —
 * stamped on the ticket (the inbox's reminder list) and left as an internal note in its
 * conversation. Overdue complaints are reminded too, if they never were.
 */
@Injectable()
export class SweepComplaintDeadlinesUseCase {
  private readonly logger = new Logger('ComplaintSweep');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ reminded: number }> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const due = rowsOf<{ id: string; conversation_id: string; deadline: Date }>(
        await tx.manager.query(
          `UPDATE support_complaints SET reminded_at = $1
            WHERE closed_at IS NULL AND reminded_at IS NULL AND deadline <= $2
           RETURNING id, conversation_id, deadline`,
          [now, new Date(now.getTime() + COMPLAINT_REMINDER_LEAD_MS)],
        ),
      );
      for (const complaint of due) {
        const deadline = formatBeijingDateTime(new Date(complaint.deadline), 'minute');
        const overdue = new Date(complaint.deadline).getTime() < now.getTime();
        await tx.manager.query(
          `INSERT INTO support_messages (conversation_id, direction, kind, text, author_kind, created_at) VALUES ($1, 'note', 'text', $2, 'auto', $3)`,
          [
            complaint.conversation_id,
            overdue
              ? `投诉工单已超过答复时限（${deadline}），请立即处理`
              : `投诉工单将于 ${deadline} 到期，请在期限内答复用户`,
            now,
          ],
        );
        this.logger.warn(
          { complaintId: complaint.id, deadline: complaint.deadline, overdue },
          'complaint deadline reminder',
        );
      }
      return { reminded: due.length };
    });
  }
}

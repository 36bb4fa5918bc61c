import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { complaintClockState, complaintTrackOf, type Complaint } from '@xiaoan/shared';

export interface ComplaintRow {
  id: string;
  conversation_id: string;
  customer_id: string | null;
  summary: string;
  complex: boolean;
  extension_reason: string | null;
  extended_at: Date | null;
  accepted_at: Date;
  deadline: Date;
  reminded_at: Date | null;
  outcome: string | null;
  outcome_send_state: 'queued' | 'sent' | 'failed' | null;
  outcome_message_id: string | null;
  closed_at: Date | null;
}

const COMPLAINT_SELECT = `
  SELECT k.id, k.conversation_id, k.customer_id, k.summary, k.complex, k.extension_reason, k.extended_at, k.accepted_at, k.deadline,
         k.reminded_at, k.outcome, k.outcome_message_id, m.send_state AS outcome_send_state, k.closed_at
    FROM support_complaints k LEFT JOIN support_messages m ON m.id = k.outcome_message_id`;

const DAY_MS = 86_400_000;

export const toComplaint = (row: ComplaintRow, now: Date): Complaint => {
  const deadline = new Date(row.deadline);
  const closedAt = row.closed_at ? new Date(row.closed_at) : null;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    summary: row.summary,
    track: complaintTrackOf({ complex: row.complex, extended: row.extended_at !== null }),
    acceptedAt: new Date(row.accepted_at).toISOString(),
    deadline: deadline.toISOString(),
    clock: complaintClockState({ deadline, closedAt }, now),
    daysLeft: Math.ceil((deadline.getTime() - now.getTime()) / DAY_MS),
    extensionReason: row.extension_reason,
    outcome: row.outcome,
    outcomeSentState:
      row.outcome === null ? null : row.outcome_message_id === null ? 'not_sent' : (row.outcome_send_state ?? 'queued'),
    closedAt: closedAt ? closedAt.toISOString() : null,
    remindedAt: row.reminded_at ? new Date(row.reminded_at).toISOString() : null,
  };
};

@Injectable()
export class ComplaintRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    options: { lock?: boolean } = {},
  ): Promise<ComplaintRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    if (options.lock) await manager.query(`SELECT id FROM support_complaints WHERE id = $1 FOR UPDATE`, [id]);
    const rows = (await manager.query(`${COMPLAINT_SELECT} WHERE k.id = $1`, [id])) as ComplaintRow[];
    return rows[0];
  }

  /** open: not closed; overdue: past the deadline; due_soon: within the reminder lead; closed; all. */
  async list(
    state: 'open' | 'overdue' | 'due_soon' | 'closed' | 'all',
    now: Date,
    leadMs: number,
  ): Promise<ComplaintRow[]> {
    const clauses: Record<typeof state, { where: string; params: unknown[] }> = {
      open: { where: 'k.closed_at IS NULL', params: [] },
      overdue: { where: 'k.closed_at IS NULL AND k.deadline < $1', params: [now] },
      due_soon: {
        where: 'k.closed_at IS NULL AND k.deadline >= $1 AND k.deadline <= $2',
        params: [now, new Date(now.getTime() + leadMs)],
      },
      closed: { where: 'k.closed_at IS NOT NULL', params: [] },
      all: { where: 'true', params: [] },
    };
    const { where, params } = clauses[state];
    return (await this.dataSource.query(
      `${COMPLAINT_SELECT} WHERE ${where} ORDER BY k.deadline LIMIT 200`,
      params,
    )) as ComplaintRow[];
  }

  async reminders(): Promise<
    { id: string; conversation_id: string; deadline: Date; reminded_at: Date; summary: string }[]
  > {
    return (await this.dataSource.query(
      `SELECT id, conversation_id, deadline, reminded_at, summary FROM support_complaints
        WHERE closed_at IS NULL AND reminded_at IS NOT NULL ORDER BY deadline LIMIT 200`,
    )) as { id: string; conversation_id: string; deadline: Date; reminded_at: Date; summary: string }[];
  }
}

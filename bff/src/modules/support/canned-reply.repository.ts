import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CannedReply } from '@xiaoan/shared';
import { variablesOf } from './domain/canned-reply.js';

/** The team's canned replies (快捷回复). */
@Injectable()
export class CannedReplyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<CannedReply[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, title, body FROM support_canned_replies WHERE disabled_at IS NULL ORDER BY created_at, title`,
    )) as {
      id: string;
      title: string;
      body: string;
    }[];
    return rows.map((row) => ({ ...row, variables: variablesOf(row.body) }));
  }

  async find(id: string): Promise<CannedReply | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT id, title, body FROM support_canned_replies WHERE id = $1 AND disabled_at IS NULL`,
      [id],
    )) as {
      id: string;
      title: string;
      body: string;
    }[];
    return rows[0] ? { ...rows[0], variables: variablesOf(rows[0].body) } : undefined;
  }

  async create(input: { title: string; body: string; staffUserId: string }): Promise<CannedReply> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO support_canned_replies (title, body, created_by) VALUES ($1, $2, $3) RETURNING id, title, body`,
      [input.title, input.body, input.staffUserId],
    )) as { id: string; title: string; body: string }[];
    return { ...row!, variables: variablesOf(row!.body) };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Invite posters made ahead of time: one row per invite code, written once. */
@Injectable()
export class InvitePosterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async poster(inviteCode: string): Promise<Buffer | undefined> {
    const [row] = (await this.dataSource.query(`SELECT poster_png FROM invite_posters WHERE invite_code = $1`, [
      inviteCode,
    ])) as { poster_png: Buffer }[];
    return row?.poster_png;
  }

  async exists(inviteCode: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT 1 AS one FROM invite_posters WHERE invite_code = $1`, [
      inviteCode,
    ])) as unknown[];
    return Boolean(row);
  }

  async codeExists(inviteCode: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT 1 AS one FROM invite_codes WHERE code = $1`, [
      inviteCode,
    ])) as unknown[];
    return Boolean(row);
  }

  async save(row: {
    inviteCode: string;
    scene: string;
    page: string;
    codePng: Buffer;
    posterPng: Buffer;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO invite_posters (invite_code, scene, page, code_png, poster_png) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (invite_code) DO NOTHING`,
      [row.inviteCode, row.scene, row.page, row.codePng, row.posterPng],
    );
  }
}

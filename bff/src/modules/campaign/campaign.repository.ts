import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CampaignDefinition, CampaignStatus, StaffCampaign } from '@xiaoan/shared';
import { rowsOf } from '../../core/database/rows-of.js';

export interface CampaignRow {
  id: string;
  status: CampaignStatus;
  version: number;
  published_version: number | null;
  definition: CampaignDefinition;
  budget_fen: string;
  spent_fen: string;
  rejection_reason: string | null;
  updated_at: Date;
}

const COLUMNS = `id::text, status, version, published_version, definition, budget_fen, spent_fen, rejection_reason, updated_at`;

export const toStaffCampaign = (row: CampaignRow): StaffCampaign => ({
  id: row.id,
  status: row.status,
  version: row.version,
  publishedVersion: row.published_version,
  definition: row.definition,
  spentFen: Number(row.spent_fen),
  rejectionReason: row.rejection_reason,
  updatedAt: row.updated_at.toISOString(),
});

/** Campaigns, their archived versions, and the status moves between them. */
@Injectable()
export class CampaignRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    definition: CampaignDefinition,
    by: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CampaignRow> {
    const rows = (await manager.query(
      `INSERT INTO campaigns (definition, budget_fen, starts_at, ends_at, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${COLUMNS}`,
      [JSON.stringify(definition), definition.budgetFen, definition.startsAt, definition.endsAt, by],
    )) as CampaignRow[];
    return rows[0]!;
  }

  async find(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CampaignRow | undefined> {
    const rows = (await manager.query(`SELECT ${COLUMNS} FROM campaigns WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [
      id,
    ])) as CampaignRow[];
    return rows[0];
  }

  async list(limit: number): Promise<CampaignRow[]> {
    return (await this.dataSource.query(`SELECT ${COLUMNS} FROM campaigns ORDER BY updated_at DESC, id LIMIT $1`, [
      limit,
    ])) as CampaignRow[];
  }

  /** The archived published versions of a campaign, newest first (immutable rows). */
  async versions(
    id: string,
  ): Promise<
    { version: number; definition: CampaignDefinition; submitted_by: string; approved_by: string; published_at: Date }[]
  > {
    return (await this.dataSource.query(
      `SELECT version, definition, submitted_by, approved_by, published_at FROM campaign_versions WHERE campaign_id = $1 ORDER BY version DESC`,
      [id],
    )) as {
      version: number;
      definition: CampaignDefinition;
      submitted_by: string;
      approved_by: string;
      published_at: Date;
    }[];
  }

  /** A draft's new text (the budget may not drop below what has been spent: the CHECK says so). */
  async updateDraft(
    id: string,
    definition: CampaignDefinition,
    by: string,
    manager: EntityManager,
  ): Promise<CampaignRow | undefined> {
    const rows = rowsOf<CampaignRow>(
      await manager.query(
        `UPDATE campaigns SET definition = $2, budget_fen = $3, starts_at = $4, ends_at = $5, updated_by = $6, rejection_reason = NULL, updated_at = now()
          WHERE id = $1 AND status = 'draft' RETURNING ${COLUMNS}`,
        [id, JSON.stringify(definition), definition.budgetFen, definition.startsAt, definition.endsAt, by],
      ),
    );
    return rows[0];
  }

  /** Moves `from` → `to`; matches nothing (undefined) when the campaign is not in `from`. */
  async move(
    id: string,
    from: CampaignStatus[],
    to: CampaignStatus,
    by: string,
    manager: EntityManager,
    extra: { rejectionReason?: string | null; publishVersion?: boolean } = {},
  ): Promise<CampaignRow | undefined> {
    const rows = rowsOf<CampaignRow>(
      await manager.query(
        `UPDATE campaigns SET status = $3, updated_by = $4, updated_at = now(),
                rejection_reason = CASE WHEN $5::boolean THEN $6 ELSE rejection_reason END,
                published_version = CASE WHEN $7::boolean THEN version ELSE published_version END
          WHERE id = $1 AND status = ANY($2::varchar[]) RETURNING ${COLUMNS}`,
        [
          id,
          from,
          to,
          by,
          extra.rejectionReason !== undefined,
          extra.rejectionReason ?? null,
          extra.publishVersion === true,
        ],
      ),
    );
    return rows[0];
  }

  async archive(row: CampaignRow, submittedBy: string, approvedBy: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO campaign_versions (campaign_id, version, definition, submitted_by, approved_by) VALUES ($1, $2, $3, $4, $5)`,
      [row.id, row.version, JSON.stringify(row.definition), submittedBy, approvedBy],
    );
  }

  async lastSubmitter(id: string, manager: EntityManager): Promise<string> {
    const rows = (await manager.query(`SELECT updated_by FROM campaigns WHERE id = $1`, [id])) as {
      updated_by: string;
    }[];
    return rows[0]?.updated_by ?? 'unknown';
  }

  /** Published campaigns whose window contains now, newest first, with their archived (published) text. */
  async live(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; version: number; definition: CampaignDefinition }[]> {
    return (await manager.query(
      `SELECT c.id::text, v.version, v.definition
         FROM campaigns c JOIN campaign_versions v ON v.campaign_id = c.id AND v.version = c.published_version
        WHERE c.status = 'published' AND c.starts_at <= now() AND c.ends_at > now()
        ORDER BY c.starts_at DESC, c.id`,
    )) as { id: string; version: number; definition: CampaignDefinition }[];
  }
}

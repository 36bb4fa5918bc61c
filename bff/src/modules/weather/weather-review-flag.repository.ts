import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { WeatherReviewFlag } from '@xiaoan/shared';
import { rowsOf } from '../../core/database/rows-of.js';

interface FlagRow {
  id: string;
  place_code: string;
  place_name: string;
  kind: 'daily_max' | 'hourly_precip';
  reading_date: string;
  settled_hundredths: number;
  corrected_hundredths: number;
  note: string;
  policies_affected: number;
  created_at: Date;
  resolved_at: Date | null;
  resolution: string | null;
}

const FLAG_SELECT = `
  SELECT f.id::text, f.place_code, w.name AS place_name, f.kind, to_char(f.reading_date, 'YYYY-MM-DD') AS reading_date,
         f.settled_hundredths, f.corrected_hundredths, f.note, f.created_at, f.resolved_at, f.resolution,
         (SELECT count(*)::int FROM policies p
           WHERE p.place_code = f.place_code AND p.cover_start_date <= f.reading_date AND p.cover_end_date >= f.reading_date
             AND p.status <> 'cancelled') AS policies_affected
    FROM weather_review_flags f JOIN weather_places w ON w.code = f.place_code`;

const toFlag = (row: FlagRow): WeatherReviewFlag => ({
  id: row.id,
  placeCode: row.place_code,
  placeName: row.place_name,
  kind: row.kind,
  readingDate: row.reading_date,
  settledValue: row.settled_hundredths / 100,
  correctedValue: row.corrected_hundredths / 100,
  note: row.note,
  policiesAffected: row.policies_affected,
  createdAt: row.created_at.toISOString(),
  resolvedAt: row.resolved_at ? row.resolved_at.toISOString() : null,
  resolution: row.resolution,
});

/** Readings corrected after settlement, waiting for (or carrying) a staff decision. */
@Injectable()
export class WeatherReviewFlagRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(open: boolean, limit: number): Promise<WeatherReviewFlag[]> {
    const rows = (await this.dataSource.query(
      `${FLAG_SELECT} WHERE (f.resolved_at IS NULL) = $1 ORDER BY f.created_at, f.id LIMIT $2`,
      [open, limit],
    )) as FlagRow[];
    return rows.map(toFlag);
  }

  /** Records the decision on an open flag; false when there is no open flag with this id. */
  async resolve(id: string, resolvedBy: string, resolution: string): Promise<boolean> {
    const updated = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE weather_review_flags SET resolved_at = now(), resolved_by = $2, resolution = $3
          WHERE id = $1 AND resolved_at IS NULL RETURNING id`,
        [id, resolvedBy, resolution],
      ),
    );
    return updated.length > 0;
  }

  async find(id: string): Promise<WeatherReviewFlag | undefined> {
    const [row] = (await this.dataSource.query(`${FLAG_SELECT} WHERE f.id = $1`, [id])) as FlagRow[];
    return row ? toFlag(row) : undefined;
  }
}
